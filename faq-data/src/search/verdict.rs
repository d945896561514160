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
const MIN_SCORE: f32 = 0.8;
/// A score this high is a real match even when the query says much else besides.
const STRONG_SCORE: f32 = 3.0;
/// An article that matches every word of the query is a candidate whatever its score, unless
/// the score is this low (the words are everywhere, and only in passing).
const FULL_COVERAGE: f32 = 0.99;
const MIN_FULL_SCORE: f32 = 0.3;
/// Share of the query's topic (by rarity; see `Scored::topic`) the best article must match:
/// most of a short query, which is all topic, and much less of a long chat opener, which is
/// mostly story around a small topic; in between, the share falls in a straight line.
/// Lengths are in words ([`Query::content`]).
const MIN_COVERAGE_SHORT: f32 = 0.8;
const MIN_COVERAGE_LONG: f32 = 0.15;
const SHORT_QUERY: f32 = 4.0;
const LONG_QUERY: f32 = 8.0;
const ANSWER_COVERAGE: f32 = 0.85;
/// The best article must lead the next by this factor to be the answer.
const ANSWER_LEAD: f32 = 1.5;

pub(crate) fn judge(query: &Query, ranked: &[Scored]) -> Verdict {
    let Some(best) = ranked.first() else { return Verdict::Unsure };
    if query.content == 0.0 || query.slot_weight.iter().all(|w| *w == 0.0) {
        return Verdict::Unsure;
    }
    let long = ((query.content - SHORT_QUERY) / (LONG_QUERY - SHORT_QUERY)).clamp(0.0, 1.0);
    let min_coverage = MIN_COVERAGE_SHORT + (MIN_COVERAGE_LONG - MIN_COVERAGE_SHORT) * long;
    let full = best.coverage >= FULL_COVERAGE && best.score >= MIN_FULL_SCORE;
    let thin = best.score < MIN_SCORE || (best.topic < min_coverage && best.score < STRONG_SCORE);
    if thin && !full {
        return Verdict::Unsure;
    }
    let lead = ranked.get(1).map_or(f32::INFINITY, |next| best.score / next.score.max(f32::MIN_POSITIVE));
    if best.coverage >= ANSWER_COVERAGE && lead >= ANSWER_LEAD {
        Verdict::Answer
    } else {
        Verdict::Candidates
    }
}
