//! What the widget reports about searches and articles, and the numbers the console shows.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::tickets::Channel;

/// `POST /api/v1/events?site=`: up to 100 events per batch; answered with 202 and no body.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct EventBatch {
    pub events: Vec<WidgetEvent>,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct WidgetEvent {
    /// When it happened on the client (ms since epoch); the day it counts for.
    pub at: i64,
    /// `zh-cn`, `en-us` (≤ 16 chars).
    pub locale: String,
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub kind: WidgetEventKind,
}

/// Tagged by `type`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case"))]
pub enum WidgetEventKind {
    /// A finished search (the query the user settled on, not every keystroke), ≤ 200 chars.
    Search { query: String, verdict: Verdict, results: u32 },
    ArticleView { article: String },
    HelpfulVote { article: String, helpful: bool },
    /// What the reader says the article lacked, after voting it not helpful (≤ `limits::FEEDBACK_COMMENT` chars).
    ArticleComment { article: String, comment: String },
    /// The user opened the ticket form or asked for a human.
    ContactStarted { channel: Channel },
    /// The user left satisfied by an article, without contacting anyone.
    Deflected { article: String },
}

/// The search's judgement of itself (faq-data's verdict).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Verdict {
    /// One answer it is sure of.
    Answer,
    /// A few plausible answers.
    Candidates,
    /// Nothing good: offer a human.
    Unsure,
}

/// `GET /api/v1/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD` (agent): one entry per day with data,
/// at most 92 days.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AnalyticsReport {
    pub from: String,
    pub to: String,
    pub days: Vec<DayStats>,
}

#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DayStats {
    /// `YYYY-MM-DD` (UTC).
    pub day: String,
    pub searches: u32,
    /// The ten most asked queries.
    pub top_queries: Vec<QueryCount>,
    /// Queries that found nothing: what the knowledge base lacks.
    pub zero_result_queries: Vec<QueryCount>,
    /// Queries the search was unsure about.
    pub unsure_queries: Vec<QueryCount>,
    pub articles: Vec<ArticleStats>,
    pub contacts_started: u32,
    pub deflected: u32,
    /// deflected / (deflected + contacts_started); absent without either.
    #[cfg_attr(feature = "serde", serde(default))]
    pub deflection_rate: Option<f64>,
    pub tickets_by_category: Vec<NamedCount>,
    pub tickets_by_department: Vec<NamedCount>,
    /// Median ms from creation to the first agent reply, over tickets first answered that day.
    #[cfg_attr(feature = "serde", serde(default))]
    pub first_response_median_ms: Option<i64>,
    /// Median ms from creation to solved, over tickets solved that day.
    #[cfg_attr(feature = "serde", serde(default))]
    pub resolution_median_ms: Option<i64>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub csat_average: Option<f64>,
    pub csat_count: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct QueryCount {
    pub query: String,
    pub count: u32,
    /// The locale the widget searched in (a query is counted per locale).
    #[cfg_attr(feature = "serde", serde(default))]
    pub locale: String,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ArticleStats {
    pub article: String,
    /// The article's title, for people (absent for an id the knowledge base does not know).
    #[cfg_attr(feature = "serde", serde(default))]
    pub title: Option<String>,
    pub views: u32,
    pub helpful: u32,
    pub not_helpful: u32,
    /// helpful / (helpful + not_helpful); absent without votes.
    #[cfg_attr(feature = "serde", serde(default))]
    pub helpful_rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct NamedCount {
    pub name: String,
    pub count: u32,
}

/// `GET /api/v1/analytics/handoffs?from=YYYY-MM-DD&to=YYYY-MM-DD` (leads and admins): how the
/// cases opened in those days moved between departments — the cases lost between departments.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct HandoffReport {
    pub from: String,
    pub to: String,
    /// Cases opened in the range that spent time in a department the reader sees.
    pub cases: u32,
    /// How many of them were handed to another department 0, 1, 2, and 3 or more times.
    pub handoffs: Vec<u32>,
    /// Handoffs per case, on average (absent without cases).
    #[cfg_attr(feature = "serde", serde(default))]
    pub handoffs_mean: Option<f64>,
    /// Each department the reader sees that held one of them, most time first.
    pub departments: Vec<DepartmentTime>,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DepartmentTime {
    pub department: String,
    /// Cases that spent time in it.
    pub cases: u32,
    /// Hours they spent in it altogether: from arriving until handed on, solved, or now.
    pub hours: f64,
    /// The median hours of one stay there.
    #[cfg_attr(feature = "serde", serde(default))]
    pub median_hours: Option<f64>,
    /// Linked tasks asked of it on those cases, and how many went past their due time
    /// (answered late, or still open after it).
    pub tasks: u32,
    pub tasks_overdue: u32,
}

names! {
    Verdict { Answer => "answer", Candidates => "candidates", Unsure => "unsure" }
}

json_struct!(EventBatch { events });
json_struct!(WidgetEvent { at, locale, kind: flatten });
json_tagged!(WidgetEventKind by "type" {
    Search { query, verdict, results } = "search",
    ArticleView { article } = "article_view",
    HelpfulVote { article, helpful } = "helpful_vote",
    ArticleComment { article, comment } = "article_comment",
    ContactStarted { channel } = "contact_started",
    Deflected { article } = "deflected",
});
