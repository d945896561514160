//! Query-side matching out of fold (`Matching`): near matches of Chinese synonym members, and
//! relaxing a query that matched little (how little, and which words to drop). Each part is
//! chosen on K−1 folds from a grid whose first value is "off", alone and together, on each
//! fold's vocabulary, and scored on the fold; the shipped values are scored beside them.

use faq_data::Matching;
use serde_json::{json, Value};

use super::vocabulary::Vocabulary;
use super::{print_side_by_side, Figures, Folds, Outcome};
use faq_data::build::queries::LabelledQuery;

const NEAR: [f32; 4] = [0.0, 0.4, 0.6, 0.8];
const RELAX_BELOW: [f32; 5] = [0.0, 0.4, 0.5, 0.6, 0.7];
const RELAX_KEEP: [f32; 3] = [0.3, 0.5, 0.7];

/// One way of choosing: the candidates it may pick from.
struct Choice {
    name: &'static str,
    candidates: Vec<Matching>,
    in_fold: Figures,
    out_of_fold: Figures,
    chosen: Vec<Matching>,
}

fn grid(near: &[f32], relax: bool) -> Vec<Matching> {
    let relaxing: Vec<(f32, f32)> = if relax {
        std::iter::once((0.0, 0.0)).chain(RELAX_BELOW[1..].iter().flat_map(|&b| RELAX_KEEP.iter().map(move |&k| (b, k)))).collect()
    } else {
        vec![(0.0, 0.0)]
    };
    near.iter().flat_map(|&near| relaxing.iter().map(move |&(relax_below, relax_keep)| Matching { near, relax_below, relax_keep })).collect()
}

pub struct MatchingReport {
    exact: Figures,
    shipped: Figures,
    choices: Vec<Choice>,
}

pub fn judge(queries: &[LabelledQuery], folds: &Folds, vocabulary: &Vocabulary) -> MatchingReport {
    let mut choices = vec![
        Choice { name: "near matches chosen in fold", candidates: grid(&NEAR, false), in_fold: Figures::default(), out_of_fold: Figures::default(), chosen: Vec::new() },
        Choice { name: "relaxation chosen in fold", candidates: grid(&[0.0], true), in_fold: Figures::default(), out_of_fold: Figures::default(), chosen: Vec::new() },
        Choice { name: "both chosen in fold", candidates: grid(&NEAR, true), in_fold: Figures::default(), out_of_fold: Figures::default(), chosen: Vec::new() },
    ];
    let (mut exact, mut shipped) = (Figures::default(), Figures::default());
    for fold in 0..folds.k {
        let indexes = &vocabulary.indexes[fold];
        let mut cache: Vec<(Matching, Vec<Outcome>)> = Vec::new();
        let mut outcomes = |m: Matching| -> Vec<Outcome> {
            if let Some((_, o)) = cache.iter().find(|(c, _)| *c == m) {
                return o.clone();
            }
            let o: Vec<Outcome> = queries.iter().map(|q| Outcome::with(&indexes[&q.locale], q, &m)).collect();
            cache.push((m, o.clone()));
            o
        };
        for (q, o) in outcomes(Matching::EXACT).iter().enumerate().filter(|(q, _)| folds.of[*q] == fold) {
            exact.add_outcome(&queries[q], o);
        }
        for (q, o) in outcomes(Matching::DEFAULT).iter().enumerate().filter(|(q, _)| folds.of[*q] == fold) {
            shipped.add_outcome(&queries[q], o);
        }
        for choice in &mut choices {
            let all: Vec<Vec<Outcome>> = choice.candidates.iter().map(|&m| outcomes(m)).collect();
            let training = |c: usize| folds.training(fold).map(|q| all[c][q].utility(&queries[q])).sum::<f64>();
            let mut best = (0, training(0));
            for c in 1..all.len() {
                let t = training(c);
                if t > best.1 + 1e-9 {
                    best = (c, t);
                }
            }
            for (q, o) in all[best.0].iter().enumerate() {
                let figures = if folds.of[q] == fold { &mut choice.out_of_fold } else { &mut choice.in_fold };
                figures.add_outcome(&queries[q], o);
            }
            choice.chosen.push(choice.candidates[best.0]);
        }
    }
    MatchingReport { exact, shipped, choices }
}

fn describe(m: &Matching) -> String {
    format!("near {}, relax below {} keep {}", m.near, m.relax_below, m.relax_keep)
}

impl MatchingReport {
    pub fn print(&self) {
        println!("== matching: near matches of Chinese synonyms, relaxing a query that matched little (out of fold)");
        let mut columns: Vec<(&str, &Figures)> = vec![("exact only", &self.exact)];
        columns.extend(self.choices.iter().map(|c| (c.name.split(' ').next().unwrap_or(c.name), &c.out_of_fold)));
        columns.push(("shipped", &self.shipped));
        print_side_by_side(&columns);
        for c in &self.choices {
            let chosen: Vec<String> = c.chosen.iter().map(describe).collect();
            println!("{} — chosen per fold: {}", c.name, chosen.join(" | "));
        }
        println!("shipped: {}", describe(&Matching::DEFAULT));
        println!();
    }

    pub fn json(&self) -> Value {
        let choices: serde_json::Map<_, _> = self
            .choices
            .iter()
            .map(|c| (c.name.to_string(), json!({"in_fold": c.in_fold.json(), "out_of_fold": c.out_of_fold.json(), "chosen": c.chosen.iter().map(describe).collect::<Vec<_>>()})))
            .collect();
        json!({"exact_out_of_fold": self.exact.json(), "shipped_out_of_fold": self.shipped.json(), "choices": choices})
    }
}
