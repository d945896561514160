//! JSON over `fetch` against the edge (edge/openapi.yaml): every non-2xx answer carries
//! `{"error": {code, message}}`, read here once into an [`EdgeError`]. Bodies are parsed by the
//! browser's `JSON.parse` and read into wire types by [`crate::json`] (no JSON library).

use js_sys::JSON;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};
use wire::error::{ErrorBody, ErrorCode};
use wire::json::{Read, Unreadable};

use crate::json;

#[derive(Debug, Clone, PartialEq)]
pub enum EdgeError {
    /// No connection.
    Offline,
    /// The browser could not make the request (nothing was sent).
    NotSent { reason: &'static str },
    /// The edge answered with an error body (`{"error": {code, message}}`).
    Refused { status: u16, code: ErrorCode, message: String },
    /// The edge accepted the request but its answer is not the documented shape: a client older
    /// than the edge, most likely. `detail` names what was missing or of the wrong type.
    Unreadable { detail: String },
}

impl EdgeError {
    pub fn message(&self) -> String {
        match self {
            EdgeError::Offline => "offline".into(),
            EdgeError::NotSent { reason } => format!("not sent: {reason}"),
            EdgeError::Refused { status, code, message } => format!("{message} ({status} {})", code.as_str()),
            EdgeError::Unreadable { detail } => format!("unreadable answer ({detail})"),
        }
    }

    /// Whether the same request may succeed if sent again unchanged: no connection, the edge
    /// rate-limiting, or the edge failing (5xx). A 4xx refusal other than 429 stays refused.
    pub fn is_transient(&self) -> bool {
        match self {
            EdgeError::Offline => true,
            EdgeError::Refused { status, .. } => *status == 429 || *status >= 500,
            EdgeError::NotSent { .. } | EdgeError::Unreadable { .. } => false,
        }
    }

    /// Whether the edge refused with this code.
    pub fn is(&self, code: ErrorCode) -> bool {
        matches!(self, EdgeError::Refused { code: refused, .. } if *refused == code)
    }
}

/// Sends `method url` with `headers` (a plain object of names to values) and an optional JSON
/// `body`; the answer's body is parsed, or the error body becomes an [`EdgeError`].
pub async fn request(method: &str, url: &str, headers: &JsValue, body: Option<&str>) -> Result<JsValue, EdgeError> {
    let (status, text) = send(method, url, headers, body).await?;
    answer(status, &text)
}

/// Sends like [`request`] and hands back the status and the body's text as they came, for a
/// caller that reads an error answer's own shape (the knowledge base's 409 carries both versions).
pub async fn send(method: &str, url: &str, headers: &JsValue, body: Option<&str>) -> Result<(u16, String), EdgeError> {
    text_of(fetch(method, url, headers, body.map(JsValue::from_str).as_ref()).await?).await
}

/// Sends a file as the body (an upload), answered like [`send`].
pub async fn send_file(method: &str, url: &str, headers: &JsValue, file: &web_sys::Blob) -> Result<(u16, String), EdgeError> {
    text_of(fetch(method, url, headers, Some(file)).await?).await
}

/// A file the edge hands out (a download), or the error it answered with.
pub async fn receive_file(url: &str, headers: &JsValue) -> Result<web_sys::Blob, EdgeError> {
    let response = fetch("GET", url, headers, None).await?;
    if !response.ok() {
        let (status, text) = text_of(response).await?;
        return answer(status, &text).and(Err(EdgeError::Offline));
    }
    let blob = response.blob().map_err(|_| EdgeError::Offline)?;
    Ok(JsFuture::from(blob).await.map_err(|_| EdgeError::Offline)?.unchecked_into())
}

async fn fetch(method: &str, url: &str, headers: &JsValue, body: Option<&JsValue>) -> Result<Response, EdgeError> {
    let init = RequestInit::new();
    init.set_method(method);
    let pairs: JsValue = js_sys::Object::entries(headers.unchecked_ref()).into();
    let headers = Headers::new_with_str_sequence_sequence(&pairs).map_err(|_| EdgeError::Offline)?;
    init.set_headers(&headers);
    if let Some(body) = body {
        init.set_body(body);
    }
    let window = web_sys::window().ok_or(EdgeError::Offline)?;
    Ok(JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|_| EdgeError::Offline)?.unchecked_into())
}

async fn text_of(response: Response) -> Result<(u16, String), EdgeError> {
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok((status, text))
}

/// The parsed body of a 2xx answer (null when empty), or the error it carries.
pub fn answer(status: u16, body: &str) -> Result<JsValue, EdgeError> {
    let value = if body.is_empty() { JsValue::NULL } else { JSON::parse(body).unwrap_or(JsValue::NULL) };
    if (200..300).contains(&status) {
        return Ok(value);
    }
    if status == 0 {
        return Err(EdgeError::Offline);
    }
    match json::read::<ErrorBody>(value) {
        Ok(ErrorBody { error }) => Err(EdgeError::Refused { status, code: error.code, message: error.message }),
        // Not the edge's error shape (a proxy's page, say): the status still says what happened.
        Err(_) => Err(EdgeError::Refused { status, code: ErrorCode::Unknown, message: format!("HTTP {status}") }),
    }
}

/// Reads an answer as the wire type `T`.
pub fn read<T: Read>(answer: JsValue) -> Result<T, EdgeError> {
    json::read(answer).map_err(unreadable)
}

/// Not generic: one copy in the bundle for every type read.
fn unreadable(error: Unreadable) -> EdgeError {
    EdgeError::Unreadable { detail: format!("field {}", error.field) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(status: u16) -> EdgeError {
        EdgeError::Refused { status, code: ErrorCode::Unknown, message: String::new() }
    }

    #[test]
    fn only_what_may_pass_unchanged_is_transient() {
        assert!(EdgeError::Offline.is_transient());
        assert!(refused(429).is_transient());
        assert!(refused(500).is_transient());
        assert!(refused(503).is_transient());
        assert!(!refused(400).is_transient());
        assert!(!refused(403).is_transient());
        assert!(!refused(404).is_transient());
        assert!(!EdgeError::NotSent { reason: "body" }.is_transient());
        assert!(!EdgeError::Unreadable { detail: "field id".into() }.is_transient());
    }
}
