//! A core's term dictionary: its terms in byte order, numbered by position, read from the core's
//! checked, front-coded list. A lookup is a binary search; an automaton (exact term, typo,
//! prefix, pinyin) walks the list, reusing the states of the bytes a term shares with the one
//! before, and jumps past every term under a prefix the automaton cannot match: the nodes an
//! fst's search visits, without an fst. Building one from the list (fst's reader trusts its
//! bytes, and a forged fst with a fitting checksum panics it, so it is never read from a file)
//! bought no speed (`cargo bench -p faq-data`: p50 and p99 within 5 % at 10,000 and 100,000
//! articles, BENCHMARKS.md) and cost the browser ~20 ms of building, its memory and 27.6 KB of
//! code after brotli (fst's builder and its CRC-32C tables).

use std::cmp::Ordering;
use std::ops::ControlFlow;

use fst::Automaton;

use super::IndexError;

pub(crate) struct Terms {
    /// Every term, one after the other.
    text: Vec<u8>,
    /// Where each term ends in `text` (term n starts where term n - 1 ends).
    ends: Vec<u32>,
    /// How many leading bytes each term shares with the one before.
    shared: Vec<u32>,
}

impl Terms {
    pub fn with_capacity(terms: usize) -> Terms {
        Terms { text: Vec::new(), ends: Vec::with_capacity(terms), shared: Vec::with_capacity(terms) }
    }

    /// Appends the next term, which keeps `shared` bytes of the last one; it must sort after it.
    pub fn push(&mut self, shared: usize, rest: &[u8]) -> Result<(), IndexError> {
        let start = self.text.len();
        let last = self.ends.len().checked_sub(1).map(|n| self.range(n));
        // The walk resumes from the state after `shared` bytes: never more than the last term has.
        let kept = last.clone().map_or(0..0, |last| last.start..last.start + shared.min(last.len()));
        let shared = kept.len();
        self.text.extend_from_within(kept);
        self.text.extend_from_slice(rest);
        if let Some(last) = last {
            if self.text[last] >= self.text[start..] {
                return Err(IndexError::Corrupt("terms out of order"));
            }
        }
        let end = u32::try_from(self.text.len()).map_err(|_| IndexError::Corrupt("term dictionary"))?;
        self.ends.push(end);
        self.shared.push(shared as u32);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    fn range(&self, n: usize) -> std::ops::Range<usize> {
        let start = if n == 0 { 0 } else { self.ends[n - 1] as usize };
        start..self.ends[n] as usize
    }

    fn term(&self, n: usize) -> &[u8] {
        &self.text[self.range(n)]
    }

    /// The term's number, if the dictionary has it.
    pub fn get(&self, key: impl AsRef<[u8]>) -> Option<u64> {
        let key = key.as_ref();
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = (low + high) / 2;
            match self.term(middle).cmp(key) {
                Ordering::Less => low = middle + 1,
                Ordering::Greater => high = middle,
                Ordering::Equal => return Some(middle as u64),
            }
        }
        None
    }

    /// Every term, in order (its number is its place).
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> {
        (0..self.len()).map(|n| self.term(n))
    }

    pub fn contains_key(&self, key: impl AsRef<[u8]>) -> bool {
        self.get(key).is_some()
    }

    /// Hands `found` each term `automaton` accepts with its number, in byte order, until it
    /// breaks: what fst's `search` streams.
    pub fn search<A: Automaton>(&self, automaton: A, mut found: impl FnMut(&[u8], u64) -> ControlFlow<()>) {
        // `states[d]`: the automaton's state after the current term's first d bytes.
        let mut states = vec![automaton.start()];
        let mut n = 0;
        while n < self.len() {
            states.truncate(self.shared[n] as usize + 1);
            let term = self.term(n);
            let mut dead_at = None;
            for depth in states.len() - 1..=term.len() {
                if !automaton.can_match(&states[depth]) {
                    dead_at = Some(depth);
                    break;
                }
                if let Some(&byte) = term.get(depth) {
                    let next = automaton.accept(&states[depth], byte);
                    states.push(next);
                }
            }
            match dead_at {
                Some(depth) => n = self.after_prefix(n, depth),
                None => {
                    if automaton.is_match(&states[term.len()]) && found(term, n as u64).is_break() {
                        return;
                    }
                    n += 1;
                }
            }
        }
    }

