//! A query's text → the terms to look up, each with a weight, the query tokens ("slots") it
//! stands for, and a group: terms in one group are alternatives for the same tokens (a typo's
//! corrections, an unfinished word's completions), so an article scores the best of them, not
//! their sum.

use fst::automaton::{Levenshtein, Str};
use std::ops::ControlFlow;

use fst::Automaton;

use super::typo::Typo;
use crate::analyze::{Analysis, TermKind, INITIALS, PAIR, SYNONYM};
use crate::index::Index;
use crate::sort::sort_by_key;
use crate::stem::stem;

/// Slots are bits of a u64; tokens past the 64th share the last bit.
const MAX_SLOT: usize = 63;
/// Completions of an unfinished word kept per query: enough for every reading, bounded cost.
const MAX_COMPLETIONS: usize = 40;
const MAX_CORRECTIONS: usize = 20;
/// Typo-correcting walks of the dictionary per query (one per edit distance tried).
const MAX_AUTOMATA: usize = 3;
/// Dictionary terms looked at per completion or correction.
const MAX_SCANNED: usize = 500;
/// From this many Chinese characters a query is a chat opener, mostly story: a character that
/// stands in a word the dictionary knows is looked up as that word only, not also alone, which
/// keeps the story's common characters from pulling in (and costing) thousands of articles.
const LONG_HAN: usize = 16;

#[derive(Debug, Clone)]
pub(crate) struct QueryTerm {
    /// The term's number in the dictionary.
    pub term: u32,
    pub weight: f32,
    pub slots: u64,
    pub group: usize,
    /// A Chinese character looked up alone though it stands in a word of the query: it
    /// counts less towards topic coverage.
    pub weak: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Query {
    pub terms: Vec<QueryTerm>,
    /// What each slot is worth towards coverage (0 for stop words and words of feeling).
    pub slot_weight: Vec<f32>,
    /// How much the query asks about, in words: a Latin word counts 1, a Chinese character ½
    /// (most Chinese words have two), stop words and words of feeling nothing.
    pub content: f32,
    /// Chinese bigrams and Latin words worth highlighting in snippets.
    pub needles: Vec<String>,
}

fn slot_bits(first: usize, last: usize) -> u64 {
    (first.min(MAX_SLOT)..=last.min(MAX_SLOT)).fold(0, |m, s| m | 1 << s)
}

struct Builder<'a> {
    index: &'a Index,
    query: Query,
    next_group: usize,
}

impl Builder<'_> {
    fn group(&mut self) -> usize {
        self.next_group += 1;
        self.next_group - 1
    }

    fn lookup(&self, term: &str) -> Option<u32> {
        self.index.core.terms.get(term).map(|n| n as u32)
    }

    /// Adds `term` if the dictionary has it; returns whether it did.
    fn add(&mut self, term: &str, weight: f32, slots: u64, group: usize) -> bool {
        self.add_term(term, weight, slots, group, false)
    }

    fn add_term(&mut self, term: &str, weight: f32, slots: u64, group: usize, weak: bool) -> bool {
        match self.lookup(term) {
            Some(term) => {
                self.query.terms.push(QueryTerm { term, weight, slots, group, weak });
                true
            }
            None => false,
        }
    }

    /// Adds the bigrams read `reading` in pinyin, as alternatives in one group.
    fn add_reading(&mut self, reading: &str, weight: f32, slots: u64, group: usize) {
        let bigrams = self.index.readings().of(&self.index.core.lexicon, reading);
        self.query.terms.extend(bigrams.into_iter().map(|term| QueryTerm { term, weight, slots, group, weak: false }));
    }

    /// Adds the dictionary terms the automaton accepts and `keep` allows, in one group: the
    /// `limit` most frequent of the first few hundred, so common completions are not crowded
    /// out by alphabetically earlier rare ones.
    fn add_matching<A: Automaton>(&mut self, automaton: A, keep: impl Fn(&[u8]) -> bool, weight: f32, slots: u64, group: usize, limit: usize) {
        let mut found = Vec::new();
        self.index.core.terms.search(automaton, |text, term| {
            if found.len() == MAX_SCANNED {
                return ControlFlow::Break(());
            }
            if keep(text) {
                found.push(term as u32);
            }
            ControlFlow::Continue(())
        });
        self.add_most_frequent(found, weight, slots, group, limit);
    }

    /// The same for the bigrams whose pinyin reading starts with `prefix`.
    fn add_completed_readings(&mut self, prefix: &str, weight: f32, slots: u64, group: usize, limit: usize) {
        let mut found = self.index.readings().starting_with(&self.index.core.lexicon, prefix);
        found.truncate(MAX_SCANNED);
        self.add_most_frequent(found, weight, slots, group, limit);
    }

    fn add_most_frequent(&mut self, terms: Vec<u32>, weight: f32, slots: u64, group: usize, limit: usize) {
        let mut found: Vec<(u32, u32)> = terms.into_iter().map(|term| (self.index.core.df[term as usize], term)).collect();
        sort_by_key(&mut found, |&(df, term)| (std::cmp::Reverse(df), term));
        self.query.terms.extend(found.into_iter().take(limit).map(|(_, term)| QueryTerm { term, weight, slots, group, weak: false }));
    }
}

