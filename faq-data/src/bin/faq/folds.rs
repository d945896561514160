//! `faq eval --folds K`: how the escalation judgement does on messages it has not seen. The
//! labelled queries are dealt into K folds, the same way on every run (ordered by label, then
//! by a hash of their id, and dealt in turn, so each fold has its share of escalations); for
//! each fold the signal model (`faq_data::escalation`) is fit on the other K−1 and judges the
//! fold. Printed side by side: the editors' cue lists as the index ships them (nothing fit, but
//! written with the dev queries in view), the model in-fold (judging what it was fit on) and
//! out-of-fold (the figure that says how it generalises).

use std::path::Path;
use std::process::ExitCode;

use faq_data::escalation::model::Model;
use faq_data::escalation::signals::{Signals, NAMES};
use faq_data::triage;
use serde_json::json;

use crate::eval::{indexes_for, load_queries, Escalation};

/// One labelled message: its locale, signals, the label and what the cue lists alone say.
struct Example {
    locale: String,
    signals: Vec<f32>,
    escalate: bool,
    by_cues: bool,
}

pub fn escalation(index_dir: &Path, queries: &Path, folds: usize, as_json: bool) -> Result<ExitCode, String> {
    if folds < 2 {
        return Err("--folds needs at least 2".into());
    }
    let queries = load_queries(queries)?;
    let indexes = indexes_for(index_dir, &queries)?;
    let mut order: Vec<usize> = (0..queries.len()).collect();
    order.sort_by_key(|&i| (queries[i].escalate, fnv(&queries[i].id)));
    let mut fold_of = vec![0; queries.len()];
    for (k, &i) in order.iter().enumerate() {
        fold_of[i] = k % folds;
    }
    let examples: Vec<Example> = queries
        .iter()
        .map(|q| {
            let cues = indexes[&q.locale].cues();
            Example { locale: q.locale.clone(), signals: Signals::of(&q.q, cues).values.to_vec(), escalate: q.escalate, by_cues: triage(&q.q, cues).escalate }
        })
        .collect();

    let (mut cues_alone, mut in_fold, mut out_of_fold) = (Escalation::default(), Escalation::default(), Escalation::default());
    let mut without_cues = Escalation::default();
    let mut out_by_locale: std::collections::BTreeMap<String, Escalation> = Default::default();
    // The writing signals alone: the cue reasons blanked out, to see what generalises without
    // lists that were written with the dev queries in view.
    let writing = |x: &[f32]| x.iter().enumerate().map(|(i, v)| if NAMES[i].starts_with("cue:") { 0.0 } else { *v }).collect::<Vec<f32>>();
    for fold in 0..folds {
        let training: Vec<(Vec<f32>, bool)> =
            examples.iter().zip(&fold_of).filter(|(_, f)| **f != fold).map(|(e, _)| (e.signals.clone(), e.escalate)).collect();
        let model = Model::fit(&training);
        let writing_model = Model::fit(&training.iter().map(|(x, y)| (writing(x), *y)).collect::<Vec<_>>());
        for (x, y) in &training {
            in_fold.add(*y, model.escalate(x));
        }
        for (e, _) in examples.iter().zip(&fold_of).filter(|(_, f)| **f == fold) {
            let judged = model.escalate(&e.signals);
            out_of_fold.add(e.escalate, judged);
            out_by_locale.entry(e.locale.clone()).or_default().add(e.escalate, judged);
            without_cues.add(e.escalate, writing_model.escalate(&writing(&e.signals)));
        }
    }
    for e in &examples {
        cues_alone.add(e.escalate, e.by_cues);
    }
    let everything: Vec<(Vec<f32>, bool)> = examples.iter().map(|e| (e.signals.clone(), e.escalate)).collect();
    let shipped = Model::fit(&everything);

    if as_json {
        let figures = |e: &Escalation| {
            let (precision, recall, f1) = e.figures();
            json!({"precision": precision, "recall": recall, "f1": f1})
        };
        let locales: serde_json::Map<_, _> = out_by_locale.iter().map(|(l, e)| (l.clone(), figures(e))).collect();
        let weights: serde_json::Map<_, _> = NAMES.iter().zip(&shipped.weights).map(|(n, w)| (n.to_string(), json!(w))).collect();
        println!(
            "{}",
            json!({"folds": folds, "cue_lists": figures(&cues_alone), "in_fold": figures(&in_fold), "out_of_fold": figures(&out_of_fold), "writing_signals_out_of_fold": figures(&without_cues),
                   "out_of_fold_by_locale": locales, "model_on_all": {"weights": weights, "bias": shipped.bias, "threshold": shipped.threshold}})
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("escalation, {folds} folds ({} queries)   precision  recall     F1", examples.len());
    let row = |label: &str, e: &Escalation| {
        let (p, r, f) = e.figures();
        println!("{label:<36} {p:>9.3} {r:>7.3} {f:>6.3}");
    };
    row("cue lists alone (nothing fit)", &cues_alone);
    row("signal model, in-fold", &in_fold);
    row("signal model, out-of-fold", &out_of_fold);
    for (locale, e) in &out_by_locale {
        row(&format!("  {locale}, out-of-fold"), e);
    }
    row("writing signals alone, out-of-fold", &without_cues);
    println!();
    println!("the model fit on every query (bias {:.2}, threshold {:.2}):", shipped.bias, shipped.threshold);
    for (name, weight) in NAMES.iter().zip(&shipped.weights) {
        println!("  {name:<24} {weight:>6.2}");
    }
    Ok(ExitCode::SUCCESS)
}

/// FNV-1a: a stable hash (std's hasher may change between releases), so folds never move.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
