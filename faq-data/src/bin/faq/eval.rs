//! `faq eval`: how well search answers labelled queries (format: `faq_data::build::queries`).
//!
//! MRR@5 scores the first listed article (the best answer); Recall@k counts every listed
//! article, out of at most k; out-of-scope queries should come back `unsure`, in-scope ones
//! should not; escalation is a yes/no judgement scored by precision and recall.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use faq_data::build::queries::{self, LabelledQuery};
use faq_data::regression::{self, rank_of, reciprocal_rank};
use faq_data::{Index, SearchOptions, Verdict};
use serde_json::json;

use crate::bot_eval::BotTally;
use crate::search_cmd::open_index;

/// The index of each locale the queries use, opened once.
fn indexes_for(index_dir: &Path, queries: &[LabelledQuery]) -> Result<BTreeMap<String, Index>, String> {
    let mut indexes = BTreeMap::new();
    for q in queries {
        if !indexes.contains_key(&q.locale) {
            indexes.insert(q.locale.clone(), open_index(&index_dir.join(format!("{}.core", q.locale)))?);
        }
    }
    Ok(indexes)
}

/// Sums for one group of queries (a locale, a kind, or both).
#[derive(Default, Clone)]
struct Tally {
    queries: usize,
    reciprocal_rank: f64,
    recall1: f64,
    recall5: f64,
}

impl Tally {
    fn add(&mut self, rank: Option<usize>, recall1: f64, recall5: f64) {
        self.queries += 1;
        self.reciprocal_rank += reciprocal_rank(rank);
        self.recall1 += recall1;
        self.recall5 += recall5;
    }

    fn mean(&self, sum: f64) -> f64 {
        if self.queries == 0 { 0.0 } else { sum / self.queries as f64 }
    }

    fn figures(&self) -> serde_json::Value {
        json!({"queries": self.queries, "mrr5": self.mean(self.reciprocal_rank), "recall1": self.mean(self.recall1), "recall5": self.mean(self.recall5)})
    }
}

/// Counts of an escalation judgement against the labels.
#[derive(Default, Clone, Copy)]
pub struct Escalation {
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
}

impl Escalation {
    pub fn add(&mut self, expected: bool, judged: bool) {
        match (expected, judged) {
            (true, true) => self.true_pos += 1,
            (false, true) => self.false_pos += 1,
            (true, false) => self.false_neg += 1,
            (false, false) => {}
        }
    }

    /// Precision, recall and F1.
    pub fn figures(&self) -> (f64, f64, f64) {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(self.true_pos, self.true_pos + self.false_pos);
        let recall = ratio(self.true_pos, self.true_pos + self.false_neg);
        let f1 = if precision + recall == 0.0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
        (precision, recall, f1)
    }
}

