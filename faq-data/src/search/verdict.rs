//! How sure are we? An article that covers most of what was asked, clearly ahead of the next,
//! is the answer; nothing that covers enough of the query means we should offer a person
//! instead of guessing. The thresholds are judged out of fold by `faq eval --folds K`: each is
//! chosen on K−1 folds of the labelled queries and scored on the one left out.

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

/// What a verdict is judged on: the query's length and how the best article matched it.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Evidence {
    /// How much the query asks about, in words (0: nothing but stop words and feelings).
    pub content: f32,
    /// The best article's score (0 when nothing matched).
    pub score: f32,
    /// Share of the query's weight the best article matched, by any term.
    pub coverage: f32,
    /// The same, lone Chinese characters counting less: how much of the topic it is about.
    pub topic: f32,
    /// The best score over the second best (infinite when there is no second).
    pub lead: f32,
}

impl Evidence {
    pub(crate) fn of(query: &Query, ranked: &[Scored]) -> Evidence {
        let content = if query.slot_weight.iter().all(|w| *w == 0.0) { 0.0 } else { query.content };
        let Some(best) = ranked.first() else { return Evidence { content, ..Evidence::default() } };
        let lead = ranked.get(1).map_or(f32::INFINITY, |next| best.score / next.score.max(f32::MIN_POSITIVE));
        Evidence { content, score: best.score, coverage: best.coverage, topic: best.topic, lead }
    }
}

/// The verdict's thresholds. Lengths are in words ([`Evidence::content`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Below this score the match is too thin (one common word or character).
    pub min_score: f32,
    /// A score this high is a real match even when the query says much else besides.
    pub strong_score: f32,
    /// An article that matches every word of the query is a candidate whatever its score,
    /// unless the score is below this (the words are everywhere, and only in passing).
    pub min_full_score: f32,
    /// Share of the query's topic the best article must match: most of a short query, which
    /// is all topic, and much less of a long chat opener, which is mostly story around a small
    /// topic; in between, the share falls in a straight line.
    pub min_coverage_short: f32,
    pub min_coverage_long: f32,
    pub short_query: f32,
    pub long_query: f32,
    /// The answer covers this much of the query and leads the next by this factor.
    pub answer_coverage: f32,
    pub answer_lead: f32,
}

impl Thresholds {
    pub const DEFAULT: Thresholds = Thresholds {
        min_score: 0.8,
        strong_score: 3.0,
        min_full_score: 0.3,
        min_coverage_short: 0.8,
        min_coverage_long: 0.15,
        short_query: 4.0,
        long_query: 8.0,
        answer_coverage: 0.85,
        answer_lead: 1.5,
    };

    /// Whether nothing found is good enough to show as an answer.
    pub fn unsure(&self, e: &Evidence) -> bool {
        if e.content == 0.0 || e.score == 0.0 {
            return true;
        }
        let long = ((e.content - self.short_query) / (self.long_query - self.short_query)).clamp(0.0, 1.0);
        let min_coverage = self.min_coverage_short + (self.min_coverage_long - self.min_coverage_short) * long;
        let full = e.coverage >= FULL_COVERAGE && e.score >= self.min_full_score;
        let thin = e.score < self.min_score || (e.topic < min_coverage && e.score < self.strong_score);
        thin && !full
    }

    pub fn judge(&self, e: &Evidence) -> Verdict {
        if self.unsure(e) {
            Verdict::Unsure
        } else if e.coverage >= self.answer_coverage && e.lead >= self.answer_lead {
            Verdict::Answer
        } else {
            Verdict::Candidates
        }
    }
}

/// Every word of the query matched (short of float rounding).
const FULL_COVERAGE: f32 = 0.99;
