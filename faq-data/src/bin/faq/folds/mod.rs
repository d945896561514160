//! `faq eval --folds K`: how everything tuned does on queries it has not seen. The labelled
//! queries are dealt into K folds, the same way on every run (ordered by label, then by a hash
//! of their id, and dealt in turn, so each fold has its share of escalations and of
//! out-of-scope queries). For each fold, whatever can be tuned is chosen on the other K−1 and
//! scored on the fold:
//!
//! - the editors' vocabulary ([`vocabulary`]): each synonym, stop word and cue is kept only if
//!   leaving it out costs the K−1 folds something;
//! - the verdict's thresholds and the unsure calibration ([`verdict`]);
//! - the ranking's field weights and saturation ([`weights`]);
//! - near matches of Chinese synonym members ([`matching`]);
//! - the Ask bot's thresholds ([`bot`]);
//! - the escalation model ([`escalation`]), on the fold's own cues.
//!
//! Each report prints the in-fold figure (scored on what it was chosen on) beside the
//! out-of-fold one (the figure that says how it generalises).

mod bot;
mod escalation;
mod matching;
mod verdict;
mod vocabulary;
mod weights;

use faq_data::escalation::shipped;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use faq_data::build::{load::load_dir, write_locale, LocaleContent};
use faq_data::{Index, Matching, SearchOptions, SearchResponse, Verdict};
use serde_json::{json, Value};

use crate::eval::Escalation;
use faq_data::build::queries::{self, LabelledQuery};
use faq_data::regression::{rank_of, reciprocal_rank, SEARCHED};

/// Which fold each query is in.
pub struct Folds {
    pub k: usize,
    pub of: Vec<usize>,
}

impl Folds {
    fn deal(queries: &[LabelledQuery], k: usize) -> Folds {
        let mut order: Vec<usize> = (0..queries.len()).collect();
        order.sort_by_key(|&i| (queries[i].escalate, queries[i].relevant().is_empty(), fnv(&queries[i].id)));
        let mut of = vec![0; queries.len()];
        for (n, &i) in order.iter().enumerate() {
            of[i] = n % k;
        }
        Folds { k, of }
    }

    pub fn training(&self, fold: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.of.len()).filter(move |&q| self.of[q] != fold)
    }

    pub fn held_out(&self, fold: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.of.len()).filter(move |&q| self.of[q] == fold)
    }

    /// For each fold, the candidate (0..candidates) whose summed `utility(candidate, query)`
    /// over the other folds is highest; the earliest on ties, so list the shipped value first.
    pub fn choose(&self, candidates: usize, utility: impl Fn(usize, usize) -> f64) -> Vec<usize> {
        (0..self.k).map(|fold| self.best_in(fold, candidates, &utility)).collect()
    }

    /// [`Folds::choose`] for one fold.
    pub fn best_in(&self, fold: usize, candidates: usize, utility: impl Fn(usize, usize) -> f64) -> usize {
        let total = |c: usize| self.training(fold).map(|q| utility(c, q)).sum::<f64>();
        let mut best = (0, total(0));
        for c in 1..candidates {
            let t = total(c);
            if t > best.1 + 1e-9 {
                best = (c, t);
            }
        }
        best.0
    }
}

/// What search made of one labelled query.
#[derive(Clone)]
pub struct Outcome {
    pub found: SearchResponse,
    /// 1/rank of the best relevant article in the top 5; 0 out of scope or when missed.
    pub rr: f64,
}

impl Outcome {
    pub fn of(index: &Index, q: &LabelledQuery) -> Outcome {
        Outcome::with(index, q, &Matching::DEFAULT)
    }

    pub fn with(index: &Index, q: &LabelledQuery, matching: &Matching) -> Outcome {
        let found = index.search_with(&q.q, &SearchOptions { limit: SEARCHED, category: None }, matching).expect("every part attached");
        let rr = q.relevant().first().map_or(0.0, |best| reciprocal_rank(rank_of(&found, best)));
        Outcome { found, rr }
    }

    /// Whether search's escalation (the cue lists) says so.
    pub fn by_cues(&self) -> bool {
        self.found.escalate
    }

    /// How right it was, as one number to weigh choices by: the rank, the verdict (unsure
    /// exactly when out of scope) and the escalation by the cue lists, one point each.
    pub fn utility(&self, q: &LabelledQuery) -> f64 {
        let out_of_scope = q.relevant().is_empty();
        self.rr + f64::from(u8::from((self.found.verdict == Verdict::Unsure) == out_of_scope)) + f64::from(u8::from(self.by_cues() == q.escalate))
    }
}

/// Relevance, verdict and escalation figures over some queries.
#[derive(Default)]
pub struct Figures {
    /// ("all" | locale | locale/kind) → (queries, summed reciprocal rank).
    mrr: BTreeMap<String, (usize, f64)>,
    in_scope: usize,
    in_scope_unsure: usize,
    out_of_scope: usize,
    out_of_scope_unsure: usize,
    pub escalation: Escalation,
}

impl Figures {
    pub fn add(&mut self, q: &LabelledQuery, rr: f64, unsure: bool, escalate: bool) {
        self.escalation.add(q.escalate, escalate);
        if q.relevant().is_empty() {
            self.out_of_scope += 1;
            self.out_of_scope_unsure += usize::from(unsure);
            return;
        }
        self.in_scope += 1;
        self.in_scope_unsure += usize::from(unsure);
        for key in ["all".to_string(), q.locale.clone(), format!("{}/{}", q.locale, q.kind)] {
            let e = self.mrr.entry(key).or_default();
            e.0 += 1;
            e.1 += rr;
        }
    }

