//! Reading request bodies and query parameters: size first, then type, then shape.

use desk::limits::MAX_BODY_BYTES;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde::Serialize;
use worker::{Headers, Request, Response};

use super::ApiError;

/// The JSON body of a request, refused with 413 / 415 / 400 / 422 before any handler logic.
pub async fn json<T: DeserializeOwned>(req: &mut Request) -> Result<T, ApiError> {
    let declared = req.headers().get("content-length")?.and_then(|l| l.parse::<usize>().ok());
    if declared.is_some_and(|l| l > MAX_BODY_BYTES) {
        return Err(ApiError::PayloadTooLarge(MAX_BODY_BYTES));
    }
    let content_type = req.headers().get("content-type")?.unwrap_or_default();
    if !content_type.to_ascii_lowercase().starts_with("application/json") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let bytes = read_at_most(req, MAX_BODY_BYTES).await?;
    // Every request body is a JSON object; serde would also read a struct from an array of its
    // fields in order (`[]` for one whose fields are all optional), which no client means.
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        return Err(ApiError::Invalid { field: None, message: "the body must be a JSON object".into() });
    }
    serde_json::from_slice(&bytes).map_err(|e| match e.classify() {
        // Well-formed JSON of the wrong shape: say which field, as validation does.
        serde_json::error::Category::Data => ApiError::Invalid { field: missing_field(&e.to_string()), message: e.to_string() },
        _ => ApiError::BadRequest(format!("the body is not valid JSON: {e}")),
    })
}

/// A body the route may go without: a request with no content type (nothing sent) reads as the
/// default; one that sends something is read as [`json`] reads it.
pub async fn optional_json<T: DeserializeOwned + Default>(req: &mut Request) -> Result<T, ApiError> {
    if req.headers().get("content-type")?.is_none() {
        return Ok(T::default());
    }
    json(req).await
}

/// A file's bytes sent as the body (an import's upload), refused with 413 past `limit` bytes.
pub async fn upload(req: &mut Request, limit: usize) -> Result<Vec<u8>, ApiError> {
    let declared = req.headers().get("content-length")?.and_then(|l| l.parse::<usize>().ok());
    if declared.is_some_and(|l| l > limit) {
        return Err(ApiError::PayloadTooLarge(limit));
    }
    read_at_most(req, limit).await
}

/// How much of an over-long body is still read (and dropped) before the 413: some clients take
/// an answer that comes while they are still sending for a broken connection, so a body a
/// little too long is drained and its sender reads a clean refusal. Past this the read stops.
const DRAIN_BYTES: usize = 4 * MAX_BODY_BYTES;

/// The body, read chunk by chunk and refused once it passes `limit` bytes: a chunked body
/// declares no length, and reading it whole first would let a client make the worker hold any
/// amount of memory before the size check. Nothing past the limit is kept, and nothing past
/// [`DRAIN_BYTES`] is read.
async fn read_at_most(req: &mut Request, limit: usize) -> Result<Vec<u8>, ApiError> {
    if req.inner().body().is_none() {
        return Ok(Vec::new());
    }
    let mut chunks = req.stream()?;
    let mut bytes = Vec::new();
    let mut read = 0;
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk?;
        read += chunk.len();
        if read > DRAIN_BYTES.max(limit) {
            break;
        }
        if read <= limit {
            bytes.extend_from_slice(&chunk);
        }
    }
    if read > limit {
        return Err(ApiError::PayloadTooLarge(limit));
    }
    Ok(bytes)
}

/// serde names a missing field as "missing field `subject` at line …".
fn missing_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_string())
}

/// A JSON answer with the given status.
pub fn reply<T: Serialize>(status: u16, value: &T) -> Result<Response, ApiError> {
    let headers = Headers::new();
    headers.set("content-type", "application/json; charset=utf-8")?;
    headers.set("cache-control", "no-store")?;
    Ok(Response::ok(serde_json::to_string(value)?)?.with_status(status).with_headers(headers))
}

/// A query parameter, if present and not blank.
pub fn query(req: &Request, name: &str) -> Result<Option<String>, ApiError> {
    Ok(given(req, name)?.filter(|v| !v.is_empty()))
}

/// A query parameter as given, trimmed, blank included: for values that must be one of a set
/// (`limit=` or `status=` is then refused, not read as absent). One given twice is refused: which
/// of the two was meant cannot be told.
pub fn given(req: &Request, name: &str) -> Result<Option<String>, ApiError> {
    let url = req.url()?;
    let mut values = url.query_pairs().filter(|(k, _)| k == name).map(|(_, v)| v.trim().to_string());
    let first = values.next();
    if values.next().is_some() {
        return Err(ApiError::invalid(name, "give this parameter once"));
    }
    Ok(first)
}
