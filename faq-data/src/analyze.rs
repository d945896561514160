//! The one tokenizer. `faq build` runs every field through [`Lexicon::analyze`] to get the
//! terms it indexes; the query runs through the same function, so both sides agree on what a
//! term is. The lexicon (stop words, synonyms, a pinyin table for the corpus's characters) is
//! editor data compiled into the index.
//!
//! Terms live in one dictionary, told apart by a first character that folded text never contains:
//! a plain term is a Chinese character, a Chinese bigram or a stemmed Latin word; `+a b` is two
//! adjacent Latin words (a cheap proximity signal); `#12` is synonym group 12; `^zdx` is the
//! pinyin initials of adjacent characters (`zdxf` for 自动续费). A bigram's pinyin (`kadun`)
//! is no term: the query side derives it from the bigrams (`search::readings`).

use crate::normalize::{fold, is_cjk};
use crate::sort::{sort, sort_by_key};
use crate::stem::stem;

pub(crate) const PAIR: char = '+';
pub(crate) const SYNONYM: char = '#';
pub(crate) const INITIALS: char = '^';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermKind {
    Han,
    Bigram,
    Word,
    Pair,
    Synonym,
    Initials,
}

/// A character (Chinese) or a word (Latin script) of the folded text.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// The character, or the folded word before stemming.
    pub raw: String,
    pub han: bool,
    pub stop: bool,
    /// Chinese characters are adjacent to the next token with nothing between them.
    pub joined: bool,
    /// Position in the folded text, in characters (`end` exclusive).
    pub start: usize,
    pub end: usize,
}

/// A term with the tokens it came from (`first..=last`).
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub text: String,
    pub kind: TermKind,
    pub first: usize,
    pub last: usize,
}

pub(crate) struct Analysis {
    pub tokens: Vec<Token>,
    pub terms: Vec<Term>,
}

/// Editor vocabulary for one locale, as stored in the index.
pub(crate) struct Lexicon {
    pub stop_words: Vec<String>,
    pub syllables: Vec<String>,
    /// Sorted by character; the syllable is an index into `syllables`.
    pub pinyin: Vec<(char, u16)>,
    /// Synonym members folded once: (chars, group, member is Latin words).
    members: Vec<(Vec<char>, usize, bool)>,
    /// Chinese stop words as character lists, longest first, for greedy marking.
    han_stops: Vec<Vec<char>>,
    /// The syllables sorted, each with its number, to tell quickly whether a Latin word is
    /// pinyin and which syllable it is.
    sorted_syllables: Vec<(String, u16)>,
}

impl Lexicon {
    pub(crate) fn new(
        mut stop_words: Vec<String>,
        synonyms: Vec<Vec<String>>,
        syllables: Vec<String>,
        mut pinyin: Vec<(char, u16)>,
    ) -> Lexicon {
        sort(&mut stop_words);
        stop_words.dedup();
        sort_by_key(&mut pinyin, |&(c, _)| c);
        let members = synonyms
            .iter()
            .enumerate()
            .flat_map(|(group, words)| {
                words.iter().map(move |w| {
                    let folded: Vec<char> = fold(w).trim().chars().collect();
                    let latin = folded.iter().all(|c| !is_cjk(*c));
                    (folded, group, latin)
                })
            })
            .filter(|(chars, _, _)| !chars.is_empty())
            .collect();
        // Not an empty one: it would match everywhere without moving on (a core read from any
        // bytes can hold one; the index_decoder fuzz target found the loop).
        let mut han_stops: Vec<Vec<char>> = stop_words
            .iter()
            .map(|w| w.chars().collect::<Vec<_>>())
            .filter(|w| !w.is_empty() && w.iter().all(|c| is_cjk(*c)))
            .collect();
        sort_by_key(&mut han_stops, |w| std::cmp::Reverse(w.len()));
        let mut sorted_syllables: Vec<(String, u16)> = syllables.iter().cloned().zip(0..).collect();
        sort(&mut sorted_syllables);
        Lexicon { stop_words, syllables, pinyin, members, han_stops, sorted_syllables }
    }

