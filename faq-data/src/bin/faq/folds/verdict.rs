//! The `unsure` verdict out of fold, two ways: the hand thresholds re-chosen on K−1 folds (each
//! threshold in turn, over a grid around the shipped value), and a calibration — a logistic
//! model of "the query is in scope" over the verdict's evidence, fit on K−1 folds, with the
//! probability below which to say `unsure` chosen there too. Both aim at the two goals at once:
//! each choice maximises the mean of "in scope, not unsure" and "out of scope, unsure".

use faq_data::escalation::model::Model;
use faq_data::{Evidence, Thresholds};
use serde_json::{json, Value};

use super::{Folds, Outcome};
use faq_data::build::queries::LabelledQuery;

/// What the calibration reads from the evidence.
pub fn features(e: &Evidence) -> Vec<f32> {
    let lead = if e.lead.is_finite() { e.lead.clamp(1.0, 10.0) } else { 10.0 };
    vec![(1.0 + e.score).ln(), e.coverage, e.topic, lead.ln(), (e.content / 10.0).min(1.0)]
}

/// Rates of one way of judging: (in scope, not unsure), (out of scope, unsure).
#[derive(Default, Clone, Copy)]
struct Rates {
    in_scope: usize,
    answered: usize,
    out_of_scope: usize,
    flagged: usize,
}

impl Rates {
    fn add(&mut self, in_scope: bool, unsure: bool) {
        if in_scope {
            self.in_scope += 1;
            self.answered += usize::from(!unsure);
        } else {
            self.out_of_scope += 1;
            self.flagged += usize::from(unsure);
        }
    }

    fn answered(&self) -> f64 {
        self.answered as f64 / self.in_scope.max(1) as f64
    }

    fn flagged(&self) -> f64 {
        self.flagged as f64 / self.out_of_scope.max(1) as f64
    }

    /// The mean of the two rates: what every choice here maximises.
    fn balanced(&self) -> f64 {
        (self.answered() + self.flagged()) / 2.0
    }

    fn json(&self) -> Value {
        json!({"in_scope_not_unsure": self.answered(), "out_of_scope_unsure": self.flagged()})
    }
}

fn rates(queries: &[LabelledQuery], outcomes: &[Outcome], which: impl Iterator<Item = usize>, unsure: impl Fn(&Evidence) -> bool) -> Rates {
    let mut r = Rates::default();
    for q in which {
        r.add(!queries[q].relevant().is_empty(), unsure(&outcomes[q].found.evidence));
    }
    r
}

/// Multiples of a shipped threshold tried; 1 first, so a tie keeps it.
const GRID: [f32; 9] = [1.0, 0.5, 0.67, 0.8, 0.9, 1.1, 1.25, 1.5, 2.0];

/// The thresholds, tuned one at a time (two rounds) to the best balanced rate on `training`.
fn tune(queries: &[LabelledQuery], outcomes: &[Outcome], training: &[usize]) -> Thresholds {
    let mut best = Thresholds::DEFAULT;
    let knobs: [fn(&mut Thresholds) -> &mut f32; 7] = [
        |t| &mut t.min_score,
        |t| &mut t.strong_score,
        |t| &mut t.min_full_score,
        |t| &mut t.min_coverage_short,
        |t| &mut t.min_coverage_long,
        |t| &mut t.short_query,
        |t| &mut t.long_query,
    ];
    for _ in 0..2 {
        for knob in knobs {
            let base = *knob(&mut Thresholds::DEFAULT.clone());
            let mut top = (best, rates(queries, outcomes, training.iter().copied(), |e| best.unsure(e)).balanced());
            for m in GRID {
                let mut t = best;
                *knob(&mut t) = base * m;
                let score = rates(queries, outcomes, training.iter().copied(), |e| t.unsure(e)).balanced();
                if score > top.1 + 1e-9 {
                    top = (t, score);
                }
            }
            best = top.0;
        }
    }
    best
}

/// A calibration fit on `training`, and the probability below which it says `unsure`.
fn calibrate(queries: &[LabelledQuery], outcomes: &[Outcome], training: &[usize]) -> Model {
    let examples: Vec<(Vec<f32>, bool)> = training.iter().map(|&q| (features(&outcomes[q].found.evidence), !queries[q].relevant().is_empty())).collect();
    let mut model = Model::fit_calibrated(&examples);
    let mut cuts: Vec<f32> = examples.iter().map(|(x, _)| model.probability(x)).collect();
    cuts.sort_by(f32::total_cmp);
    cuts.dedup();
    let mut best = (0.5, -1.0);
    for pair in cuts.windows(2) {
        let cut = (pair[0] + pair[1]) / 2.0;
        let score = rates(queries, outcomes, training.iter().copied(), |e| model.probability(&features(e)) < cut).balanced();
        if score > best.1 + 1e-9 {
            best = (cut, score);
        }
    }
    model.threshold = best.0;
    model
}

