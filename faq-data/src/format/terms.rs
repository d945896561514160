//! A core's term dictionary: its terms in byte order, numbered by position. Read from the core's
//! checked, front-coded list, it answers at once: a lookup by binary search, an automaton by a
//! walk down the list that reuses the states of the bytes a term shares with the one before
//! (as the list stores them). Once [`Terms::build_fst`] has run it answers from an fst instead:
//! the same answers, faster per query, but building it costs more than a first query's walks
//! (in a browser about 20 ms for 14,000 terms, 3–5 ms natively), so a reader that wants its first
//! answer soon builds it afterwards. The fst is built from this checked list, never read from a
//! file: fst's reader trusts its bytes, and a forged fst with a fitting checksum panics it.

use std::cmp::Ordering;
use std::ops::ControlFlow;
use std::sync::OnceLock;

use fst::{Automaton, IntoStreamer, Streamer};

use super::IndexError;

pub(crate) struct Terms {
    /// Every term, one after the other.
    text: Vec<u8>,
    /// Where each term ends in `text` (term n starts where term n - 1 ends).
    ends: Vec<u32>,
    /// How many leading bytes each term shares with the one before.
    shared: Vec<u32>,
    fst: OnceLock<fst::Map<Vec<u8>>>,
}

impl Terms {
    pub fn with_capacity(terms: usize) -> Terms {
        Terms { text: Vec::new(), ends: Vec::with_capacity(terms), shared: Vec::with_capacity(terms), fst: OnceLock::new() }
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
        if let Some(fst) = self.fst.get() {
            return fst.get(key);
        }
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

    pub fn contains_key(&self, key: impl AsRef<[u8]>) -> bool {
        self.get(key).is_some()
    }

    /// Hands `found` each term `automaton` accepts with its number, in byte order, until it
    /// breaks: what fst's `search` streams.
    pub fn search<A: Automaton>(&self, automaton: A, mut found: impl FnMut(&[u8], u64) -> ControlFlow<()>) {
        if let Some(fst) = self.fst.get() {
            let mut stream = fst.search(automaton).into_stream();
            while let Some((term, n)) = stream.next() {
                if found(term, n).is_break() {
                    return;
                }
            }
            return;
        }
        // `states[d]`: the automaton's state after the current term's first d bytes.
        let mut states = vec![automaton.start()];
        // The depth at which the last term walked could no longer match: every term sharing
        // that many bytes with it cannot either.
        let mut dead_at = usize::MAX;
        for n in 0..self.len() {
            let shared = self.shared[n] as usize;
            if shared >= dead_at {
                continue;
            }
            dead_at = usize::MAX;
            states.truncate(shared + 1);
            let term = self.term(n);
            for (depth, &byte) in term.iter().enumerate().skip(shared) {
                if !automaton.can_match(&states[depth]) {
                    dead_at = depth;
                    break;
                }
                let next = automaton.accept(&states[depth], byte);
                states.push(next);
            }
            if dead_at != usize::MAX {
                continue;
            }
            let last = &states[term.len()];
            if !automaton.can_match(last) {
                dead_at = term.len();
            } else if automaton.is_match(last) && found(term, n as u64).is_break() {
                return;
            }
        }
    }

    /// Builds the fst that answers from then on (once; a failure, which checked terms cannot
    /// cause, leaves the walks answering).
    pub fn build_fst(&self) {
        if self.fst.get().is_some() {
            return;
        }
        let mut builder = fst::MapBuilder::memory();
        for n in 0..self.len() {
            if builder.insert(self.term(n), n as u64).is_err() {
                return;
            }
        }
        if let Some(map) = builder.into_inner().ok().and_then(|bytes| fst::Map::new(bytes).ok()) {
            let _ = self.fst.set(map);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::automaton::{Levenshtein, Str, Subsequence};

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

    #[test]
    fn the_walk_answers_what_the_fst_answers() {
        let walked = terms(WORDS);
        let built = terms(WORDS);
        built.build_fst();
        assert!(built.fst.get().is_some() && walked.fst.get().is_none());
        for key in WORDS.iter().chain(&["abe", "c", "自", "zzz"]) {
            assert_eq!(walked.get(key), built.get(key), "{key}");
        }
        assert_eq!(walked.get("自动续费"), Some(13));
        for word in ["cancel", "ab", "自动续", "bab", "x"] {
            for distance in 0..=2 {
                let automaton = Levenshtein::new(word, distance).unwrap();
                assert_eq!(matches(&walked, &automaton), matches(&built, &automaton), "{word} ~{distance}");
            }
            assert_eq!(matches(&walked, &Str::new(word).starts_with()), matches(&built, &Str::new(word).starts_with()), "{word}*");
            assert_eq!(matches(&walked, &Subsequence::new(word)), matches(&built, &Subsequence::new(word)), "{word} subsequence");
        }
        assert_eq!(matches(&walked, &Str::new("ab").starts_with()).len(), 3);
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
