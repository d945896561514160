//! Escalation out of fold. The signal model (`faq_data::escalation`) is fit on K−1 folds of the
//! labelled queries, plus the messages the project wrote itself
//! (`content/<locale>/_data/escalation-examples.txt`), with the cue signals read from that
//! fold's own cue lists, and judges the fold.

use std::collections::BTreeMap;
use std::path::Path;

use faq_data::escalation::model::Model;
use faq_data::escalation::shipped;
use faq_data::escalation::signals::{Signals, NAMES};
use faq_data::Cues;
use serde_json::{json, Value};

use super::vocabulary::Vocabulary;
use super::Folds;
use crate::eval::Escalation;
use faq_data::build::queries::LabelledQuery;

/// The project's own labelled messages of one locale: `+ text` escalates, `- text` does not.
pub fn examples(content: &Path, locale: &str) -> Result<Vec<(String, bool)>, String> {
    let path = content.join(locale).join("_data/escalation-examples.txt");
    let Ok(text) = std::fs::read_to_string(&path) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match line.split_at(1) {
            ("+", rest) => out.push((rest.trim().to_string(), true)),
            ("-", rest) => out.push((rest.trim().to_string(), false)),
            _ => return Err(format!("{}:{}: a line starts with + (escalate) or - (not)", path.display(), n + 1)),
        }
    }
    Ok(out)
}

/// The writing signals alone: the cue reasons blanked out.
fn writing(x: &[f32]) -> Vec<f32> {
    x.iter().enumerate().map(|(i, v)| if NAMES[i].starts_with("cue:") { 0.0 } else { *v }).collect()
}

pub struct EscalationReport {
    shipped: Escalation,
    cues_out_of_fold: Escalation,
    /// (in-fold, out-of-fold) of the model fit on the dev folds alone.
    dev_only: (Escalation, Escalation),
    /// (in-fold, out-of-fold) of the model fit on the dev folds and the project's messages.
    with_examples: (Escalation, Escalation),
    by_locale: BTreeMap<String, Escalation>,
    writing_alone: Escalation,
    /// The cue lists kept in fold, or else the writing signals' model: out of fold.
    cues_or_writing: Escalation,
    /// The model fit on the project's messages only, judging every dev query.
    examples_only: Escalation,
    examples: usize,
    pub everything: Model,
}

pub fn judge(queries: &[LabelledQuery], folds: &Folds, vocabulary: &Vocabulary, content: &Path) -> Result<EscalationReport, String> {
    let locales: Vec<String> = vocabulary.indexes[0].keys().cloned().collect();
    let mut written: Vec<(String, String, bool)> = Vec::new();
    for locale in &locales {
        written.extend(examples(content, locale)?.into_iter().map(|(text, y)| (locale.clone(), text, y)));
    }
    let mut report = EscalationReport {
        shipped: Escalation::default(),
        cues_out_of_fold: Escalation::default(),
        dev_only: Default::default(),
        with_examples: Default::default(),
        by_locale: BTreeMap::new(),
        writing_alone: Escalation::default(),
        cues_or_writing: Escalation::default(),
        examples_only: Escalation::default(),
        examples: written.len(),
        everything: Model { weights: Vec::new(), bias: 0.0, threshold: 0.5 },
    };
    for fold in 0..folds.k {
        let cues = |locale: &str| -> &Cues { vocabulary.indexes[fold][locale].cues() };
        let dev: Vec<(Vec<f32>, bool)> = queries.iter().map(|q| (Signals::of(&q.q, cues(&q.locale)).values.to_vec(), q.escalate)).collect();
        let own: Vec<(Vec<f32>, bool)> = written.iter().map(|(l, text, y)| (Signals::of(text, cues(l)).values.to_vec(), *y)).collect();
        let training: Vec<(Vec<f32>, bool)> = folds.training(fold).map(|q| dev[q].clone()).collect();
        let dev_model = Model::fit(&training);
        let mut both = training.clone();
        both.extend(own.iter().cloned());
        // Weights from both; the threshold from the dev folds alone, whose share of escalations
        // is the one messages arrive with (the project's own are half escalations).
        let mut model = Model::fit(&both);
        model.tune_threshold(&training);
        // The writing model speaks only where the cue lists are silent: its threshold is the one
        // that serves "the cues, or else the model" best on the dev folds, beside what the cue
        // lists say of each of those queries out of fold (the lists kept in fold were chosen
        // for those very queries: beside them the model would seem to add nothing).
        let mut writing_model = Model::fit(&both.iter().map(|(x, y)| (writing(x), *y)).collect::<Vec<_>>());
        let unseen_cues: Vec<bool> = folds.training(fold).map(|q| vocabulary.outcomes[folds.of[q]][q].by_cues()).collect();
        writing_model.tune_threshold_beside(&training.iter().map(|(x, y)| (writing(x), *y)).collect::<Vec<_>>(), &unseen_cues);
        let writing_alone = {
            let mut m = writing_model.clone();
            m.tune_threshold(&training.iter().map(|(x, y)| (writing(x), *y)).collect::<Vec<_>>());
            m
        };
        for q in 0..queries.len() {
            let (x, y) = &dev[q];
            if folds.of[q] == fold {
                report.dev_only.1.add(*y, dev_model.escalate(x));
                report.with_examples.1.add(*y, model.escalate(x));
                report.by_locale.entry(queries[q].locale.clone()).or_default().add(*y, model.escalate(x));
                report.writing_alone.add(*y, writing_alone.escalate(&writing(x)));
                let by_cues = vocabulary.outcomes[fold][q].by_cues();
                report.cues_out_of_fold.add(*y, by_cues);
                report.cues_or_writing.add(*y, by_cues || writing_model.escalate(&writing(x)));
            } else {
                report.dev_only.0.add(*y, dev_model.escalate(x));
                report.with_examples.0.add(*y, model.escalate(x));
            }
        }
    }
    let cues = |locale: &str| -> &Cues { vocabulary.shipped_indexes[locale].cues() };
    let dev: Vec<(Vec<f32>, bool)> = queries.iter().map(|q| (Signals::of(&q.q, cues(&q.locale)).values.to_vec(), q.escalate)).collect();
    let own: Vec<(Vec<f32>, bool)> = written.iter().map(|(l, text, y)| (Signals::of(text, cues(l)).values.to_vec(), *y)).collect();
    if !own.is_empty() {
        let own_model = Model::fit(&own);
        for (x, y) in &dev {
            report.examples_only.add(*y, own_model.escalate(x));
        }
    }
    report.shipped = vocabulary.shipped.escalation;
    // What would ship: the writing model on every dev query and message.
    let dev: Vec<(Vec<f32>, bool)> = dev.iter().map(|(x, y)| (writing(x), *y)).collect();
    report.everything = Model::fit(&dev.iter().cloned().chain(own.iter().map(|(x, y)| (writing(x), *y))).collect::<Vec<_>>());
    let unseen_cues: Vec<bool> = (0..queries.len()).map(|q| vocabulary.outcomes[folds.of[q]][q].by_cues()).collect();
    report.everything.tune_threshold_beside(&dev, &unseen_cues);
    Ok(report)
}

