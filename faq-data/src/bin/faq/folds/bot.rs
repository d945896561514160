//! The Ask bot's thresholds out of fold. Each labelled query is a first message; what the user
//! ends up with is scored: the reciprocal rank of the right article among what the bot shows,
//! after the clarifying choice when it asks (search within the right category, if it was
//! offered; nothing if not), less [`ASK_COST`] for the question itself. The thresholds
//! (`bot::Tuning`: how close candidates must be, how short a vague message is) are chosen on
//! K−1 folds from a grid that starts with the shipped values.

use faq_data::bot::{reply_with, Reply, Tuning};
use faq_data::SearchOptions;
use serde_json::{json, Value};

use super::vocabulary::Vocabulary;
use super::Folds;
use faq_data::build::queries::LabelledQuery;

/// A question costs the user a click: a tenth of a right first answer.
const ASK_COST: f64 = 0.1;
const CLOSE: [f32; 9] = [0.75, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 2.0];
const VAGUE: [usize; 6] = [6, 0, 2, 4, 8, 10];

fn tuning(c: usize) -> Tuning {
    Tuning { close: CLOSE[c / VAGUE.len()], vague: VAGUE[c % VAGUE.len()] }
}

/// What the user ends up with, and whether the bot asked.
fn score(t: &Tuning, q: &LabelledQuery, case: &Case) -> (f64, bool) {
    match reply_with(t, &q.q, case.found.clone(), None) {
        Reply::Clarify { choices } => {
            let after = case.within.as_ref().filter(|(category, _)| choices.contains(category)).map_or(0.0, |(_, rr)| *rr);
            (after - ASK_COST, true)
        }
        _ => (case.rr, false),
    }
}

/// One query on one fold's index: what search found, its rank, and within the right category.
struct Case {
    found: faq_data::SearchResponse,
    rr: f64,
    within: Option<(String, f64)>,
}

#[derive(Default, Clone, Copy)]
struct Tally {
    queries: usize,
    utility: f64,
    asked: usize,
}

impl Tally {
    fn add(&mut self, (utility, asked): (f64, bool)) {
        self.queries += 1;
        self.utility += utility;
        self.asked += usize::from(asked);
    }

    fn json(&self) -> Value {
        json!({"mean_utility": self.utility / self.queries.max(1) as f64, "asked": self.asked as f64 / self.queries.max(1) as f64})
    }
}

pub struct BotReport {
    shipped: Tally,
    tuned: (Tally, Tally),
    chosen: Vec<Tuning>,
}

pub fn judge(queries: &[LabelledQuery], folds: &Folds, vocabulary: &Vocabulary) -> BotReport {
    let mut report = BotReport { shipped: Tally::default(), tuned: Default::default(), chosen: Vec::new() };
    for fold in 0..folds.k {
        let cases: Vec<Case> = queries
            .iter()
            .zip(&vocabulary.outcomes[fold])
            .map(|(q, o)| {
                let index = &vocabulary.indexes[fold][&q.locale];
                let within = q.relevant().first().and_then(|best| {
                    let category = index.article(best).ok().flatten()?.category;
                    let found = index.search(&q.q, &SearchOptions { limit: 10, category: Some(category.clone()) }).ok()?;
                    let rr = found.results.iter().take(5).position(|h| &h.id == best).map_or(0.0, |p| 1.0 / (p + 1) as f64);
                    Some((category, rr))
                });
                Case { found: o.found.clone(), rr: o.rr, within }
            })
            .collect();
        let pick = folds.choose(CLOSE.len() * VAGUE.len(), |c, q| score(&tuning(c), &queries[q], &cases[q]).0);
        let chosen = tuning(pick[fold]);
        for q in 0..queries.len() {
            let tally = if folds.of[q] == fold { &mut report.tuned.1 } else { &mut report.tuned.0 };
            tally.add(score(&chosen, &queries[q], &cases[q]));
            if folds.of[q] == fold {
                report.shipped.add(score(&Tuning::DEFAULT, &queries[q], &cases[q]));
            }
        }
        report.chosen.push(chosen);
    }
    report
}

impl BotReport {
    pub fn print(&self) {
        println!("== the Ask bot: what the user ends up with (reciprocal rank, less {ASK_COST} a question)");
        let row = |label: &str, t: &Tally| {
            println!("{label:<44} {:>7.3}   asks {:>5.1}%", t.utility / t.queries.max(1) as f64, 100.0 * t.asked as f64 / t.queries.max(1) as f64)
        };
        row(&format!("shipped (close {}, vague ≤{}), out-of-fold", Tuning::DEFAULT.close, Tuning::DEFAULT.vague), &self.shipped);
        row("re-chosen in fold, in-fold", &self.tuned.0);
        row("re-chosen in fold, out-of-fold", &self.tuned.1);
        let chosen: Vec<String> = self.chosen.iter().map(|t| format!("{}/≤{}", t.close, t.vague)).collect();
        println!("chosen per fold (close/vague): {}", chosen.join(", "));
        println!();
    }

    pub fn json(&self) -> Value {
        json!({"shipped_out_of_fold": self.shipped.json(), "tuned": {"in_fold": self.tuned.0.json(), "out_of_fold": self.tuned.1.json()},
               "chosen": self.chosen.iter().map(|t| json!({"close": t.close, "vague": t.vague})).collect::<Vec<_>>()})
    }
}
