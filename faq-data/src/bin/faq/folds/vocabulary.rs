//! The editors' vocabulary judged out of fold. Every entry (a member of a synonym group, a stop
//! word, a cue) is left out once and the locale rebuilt: what that costs each query is the
//! entry's gain there. In each fold an entry is kept when it gains on the other K−1 folds, or
//! when it touches no labelled query at all (nothing here can judge it); an entry that touches
//! only the held-out fold's queries, the mark of wording learned from them, is left out. The
//! fold's queries are then searched on the index built with what was kept.

use std::collections::{BTreeMap, BTreeSet};

use faq_data::build::{EditorData, LocaleContent};
use faq_data::{Cues, Index};
use serde_json::{json, Value};

use super::{print_side_by_side, Figures, Folds, Library, Outcome};
use faq_data::build::queries::LabelledQuery;

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Entry {
    Stop(usize),
    /// (group, member)
    Synonym(usize, usize),
    /// (reason's list, cue)
    Cue(usize, usize),
}

impl Entry {
    fn all(data: &EditorData) -> Vec<Entry> {
        let stops = (0..data.stop_words.len()).map(Entry::Stop);
        let synonyms = data.synonyms.iter().enumerate().flat_map(|(g, group)| (0..group.len()).map(move |m| Entry::Synonym(g, m)));
        let cues = data.cues.lists().iter().enumerate().flat_map(|(l, (_, list))| (0..list.len()).map(move |c| Entry::Cue(l, c)));
        stops.chain(synonyms).chain(cues).collect()
    }

    fn kind(self) -> &'static str {
        match self {
            Entry::Stop(_) => "stop words",
            Entry::Synonym(..) => "synonym members",
            Entry::Cue(..) => "cues",
        }
    }

    fn describe(self, data: &EditorData) -> String {
        match self {
            Entry::Stop(i) => format!("stop word {}", data.stop_words[i]),
            Entry::Synonym(g, m) => format!("synonym {} (of {})", data.synonyms[g][m], data.synonyms[g][0]),
            Entry::Cue(l, c) => format!("cue {} ({})", data.cues.lists()[l].1[c], data.cues.lists()[l].0.name()),
        }
    }
}

/// The vocabulary without the `dropped` entries, and without the writing model (fit on every
/// dev query, it would leak them into the out-of-fold figures).
fn without(data: &EditorData, dropped: &BTreeSet<Entry>) -> EditorData {
    let stop_words = data.stop_words.iter().enumerate().filter(|(i, _)| !dropped.contains(&Entry::Stop(*i))).map(|(_, w)| w.clone()).collect();
    let synonyms = data
        .synonyms
        .iter()
        .enumerate()
        .map(|(g, group)| group.iter().enumerate().filter(|(m, _)| !dropped.contains(&Entry::Synonym(g, *m))).map(|(_, w)| w.clone()).collect::<Vec<_>>())
        .filter(|group| group.len() > 1)
        .collect();
    let mut cues = Cues::default();
    for (l, (reason, list)) in data.cues.lists().iter().enumerate() {
        for (_, cue) in list.iter().enumerate().filter(|(c, _)| !dropped.contains(&Entry::Cue(l, *c))) {
            cues.add(*reason, cue);
        }
    }
    EditorData { stop_words, synonyms, cues, writing_model: None }
}

fn content_without(content: &LocaleContent, dropped: &BTreeSet<Entry>) -> LocaleContent {
    LocaleContent { data: without(&content.data, dropped), ..content.clone() }
}

fn build_without(content: &LocaleContent, dropped: &BTreeSet<Entry>) -> Result<Index, String> {
    Library::build(&content_without(content, dropped))
}

/// One entry's gain per query it touches (query number → utility with it minus without it).
struct Judged {
    locale: String,
    entry: Entry,
    gains: Vec<(usize, f64)>,
}

pub struct Vocabulary {
    /// Per fold, every query's outcome on that fold's vocabulary.
    pub outcomes: Vec<Vec<Outcome>>,
    /// Per fold, each locale's index built with that fold's vocabulary.
    pub indexes: Vec<BTreeMap<String, Index>>,
    /// Per fold, each locale's content with that fold's vocabulary (what the weights are tried on).
    pub contents: Vec<BTreeMap<String, LocaleContent>>,
    /// Each locale's index with the vocabulary as shipped, and its figures.
    pub shipped_indexes: BTreeMap<String, Index>,
    pub shipped: Figures,
    in_fold: Figures,
    out_of_fold: Figures,
    /// kind → (entries, touching no query, gaining overall, costing overall, touching one query only)
    counts: BTreeMap<&'static str, [usize; 5]>,
    /// Entries that cost the labelled queries more than they gain, with the net.
    costly: Vec<(String, f64)>,
    kept_per_fold: Vec<usize>,
}

