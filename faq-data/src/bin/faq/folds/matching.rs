//! Query-side matching out of fold (`Matching`): near matches of Chinese synonym members. The
//! weight is chosen on K−1 folds from a grid whose first value is "off", on each fold's
//! vocabulary, and scored on the fold; exact matching and the shipped weight are scored beside.
//! (Relaxing a query that matched little was judged here too and never chosen: BENCHMARKS.md.)

use faq_data::Matching;
use serde_json::{json, Value};

use super::vocabulary::Vocabulary;
use super::{print_side_by_side, Figures, Folds, Outcome};
use faq_data::build::queries::LabelledQuery;

const NEAR: [f32; 4] = [0.0, 0.4, 0.6, 0.8];

pub struct MatchingReport {
    exact: Figures,
    shipped: Figures,
    in_fold: Figures,
    out_of_fold: Figures,
    chosen: Vec<f32>,
}

pub fn judge(queries: &[LabelledQuery], folds: &Folds, vocabulary: &Vocabulary) -> MatchingReport {
    let mut report = MatchingReport { exact: Figures::default(), shipped: Figures::default(), in_fold: Figures::default(), out_of_fold: Figures::default(), chosen: Vec::new() };
    for fold in 0..folds.k {
        let indexes = &vocabulary.indexes[fold];
        let all: Vec<Vec<Outcome>> = NEAR.iter().map(|&near| queries.iter().map(|q| Outcome::with(&indexes[&q.locale], q, &Matching { near })).collect()).collect();
        let best = folds.best_in(fold, NEAR.len(), |c, q| all[c][q].utility(&queries[q]));
        let shipped = NEAR.iter().position(|&n| n == Matching::DEFAULT.near).expect("the shipped weight is on the grid");
        for q in 0..queries.len() {
            if folds.of[q] == fold {
                report.out_of_fold.add_outcome(&queries[q], &all[best][q]);
                report.exact.add_outcome(&queries[q], &all[0][q]);
                report.shipped.add_outcome(&queries[q], &all[shipped][q]);
            } else {
                report.in_fold.add_outcome(&queries[q], &all[best][q]);
            }
        }
        report.chosen.push(NEAR[best]);
    }
    report
}

impl MatchingReport {
    pub fn print(&self) {
        println!("== near matches of Chinese synonym members, weight re-chosen in fold");
        print_side_by_side(&[("exact, OOF", &self.exact), ("shipped, OOF", &self.shipped), ("in-fold", &self.in_fold), ("out-of-fold", &self.out_of_fold)]);
        let chosen: Vec<String> = self.chosen.iter().map(f32::to_string).collect();
        println!("chosen per fold: {} (shipped {})", chosen.join(", "), Matching::DEFAULT.near);
        println!();
    }

    pub fn json(&self) -> Value {
        json!({"exact_out_of_fold": self.exact.json(), "shipped_out_of_fold": self.shipped.json(), "in_fold": self.in_fold.json(),
               "out_of_fold": self.out_of_fold.json(), "chosen": self.chosen})
    }
}
