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
    let text: Vec<char> = text.chars().map(fold_char).collect();
    let mut reasons: Vec<Reason> = cues
        .lists
        .iter()
        .filter(|(_, list)| list.iter().any(|cue| cue_matches(&text, cue)))
        .map(|(reason, _)| *reason)
        .collect();
    reasons.sort();
    reasons.dedup();
    Triage { escalate: !reasons.is_empty(), reasons }
}

fn cue_matches(text: &[char], cue: &str) -> bool {
    let parts: Vec<Vec<char>> = cue.split('*').map(|p| p.trim().chars().collect()).collect();
    (0..text.len()).any(|start| parts_match_from(text, &parts, start, usize::MAX))
}

/// Whether `parts[0]` starts at `at` (or, when `window` is finite, within `window` chars of it)
/// and the remaining parts follow.
fn parts_match_from(text: &[char], parts: &[Vec<char>], at: usize, window: usize) -> bool {
    let Some((part, rest)) = parts.split_first() else { return true };
    let last_start = if window == usize::MAX { at } else { at.saturating_add(window) };
    (at..=last_start.min(text.len())).any(|s| {
        phrase_at(text, part, s) && parts_match_from(text, rest, s + part.len(), Cues::GAP)
    })
}

fn phrase_at(text: &[char], phrase: &[char], at: usize) -> bool {
    if phrase.is_empty() || at + phrase.len() > text.len() || text[at..at + phrase.len()] != *phrase {
        return false;
    }
    let word = |c: &char| c.is_ascii_alphanumeric();
    let clean_start = !phrase.first().is_some_and(word) || at == 0 || !word(&text[at - 1]);
    let end = at + phrase.len();
    let clean_end = !phrase.last().is_some_and(word) || end == text.len() || !word(&text[end]);
    clean_start && clean_end
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
    fn latin_cues_are_whole_words_and_full_width_folds() {
        assert!(!triage("an issue with playback", &cues()).escalate);
        assert_eq!(triage("I will SUE you", &cues()).reasons, vec![Reason::ComplaintThreat]);
        assert_eq!(triage("what!!", &cues()).reasons, vec![Reason::Anger]);
    }
}