pub struct VerdictReport {
    shipped: Rates,
    tuned: (Rates, Rates),
    calibrated: (Rates, Rates),
    /// Out-of-fold predicted probability of "in scope" in fifths: (count, predicted sum, in scope).
    reliability: [(usize, f64, usize); 5],
}

pub fn judge(queries: &[LabelledQuery], folds: &Folds, outcomes: &[Vec<Outcome>]) -> VerdictReport {
    let mut report = VerdictReport {
        shipped: Rates::default(),
        tuned: Default::default(),
        calibrated: Default::default(),
        reliability: Default::default(),
    };
    for fold in 0..folds.k {
        let o = &outcomes[fold];
        let training: Vec<usize> = folds.training(fold).collect();
        let held_out: Vec<usize> = folds.held_out(fold).collect();
        let shipped = Thresholds::DEFAULT;
        for &q in &held_out {
            report.shipped.add(!queries[q].relevant().is_empty(), shipped.unsure(&o[q].found.evidence));
        }
        let tuned = tune(queries, o, &training);
        let model = calibrate(queries, o, &training);
        for (set, in_fold) in [(&training, true), (&held_out, false)] {
            for &q in set.iter() {
                let in_scope = !queries[q].relevant().is_empty();
                let e = &o[q].found.evidence;
                let p = model.probability(&features(e));
                let (t, c) = if in_fold { (&mut report.tuned.0, &mut report.calibrated.0) } else { (&mut report.tuned.1, &mut report.calibrated.1) };
                t.add(in_scope, tuned.unsure(e));
                c.add(in_scope, p < model.threshold);
                if !in_fold {
                    let bin = &mut report.reliability[((p * 5.0) as usize).min(4)];
                    bin.0 += 1;
                    bin.1 += f64::from(p);
                    bin.2 += usize::from(in_scope);
                }
            }
        }
    }
    report
}

impl VerdictReport {
    pub fn print(&self) {
        println!("== the unsure verdict (on each fold's vocabulary)");
        println!("{:<44} {:>10} {:>10} {:>10}", "", "in scope,", "out of", "mean");
        println!("{:<44} {:>10} {:>10} {:>10}", "", "answered", "scope,", "");
        println!("{:<44} {:>10} {:>10} {:>10}", "", "", "unsure", "");
        let row = |label: &str, r: &Rates| println!("{label:<44} {:>10.3} {:>10.3} {:>10.3}", r.answered(), r.flagged(), r.balanced());
        row("shipped thresholds, out-of-fold queries", &self.shipped);
        row("thresholds re-chosen in fold, in-fold", &self.tuned.0);
        row("thresholds re-chosen in fold, out-of-fold", &self.tuned.1);
        row("calibrated probability, in-fold", &self.calibrated.0);
        row("calibrated probability, out-of-fold", &self.calibrated.1);
        println!("reliability of the calibration, out of fold (predicted P(in scope) → observed):");
        for (i, (n, predicted, observed)) in self.reliability.iter().enumerate() {
            if *n > 0 {
                println!(
                    "  {:.1}–{:.1}: {n:>4} queries, predicted {:.3}, observed {:.3}",
                    i as f64 / 5.0,
                    (i + 1) as f64 / 5.0,
                    predicted / *n as f64,
                    *observed as f64 / *n as f64
                );
            }
        }
        println!();
    }

    pub fn json(&self) -> Value {
        let bins: Vec<Value> = self
            .reliability
            .iter()
            .enumerate()
            .map(|(i, (n, p, o))| json!({"from": i as f64 / 5.0, "queries": n, "predicted": p / (*n).max(1) as f64, "observed": *o as f64 / (*n).max(1) as f64}))
            .collect();
        json!({"shipped_out_of_fold": self.shipped.json(), "tuned": {"in_fold": self.tuned.0.json(), "out_of_fold": self.tuned.1.json()},
               "calibrated": {"in_fold": self.calibrated.0.json(), "out_of_fold": self.calibrated.1.json()}, "reliability": bins})
    }
}
