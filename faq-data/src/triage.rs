//! Should a human step in right away? The judgement reads cue phrases that editors keep per
//! locale (`content/<locale>/_data/cues.toml`); they are compiled into the index, so the widget
//! and the worker judge a message the same way.
//!
//! ```
//! use faq_data::{triage, Cues, Reason};
//! let mut cues = Cues::default();
//! cues.add(Reason::MoneyLost, "charged*twice");
//! cues.add(Reason::AccountStolen, "hacked");
//! let t = triage("I was charged for VIP twice!", &cues);
//! assert!(t.escalate);
//! assert_eq!(t.reasons, vec![Reason::MoneyLost]);
//! assert_eq!(triage("someone HACKED my account", &cues).reasons, vec![Reason::AccountStolen]);
//! assert!(!triage("how do I change my password", &cues).escalate);
//! ```

use crate::normalize::{fold_char, is_cjk};
use crate::sort::sort;

/// Why a message should reach a person now. The edge routes on these: `AccountStolen` to the
/// security department, `MoneyLost` to billing, both urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    Anger,
    RepeatedFailure,
    MoneyLost,
    AccountStolen,
    ComplaintThreat,
    Urgent,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::Anger,
        Reason::RepeatedFailure,
        Reason::MoneyLost,
        Reason::AccountStolen,
        Reason::ComplaintThreat,
        Reason::Urgent,
    ];

    /// The key used in `cues.toml` and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Reason::Anger => "anger",
            Reason::RepeatedFailure => "repeated_failure",
            Reason::MoneyLost => "money_lost",
            Reason::AccountStolen => "account_stolen",
            Reason::ComplaintThreat => "complaint_threat",
            Reason::Urgent => "urgent",
        }
    }

    pub fn from_name(name: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.name() == name)
    }

    #[cfg(feature = "build")]
    pub(crate) fn code(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_code(code: u8) -> Option<Reason> {
        Reason::ALL.get(code as usize).copied()
    }

    /// Anger and urgency say how the user feels, not what they ask about: search leaves the
    /// words of these cues out when it judges what a query is about. (Repeated failure is
    /// told in the topic's words, "下载一直失败", so its cues stay in.)
    pub fn is_feeling(self) -> bool {
        matches!(self, Reason::Anger | Reason::Urgent)
    }
}

/// The judgement on one message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Triage {
    pub escalate: bool,
    /// Each reason once, in [`Reason::ALL`] order.
    pub reasons: Vec<Reason>,
}

/// Cue phrases per reason. A cue is a phrase, or phrases joined by `*` that must appear in this
/// order with at most [`Cues::GAP`] characters between them ([`Cues::LATIN_GAP`] when the cue
/// has no Chinese: English words are longer), so `扣*两次` matches 扣了我两次.
///
/// - Latin-script cues match whole words only ("sue" does not match "issue"); a Latin word of
///   [`Cues::FUZZY_WORD`] letters or more also matches with one typo ("complant" for
///   "complaint").
/// - `{n}` stands for a number of three or more, or a word for many: `试了{n}次` matches
///   试了三次 and 试了十几次, `{n} times` matches "8 times" and "several times".
#[derive(Debug, Clone, Default)]
pub struct Cues {
    lists: Vec<(Reason, Vec<String>)>,
    compiled: Vec<(Reason, Vec<Cue>)>,
}

impl Cues {
    pub const GAP: usize = 12;
    pub const LATIN_GAP: usize = 30;
    pub const FUZZY_WORD: usize = 8;

    pub fn add(&mut self, reason: Reason, cue: &str) {
        let cue: String = cue.chars().map(fold_char).collect();
        let cue = cue.trim().to_string();
        if cue.is_empty() {
            return;
        }
        let compiled = Cue::compile(&cue);
        match self.lists.iter_mut().position(|(r, _)| *r == reason) {
            Some(at) => {
                self.lists[at].1.push(cue);
                self.compiled[at].1.push(compiled);
            }
            None => {
                self.lists.push((reason, vec![cue]));
                self.compiled.push((reason, vec![compiled]));
            }
        }
    }

    /// (reason, cues) in the order they were added; what the index writer stores.
    pub fn lists(&self) -> &[(Reason, Vec<String>)] {
        &self.lists
    }

    pub fn is_empty(&self) -> bool {
        self.lists.iter().all(|(_, l)| l.is_empty())
    }
}

/// Words that say "many" where a cue has `{n}`.
const MANY_WORDS: &[&str] = &[
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty",
    "fifty", "hundred", "dozen", "dozens", "several", "multiple", "many", "countless", "numerous", "few",
];

/// Chinese numerals that make a number of three or more (一, 二 and 两 alone do not).
fn is_many_han(c: char) -> bool {
    "三四五六七八九十百千几多".contains(c)
}

