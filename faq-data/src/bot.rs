//! The Ask bot's judgement, one message at a time, over what search found: answer with articles,
//! ask one clarifying question when the best candidates are close or the message is vague,
//! or hand over to a person — at once when the message is upset, urgent or at risk, and when a
//! follow-up says the articles just offered did not help. Pure: the caller searches (the widget
//! fetches what the index needs first) and keeps the conversation.
//!
//! ```
//! # #[cfg(feature = "build")] {
//! use faq_data::bot::{reply, Reply};
//! use faq_data::SearchOptions;
//! let content = faq_data::build::Content::example();
//! let index = faq_data::build::write_locale(&content.locales[0]).unwrap().open().unwrap();
//! let message = "cancel auto renewal";
//! let said = reply(message, index.search(message, &SearchOptions::default()).unwrap(), None);
//! assert!(matches!(said, Reply::Articles { .. }));
//! # }
//! ```

use crate::normalize::is_cjk;
use crate::search::{Hit, SearchResponse, Verdict};
use crate::triage::Reason;

/// What the bot says to one message.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Articles that should answer it (one when search is sure, a few otherwise, none when it
    /// found nothing good: then the widget offers a person).
    Articles { verdict: Verdict, results: Vec<Hit> },
    /// "Is this about …?": 2–4 categories of the best candidates, best first. The answer is a
    /// search within the chosen one ([`narrowed`]).
    Clarify { choices: Vec<String> },
    /// A person should take over now; `reasons` are triage's (empty when the user said the
    /// articles did not help). Articles may still be shown beside the offer.
    Person { reasons: Vec<Reason>, results: Vec<Hit> },
}

/// When the bot is unsure enough to ask. Judged out of fold by `faq eval --folds K`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tuning {
    /// Candidates within this share of the best score count as close.
    pub close: f32,
    /// A message of at most this many "units" (a Chinese character 1, a word 2) is too short
    /// to say what it is about.
    pub vague: usize,
}

impl Tuning {
    pub const DEFAULT: Tuning = Tuning { close: 0.75, vague: 6 };
}

/// Most choices a clarifying question offers.
const MAX_CHOICES: usize = 4;
/// Candidates considered for the choices.
const CONSIDERED: usize = 6;

/// The bot's reply to `message`, given what search found for it and the bot's last reply.
pub fn reply(message: &str, found: SearchResponse, last: Option<&Reply>) -> Reply {
    reply_with(&Tuning::DEFAULT, message, found, last)
}

/// [`reply`] with other thresholds (what `faq eval --folds` tries).
pub fn reply_with(tuning: &Tuning, message: &str, found: SearchResponse, last: Option<&Reply>) -> Reply {
    let offered_articles = matches!(last, Some(Reply::Articles { results, .. }) if !results.is_empty());
    if found.escalate {
        return Reply::Person { reasons: found.triage.reasons, results: found.results };
    }
    if offered_articles && says_it_did_not_help(message) {
        return Reply::Person { reasons: Vec::new(), results: Vec::new() };
    }
    let close = found.results.get(1).is_some_and(|second| second.score >= tuning.close * found.results[0].score);
    // Close candidates are worth a question; a message search is unsure of only when it is too
    // short to say more (otherwise the honest "not sure" and a person are the better reply).
    let unsure_of_it = (found.verdict == Verdict::Candidates && close) || (found.verdict != Verdict::Answer && is_vague(message, tuning.vague));
    match choices(&found.results) {
        Some(choices) if unsure_of_it => Reply::Clarify { choices },
        _ => articles(found),
    }
}

/// The reply once the user chose a category: what search found within it. It never asks again,
/// and shows what the chosen category holds even when search alone would be unsure (the user
/// said where to look); an upset message still goes to a person first.
pub fn narrowed(found: SearchResponse) -> Reply {
    if found.escalate {
        return Reply::Person { reasons: found.triage.reasons, results: found.results };
    }
    match found.verdict {
        Verdict::Unsure if !found.results.is_empty() => Reply::Articles { verdict: Verdict::Candidates, results: found.results },
        _ => articles(found),
    }
}

fn articles(found: SearchResponse) -> Reply {
    Reply::Articles { verdict: found.verdict, results: found.results }
}

/// The distinct categories of the best candidates, best first, when there are 2 to 4 of them.
fn choices(results: &[Hit]) -> Option<Vec<String>> {
    let mut choices: Vec<String> = Vec::new();
    for hit in results.iter().take(CONSIDERED) {
        if !choices.contains(&hit.category) {
            choices.push(hit.category.clone());
        }
    }
    choices.truncate(MAX_CHOICES);
    (choices.len() >= 2).then_some(choices)
}

