//! How sure are we? Thresholds calibrated on the dev queries (`faq eval`): an article that
//! covers most of what was asked, clearly ahead of the next, is the answer; nothing that covers
//! enough of the query means we should offer a person instead of guessing.

use super::query::Query;
use super::rank::Scored;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// One article answers it: the widget may open it directly.
    Answer,
    /// Several may help: show the list.
    Candidates,
    /// Nothing good: offer a human.
    Unsure,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Answer => "answer",
            Verdict::Candidates => "candidates",
            Verdict::Unsure => "unsure",
        }
    }
}

/// Below this score the match is too thin (one common word or character).
const MIN_SCORE: f32 = 1.0;
/// A score this high is a real match even when the query says much else besides.
const STRONG_SCORE: f32 = 3.0;
/// Share of the query (by rarity) the best article must match, for short queries and for
/// long ones. A short query is mostly topic, so most of it must be found; a long chat opener is
/// mostly story and feelings around a small topic.
const MIN_COVERAGE_SHORT: f32 = 0.8;
const MIN_COVERAGE_LONG: f32 = 0.2;
/// Tokens (characters or words) from which a query counts as long.
const LONG_QUERY: usize = 10;
const ANSWER_COVERAGE: f32 = 0.85;
/// The best article must lead the next by this factor to be the answer.
const ANSWER_LEAD: f32 = 1.5;

pub(crate) fn judge(query: &Query, ranked: &[Scored]) -> Verdict {
    let Some(best) = ranked.first() else { return Verdict::Unsure };
    let min_coverage = if query.slot_weight.len() >= LONG_QUERY { MIN_COVERAGE_LONG } else { MIN_COVERAGE_SHORT };
    let thin = best.score < MIN_SCORE || (best.coverage < min_coverage && best.score < STRONG_SCORE);
    if query.slot_weight.iter().all(|w| *w == 0.0) || thin {
        return Verdict::Unsure;
    }
    let lead = ranked.get(1).map_or(f32::INFINITY, |next| best.score / next.score.max(f32::MIN_POSITIVE));
    if best.coverage >= ANSWER_COVERAGE && lead >= ANSWER_LEAD {
        Verdict::Answer
    } else {
        Verdict::Candidates
    }
}