fn is_han_numeral(c: char) -> bool {
    is_many_han(c) || "零一二两俩半".contains(c)
}

/// One element of a cue part.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    /// A character; in a part of two or more characters a Chinese one also matches by sound.
    Char(char),
    /// `{n}`: a number of three or more.
    Many,
    /// A long Latin word, which also matches at edit distance 1.
    Word(Vec<char>),
}

/// A cue compiled once: its parts (between `*`s) and the gap allowed between them.
#[derive(Debug, Clone)]
struct Cue {
    parts: Vec<Vec<Piece>>,
    gap: usize,
}

impl Cue {
    fn compile(cue: &str) -> Cue {
        let latin = !cue.chars().any(is_cjk);
        let parts = cue.split('*').map(|p| Cue::pieces(p.trim())).collect();
        Cue { parts, gap: if latin { Cues::LATIN_GAP } else { Cues::GAP } }
    }

    fn pieces(part: &str) -> Vec<Piece> {
        let chars: Vec<char> = part.chars().collect();
        let mut pieces = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            if chars[i..].starts_with(&['{', 'n', '}']) {
                pieces.push(Piece::Many);
                i += 3;
            } else if chars[i].is_ascii_alphabetic() && (i == 0 || !chars[i - 1].is_ascii_alphanumeric()) {
                let end = (i..chars.len()).find(|&k| !chars[k].is_ascii_alphanumeric()).unwrap_or(chars.len());
                let word = &chars[i..end];
                if word.len() >= Cues::FUZZY_WORD && word.iter().all(char::is_ascii_alphabetic) {
                    pieces.push(Piece::Word(word.to_vec()));
                } else {
                    pieces.extend(word.iter().map(|&c| Piece::Char(c)));
                }
                i = end;
            } else {
                pieces.push(Piece::Char(chars[i]));
                i += 1;
            }
        }
        pieces
    }
}

/// Judges one message against cue lists.
pub fn triage(text: &str, cues: &Cues) -> Triage {
    triage_by_sound(text, cues, |_| None, |_| false)
}

/// Like [`triage`], but Chinese cue phrases of two or more characters also match characters
/// that sound the same (`sound` gives a character's syllable number), so a homophone typo
/// (被到 for 被盗, 头诉 for 投诉) is still heard. Single characters must match exactly: too many
/// characters share one syllable. A span heard by sound that is itself a `known` term (器人 in
/// 机器人 sounds like 气人) was meant as written, and does not match.
pub(crate) fn triage_by_sound(
    text: &str,
    cues: &Cues,
    sound: impl Fn(char) -> Option<u16>,
    known: impl Fn(&str) -> bool,
) -> Triage {
    triage_with_feelings(text, cues, sound, known).0
}

/// [`triage_by_sound`], and which characters of the text (one flag per `char`) belong to cues
/// of feeling ([`Reason::is_feeling`]): every place a part of such a matched cue occurs.
pub(crate) fn triage_with_feelings(
    text: &str,
    cues: &Cues,
    sound: impl Fn(char) -> Option<u16>,
    known: impl Fn(&str) -> bool,
) -> (Triage, Vec<bool>) {
    let text: Vec<char> = text.chars().map(fold_char).collect();
    let sounds: Vec<Option<u16>> = text.iter().map(|&c| if is_cjk(c) { sound(c) } else { None }).collect();
    let mut by_char: Vec<(char, usize)> = text.iter().enumerate().map(|(at, &c)| (c, at)).collect();
    sort(&mut by_char);
    let mut by_sound: Vec<(u16, usize)> = sounds.iter().enumerate().filter_map(|(at, s)| s.map(|s| (s, at))).collect();
    sort(&mut by_sound);
    let message = Message { text: &text, sounds: &sounds, by_char, by_sound, sound: &sound, known: &known };
    let mut feeling = vec![false; text.len()];
    let mut scratch = Scratch::default();
    let mut reasons = Vec::new();
    for (reason, list) in &cues.compiled {
        for cue in list {
            if !message.matches(cue, &mut scratch) {
                continue;
            }
            reasons.push(*reason);
            if !reason.is_feeling() {
                break;
            }
            for part in &cue.parts {
                for at in 0..text.len() {
                    if let Some(end) = message.part_at(part, at) {
                        feeling[at..end].iter_mut().for_each(|f| *f = true);
                    }
                }
            }
        }
    }
    sort(&mut reasons);
    reasons.dedup();
    (Triage { escalate: !reasons.is_empty(), reasons }, feeling)
}

/// Buffers reused from one cue to the next.
#[derive(Default)]
struct Scratch {
    candidates: Vec<usize>,
    starts: Vec<bool>,
    next: Vec<bool>,
}

