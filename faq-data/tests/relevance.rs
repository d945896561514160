//! The demo help center against its labelled development queries (`content/queries-dev.jsonl`),
//! scored as `faq eval` scores them. The floors sit a little under today's figures
//! (BENCHMARKS.md), so a change that makes search, the verdict or escalation clearly worse
//! fails here; they are not the targets, which the held-out queries decide.

#![cfg(feature = "build")]

use std::collections::BTreeMap;
use std::path::Path;

use faq_data::build::load::load_dir;
use faq_data::build::write_locale;
use faq_data::{Index, SearchOptions, Verdict};

struct Labelled {
    q: String,
    locale: String,
    relevant: Vec<String>,
    escalate: bool,
}

fn queries() -> Vec<Labelled> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/queries-dev.jsonl");
    std::fs::read_to_string(path)
        .expect("dev queries")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            Labelled {
                q: v["q"].as_str().expect("q").to_string(),
                locale: v["locale"].as_str().expect("locale").to_string(),
                relevant: v["relevant"].as_array().expect("relevant").iter().map(|r| r.to_string().trim_matches('"').to_string()).collect(),
                escalate: v["escalate"].as_bool().expect("escalate"),
            }
        })
        .collect()
}

fn indexes() -> BTreeMap<String, Index> {
    let (content, problems) = load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"));
    assert!(problems.is_empty(), "{problems:?}");
    content
        .locales
        .iter()
        .map(|l| (l.locale.clone(), write_locale(l).expect("builds").open().expect("reads")))
        .collect()
}

#[test]
fn dev_queries_stay_above_their_floors() {
    let indexes = indexes();
    let mut mrr: BTreeMap<&str, (f64, usize)> = BTreeMap::new();
    let (mut oos, mut oos_unsure, mut in_scope, mut in_scope_flagged) = (0, 0, 0, 0);
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    let queries = queries();
    for q in &queries {
        let found = indexes[&q.locale].search(&q.q, &SearchOptions::default()).expect("every part attached");
        match (q.escalate, found.escalate) {
            (true, true) => tp += 1,
            (false, true) => fp += 1,
            (true, false) => fneg += 1,
            _ => {}
        }
        let unsure = found.verdict == Verdict::Unsure;
        if q.relevant.is_empty() {
            oos += 1;
            oos_unsure += usize::from(unsure);
            continue;
        }
        in_scope += 1;
        in_scope_flagged += usize::from(unsure);
        let rank = found.results.iter().take(5).position(|h| h.id == q.relevant[0]);
        let entry = mrr.entry(q.locale.as_str()).or_default();
        entry.0 += rank.map_or(0.0, |r| 1.0 / (r + 1) as f64);
        entry.1 += 1;
    }
    for (locale, (sum, n)) in &mrr {
        let value = sum / *n as f64;
        assert!(value >= 0.83, "{locale} MRR@5 {value:.3}");
    }
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fneg) as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    assert!(f1 >= 0.90, "escalation F1 {f1:.3} (precision {precision:.3}, recall {recall:.3})");
    let flagged = oos_unsure as f64 / oos as f64;
    let kept = 1.0 - in_scope_flagged as f64 / in_scope as f64;
    assert!(flagged >= 0.85, "out-of-scope flagged unsure {flagged:.3}");
    assert!(kept >= 0.85, "in-scope not flagged {kept:.3}");
}
