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

use crate::normalize::fold_char;

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
}

/// The judgement on one message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Triage {
    pub escalate: bool,
    /// Each reason once, in [`Reason::ALL`] order.
    pub reasons: Vec<Reason>,
}

/// Cue phrases per reason. A cue is a phrase, or phrases joined by `*` that must appear in this
/// order with at most [`Cues::GAP`] characters between them (`扣*两次` matches 扣了我两次).
/// Latin-script cues match whole words only ("sue" does not match "issue").
#[derive(Debug, Clone, Default)]
pub struct Cues {
    lists: Vec<(Reason, Vec<String>)>,
}

impl Cues {
    pub const GAP: usize = 12;

    pub fn add(&mut self, reason: Reason, cue: &str) {
        let cue: String = cue.chars().map(fold_char).collect();
        let cue = cue.trim().to_string();
        if cue.is_empty() {
            return;
        }
        match self.lists.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, list)) => list.push(cue),
            None => self.lists.push((reason, vec![cue])),
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

/// Judges one message against cue lists.
pub fn triage(text: &str, cues: &Cues) -> Triage {
    triage_by_sound(text, cues, |_| None)
}

/// Like [`triage`], but Chinese cue phrases of two or more characters also match characters
/// that sound the same (`sound` gives a character's syllable number), so a homophone typo
/// (被到 for 被盗, 头诉 for 投诉) is still heard. Single characters must match exactly: too many
/// characters share one syllable.
pub(crate) fn triage_by_sound(text: &str, cues: &Cues, sound: impl Fn(char) -> Option<u16>) -> Triage {
    let text: Vec<char> = text.chars().map(fold_char).collect();
    let sounds: Vec<Option<u16>> = text.iter().map(|&c| sound(c)).collect();
    let message = Message { text: &text, sounds: &sounds };
    let mut reasons: Vec<Reason> = cues
        .lists
        .iter()
        .filter(|(_, list)| {
            list.iter().any(|cue| {
                let parts: Vec<Part> = cue
                    .split('*')
                    .map(|p| {
                        let chars: Vec<char> = p.trim().chars().collect();
                        let sounds = if chars.len() >= 2 { chars.iter().map(|&c| sound(c)).collect() } else { vec![None; chars.len()] };
                        Part { chars, sounds }
                    })
                    .collect();
                (0..text.len()).any(|start| message.parts_from(&parts, start, usize::MAX))
            })
        })
        .map(|(reason, _)| *reason)
        .collect();
    reasons.sort();
    reasons.dedup();
    Triage { escalate: !reasons.is_empty(), reasons }
}

/// A piece of a cue, with the syllable of each character where sound matching applies.
struct Part {
    chars: Vec<char>,
    sounds: Vec<Option<u16>>,
}

struct Message<'a> {
    text: &'a [char],
    sounds: &'a [Option<u16>],
}

impl Message<'_> {
    /// Whether `parts[0]` starts at `at` (or, when `window` is finite, within `window` chars of
    /// it) and the remaining parts follow.
    fn parts_from(&self, parts: &[Part], at: usize, window: usize) -> bool {
        let Some((part, rest)) = parts.split_first() else { return true };
        let last_start = if window == usize::MAX { at } else { at.saturating_add(window) };
        (at..=last_start.min(self.text.len())).any(|s| self.part_at(part, s) && self.parts_from(rest, s + part.chars.len(), Cues::GAP))
    }

    fn part_at(&self, part: &Part, at: usize) -> bool {
        let n = part.chars.len();
        if n == 0 || at + n > self.text.len() {
            return false;
        }
        let same = (0..n).all(|k| {
            self.text[at + k] == part.chars[k] || (part.sounds[k].is_some() && part.sounds[k] == self.sounds[at + k])
        });
        if !same {
            return false;
        }
        let word = |c: &char| c.is_ascii_alphanumeric();
        let clean_start = !part.chars.first().is_some_and(word) || at == 0 || !word(&self.text[at - 1]);
        let end = at + n;
        let clean_end = !part.chars.last().is_some_and(word) || end == self.text.len() || !word(&self.text[end]);
        clean_start && clean_end
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
        assert_eq!(triage_by_sound("帐号被到了", &cues, sound).reasons, vec![Reason::AccountStolen]);
        assert!(!triage_by_sound("手机坏了", &cues, sound).escalate);
    }

    #[test]
    fn latin_cues_are_whole_words_and_full_width_folds() {
        assert!(!triage("an issue with playback", &cues()).escalate);
        assert_eq!(triage("I will SUE you", &cues()).reasons, vec![Reason::ComplaintThreat]);
        assert_eq!(triage("what!!", &cues()).reasons, vec![Reason::Anger]);
    }
}
