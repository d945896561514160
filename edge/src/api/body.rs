//! Reading request bodies and query parameters: size first, then type, then shape.

use desk::limits::MAX_BODY_BYTES;
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
    let bytes = req.bytes().await?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::PayloadTooLarge(MAX_BODY_BYTES));
    }
    serde_json::from_slice(&bytes).map_err(|e| match e.classify() {
        // Well-formed JSON of the wrong shape: say which field, as validation does.
        serde_json::error::Category::Data => ApiError::Invalid { field: missing_field(&e.to_string()), message: e.to_string() },
        _ => ApiError::BadRequest(format!("the body is not valid JSON: {e}")),
    })
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
    Ok(req.url()?.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_string()).filter(|v| !v.is_empty()))
}
