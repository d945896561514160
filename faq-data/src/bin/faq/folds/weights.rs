//! The ranking's weights out of fold: how `faq build` weighs an article's fields (title,
//! alternative questions, keywords, body) and saturates their counts (`Weights`). Each fold's
//! locales are rebuilt, on that fold's vocabulary, with every candidate of a small grid (the
//! shipped weights first, then one value changed at a time); the candidate that does best on
//! the other K−1 folds is scored on the fold.

use faq_data::build::{write_locale_weighted, Layout, Weights};
use faq_data::Index;
use serde_json::{json, Value};

use super::vocabulary::Vocabulary;
use super::{print_side_by_side, Figures, Folds, Outcome};
use faq_data::build::queries::LabelledQuery;

/// The shipped weights, then each field's weight and the saturation moved one way or the other
/// (the questions' weight gets more tries: using the articles' alternative questions better is
/// what these try first).
fn candidates() -> Vec<Weights> {
    let shipped = Weights::SHIPPED;
    let field = |f: usize, w: f32| {
        let mut c = shipped;
        c.field[f] = w;
        c
    };
    let mut all = vec![shipped];
    all.extend([1.5, 2.0, 4.0, 5.0].map(|w| field(1, w)));
    all.extend([2.0, 4.0].map(|w| field(0, w)));
    all.extend([1.0, 3.0].map(|w| field(2, w)));
    all.extend([0.25, 1.0].map(|w| field(3, w)));
    all.extend([1.2, 3.0].map(|k1| {
        let mut c = shipped;
        c.k1 = k1;
        c
    }));
    all
}

pub struct WeightsReport {
    shipped: Figures,
    in_fold: Figures,
    out_of_fold: Figures,
    chosen: Vec<Weights>,
}

pub fn judge(queries: &[LabelledQuery], folds: &Folds, vocabulary: &Vocabulary) -> Result<WeightsReport, String> {
    let candidates = candidates();
    let mut report = WeightsReport { shipped: Figures::default(), in_fold: Figures::default(), out_of_fold: Figures::default(), chosen: Vec::new() };
    for fold in 0..folds.k {
        // outcomes[c][q]: query q on this fold's vocabulary with candidate c's weights.
        let mut outcomes: Vec<Vec<Outcome>> = Vec::new();
        for weights in &candidates {
            let mut indexes = std::collections::BTreeMap::new();
            for (locale, content) in &vocabulary.contents[fold] {
                let built = write_locale_weighted(content, Layout::default(), weights).map_err(|e| format!("{locale}: {e}"))?;
                let index: Index = built.open().map_err(|e| format!("{locale}: {e}"))?;
                indexes.insert(locale.clone(), index);
            }
            outcomes.push(queries.iter().map(|q| Outcome::of(&indexes[&q.locale], q)).collect());
        }
        let best = folds.best_in(fold, candidates.len(), |c, q| outcomes[c][q].utility(&queries[q]));
        for q in 0..queries.len() {
            if folds.of[q] == fold {
                report.out_of_fold.add_outcome(&queries[q], &outcomes[best][q]);
                report.shipped.add_outcome(&queries[q], &outcomes[0][q]);
            } else {
                report.in_fold.add_outcome(&queries[q], &outcomes[best][q]);
            }
        }
        report.chosen.push(candidates[best]);
    }
    Ok(report)
}

impl WeightsReport {
    pub fn print(&self) {
        println!("== ranking weights (title, questions, keywords, body; k1) re-chosen in fold");
        print_side_by_side(&[("shipped, OOF", &self.shipped), ("in-fold", &self.in_fold), ("out-of-fold", &self.out_of_fold)]);
        let chosen: Vec<String> = self.chosen.iter().map(|w| format!("{:?}; {}", w.field, w.k1)).collect();
        println!("chosen per fold: {}", chosen.join(" | "));
        println!();
    }

    pub fn json(&self) -> Value {
        json!({"shipped_out_of_fold": self.shipped.json(), "in_fold": self.in_fold.json(), "out_of_fold": self.out_of_fold.json(),
               "chosen": self.chosen.iter().map(|w| json!({"field": w.field, "k1": w.k1})).collect::<Vec<_>>()})
    }
}