/// `feeling` flags the characters of `text` that belong to cues of feeling (anger, urgency):
/// they say how the user feels, not what the articles should be about.
/// `near` weighs the synonym groups the query nearly names ([`super::Matching::near`]).
pub(crate) fn build_query(index: &Index, text: &str, feeling: &[bool], near: f32) -> Query {
    let unfinished = !text.ends_with(|c: char| c.is_whitespace() || c.is_ascii_punctuation());
    let mut analysis = index.core.lexicon.analyze(text, false);
    for t in analysis.tokens.iter_mut().filter(|t| !t.stop) {
        if feeling.get(t.start..t.end).is_some_and(|chars| chars.iter().all(|&f| f)) {
            t.stop = true;
        }
    }
    let stopped: Vec<bool> = analysis.tokens.iter().map(|t| t.stop).collect();
    analysis.terms.retain(|term| !stopped[term.first..=term.last].iter().all(|&s| s));
    let mut b = Builder { index, query: Query::default(), next_group: 0 };
    slot_weights(&mut b, &analysis);
    exact_terms(&mut b, &analysis);
    if near > 0.0 {
        near_terms(&mut b, &analysis, near);
    }
    latin_words(&mut b, &analysis, unfinished);
    pinyin_words(&mut b, &analysis, unfinished);
    if unfinished {
        complete_last_han(&mut b, &analysis);
    }
    b.query
}

fn slot_weights(b: &mut Builder, a: &Analysis) {
    let n = a.tokens.len().min(MAX_SLOT + 1);
    b.query.slot_weight = vec![0.0; n];
    for (i, t) in a.tokens.iter().enumerate() {
        if t.stop {
            continue;
        }
        let term = if t.han { t.raw.clone() } else { stem(&t.raw) };
        let df = b.lookup(&term).map_or(0, |term| b.index.core.df[term as usize] as usize);
        let w = &mut b.query.slot_weight[i.min(MAX_SLOT)];
        *w = w.max(b.index.idf(df));
        b.query.content += if t.han { 0.5 } else { 1.0 };
    }
}

/// The analyzer's own terms: characters, bigrams, words, word pairs, synonym groups; and for a
/// bigram the articles do not use, the bigrams read as it is (a likely homophone typo).
/// In a long query, characters inside a known bigram are not looked up alone ([`LONG_HAN`]).
fn exact_terms(b: &mut Builder, a: &Analysis) {
    let long = a.tokens.iter().filter(|t| t.han && !t.stop).count() >= LONG_HAN;
    for term in &a.terms {
        let weight = match term.kind {
            TermKind::Han => 0.5,
            TermKind::Bigram => 1.0,
            TermKind::Word => 1.0,
            TermKind::Pair => 0.5,
            TermKind::Synonym => 1.0,
            TermKind::Initials => 0.8,
        };
        if term.kind == TermKind::Bigram || (term.kind == TermKind::Han && !a.tokens[term.first].joined) {
            b.query.needles.push(term.text.clone());
        }
        let in_word = |i: usize| a.tokens[i].joined || (i > 0 && a.tokens[i - 1].joined);
        let weak = term.kind == TermKind::Han && in_word(term.first);
        if weak && long {
            let i = term.first;
            let pair = |x: usize| format!("{}{}", a.tokens[x].raw, a.tokens[x + 1].raw);
            let known_left = i > 0 && a.tokens[i - 1].joined && b.lookup(&pair(i - 1)).is_some();
            let known_right = a.tokens[i].joined && b.lookup(&pair(i)).is_some();
            if known_left || known_right {
                continue;
            }
        }
        let group = b.group();
        let slots = slot_bits(term.first, term.last);
        if !b.add_term(&term.text, weight, slots, group, weak) && term.kind == TermKind::Bigram {
            let first_char = |t: usize| a.tokens[t].raw.chars().next();
            if let Some(reading) = first_char(term.first).zip(first_char(term.last)).and_then(|(x, y)| b.index.core.lexicon.pair_reading(x, y)) {
                let group = b.group();
                b.add_reading(&reading, 0.8, slots, group);
            }
        }
    }
}

