//! `ApiError`: every way a request can fail, mapped once to a status and the wire's error body.
//! Handlers return `Result<Response, ApiError>`; nothing reaches workers-rs as a bare `Err`,
//! which it would turn into an HTML 500.

use desk::DeskError;
use kb::KbError;
use wire::kb::{Article, ArticleConflict, ArticleDraft, GuardReport, RegressionRefused};
use wire::error::{ErrorBody, ErrorCode, ErrorDetail};
use wire::tasks::{CaseTask, OpenTasksRefused};
use worker::{console_error, Headers, Response};

#[derive(Debug)]
pub enum ApiError {
    BadRequest(String),
    Unauthorized(&'static str),
    Forbidden(&'static str),
    /// Missing and not-yours look the same, so ids cannot be probed.
    NotFound(&'static str),
    Conflict(&'static str),
    /// A knowledge-base change made on an older revision of the article: the 409 carries what is
    /// stored now and what was sent (`wire::kb::ArticleConflict`), so the editor loses nothing.
    Stale { current: Box<Article>, yours: Option<ArticleDraft> },
    /// Solving or closing a case that has open tasks, without saying what becomes of them: the
    /// 409 lists them (`wire::tasks::OpenTasksRefused`).
    OpenTasks(Vec<CaseTask>),
    /// A write lost every race it was re-applied in; nothing stored, safe to send again.
    Contended,
    /// A publish would lower the locale's MRR@5 on its regression queries and the editor has not
    /// confirmed it: nothing switched; the 409 carries the figures (`wire::kb::RegressionRefused`).
    Regression(Box<GuardReport>),
    /// A publish without another editor's review where the site requires it.
    ReviewRequired,
    PayloadTooLarge(usize),
    UnsupportedMediaType,
    Invalid { field: Option<String>, message: String },
    RateLimited { retry_after_secs: i64 },
    /// A socket route called as plain HTTP.
    UpgradeRequired,
    /// The cause is logged, never sent.
    Internal(String),
    Unavailable(&'static str),
}

impl ApiError {
    pub fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        ApiError::Invalid { field: Some(field.to_string()), message: message.into() }
    }

    /// What the error says to people (an internal cause is logged, not told).
    pub fn message(&self) -> String {
        if let ApiError::Internal(cause) = self {
            console_error!("internal error: {cause}");
        }
        self.code_and_message().1
    }

    fn code_and_message(&self) -> (ErrorCode, String) {
        match self {
            ApiError::BadRequest(m) => (ErrorCode::BadRequest, m.clone()),
            ApiError::Unauthorized(m) => (ErrorCode::Unauthorized, m.to_string()),
            ApiError::Forbidden(m) => (ErrorCode::Forbidden, m.to_string()),
            ApiError::NotFound(m) => (ErrorCode::NotFound, m.to_string()),
            ApiError::Conflict(m) => (ErrorCode::Conflict, m.to_string()),
            ApiError::Stale { current, .. } => (ErrorCode::Conflict, format!("the article changed since it was opened (now revision {}, by {})", current.revision, current.updated_by)),
            ApiError::OpenTasks(open) => (ErrorCode::Conflict, format!("the case has {} open task(s); say what becomes of them (open_tasks: cancel or keep)", open.len())),
            ApiError::Contended => (ErrorCode::Contended, "the ticket kept changing while this was written; nothing was stored, send it again".into()),
            ApiError::Regression(g) => (
                ErrorCode::Regression,
                format!("this publish lowers MRR@5 on the locale's {} regression queries from {:.3} to {:.3}; nothing was switched (send confirm_regression: true to publish anyway)", g.queries, g.mrr_before, g.mrr_after),
            ),
            ApiError::ReviewRequired => (ErrorCode::ReviewRequired, kb::REVIEW_REQUIRED.to_string()),
            ApiError::PayloadTooLarge(limit) => (ErrorCode::PayloadTooLarge, format!("the body must be at most {limit} bytes")),
            ApiError::UnsupportedMediaType => (ErrorCode::UnsupportedMediaType, "send the body as application/json".into()),
            ApiError::Invalid { message, .. } => (ErrorCode::Invalid, message.clone()),
            ApiError::RateLimited { .. } => (ErrorCode::RateLimited, "too many requests; retry later".into()),
            ApiError::UpgradeRequired => (ErrorCode::UpgradeRequired, "open this route as a WebSocket (Upgrade: websocket)".into()),
            ApiError::Internal(_) => (ErrorCode::Internal, "the service failed; retry later".into()),
            ApiError::Unavailable(m) => (ErrorCode::Unavailable, m.to_string()),
        }
    }

    pub fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            console_error!("internal error: {cause}");
        }
        let (code, message) = self.code_and_message();
        let field = match &self {
            ApiError::Invalid { field, .. } => field.clone(),
            _ => None,
        };
        let error = ErrorDetail { code, message, field };
        let headers = Headers::new();
        let _ = headers.set("content-type", "application/json; charset=utf-8");
        if let ApiError::RateLimited { retry_after_secs } = self {
            let _ = headers.set("retry-after", &retry_after_secs.to_string());
        }
        let json = match self {
            ApiError::Stale { current, yours } => serde_json::to_string(&ArticleConflict { error, current: *current, yours }),
            ApiError::Regression(guard) => serde_json::to_string(&RegressionRefused { error, guard: *guard }),
            ApiError::OpenTasks(open_tasks) => serde_json::to_string(&OpenTasksRefused { error, open_tasks }),
            _ => serde_json::to_string(&ErrorBody { error }),
        }
        .unwrap_or_default();
        Response::ok(json).map(|r| r.with_status(code.status()).with_headers(headers)).unwrap_or_else(|_| {
            Response::error("internal error", 500).expect("a plain error response always builds")
        })
    }
}

impl From<DeskError> for ApiError {
    fn from(error: DeskError) -> ApiError {
        match error {
            DeskError::Invalid { field, message } => ApiError::Invalid { field: Some(field), message },
            DeskError::NotNow(message) => ApiError::Invalid { field: None, message },
        }
    }
}

/// A knowledge-base refusal; a stale change without the draft that was sent (see [`ApiError::stale`]).
impl From<KbError> for ApiError {
    fn from(error: KbError) -> ApiError {
        match error {
            KbError::Invalid { field, message } => ApiError::Invalid { field: Some(field), message },
            KbError::Conflict(current) => ApiError::Stale { current, yours: None },
            KbError::OwnWork => ApiError::Forbidden(kb::OWN_WORK),
            KbError::ReviewRequired => ApiError::ReviewRequired,
            KbError::NotEmpty(why) => ApiError::Conflict(why),
        }
    }
}

impl ApiError {
    /// A knowledge-base refusal of a save, carrying the draft that was sent if it was stale.
    pub fn stale(error: KbError, yours: &ArticleDraft) -> ApiError {
        match error {
            KbError::Conflict(current) => ApiError::Stale { current, yours: Some(yours.clone()) },
            other => other.into(),
        }
    }
}

/// Bindings, D1 and JS failures: the request was fine, the service was not.
impl From<worker::Error> for ApiError {
    fn from(error: worker::Error) -> ApiError {
        ApiError::Internal(error.to_string())
    }
}

impl From<serde_json::Error> for ApiError {
    fn from(error: serde_json::Error) -> ApiError {
        ApiError::Internal(format!("json: {error}"))
    }
}