struct Message<'a, S, K> {
    text: &'a [char],
    sounds: &'a [Option<u16>],
    /// Every (character, position) and (syllable, position), sorted, to find where a cue may start.
    by_char: Vec<(char, usize)>,
    by_sound: Vec<(u16, usize)>,
    sound: &'a S,
    known: &'a K,
}

impl<S: Fn(char) -> Option<u16>, K: Fn(&str) -> bool> Message<'_, S, K> {
    /// Whether the cue's parts occur in order, each starting within the gap after the previous
    /// one ends. The first part is tried only where its first character (or its sound)
    /// occurs; after that, the set of positions where the next part may start is tracked, so a
    /// cue of many parts costs parts × length × gap, never more.
    fn matches(&self, cue: &Cue, scratch: &mut Scratch) -> bool {
        let n = self.text.len();
        let Some((first, rest)) = cue.parts.split_first() else { return false };
        self.candidates(first, &mut scratch.candidates);
        if rest.is_empty() {
            return scratch.candidates.iter().any(|&at| self.part_at(first, at).is_some());
        }
        scratch.starts.clear();
        scratch.starts.resize(n + 1, false);
        let mut found = false;
        for &at in &scratch.candidates {
            if let Some(end) = self.part_at(first, at) {
                found = true;
                scratch.starts[end..=(end + cue.gap).min(n)].iter_mut().for_each(|s| *s = true);
            }
        }
        for (k, part) in rest.iter().enumerate() {
            if !found {
                return false;
            }
            found = false;
            scratch.next.clear();
            scratch.next.resize(n + 1, false);
            for (at, _) in scratch.starts.iter().enumerate().filter(|(_, s)| **s) {
                if let Some(end) = self.part_at(part, at) {
                    if k + 1 == rest.len() {
                        return true;
                    }
                    found = true;
                    scratch.next[end..=(end + cue.gap).min(n)].iter_mut().for_each(|s| *s = true);
                }
            }
            std::mem::swap(&mut scratch.starts, &mut scratch.next);
        }
        false
    }

    /// Where `part` may start: where its first character is, or sounds the same; everywhere
    /// when it starts with a number or a long word.
    fn candidates(&self, part: &[Piece], out: &mut Vec<usize>) {
        out.clear();
        match part.first() {
            Some(Piece::Char(c)) => {
                let from = self.by_char.partition_point(|&(x, _)| x < *c);
                out.extend(self.by_char[from..].iter().take_while(|&&(x, _)| x == *c).map(|&(_, at)| at));
                if let Some(sound) = (part.len() >= 2).then(|| (self.sound)(*c)).flatten() {
                    let from = self.by_sound.partition_point(|&(x, _)| x < sound);
                    out.extend(self.by_sound[from..].iter().take_while(|&&(x, _)| x == sound).map(|&(_, at)| at));
                }
            }
            Some(_) => out.extend(0..self.text.len()),
            None => {}
        }
    }

    /// Where the part ends if it occurs at `at`, as whole words where it starts or ends with one.
    fn part_at(&self, part: &[Piece], at: usize) -> Option<usize> {
        if part.is_empty() {
            return None;
        }
        let by_sound = part.len() >= 2;
        let mut pos = at;
        let mut heard = false;
        for piece in part {
            match piece {
                Piece::Char(c) => {
                    let t = *self.text.get(pos)?;
                    if t != *c {
                        let same_sound = by_sound && self.sounds[pos].is_some() && (self.sound)(*c) == self.sounds[pos];
                        if !same_sound {
                            return None;
                        }
                        heard = true;
                    }
                    pos += 1;
                }
                Piece::Many => pos = self.many_at(pos)?,
                Piece::Word(word) => {
                    let end = self.word_end(pos);
                    if end == pos || !within_one_edit(&self.text[pos..end], word) {
                        return None;
                    }
                    pos = end;
                }
            }
        }
        let word = |c: char| c.is_ascii_alphanumeric();
        let clean_start = !word(self.text[at]) || at == 0 || !word(self.text[at - 1]);
        let clean_end = !word(self.text[pos - 1]) || pos == self.text.len() || !word(self.text[pos]);
        if !clean_start || !clean_end {
            return None;
        }
        if heard && (self.known)(&self.text[at..pos].iter().collect::<String>()) {
            return None;
        }
        Some(pos)
    }

    fn word_end(&self, at: usize) -> usize {
        (at..self.text.len()).find(|&k| !self.text[k].is_ascii_alphanumeric()).unwrap_or(self.text.len())
    }

    /// The end of a number of three or more at `at`: digits, Chinese numerals, or a word for many.
    fn many_at(&self, at: usize) -> Option<usize> {
        let first = *self.text.get(at)?;
        if first.is_ascii_digit() {
            let end = (at..self.text.len()).find(|&k| !self.text[k].is_ascii_digit()).unwrap_or(self.text.len());
            // "4k" or "3d" is not a count.
            if self.text.get(end).is_some_and(char::is_ascii_alphabetic) {
                return None;
            }
            let value = self.text[at..end].iter().fold(0u32, |v, c| v.saturating_mul(10).saturating_add(c.to_digit(10).unwrap_or(0)));
            return (value >= 3).then_some(end);
        }
        if is_han_numeral(first) {
            let end = (at..self.text.len()).find(|&k| !is_han_numeral(self.text[k])).unwrap_or(self.text.len());
            return self.text[at..end].iter().any(|&c| is_many_han(c)).then_some(end);
        }
        if first.is_ascii_alphabetic() {
            let end = self.word_end(at);
            let word: String = self.text[at..end].iter().collect();
            return MANY_WORDS.contains(&word.as_str()).then_some(end);
        }
        None
    }
}

