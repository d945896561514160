//! The pinyin readings of the dictionary's Chinese bigrams (`zhifu` → 支付, 知付 …), made from
//! the core when a query first needs one. A query spells a bigram by its pinyin (`zhifu`,
//! `zhif` being typed) or writes a homophone the articles do not use (知付 for 支付); either
//! way it looks up the bigrams of that reading, as alternatives. Version 4 of the index kept a
//! term per reading, with its own posting list: 38 % of the dictionary's terms, 10 KB brotli
//! of every first answer on the demo (BENCHMARKS.md, "A smaller core"), all derivable from
//! the bigrams and the lexicon's pinyin table, which the core holds anyway.
//!
//! A reading is kept as its two syllables' numbers, not as text, and the bigrams are bucketed
//! by their first syllable without sorting: making the table is two passes over the terms
//! (as sorted text it took 4 ms natively on the demo and 10 ms at 10,000 articles, and sorting
//! numbers still doubled the time in V8), and a reading's text is split into syllables when
//! looked up.

use crate::analyze::Lexicon;
use crate::format::Terms;

pub(crate) struct Readings {
    /// Every bigram as (its second character's syllable, its term number), bucketed by its
    /// first character's syllable.
    bigrams: Vec<(u16, u32)>,
    /// Where each first syllable's bucket starts in `bigrams`; one entry more than syllables.
    starts: Vec<u32>,
}

impl Readings {
    /// The reading of every two-character term whose characters both have pinyin: exactly the
    /// bigrams, as the analyzer joins only Chinese characters into pairs.
    pub fn new(terms: &Terms, lexicon: &Lexicon) -> Readings {
        let mut found: Vec<(u16, u16, u32)> = Vec::new();
        for (term, text) in terms.iter().enumerate() {
            let mut chars = std::str::from_utf8(text).unwrap_or_default().chars();
            if let (Some(a), Some(b), None) = (chars.next(), chars.next(), chars.next()) {
                if let (Some(x), Some(y)) = (lexicon.syllable_of(a), lexicon.syllable_of(b)) {
                    found.push((x, y, term as u32));
                }
            }
        }
        // A counting sort by first syllable (the table's syllable numbers are below its length).
        let mut starts = vec![0u32; lexicon.syllables.len() + 1];
        found.iter().for_each(|&(x, _, _)| starts[x as usize + 1] += 1);
        for at in 1..starts.len() {
            starts[at] += starts[at - 1];
        }
        let mut next = starts.clone();
        let mut bigrams = vec![(0, 0); found.len()];
        for (x, y, term) in found {
            bigrams[next[x as usize] as usize] = (y, term);
            next[x as usize] += 1;
        }
        Readings { bigrams, starts }
    }

    /// The bigrams read `reading`, however it splits into two syllables (`fangan`: 方案 as
    /// fang an, 反感 as fan gan).
    pub fn of(&self, lexicon: &Lexicon, reading: &str) -> Vec<u32> {
        let mut found = Vec::new();
        for (first, second) in splits(reading) {
            if let (Some(x), Some(y)) = (lexicon.syllable_number(first), lexicon.syllable_number(second)) {
                found.extend(self.run(x, Some(y)));
            }
        }
        found
    }

    /// The bigrams whose reading starts with `prefix` (`zhif`: zhi fu, zhi fa …).
    pub fn starting_with(&self, lexicon: &Lexicon, prefix: &str) -> Vec<u32> {
        let mut found = Vec::new();
        // The first syllable starts with the prefix, or the prefix runs on into the second.
        for x in lexicon.syllables_starting_with(prefix) {
            found.extend(self.run(x, None));
        }
        for (first, rest) in splits(prefix) {
            if let Some(x) = lexicon.syllable_number(first) {
                for y in lexicon.syllables_starting_with(rest) {
                    found.extend(self.run(x, Some(y)));
                }
            }
        }
        found
    }

    /// The bigrams of a first syllable, and of a second if given.
    fn run(&self, first: u16, second: Option<u16>) -> impl Iterator<Item = u32> + '_ {
        let bucket = match (self.starts.get(first as usize), self.starts.get(first as usize + 1)) {
            (Some(&start), Some(&end)) => &self.bigrams[start as usize..end as usize],
            _ => &[],
        };
        bucket.iter().filter(move |&&(y, _)| second.is_none_or(|s| s == y)).map(|&(_, term)| term)
    }
}

/// Every way to cut `text` in two non-empty parts.
fn splits(text: &str) -> impl Iterator<Item = (&str, &str)> {
    (1..text.len()).filter(|&at| text.is_char_boundary(at)).map(|at| text.split_at(at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Terms {
        let mut sorted: Vec<&str> = words.to_vec();
        sorted.sort();
        let mut terms = Terms::with_capacity(sorted.len());
        sorted.iter().for_each(|w| terms.push(0, w.as_bytes()).unwrap());
        terms
    }

    #[test]
    fn every_bigram_is_found_by_its_reading_and_nothing_else_is() {
        let pinyin = vec![('付', 0), ('支', 1), ('知', 1), ('费', 2), ('方', 3), ('案', 4), ('反', 5), ('感', 6)];
        let syllables = ["fu", "zhi", "fei", "fang", "an", "fan", "gan"].map(String::from).to_vec();
        let lexicon = Lexicon::new(Vec::new(), Vec::new(), syllables, pinyin);
        let dictionary = terms(&["支付", "知付", "支", "付", "支付费", "费", "cancel", "zhi", "方案", "反感"]);
        let readings = Readings::new(&dictionary, &lexicon);
        let number = |word: &str| dictionary.get(word).unwrap() as u32;
        let set = |mut found: Vec<u32>| {
            found.sort();
            found
        };
        let words = |list: &[&str]| set(list.iter().map(|w| number(w)).collect());

        assert_eq!(set(readings.of(&lexicon, "zhifu")), words(&["支付", "知付"]));
        assert_eq!(set(readings.of(&lexicon, "fangan")), words(&["方案", "反感"]), "either split");
        assert!(readings.of(&lexicon, "zhi").is_empty(), "one character has no pair reading");
        assert!(readings.of(&lexicon, "zhifufei").is_empty(), "three characters are not a bigram");
        assert_eq!(set(readings.starting_with(&lexicon, "zhif")), words(&["支付", "知付"]));
        assert_eq!(set(readings.starting_with(&lexicon, "fa")), words(&["方案", "反感"]));
        assert_eq!(set(readings.starting_with(&lexicon, "fanga")), words(&["方案", "反感"]), "either split");
        assert!(readings.starting_with(&lexicon, "zhifa").is_empty());
    }
}
