//! JSON over `fetch` against the edge (edge/openapi.yaml): every non-2xx answer carries
//! `{"error": {code, message}}`, read here once into an [`EdgeError`]. Bodies are parsed by the
//! browser's `JSON.parse`, not by a Rust JSON library (smaller bundles).

use js_sys::JSON;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

use crate::js;

#[derive(Debug, Clone, PartialEq)]
pub enum EdgeError {
    /// No connection.
    Offline,
    /// The edge answered with an error body (`{"error": {code, message}}`).
    Refused { status: u16, code: String, message: String },
}

impl EdgeError {
    pub fn message(&self) -> String {
        match self {
            EdgeError::Offline => "offline".into(),
            EdgeError::Refused { status, code, message } => format!("{message} ({status} {code})"),
        }
    }

    /// The edge's error code (`unauthorized`, `invalid`, …); `offline` without an answer.
    pub fn code(&self) -> &str {
        match self {
            EdgeError::Offline => "offline",
            EdgeError::Refused { code, .. } => code,
        }
    }
}

/// Sends `method url` with `headers` (a plain object of names to values) and an optional JSON
/// `body`; the answer's body is parsed, or the error body becomes an [`EdgeError`].
pub async fn request(method: &str, url: &str, headers: &JsValue, body: Option<&str>) -> Result<JsValue, EdgeError> {
    let init = RequestInit::new();
    init.set_method(method);
    let pairs: JsValue = js_sys::Object::entries(headers.unchecked_ref()).into();
    let headers = Headers::new_with_str_sequence_sequence(&pairs).map_err(|_| EdgeError::Offline)?;
    init.set_headers(&headers);
    if let Some(body) = body {
        init.set_body(&JsValue::from_str(body));
    }
    let window = web_sys::window().ok_or(EdgeError::Offline)?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| EdgeError::Offline)?
        .unchecked_into();
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|t| t.as_string()).unwrap_or_default(),
        Err(_) => String::new(),
    };
    answer(status, &text)
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
    let error = js::get(&value, "error");
    Err(EdgeError::Refused {
        status,
        code: js::string(&error, "code").unwrap_or_else(|| "http".into()),
        message: js::string(&error, "message").unwrap_or_else(|| format!("HTTP {status}")),
    })
}