    /// Toneless pinyin of a Chinese character, if the index's table knows it.
    pub(crate) fn pinyin_of(&self, c: char) -> Option<&str> {
        self.syllables.get(self.syllable_of(c)? as usize).map(String::as_str)
    }

    /// The character's syllable number in the table.
    pub(crate) fn syllable_of(&self, c: char) -> Option<u16> {
        let at = self.pinyin.binary_search_by_key(&c, |&(ch, _)| ch).ok()?;
        Some(self.pinyin[at].1)
    }

    pub(crate) fn is_syllable(&self, s: &str) -> bool {
        self.syllable_number(s).is_some()
    }

    /// Whether some syllable starts with `s`.
    pub(crate) fn starts_syllable(&self, s: &str) -> bool {
        self.syllables_starting_with(s).next().is_some()
    }

    /// The syllable's number in the table, if `s` is one.
    pub(crate) fn syllable_number(&self, s: &str) -> Option<u16> {
        let at = self.sorted_syllables.binary_search_by(|(y, _)| y.as_str().cmp(s)).ok()?;
        Some(self.sorted_syllables[at].1)
    }

    /// The numbers of the syllables that start with `prefix`.
    pub(crate) fn syllables_starting_with<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u16> + 'a {
        let at = self.sorted_syllables.partition_point(|(y, _)| y.as_str() < prefix);
        self.sorted_syllables[at..].iter().take_while(move |(y, _)| y.starts_with(prefix)).map(|&(_, n)| n)
    }

    fn is_stop_word(&self, word: &str) -> bool {
        self.stop_words.binary_search_by(|w| w.as_str().cmp(word)).is_ok()
    }

    /// Splits folded text into tokens and marks stop words.
    pub(crate) fn tokens(&self, text: &str) -> Vec<Token> {
        let chars: Vec<char> = fold(text).chars().collect();
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if is_cjk(c) {
                let joined = chars.get(i + 1).is_some_and(|n| is_cjk(*n));
                tokens.push(Token { raw: c.to_string(), han: true, stop: false, joined, start: i, end: i + 1 });
                i += 1;
            } else if c == ' ' {
                i += 1;
            } else {
                let start = i;
                while i < chars.len() && chars[i] != ' ' && !is_cjk(chars[i]) {
                    i += 1;
                }
                let raw: String = chars[start..i].iter().collect();
                let stop = self.is_stop_word(&raw);
                tokens.push(Token { raw, han: false, stop, joined: false, start, end: i });
            }
        }
        self.mark_han_stops(&mut tokens);
        tokens
    }

    /// Marks Chinese stop words (longest first), and cuts the bigram links into and out of them.
    fn mark_han_stops(&self, tokens: &mut [Token]) {
        let mut i = 0;
        while i < tokens.len() {
            let matched = self.han_stops.iter().find(|stop| {
                stop.len() <= tokens.len() - i
                    && stop.iter().enumerate().all(|(k, c)| {
                        let t = &tokens[i + k];
                        t.han && t.raw.starts_with(*c) && (k + 1 == stop.len() || t.joined)
                    })
            });
            match matched {
                Some(stop) => {
                    let n = stop.len();
                    for t in &mut tokens[i..i + n] {
                        t.stop = true;
                        t.joined = false;
                    }
                    if i > 0 {
                        tokens[i - 1].joined = false;
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
    }

    /// Every term of `text`: what `faq build` indexes and what a query looks up first.
    /// `initials` adds pinyin-initial n-grams (titles, questions, keywords: what people abbreviate).
    pub(crate) fn analyze(&self, text: &str, initials: bool) -> Analysis {
        let tokens = self.tokens(text);
        let mut terms = Vec::new();
        let mut push = |text: String, kind, first, last| terms.push(Term { text, kind, first, last });
        let mut previous_word: Option<(usize, String)> = None;
        for (i, t) in tokens.iter().enumerate() {
            if t.stop {
                continue;
            }
            if t.han {
                push(t.raw.clone(), TermKind::Han, i, i);
                previous_word = None;
                if t.joined {
                    let next = &tokens[i + 1];
                    push(format!("{}{}", t.raw, next.raw), TermKind::Bigram, i, i + 1);
                }
            } else {
                let word = stem(&t.raw);
                if let Some((_, prev)) = &previous_word {
                    push(format!("{PAIR}{prev} {word}"), TermKind::Pair, i - 1, i);
                }
                push(word.clone(), TermKind::Word, i, i);
                previous_word = Some((i, word));
            }
        }
        if initials {
            for (first, letters) in self.initial_runs(&tokens) {
                for n in 2..=3 {
                    for start in 0..letters.len().saturating_sub(n - 1) {
                        let gram: String = letters[start..start + n].iter().collect();
                        push(format!("{INITIALS}{gram}"), TermKind::Initials, first + start, first + start + n - 1);
                    }
                }
            }
        }
        for (group, first, last) in self.synonym_spans(&tokens) {
            push(format!("{SYNONYM}{group}"), TermKind::Synonym, first, last);
        }
        Analysis { tokens, terms }
    }

    /// The toneless pinyin of two characters run together (支付 → `zhifu`), if the table knows
    /// both: what a query spelling that bigram in pinyin types.
    pub(crate) fn pair_reading(&self, a: char, b: char) -> Option<String> {
        Some(format!("{}{}", self.pinyin_of(a)?, self.pinyin_of(b)?))
    }

    /// Runs of adjacent Chinese characters with known pinyin, as (first token, initials).
    fn initial_runs(&self, tokens: &[Token]) -> Vec<(usize, Vec<char>)> {
        let mut runs = Vec::new();
        let mut current: Option<(usize, Vec<char>)> = None;
        for (i, t) in tokens.iter().enumerate() {
            let initial = if t.han && !t.stop {
                t.raw.chars().next().and_then(|c| self.pinyin_of(c)).and_then(|p| p.chars().next())
            } else {
                None
            };
            match (initial, current.as_mut()) {
                (Some(letter), Some((_, letters))) => letters.push(letter),
                (Some(letter), None) => current = Some((i, vec![letter])),
                (None, _) => {}
            }
            if initial.is_none() || !t.joined {
                runs.extend(current.take());
            }
        }
        runs.extend(current);
        runs
    }

    /// Where synonym-list members occur, as (group, first token, last token). Chinese members
    /// match anywhere in a run of characters; Latin members match whole words.
    fn synonym_spans(&self, tokens: &[Token]) -> Vec<(usize, usize, usize)> {
        let mut spans = Vec::new();
        if self.members.is_empty() || tokens.is_empty() {
            return spans;
        }
        // Rebuild the folded text with token positions, so members spanning words match.
        let end = tokens.last().map_or(0, |t| t.end);
        let mut text = vec![' '; end];
        let mut owner = vec![usize::MAX; end];
        for (i, t) in tokens.iter().enumerate() {
            for (k, c) in t.raw.chars().enumerate() {
                text[t.start + k] = c;
                owner[t.start + k] = i;
            }
        }
        for (member, group, latin) in &self.members {
            let n = member.len();
            if n > text.len() {
                continue;
            }
            for start in 0..=text.len() - n {
                if text[start] != member[0] || text[start..start + n] != member[..] {
                    continue;
                }
                let (first, last) = (owner[start], owner[start + n - 1]);
                if first == usize::MAX || last == usize::MAX {
                    continue;
                }
                let whole_words = !latin || (tokens[first].start == start && tokens[last].end == start + n);
                if whole_words {
                    spans.push((*group, first, last));
                }
            }
        }
        spans
    }
    /// Chinese synonym members the query nearly says, as (group, first token, last token): the
    /// member's characters in order with one other character between (扣了费 for 扣费), or, for
    /// members of three characters or more, all but one character in place (自动缴费 for
    /// 自动续费). Groups the query already names exactly are left out. For queries only: the
    /// caller weighs these below exact matches.
    pub(crate) fn similar_spans(&self, tokens: &[Token]) -> Vec<(usize, usize, usize)> {
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        let exact: Vec<usize> = self.synonym_spans(tokens).into_iter().map(|(group, _, _)| group).collect();
        for run in han_runs(tokens) {
            let chars: Vec<char> = run.clone().filter_map(|i| tokens[i].raw.chars().next()).collect();
            for (member, group, latin) in &self.members {
                let n = member.len();
                if *latin || n < 2 || n > chars.len() || exact.contains(group) || spans.iter().any(|s| s.0 == *group) {
                    continue;
                }
                let found = (0..chars.len()).find_map(|start| {
                    let gapped = start + n < chars.len() && (1..n).any(|gap| chars[start..start + gap] == member[..gap] && chars[start + gap + 1..start + n + 1] == member[gap..]);
                    if gapped {
                        return Some((start, start + n));
                    }
                    let window = chars.get(start..start + n)?;
                    let differing = window.iter().zip(member).filter(|(a, b)| a != b).count();
                    (n >= 3 && differing == 1).then_some((start, start + n - 1))
                });
                if let Some((first, last)) = found {
                    spans.push((*group, run.start + first, run.start + last));
                }
            }
        }
        spans
    }
}

/// Token ranges of Chinese characters with nothing between them; stop words stay inside (the
/// 了 of 扣了费 is the character a near match skips).
fn han_runs(tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let mut runs: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, t) in tokens.iter().enumerate().filter(|(_, t)| t.han) {
        match runs.last_mut() {
            Some(run) if run.end == i && tokens[i - 1].end == t.start => run.end = i + 1,
            _ => runs.push(i..i + 1),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::new(
            vec!["怎么".into(), "the".into()],
            vec![vec!["卡顿".into(), "缓冲".into()], vec!["vip".into(), "会员".into()]],
            vec!["ka".into(), "dun".into(), "zi".into(), "dong".into()],
            vec![('卡', 0), ('顿', 1), ('自', 2), ('动', 3)],
        )
    }

    fn texts(a: &Analysis) -> Vec<&str> {
        a.terms.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn chinese_gets_unigrams_bigrams_and_synonyms() {
        let a = lexicon().analyze("视频卡顿怎么办", false);
        let t = texts(&a);
        assert_eq!(lexicon().pair_reading('卡', '顿').as_deref(), Some("kadun"), "a reading is the query's to derive");
        for want in ["视", "视频", "卡顿", "#0", "办"] {
            assert!(t.contains(&want), "{want} missing from {t:?}");
        }
        assert!(!t.contains(&"顿怎"), "no bigram into a stop word");
        assert!(!t.contains(&"怎"));
    }

    #[test]
    fn mixed_text_and_latin_words() {
        let a = lexicon().analyze("VIP扣费 cancelled the renewals", false);
        let t = texts(&a);
        for want in ["vip", "扣费", "cancel", "renewal", "+cancel renewal", "#1"] {
            assert!(t.contains(&want), "{want} missing from {t:?}");
        }
        assert!(!t.contains(&"the"));
    }

    #[test]
    fn initials_for_titles() {
        let a = lexicon().analyze("自动卡顿", true);
        let t = texts(&a);
        assert!(t.contains(&"^zd") && t.contains(&"^zdk") && t.contains(&"^kd"), "{t:?}");
    }

    #[test]
    fn an_empty_stop_word_stops_nothing() {
        let lexicon = Lexicon::new(vec!["".into(), "怎么".into()], Vec::new(), Vec::new(), Vec::new());
        let tokens = lexicon.tokens("怎么取消会员");
        assert_eq!(tokens.iter().map(|t| t.stop).collect::<Vec<_>>(), [true, true, false, false, false, false]);
    }

    #[test]
    fn similar_members_share_most_characters() {
        let lexicon = Lexicon::new(vec!["了".into()], vec![vec!["扣费".into(), "charge".into()], vec!["自动续费".into(), "autorenew".into()]], Vec::new(), Vec::new());
        let spans = |text: &str| lexicon.similar_spans(&lexicon.tokens(text));
        assert_eq!(spans("又扣了费"), vec![(0, 1, 3)], "one character between");
        assert_eq!(spans("自动缴费停不了"), vec![(1, 0, 3)], "one character of four replaced");
        assert!(spans("扣费了").is_empty(), "an exact match is the synonym itself");
        assert!(spans("扣款").is_empty(), "two characters need both");
        assert!(spans("费扣").is_empty(), "in order");
    }

    #[test]
    fn synonym_latin_members_need_whole_words() {
        let a = lexicon().analyze("vipx", false);
        assert!(!texts(&a).contains(&"#1"));
    }
}