    pub fn add_outcome(&mut self, q: &LabelledQuery, o: &Outcome) {
        self.add(q, o.rr, o.found.verdict == Verdict::Unsure, o.by_cues());
    }

    pub fn mrr(&self, key: &str) -> f64 {
        self.mrr.get(key).map_or(0.0, |(n, sum)| sum / (*n).max(1) as f64)
    }

    pub fn in_scope_answered(&self) -> f64 {
        1.0 - self.in_scope_unsure as f64 / self.in_scope.max(1) as f64
    }

    pub fn out_of_scope_flagged(&self) -> f64 {
        self.out_of_scope_unsure as f64 / self.out_of_scope.max(1) as f64
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.mrr.keys()
    }

    pub fn json(&self) -> Value {
        let (p, r, f1) = self.escalation.figures();
        let mrr: serde_json::Map<_, _> = self.mrr.keys().map(|k| (k.clone(), json!(self.mrr(k)))).collect();
        json!({"mrr5": mrr, "in_scope_not_unsure": self.in_scope_answered(), "out_of_scope_unsure": self.out_of_scope_flagged(),
               "escalation": {"precision": p, "recall": r, "f1": f1}})
    }
}

/// Prints rows of figures side by side: one line per measure, one column per set of figures.
pub fn print_side_by_side(columns: &[(&str, &Figures)]) {
    print!("{:<28}", "");
    for (name, _) in columns {
        print!(" {name:>14}");
    }
    println!();
    let row = |label: &str, value: &dyn Fn(&Figures) -> f64| {
        print!("{label:<28}");
        for (_, f) in columns {
            print!(" {:>14.3}", value(f));
        }
        println!();
    };
    for key in columns[0].1.keys() {
        let label = if key == "all" { "MRR@5".to_string() } else if key.contains('/') { format!("    {key}") } else { format!("  {key}") };
        row(&label, &|f| f.mrr(key));
    }
    row("in scope, not unsure", &|f| f.in_scope_answered());
    row("out of scope, unsure", &|f| f.out_of_scope_flagged());
    row("escalation (cues) precision", &|f| f.escalation.figures().0);
    row("escalation (cues) recall", &|f| f.escalation.figures().1);
    row("escalation (cues) F1", &|f| f.escalation.figures().2);
}

/// The locales' content, as `faq build` reads it.
pub struct Library {
    pub locales: BTreeMap<String, LocaleContent>,
}

impl Library {
    /// One locale's index, every part attached, from this content (the vocabulary as given).
    pub fn build(content: &LocaleContent) -> Result<Index, String> {
        let built = write_locale(content).map_err(|e| format!("{}: {e}", content.locale))?;
        built.open().map_err(|e| format!("{}: {e}", content.locale))
    }
}

/// Where the shipped writing model is kept (read into the builder at compile time).
const SHIPPED_MODEL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/escalation/writing-model.toml");

pub fn run(content: &Path, queries: &Path, k: usize, as_json: bool, write_model: bool) -> Result<ExitCode, String> {
    if k < 2 {
        return Err("--folds needs at least 2".into());
    }
    let queries = queries::load(queries)?;
    let (loaded, problems) = load_dir(content);
    if let Some(p) = problems.first() {
        return Err(format!("{}:{}: {}", p.path.display(), p.line, p.message));
    }
    let library = Library { locales: loaded.locales.into_iter().map(|l| (l.locale.clone(), l)).collect() };
    if let Some(q) = queries.iter().find(|q| !library.locales.contains_key(&q.locale)) {
        return Err(format!("query {} is in locale {}, which {} does not have", q.id, q.locale, content.display()));
    }
    let folds = Folds::deal(&queries, k);
    let vocabulary = vocabulary::judge(&library, &queries, &folds)?;
    let verdict = verdict::judge(&queries, &folds, &vocabulary.outcomes);
    let weights = weights::judge(&queries, &folds, &vocabulary)?;
    let matching = matching::judge(&queries, &folds, &vocabulary);
    let bot = bot::judge(&queries, &folds, &vocabulary);
    let escalation = escalation::judge(&queries, &folds, &vocabulary, content)?;
    if as_json {
        println!(
            "{}",
            json!({"folds": k, "queries": queries.len(), "vocabulary": vocabulary.json(), "verdict": verdict.json(), "weights": weights.json(), "matching": matching.json(),
                   "bot": bot.json(), "escalation": escalation.json()})
        );
    } else {
        println!("{} labelled queries in {k} folds: each figure chosen on {} folds, scored on the one left out\n", queries.len(), k - 1);
        vocabulary.print();
        verdict.print();
        weights.print();
        matching.print();
        bot.print();
        escalation.print();
    }
    if write_model {
        std::fs::write(SHIPPED_MODEL, shipped::to_toml(&escalation.everything)).map_err(|e| format!("{SHIPPED_MODEL}: {e}"))?;
        eprintln!("wrote {SHIPPED_MODEL}; rebuild `faq` and the indexes to ship it");
    } else if !shipped::same(&shipped::model(), &escalation.everything) {
        eprintln!("{SHIPPED_MODEL} is not the model this data fits: run `faq eval --folds {k} --write-escalation-model`");
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// FNV-1a: a stable hash (std's hasher may change between releases), so folds never move.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}
