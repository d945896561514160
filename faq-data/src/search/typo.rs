//! Here is a word with a typo, walk the dictionary for the words within one or two edits.
//!
//! fst's own `Levenshtein` builds a whole DFA before the walk starts, which costs more than the
//! walk (hundreds of microseconds for two edits). This automaton keeps one row of the edit
//! distance table as its state and works out the next row per byte as the dictionary is walked,
//! so the cost follows the branches of the dictionary that stay within reach.

use fst::Automaton;

/// Longest word corrected (a row is one byte per letter, plus one).
pub(crate) const MAX_LETTERS: usize = 31;

pub(crate) struct Typo<'a> {
    word: &'a [u8],
    edits: u8,
}

impl<'a> Typo<'a> {
    /// `None` for words that are not ASCII or longer than [`MAX_LETTERS`].
    pub(crate) fn new(word: &'a str, edits: u8) -> Option<Typo<'a>> {
        (word.is_ascii() && word.len() <= MAX_LETTERS).then_some(Typo { word: word.as_bytes(), edits })
    }
}

/// One row of the edit distance table: `row[i]` is the distance between the bytes read so
/// far and the word's first `i` bytes. `None` once no continuation can come within reach.
type Row = Option<[u8; MAX_LETTERS + 1]>;

impl Automaton for Typo<'_> {
    type State = Row;

    fn start(&self) -> Row {
        let mut row = [0u8; MAX_LETTERS + 1];
        for (i, cell) in row.iter_mut().enumerate().take(self.word.len() + 1) {
            *cell = i as u8;
        }
        Some(row)
    }

    fn is_match(&self, row: &Row) -> bool {
        row.is_some_and(|r| r[self.word.len()] <= self.edits)
    }

    fn can_match(&self, row: &Row) -> bool {
        row.is_some()
    }

    fn accept(&self, row: &Row, byte: u8) -> Row {
        let previous = row.as_ref()?;
        let n = self.word.len();
        let mut next = [0u8; MAX_LETTERS + 1];
        next[0] = previous[0].saturating_add(1);
        let mut best = next[0];
        for i in 1..=n {
            let substitute = previous[i - 1].saturating_add(u8::from(self.word[i - 1] != byte));
            next[i] = substitute.min(previous[i].saturating_add(1)).min(next[i - 1].saturating_add(1));
            best = best.min(next[i]);
        }
        (best <= self.edits).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn matches(words: &[&str], word: &str, edits: u8) -> Vec<String> {
        let mut sorted = words.to_vec();
        sorted.sort();
        let set = Set::from_iter(sorted).unwrap();
        let mut stream = set.search(Typo::new(word, edits).unwrap()).into_stream();
        let mut out = Vec::new();
        while let Some(w) = stream.next() {
            out.push(String::from_utf8(w.to_vec()).unwrap());
        }
        out
    }

    #[test]
    fn finds_words_within_the_edits() {
        let words = ["cancel", "cancelled", "cancle", "subscription", "subscriptions", "download", "refund"];
        assert_eq!(matches(&words, "subscripton", 1), vec!["subscription"]);
        assert_eq!(matches(&words, "subscripton", 2), vec!["subscription", "subscriptions"]);
        assert_eq!(matches(&words, "downlod", 1), vec!["download"]);
        assert_eq!(matches(&words, "refnd", 1), vec!["refund"]);
        assert!(matches(&words, "weather", 2).is_empty());
    }

    #[test]
    fn agrees_with_the_edit_distance() {
        fn distance(a: &[u8], b: &[u8]) -> usize {
            let mut row: Vec<usize> = (0..=b.len()).collect();
            for (i, &x) in a.iter().enumerate() {
                let mut next = vec![i + 1];
                for (j, &y) in b.iter().enumerate() {
                    next.push((row[j] + usize::from(x != y)).min(row[j + 1] + 1).min(next[j] + 1));
                }
                row = next;
            }
            row[b.len()]
        }
        let mut words = vec!["account", "accounts", "acount", "amount", "count", "discount", "mount", "cant", "can", "coun"];
        words.sort();
        for query in ["acount", "coutn", "accont", "moutn"] {
            for edits in 1..=2u8 {
                let want: Vec<String> = words.iter().filter(|w| distance(w.as_bytes(), query.as_bytes()) <= edits as usize).map(|w| w.to_string()).collect();
                assert_eq!(matches(&words, query, edits), want, "{query} within {edits}");
            }
        }
    }

    #[test]
    fn long_or_non_ascii_words_are_not_corrected() {
        assert!(Typo::new(&"a".repeat(MAX_LETTERS + 1), 1).is_none());
        assert!(Typo::new("café", 1).is_none());
    }
}