pub fn judge(library: &Library, queries: &[LabelledQuery], folds: &Folds) -> Result<Vocabulary, String> {
    let mut judged = Vec::new();
    let mut shipped = Figures::default();
    let mut shipped_indexes = BTreeMap::new();
    for (locale, content) in &library.locales {
        let mine: Vec<usize> = (0..queries.len()).filter(|&q| &queries[q].locale == locale).collect();
        if mine.is_empty() {
            continue;
        }
        // What ships (the writing model included), and the same vocabulary judged without the
        // model, as each fold's is: an entry's gain is its own, not the model's.
        let index = Library::build(content)?;
        mine.iter().for_each(|&q| shipped.add_outcome(&queries[q], &Outcome::of(&index, &queries[q])));
        let cues_alone = build_without(content, &BTreeSet::new())?;
        let base: Vec<f64> = mine.iter().map(|&q| Outcome::of(&cues_alone, &queries[q]).utility(&queries[q])).collect();
        for entry in Entry::all(&content.data) {
            let index = build_without(content, &BTreeSet::from([entry]))?;
            let gains = mine
                .iter()
                .zip(&base)
                .filter_map(|(&q, with)| {
                    let gain = with - Outcome::of(&index, &queries[q]).utility(&queries[q]);
                    (gain.abs() > 1e-9).then_some((q, gain))
                })
                .collect();
            judged.push(Judged { locale: locale.clone(), entry, gains });
        }
        shipped_indexes.insert(locale.clone(), index);
    }

    let mut counts: BTreeMap<&'static str, [usize; 5]> = BTreeMap::new();
    let mut costly = Vec::new();
    for j in &judged {
        let c = counts.entry(j.entry.kind()).or_default();
        let net: f64 = j.gains.iter().map(|(_, g)| g).sum();
        c[0] += 1;
        c[1] += usize::from(j.gains.is_empty());
        c[2] += usize::from(net > 1e-9);
        c[3] += usize::from(net < -1e-9);
        c[4] += usize::from(j.gains.len() == 1);
        if net < -1e-9 {
            costly.push((format!("{} {}", j.locale, j.entry.describe(&library.locales[&j.locale].data)), net));
        }
    }
    costly.sort_by(|a, b| a.1.total_cmp(&b.1));

    let (mut in_fold, mut out_of_fold) = (Figures::default(), Figures::default());
    let (mut outcomes, mut indexes, mut contents, mut kept_per_fold) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for fold in 0..folds.k {
        let mut fold_indexes = BTreeMap::new();
        let mut fold_contents = BTreeMap::new();
        let mut kept = 0;
        for (locale, content) in &library.locales {
            let dropped: BTreeSet<Entry> = judged
                .iter()
                .filter(|j| &j.locale == locale && !j.gains.is_empty())
                .filter(|j| j.gains.iter().filter(|(q, _)| folds.of[*q] != fold).map(|(_, g)| g).sum::<f64>() <= 1e-9)
                .map(|j| j.entry)
                .collect();
            kept += Entry::all(&content.data).len() - dropped.len();
            let kept_content = content_without(content, &dropped);
            fold_indexes.insert(locale.clone(), Library::build(&kept_content)?);
            fold_contents.insert(locale.clone(), kept_content);
        }
        let fold_outcomes: Vec<Outcome> = queries.iter().map(|q| Outcome::of(&fold_indexes[&q.locale], q)).collect();
        for (q, o) in fold_outcomes.iter().enumerate() {
            let figures = if folds.of[q] == fold { &mut out_of_fold } else { &mut in_fold };
            figures.add_outcome(&queries[q], o);
        }
        outcomes.push(fold_outcomes);
        indexes.push(fold_indexes);
        contents.push(fold_contents);
        kept_per_fold.push(kept);
    }
    Ok(Vocabulary { outcomes, indexes, contents, shipped_indexes, shipped, in_fold, out_of_fold, counts, costly, kept_per_fold })
}

impl Vocabulary {
    pub fn print(&self) {
        println!("== vocabulary: each synonym, stop word and cue kept only where it gains on the other folds");
        print_side_by_side(&[("as shipped", &self.shipped), ("in-fold", &self.in_fold), ("out-of-fold", &self.out_of_fold)]);
        println!("entries kept per fold: {:?}", self.kept_per_fold);
        println!("{:<18} {:>7} {:>12} {:>7} {:>7} {:>12}", "", "entries", "touch none", "gain", "cost", "touch one");
        for (kind, c) in &self.counts {
            println!("{kind:<18} {:>7} {:>12} {:>7} {:>7} {:>12}", c[0], c[1], c[2], c[3], c[4]);
        }
        if !self.costly.is_empty() {
            println!("entries that cost the labelled queries more than they gain:");
            for (entry, net) in &self.costly {
                println!("  {net:>6.2}  {entry}");
            }
        }
        println!();
    }

    pub fn json(&self) -> Value {
        let counts: serde_json::Map<_, _> = self
            .counts
            .iter()
            .map(|(k, c)| (k.to_string(), json!({"entries": c[0], "touch_none": c[1], "gain": c[2], "cost": c[3], "touch_one": c[4]})))
            .collect();
        json!({"as_shipped": self.shipped.json(), "in_fold": self.in_fold.json(), "out_of_fold": self.out_of_fold.json(), "entries": counts,
               "costly": self.costly.iter().map(|(e, n)| json!({"entry": e, "net": n})).collect::<Vec<_>>()})
    }
}
