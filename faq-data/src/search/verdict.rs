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

/// Below this share of the query matched by the best article, we do not guess.
const MIN_COVERAGE: f32 = 0.6;
/// Below this score the match is too thin (a single common character or word).
const MIN_SCORE: f32 = 1.0;
const ANSWER_COVERAGE: f32 = 0.85;
/// The best article must lead the next by this factor to be the answer.
const ANSWER_LEAD: f32 = 1.5;

pub(crate) fn judge(query: &Query, ranked: &[Scored]) -> Verdict {
    let Some(best) = ranked.first() else { return Verdict::Unsure };
    if query.slot_weight.iter().all(|w| *w == 0.0) || best.coverage < MIN_COVERAGE || best.score < MIN_SCORE {
        return Verdict::Unsure;
    }
    let lead = ranked.get(1).map_or(f32::INFINITY, |next| best.score / next.score.max(f32::MIN_POSITIVE));
    if best.coverage >= ANSWER_COVERAGE && lead >= ANSWER_LEAD {
        Verdict::Answer
    } else {
        Verdict::Candidates
    }
}