/// Synonym groups whose Chinese members the query nearly writes (扣了费 for 扣费), where the
/// query's own characters there are not a word the articles use (some pair of them is not in
/// the dictionary): weighed below an exact member, so they fill gaps rather than outrank what
/// the query says.
fn near_terms(b: &mut Builder, a: &Analysis, weight: f32) {
    for (group, first, last) in b.index.core.lexicon.similar_spans(&a.tokens) {
        let unmatched = (first..last).any(|i| b.lookup(&format!("{}{}", a.tokens[i].raw, a.tokens[i + 1].raw)).is_none());
        if unmatched {
            let g = b.group();
            b.add(&format!("{SYNONYM}{group}"), weight, slot_bits(first, last), g);
        }
    }
}

/// Latin words missing from the dictionary get typo corrections (adjacent transpositions,
/// then a Levenshtein automaton); the last word, if still being typed, gets completions.
fn latin_words(b: &mut Builder, a: &Analysis, unfinished: bool) {
    let last = a.tokens.len().saturating_sub(1);
    let mut automata = 0;
    for (i, t) in a.tokens.iter().enumerate() {
        if t.han || t.stop {
            continue;
        }
        b.query.needles.push(t.raw.clone());
        let slots = slot_bits(i, i);
        let word = stem(&t.raw);
        let group = b.group();
        let known = b.lookup(&word).is_some();
        let letters = word.chars().count();
        if !known && letters >= 4 && !word.chars().any(|c| c.is_ascii_digit()) {
            let chars: Vec<char> = word.chars().collect();
            for k in 0..chars.len() - 1 {
                let mut swapped = chars.clone();
                swapped.swap(k, k + 1);
                let swapped: String = swapped.into_iter().collect();
                b.add(&stem(&swapped), 0.8, slots, group);
            }
            // One edit first, two only for long words that one edit does not explain, and
            // corrections for the first few unknown words only (a chat opener has many).
            let before = b.query.terms.len();
            for distance in [1u8, 2].into_iter().filter(|&d| d == 1 || letters >= 8) {
                if b.query.terms.len() > before || automata == MAX_AUTOMATA {
                    break;
                }
                automata += 1;
                if let Some(typo) = Typo::new(&word, distance) {
                    b.add_matching(typo, |_| true, 0.7, slots, group, MAX_CORRECTIONS);
                } else if let Ok(lev) = Levenshtein::new(&word, u32::from(distance)) {
                    b.add_matching(lev, |_| true, 0.7, slots, group, MAX_CORRECTIONS);
                }
            }
        }
        if unfinished && i == last && !known {
            b.add_matching(Str::new(&t.raw).starts_with(), |_| true, 0.7, slots, group, MAX_COMPLETIONS);
            // `sign u` → the word pair `sign up`: completions that follow the previous word.
            if let Some((p, previous)) = a.tokens[..i].iter().enumerate().rev().find(|(_, p)| !p.stop).filter(|(_, p)| !p.han) {
                let pair = format!("{PAIR}{} {}", stem(&previous.raw), t.raw);
                let group = b.group();
                b.add_matching(Str::new(&pair).starts_with(), |_| true, 1.0, slot_bits(p, i), group, MAX_COMPLETIONS);
            }
        }
    }
}