    /// The first term after term `n` that does not start with its first `depth` bytes. Those
    /// that do are one run in byte order, often short, sometimes most of the list: gallop
    /// forward, then bisect.
    fn after_prefix(&self, n: usize, depth: usize) -> usize {
        let prefix = &self.term(n)[..depth];
        let under = |m: usize| m < self.len() && self.term(m).starts_with(prefix);
        // Invariant: term `low - 1` is under the prefix; term `high` (or the list's end) is not.
        let (mut low, mut step) = (n + 1, 1);
        while under(n + step) {
            low = n + step + 1;
            step *= 2;
        }
        let mut high = (n + step).min(self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if under(middle) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::automaton::{Levenshtein, Str, Subsequence};
    use fst::{IntoStreamer, Streamer};

    fn terms(words: &[&str]) -> Terms {
        let mut terms = Terms::with_capacity(words.len());
        let mut last: &[u8] = b"";
        for word in words {
            let shared = last.iter().zip(word.as_bytes()).take_while(|(a, b)| a == b).count();
            terms.push(shared, &word.as_bytes()[shared..]).unwrap();
            last = word.as_bytes();
        }
        terms
    }

    fn matches<A: Automaton>(terms: &Terms, automaton: &A) -> Vec<(String, u64)> {
        let mut out = Vec::new();
        terms.search(automaton, |term, n| {
            out.push((String::from_utf8_lossy(term).into_owned(), n));
            ControlFlow::Continue(())
        });
        out
    }

    const WORDS: &[&str] = &["", "a", "ab", "abc", "abd", "b", "ba", "bab", "cancel", "cancelled", "charge", "续费", "自动", "自动续费"];

    /// What fst's own search answers over the same words: the walk's reference.
    fn fst_matches<A: Automaton>(words: &[&str], automaton: &A) -> Vec<(String, u64)> {
        let map = fst::Map::from_iter(words.iter().enumerate().map(|(n, w)| (*w, n as u64))).unwrap();
        let mut stream = map.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((term, n)) = stream.next() {
            out.push((String::from_utf8_lossy(term).into_owned(), n));
        }
        out
    }

    #[test]
    fn the_walk_answers_what_an_fst_answers() {
        let walked = terms(WORDS);
        for (n, key) in WORDS.iter().enumerate() {
            assert_eq!(walked.get(key), Some(n as u64), "{key}");
        }
        for key in ["abe", "c", "自", "zzz"] {
            assert_eq!(walked.get(key), None, "{key}");
        }
        for word in ["cancel", "ab", "自动续", "bab", "x", "", "b"] {
            for distance in 0..=2 {
                let automaton = Levenshtein::new(word, distance).unwrap();
                assert_eq!(matches(&walked, &automaton), fst_matches(WORDS, &automaton), "{word} ~{distance}");
            }
            let prefix = Str::new(word).starts_with();
            assert_eq!(matches(&walked, &prefix), fst_matches(WORDS, &prefix), "{word}*");
            let subsequence = Subsequence::new(word);
            assert_eq!(matches(&walked, &subsequence), fst_matches(WORDS, &subsequence), "{word} subsequence");
        }
        assert_eq!(matches(&walked, &Str::new("ab").starts_with()).len(), 3);
    }

    #[test]
    fn jumps_past_long_runs_under_a_dead_prefix() {
        // Many terms under "a" and "b", and a few after: an automaton that dies at "a" and at
        // "b" must still find "c…" and "d" past the runs it jumps, whatever their lengths.
        let mut words: Vec<String> = Vec::new();
        for first in ["a", "b"] {
            for n in 0..1000 {
                words.push(format!("{first}{n:04}"));
            }
        }
        words.extend(["c", "ca", "cab", "d"].map(String::from));
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let walked = terms(&words);
        for automaton in [Str::new("c").starts_with(), Str::new("b0999").starts_with(), Str::new("a1").starts_with()] {
            assert_eq!(matches(&walked, &automaton), fst_matches(&words, &automaton));
        }
        let typo = Levenshtein::new("cb", 1).unwrap();
        assert_eq!(matches(&walked, &typo), fst_matches(&words, &typo));
        assert_eq!(walked.after_prefix(0, 1), 1000, "the run under \"a\" ends at \"b0000\"");
        assert_eq!(walked.after_prefix(1000, 0), words.len(), "the empty prefix holds every term");
        assert_eq!(walked.after_prefix(2000, 1), 2003, "\"c\", \"ca\", \"cab\"");
    }

    #[test]
    fn a_search_stops_when_told() {
        let terms = terms(WORDS);
        let mut seen = 0;
        terms.search(Str::new("").starts_with(), |_, _| {
            seen += 1;
            if seen == 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        });
        assert_eq!(seen, 3);
    }

    #[test]
    fn terms_out_of_order_or_repeated_are_refused() {
        let mut list = terms(&["b"]);
        assert_eq!(list.push(0, b"a"), Err(IndexError::Corrupt("terms out of order")));
        let mut list = terms(&["ab"]);
        assert_eq!(list.push(2, b""), Err(IndexError::Corrupt("terms out of order")), "the same term again");
    }
}
