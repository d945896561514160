//! The one error shape every API route answers with: `{"error": {"code", "message", "field"}}`.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// The body of every non-2xx answer from `/api/v1/*`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ErrorDetail {
    /// What went wrong, for programs; stable across releases.
    pub code: ErrorCode,
    /// What went wrong, for people (English; the widget shows its own localized text per code).
    pub message: String,
    /// The request field at fault, as a dotted path (`context.page_url`), when one is.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub field: Option<String>,
}

/// Machine-readable error codes. Each has one HTTP status (in parentheses).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ErrorCode {
    /// (400) The body is not JSON of the expected shape, or a query parameter is malformed.
    BadRequest,
    /// (401) Missing or wrong credentials: agent token, requester token or identity hash.
    Unauthorized,
    /// (403) The caller is known but may not do this (e.g. a CORS origin the site does not allow).
    Forbidden,
    /// (404) No such route, site or ticket, or a ticket that is not the caller's.
    NotFound,
    /// (409) The request conflicts with the current state (e.g. an idempotency key reused for a
    /// different request).
    Conflict,
    /// (409) Others wrote to the same ticket while this write was tried, more often than the
    /// service re-applies it; nothing was stored and nothing remembered under the request's
    /// idempotency key, so the same request may simply be sent again.
    Contended,
    /// (409) A publish would lower the locale's MRR@5 on its regression queries; nothing was
    /// switched. The body carries the figures (`wire::kb::RegressionRefused`); send it again with
    /// `confirm_regression: true` to publish anyway.
    Regression,
    /// (409) The site publishes an article only after another editor's review (a site setting):
    /// request review instead, or import as drafts.
    ReviewRequired,
    /// (413) The body is larger than the route accepts.
    PayloadTooLarge,
    /// (415) The body is not `application/json`.
    UnsupportedMediaType,
    /// (422) A field is missing, too long or not allowed, or the ticket's status forbids the
    /// change (reopening a closed ticket, rating an open one).
    Invalid,
    /// (426) A socket route was called without `Upgrade: websocket`.
    UpgradeRequired,
    /// (429) Too many requests from this client for this route; see `Retry-After`.
    RateLimited,
    /// (500) The service failed; the request may be retried with the same idempotency key.
    Internal,
    /// (503) A part the service needs (the database) did not answer.
    Unavailable,
    /// A code this client does not know yet (newer server).
    #[cfg_attr(feature = "serde", serde(other))]
    Unknown,
}

impl ErrorCode {
    /// The HTTP status this code is sent with.
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::Unauthorized => 401,
            ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict | ErrorCode::Contended | ErrorCode::Regression | ErrorCode::ReviewRequired => 409,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::UnsupportedMediaType => 415,
            ErrorCode::Invalid => 422,
            ErrorCode::UpgradeRequired => 426,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal | ErrorCode::Unknown => 500,
            ErrorCode::Unavailable => 503,
        }
    }
}

names! {
    ErrorCode {
        BadRequest => "bad_request", Unauthorized => "unauthorized", Forbidden => "forbidden", NotFound => "not_found",
        Conflict => "conflict", Contended => "contended", Regression => "regression", ReviewRequired => "review_required", PayloadTooLarge => "payload_too_large", UnsupportedMediaType => "unsupported_media_type",
        Invalid => "invalid", UpgradeRequired => "upgrade_required", RateLimited => "rate_limited", Internal => "internal",
        Unavailable => "unavailable", Unknown => "unknown"
    } | Unknown
}

json_struct!(ErrorBody { error });
json_struct!(ErrorDetail { code, message, field });