/// Latin input in a Chinese help center may be pinyin: full syllables (`zidong xufei`,
/// `zidongxufei`) become syllable-pair terms; consonant-only words (`zdxf`) are initials.
fn pinyin_words(b: &mut Builder, a: &Analysis, unfinished: bool) {
    if b.index.core.lexicon.syllables.is_empty() {
        return;
    }
    let last = a.tokens.len().saturating_sub(1);
    let mut run: Vec<(String, usize)> = Vec::new();
    let mut partial: Option<String> = None;
    for (i, t) in a.tokens.iter().enumerate() {
        let word = t.raw.as_str();
        let syllables = if t.han || t.stop || !word.bytes().all(|c| c.is_ascii_lowercase()) {
            None
        } else {
            segment(&b.index.core.lexicon, word, unfinished && i == last)
        };
        match syllables {
            Some((full, rest)) => {
                run.extend(full.into_iter().map(|s| (s, i)));
                partial = rest;
            }
            None => {
                flush_pinyin_run(b, &run, None);
                run.clear();
                if !t.han && !t.stop && is_initials(word) {
                    initials(b, word, i);
                }
            }
        }
    }
    flush_pinyin_run(b, &run, partial.as_deref());
}

fn flush_pinyin_run(b: &mut Builder, run: &[(String, usize)], partial: Option<&str>) {
    for pair in run.windows(2) {
        let group = b.group();
        b.add_reading(&format!("{}{}", pair[0].0, pair[1].0), 0.9, slot_bits(pair[0].1, pair[1].1), group);
    }
    if let (Some(rest), Some((last, slot))) = (partial, run.last()) {
        let group = b.group();
        let prefix = format!("{last}{rest}");
        b.add_completed_readings(&prefix, 0.7, slot_bits(*slot, *slot), group, MAX_COMPLETIONS);
    }
}

fn is_initials(word: &str) -> bool {
    (2..=10).contains(&word.len()) && word.bytes().all(|c| c.is_ascii_lowercase() && !b"aeiouv".contains(&c))
}

fn initials(b: &mut Builder, word: &str, slot: usize) {
    let letters: Vec<char> = word.chars().collect();
    for n in 2..=3 {
        for gram in letters.windows(n) {
            let group = b.group();
            let gram: String = gram.iter().collect();
            b.add(&format!("{INITIALS}{gram}"), 0.8, slot_bits(slot, slot), group);
        }
    }
}

/// Splits a word into the fewest pinyin syllables the index knows. With `open_end`, the word
/// may end in the start of a syllable, returned separately (`zidongx` → zi dong + `x`).
fn segment(lexicon: &crate::analyze::Lexicon, word: &str, open_end: bool) -> Option<(Vec<String>, Option<String>)> {
    let n = word.len();
    // best[i]: fewest syllables covering word[..i], with the split point before it.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for end in 1..=n {
        for start in end.saturating_sub(6)..end {
            if let Some((count, _)) = best[start] {
                if lexicon.is_syllable(&word[start..end]) && best[end].is_none_or(|(c, _)| count + 1 < c) {
                    best[end] = Some((count + 1, start));
                }
            }
        }
    }
    let (end, rest) = if best[n].is_some() {
        (n, None)
    } else if open_end {
        let end = (n.saturating_sub(5)..n).rev().find(|&e| e > 0 && best[e].is_some())?;
        let rest = &word[end..];
        if !lexicon.starts_syllable(rest) {
            return None;
        }
        (end, Some(rest.to_string()))
    } else {
        return None;
    };
    let mut syllables = Vec::new();
    let mut at = end;
    while at > 0 {
        let (_, start) = best[at]?;
        syllables.push(word[start..at].to_string());
        at = start;
    }
    syllables.reverse();
    Some((syllables, rest))
}

/// A query ending in a Chinese character may stop mid-word (`自动续`): add the dictionary's
/// bigrams that start with that character.
fn complete_last_han(b: &mut Builder, a: &Analysis) {
    let Some((i, t)) = a.tokens.iter().enumerate().next_back() else { return };
    if !t.han || t.stop {
        return;
    }
    let group = b.group();
    let two_chars = |term: &[u8]| std::str::from_utf8(term).is_ok_and(|text| text.chars().count() == 2);
    b.add_matching(Str::new(&t.raw).starts_with(), two_chars, 0.5, slot_bits(i, i), group, MAX_COMPLETIONS);
}