/// A message too short to say what it is about: a few Chinese characters or a few words.
fn is_vague(message: &str, most: usize) -> bool {
    let han = message.chars().filter(|&c| is_cjk(c)).count();
    let words = message.split_whitespace().filter(|w| w.chars().any(|c| c.is_alphanumeric() && !is_cjk(c))).count();
    han + words * 2 <= most
}

/// Ways of saying "that did not help" right after the bot offered articles.
const NOT_HELPED: &[&str] = &[
    "没用", "没有用", "不管用", "不行", "没解决", "没有解决", "解决不了", "不是这个", "不对", "还是不",
    "didn't help", "did not help", "doesn't help", "does not help", "not helpful", "no help", "not working",
    "doesn't work", "does not work", "didn't work", "did not work", "not it", "still not", "still the same",
];

fn says_it_did_not_help(message: &str) -> bool {
    let lower = message.to_lowercase();
    NOT_HELPED.iter().any(|phrase| lower.contains(phrase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Snippet;
    use crate::triage::Triage;

    fn hit(id: &str, category: &str, score: f32) -> Hit {
        Hit { id: id.into(), title: id.into(), category: category.into(), section: String::new(), score, coverage: 1.0, snippet: Snippet::default() }
    }

    fn found(verdict: Verdict, results: Vec<Hit>) -> SearchResponse {
        SearchResponse { verdict, escalate: false, triage: Triage::default(), results, evidence: Default::default() }
    }

    #[test]
    fn close_candidates_in_different_categories_make_the_bot_ask() {
        let results = vec![hit("a", "播放问题", 4.0), hit("b", "会员与支付", 3.5), hit("c", "账号管理", 3.2), hit("d", "播放问题", 3.0)];
        let said = reply("视频打不开了怎么回事", found(Verdict::Candidates, results), None);
        assert_eq!(said, Reply::Clarify { choices: vec!["播放问题".into(), "会员与支付".into(), "账号管理".into()] });
    }

    #[test]
    fn a_clear_answer_or_one_category_is_not_questioned() {
        let sure = found(Verdict::Answer, vec![hit("a", "播放问题", 9.0), hit("b", "会员与支付", 8.0)]);
        assert!(matches!(reply("视频缓存在哪里可以找到", sure, None), Reply::Articles { .. }));
        let one_category = found(Verdict::Candidates, vec![hit("a", "播放问题", 4.0), hit("b", "播放问题", 3.9)]);
        assert!(matches!(reply("视频缓存在哪里可以找到", one_category, None), Reply::Articles { .. }));
        let far_apart = found(Verdict::Candidates, vec![hit("a", "播放问题", 9.0), hit("b", "会员与支付", 2.0)]);
        assert!(matches!(reply("how do I download a video to watch offline", far_apart, None), Reply::Articles { .. }));
    }

    #[test]
    fn a_vague_message_is_questioned_even_when_one_candidate_leads() {
        let results = vec![hit("a", "Playback", 5.0), hit("b", "Account", 1.0)];
        assert_eq!(reply("it doesn't work", found(Verdict::Candidates, results), None), Reply::Clarify { choices: vec!["Playback".into(), "Account".into()] });
    }

    #[test]
    fn upset_goes_to_a_person_first_and_so_does_not_helped_after_articles() {
        let mut upset = found(Verdict::Candidates, vec![hit("a", "Billing", 4.0), hit("b", "Account", 3.9)]);
        upset.escalate = true;
        upset.triage = Triage { escalate: true, reasons: vec![Reason::MoneyLost] };
        assert!(matches!(reply("charged twice!!", upset.clone(), None), Reply::Person { ref reasons, .. } if reasons == &vec![Reason::MoneyLost]));
        assert!(matches!(narrowed(upset), Reply::Person { .. }));
        let thin = found(Verdict::Unsure, vec![hit("a", "下载与缓存", 1.2)]);
        assert!(matches!(narrowed(thin), Reply::Articles { verdict: Verdict::Candidates, .. }), "the chosen category's articles are shown");

        let offered = Reply::Articles { verdict: Verdict::Answer, results: vec![hit("a", "播放问题", 5.0)] };
        let follow_up = found(Verdict::Unsure, Vec::new());
        assert_eq!(reply("没用", follow_up.clone(), Some(&offered)), Reply::Person { reasons: Vec::new(), results: Vec::new() });
        assert!(matches!(reply("没用", follow_up, None), Reply::Articles { .. }), "nothing was offered: nothing failed to help");
    }
}