/// Levenshtein distance at most 1.
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        short[prefix..].len() <= 1 || short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues() -> Cues {
        let mut c = Cues::default();
        c.add(Reason::MoneyLost, "扣*两次");
        c.add(Reason::ComplaintThreat, "sue");
        c.add(Reason::Anger, "！！");
        c
    }

    #[test]
    fn gapped_cues_match_in_order_within_the_gap() {
        assert!(triage("扣了我两次钱", &cues()).escalate);
        assert!(!triage("两次都没扣", &cues()).escalate);
        assert!(!triage("扣费之后我又等了很久很久很久很久才看到两次", &cues()).escalate);
    }

    #[test]
    fn homophones_match_multi_character_cues_only() {
        let mut cues = Cues::default();
        cues.add(Reason::AccountStolen, "被盗");
        cues.add(Reason::Urgent, "急");
        let sound = |c: char| match c {
            '盗' | '到' => Some(1),
            '急' | '机' => Some(2),
            _ => None,
        };
        assert_eq!(triage_by_sound("帐号被到了", &cues, sound, |_| false).reasons, vec![Reason::AccountStolen]);
        assert!(!triage_by_sound("手机坏了", &cues, sound, |_| false).escalate);
    }

    #[test]
    fn latin_cues_are_whole_words_and_full_width_folds() {
        assert!(!triage("an issue with playback", &cues()).escalate);
        assert_eq!(triage("I will SUE you", &cues()).reasons, vec![Reason::ComplaintThreat]);
        assert_eq!(triage("what!!", &cues()).reasons, vec![Reason::Anger]);
    }

    #[test]
    fn many_stands_for_three_or_more() {
        let mut cues = Cues::default();
        cues.add(Reason::RepeatedFailure, "试了{n}次");
        cues.add(Reason::RepeatedFailure, "{n} times");
        for yes in ["试了三次", "试了十几次了", "试了5次", "tried it 8 times", "restarted several times", "like 12 times now"] {
            assert!(triage(yes, &cues).escalate, "{yes}");
        }
        for no in ["试了一次", "试了两次", "试了2次", "two times", "sometimes", "4k times"] {
            assert!(!triage(no, &cues).escalate, "{no}");
        }
    }

    #[test]
    fn long_latin_words_forgive_one_typo() {
        let mut cues = Cues::default();
        cues.add(Reason::ComplaintThreat, "complaint");
        cues.add(Reason::MoneyLost, "charged*twice");
        assert!(triage("complant about service", &cues).escalate);
        assert!(triage("Complaints department", &cues).escalate);
        assert!(!triage("is this compliant with the rules", &cues).escalate, "two edits away");
        assert!(!triage("I changed my password twice", &cues).escalate, "short words must match exactly");
    }

    #[test]
    fn latin_cues_allow_a_wider_gap() {
        let mut cues = Cues::default();
        cues.add(Reason::MoneyLost, "bought*not showing");
        assert!(triage("bought coins and they are not showing", &cues).escalate);
        assert!(!triage("bought coins last year and now the video thumbnails are not showing", &cues).escalate);
    }

    #[test]
    fn heard_spans_that_are_real_words_do_not_match() {
        let mut cues = Cues::default();
        cues.add(Reason::Anger, "气人");
        let sound = |c: char| match c {
            '气' | '器' => Some(1),
            '人' => Some(2),
            _ => None,
        };
        assert!(triage_by_sound("真器人", &cues, sound, |_| false).escalate);
        assert!(!triage_by_sound("你是机器人吗", &cues, sound, |pair| pair == "器人").escalate);
    }

    #[test]
    fn cues_of_many_parts_stay_cheap() {
        let mut cues = Cues::default();
        cues.add(Reason::Anger, &["a"; 40].join("*"));
        let text = "a".repeat(39) + &"b".repeat(400);
        let started = std::time::Instant::now();
        assert!(!triage(&text, &cues).escalate);
        assert!(triage(&"a ".repeat(40), &cues).escalate);
        assert!(started.elapsed().as_secs() < 5, "matching must not try every combination");
    }
}