impl EscalationReport {
    pub fn print(&self) {
        println!("== escalation ({} messages the project wrote itself beside the dev queries)", self.examples);
        println!("{:<52} precision  recall     F1", "");
        let row = |label: &str, e: &Escalation| {
            let (p, r, f) = e.figures();
            println!("{label:<52} {p:>9.3} {r:>7.3} {f:>6.3}");
        };
        row("as shipped: cue lists and writing model, fit on the dev set", &self.shipped);
        row("cue lists kept in fold, out-of-fold", &self.cues_out_of_fold);
        row("model on dev folds, in-fold", &self.dev_only.0);
        row("model on dev folds, out-of-fold", &self.dev_only.1);
        row("model on dev folds + own messages, in-fold", &self.with_examples.0);
        row("model on dev folds + own messages, out-of-fold", &self.with_examples.1);
        for (locale, e) in &self.by_locale {
            row(&format!("  {locale}, out-of-fold"), e);
        }
        row("writing signals alone (+ own messages), out-of-fold", &self.writing_alone);
        row("cue lists, or else the writing model, out-of-fold", &self.cues_or_writing);
        row("model on own messages only, every dev query", &self.examples_only);
        println!("\nthe writing model fit on every dev query and message, as every index ships it:\n{}", shipped::to_toml(&self.everything));
    }

    pub fn json(&self) -> Value {
        let f = |e: &Escalation| {
            let (precision, recall, f1) = e.figures();
            json!({"precision": precision, "recall": recall, "f1": f1})
        };
        let weights: serde_json::Map<_, _> = NAMES.iter().zip(&self.everything.weights).map(|(n, w)| (n.to_string(), json!(w))).collect();
        json!({"cue_lists_as_shipped": f(&self.shipped), "cue_lists_out_of_fold": f(&self.cues_out_of_fold),
               "model_dev_only": {"in_fold": f(&self.dev_only.0), "out_of_fold": f(&self.dev_only.1)},
               "model_with_examples": {"in_fold": f(&self.with_examples.0), "out_of_fold": f(&self.with_examples.1)},
               "out_of_fold_by_locale": self.by_locale.iter().map(|(l, e)| (l.clone(), f(e))).collect::<serde_json::Map<_, _>>(),
               "writing_signals_out_of_fold": f(&self.writing_alone), "cues_or_writing_out_of_fold": f(&self.cues_or_writing), "examples_only": f(&self.examples_only), "examples": self.examples,
               "model_on_everything": {"weights": weights, "bias": self.everything.bias, "threshold": self.everything.threshold}})
    }
}