pub fn eval(index_dir: &Path, queries: &Path, as_json: bool, misses: bool) -> Result<ExitCode, String> {
    let queries = queries::load(queries)?;
    let indexes = indexes_for(index_dir, &queries)?;
    let mut by_locale: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<(String, String), Tally> = BTreeMap::new();
    // (out-of-scope, verdict) → count
    let mut verdicts: BTreeMap<(bool, &'static str), usize> = BTreeMap::new();
    let mut escalation = Escalation::default();
    let mut bot = BotTally::default();
    let options = SearchOptions { limit: regression::SEARCHED, category: None };
    for q in &queries {
        let found = indexes[&q.locale].search(&q.q, &options).map_err(|e| e.to_string())?;
        let relevant = q.relevant();
        let out_of_scope = relevant.is_empty();
        *verdicts.entry((out_of_scope, found.verdict.name())).or_default() += 1;
        escalation.add(q.escalate, found.escalate);
        if out_of_scope {
            bot.add_out_of_scope(&q.q, &found);
            if misses && found.verdict != Verdict::Unsure {
                println!("not unsure  {} {} [{}] → {:?}", q.id, q.q, q.locale, found.results.first().map(|h| &h.title));
            }
            continue;
        }
        bot.add(&indexes[&q.locale], &q.q, &found, &relevant[0]);
        let ids: Vec<&str> = found.results.iter().map(|h| h.id.as_str()).collect();
        let rank = rank_of(&found, &relevant[0]);
        let recall = |k: usize| {
            let hits = relevant.iter().filter(|r| ids.iter().take(k).any(|id| id == r)).count();
            hits as f64 / relevant.len().min(k) as f64
        };
        by_locale.entry(q.locale.clone()).or_default().add(rank, recall(1), recall(5));
        by_kind.entry((q.locale.clone(), q.kind.clone())).or_default().add(rank, recall(1), recall(5));
        if misses && rank.is_none_or(|r| r > 1) {
            let got: Vec<&str> = found.results.iter().take(3).map(|h| h.title.as_str()).collect();
            println!("rank {:>4}  {} [{}/{}] {} → {:?} want {}", rank.map_or("-".into(), |r| r.to_string()), q.id, q.locale, q.kind, q.q, got, relevant[0]);
        }
        if misses && found.verdict == Verdict::Unsure {
            println!("unsure      {} {} [{}/{}]", q.id, q.q, q.locale, q.kind);
        }
    }

    let count = |oos: bool, v: &str| verdicts.get(&(oos, v)).copied().unwrap_or(0);
    let total = |oos: bool| ["answer", "candidates", "unsure"].iter().map(|v| count(oos, v)).sum::<usize>().max(1);
    let out_of_scope_unsure = count(true, "unsure") as f64 / total(true) as f64;
    let in_scope_not_unsure = 1.0 - count(false, "unsure") as f64 / total(false) as f64;
    let (precision, recall, f1) = escalation.figures();

    if as_json {
        let locales: BTreeMap<_, _> = by_locale.iter().map(|(l, t)| (l.clone(), t.figures())).collect();
        let kinds: BTreeMap<_, _> = by_kind.iter().map(|((l, k), t)| (format!("{l}/{k}"), t.figures())).collect();
        let summary = json!({
            "locales": locales,
            "kinds": kinds,
            "out_of_scope_unsure": out_of_scope_unsure,
            "in_scope_not_unsure": in_scope_not_unsure,
            "escalation": {"precision": precision, "recall": recall, "f1": f1},
        });
        println!("{summary}");
        return Ok(ExitCode::SUCCESS);
    }
    println!("{:<24} {:>7} {:>7} {:>9} {:>9}", "locale / kind", "queries", "MRR@5", "Recall@1", "Recall@5");
    for (locale, t) in &by_locale {
        print_row(locale, t);
        for ((_, kind), t) in by_kind.iter().filter(|((l, _), _)| l == locale) {
            print_row(&format!("  {kind}"), t);
        }
    }
    println!();
    println!("verdicts          answer  candidates  unsure");
    for (label, oos) in [("in scope", false), ("out of scope", true)] {
        println!("{label:<16} {:>7} {:>11} {:>7}", count(oos, "answer"), count(oos, "candidates"), count(oos, "unsure"));
    }
    println!("out-of-scope flagged unsure: {:.1}%   in-scope not flagged: {:.1}%", out_of_scope_unsure * 100.0, in_scope_not_unsure * 100.0);
    println!(
        "escalation: precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}  (tp {}, fp {}, fn {})",
        escalation.true_pos, escalation.false_pos, escalation.false_neg
    );
    bot.print();
    Ok(ExitCode::SUCCESS)
}

fn print_row(label: &str, t: &Tally) {
    let f = t.figures();
    println!("{label:<24} {:>7} {:>7.3} {:>9.3} {:>9.3}", t.queries, f["mrr5"].as_f64().unwrap_or(0.0), f["recall1"].as_f64().unwrap_or(0.0), f["recall5"].as_f64().unwrap_or(0.0));
}
