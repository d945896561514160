//! The widget's client of the edge API (edge/openapi.yaml): who the caller is (verified user
//! or requester token) and JSON over fetch. Writes go through the IndexedDB outbox
//! (`outbox.js`), so they survive being offline.

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::host::{Host, Identity};
use crate::js;

#[wasm_bindgen(module = "/src/outbox.js")]
extern "C" {
    #[wasm_bindgen(js_name = outboxSend)]
    fn outbox_send(kind: &str, url: &str, headers: &JsValue, body: &str) -> Promise;
    #[wasm_bindgen(js_name = outboxFlush)]
    fn outbox_flush(delivered: &Closure<dyn FnMut(String, u16, String)>) -> Promise;
}

pub use browser_kit::http::EdgeError;
use browser_kit::http::{answer, request};

/// How a write went: answered now, or waiting in the outbox.
pub enum Sent {
    Answered(JsValue),
    Queued,
}

pub struct Edge {
    base: String,
    site: String,
    identity: RefCell<Identity>,
    token_key: String,
}

impl Edge {
    pub fn new(host: &Host) -> Edge {
        Edge {
            base: host.edge.clone(),
            site: host.site.clone(),
            identity: RefCell::new(host.identity.clone()),
            token_key: format!("help-widget.{}.requester-token", host.site),
        }
    }

    pub fn identify(&self, identity: Identity) {
        *self.identity.borrow_mut() = identity;
    }

    pub fn identity(&self) -> Identity {
        self.identity.borrow().clone()
    }

    /// Whether the edge can tell which tickets are this user's.
    pub fn knows_requester(&self) -> bool {
        self.identity.borrow().user_id.is_some() || self.requester_token().is_some()
    }

    pub fn url(&self, path: &str) -> String {
        let join = if path.contains('?') { '&' } else { '?' };
        format!("{}/api/v1{path}{join}site={}", self.base, self.site)
    }

    fn headers(&self) -> JsValue {
        let identity = self.identity.borrow();
        let mut fields = vec![("content-type", JsValue::from_str("application/json"))];
        match (&identity.user_id, &identity.user_hash) {
            (Some(id), hash) => {
                fields.push(("x-user-id", id.into()));
                fields.push(("x-user-hash", hash.as_deref().unwrap_or_default().into()));
            }
            (None, _) => {
                if let Some(token) = self.requester_token() {
                    fields.push(("x-requester-token", token.into()));
                }
            }
        }
        js::object(&fields)
    }

    pub async fn get(&self, path: &str) -> Result<JsValue, EdgeError> {
        request("GET", &self.url(path), &self.headers(), None).await
    }

    /// A write that only makes sense now (opening a chat), not through the outbox.
    pub async fn post(&self, path: &str, body: &JsValue) -> Result<JsValue, EdgeError> {
        request("POST", &self.url(path), &self.headers(), Some(&js::to_json(body))).await
    }

    /// A chat's socket URL with this requester's credentials (browsers cannot set headers on a
    /// WebSocket, so they go in the query).
    pub fn socket_url(&self, socket_url: &str) -> String {
        let identity = self.identity.borrow();
        let encode = |s: &str| String::from(js_sys::encode_uri_component(s));
        match (&identity.user_id, self.requester_token()) {
            (Some(id), _) => format!("{socket_url}&userId={}&userHash={}", encode(id), encode(identity.user_hash.as_deref().unwrap_or_default())),
            (None, Some(token)) => format!("{socket_url}&token={}", encode(&token)),
            (None, None) => socket_url.to_string(),
        }
    }

    /// The chat this tab has open, if any: kept for the tab's life so a reload rejoins it.
    pub fn active_chat(&self) -> Option<ActiveChat> {
        let saved = session_storage()?.get_item(&self.chat_key()).ok()??;
        let value = js_sys::JSON::parse(&saved).ok()?;
        Some(ActiveChat {
            chat_id: js::string(&value, "chat_id")?,
            socket_url: js::string(&value, "socket_url")?,
            ticket_id: js::string(&value, "ticket_id")?,
            ticket_number: js::number(&value, "ticket_number")? as u32,
            rated: js::number(&value, "rated").map(|score| score as u32),
        })
    }

    /// Remembers that the user rated the open chat (`score`), so a reload does not ask again.
    pub fn remember_chat_rated(&self, score: u32) {
        let Some(storage) = session_storage() else { return };
        let Some(saved) = storage.get_item(&self.chat_key()).ok().flatten() else { return };
        let Ok(value) = js_sys::JSON::parse(&saved) else { return };
        let _ = js_sys::Reflect::set(&value, &"rated".into(), &score.into());
        let _ = storage.set_item(&self.chat_key(), &js::to_json(&value));
    }

    /// Remembers the chat the edge just opened (`ChatQueued`), or forgets it with `None`.
    pub fn set_active_chat(&self, opened: Option<&JsValue>) {
        let Some(storage) = session_storage() else { return };
        let _ = match opened {
            Some(opened) => storage.set_item(&self.chat_key(), &js::to_json(opened)),
            None => storage.remove_item(&self.chat_key()),
        };
    }

    fn chat_key(&self) -> String {
        format!("help-widget.{}.chat", self.site)
    }

    /// Sends a write through the outbox. `kind` names it for [`Edge::flush`]; `key`, when
    /// given, is the request's Idempotency-Key.
    pub async fn send(&self, kind: &str, path: &str, body: &JsValue, key: Option<&str>) -> Result<Sent, EdgeError> {
        let headers = self.headers();
        if let Some(key) = key {
            let _ = js_sys::Reflect::set(&headers, &"idempotency-key".into(), &key.into());
        }
        let result = JsFuture::from(outbox_send(kind, &self.url(path), &headers, &js::to_json(body)))
            .await
            .map_err(|_| EdgeError::Offline)?;
        if js::boolean(&result, "queued") {
            return Ok(Sent::Queued);
        }
        let status = js::number(&result, "status").unwrap_or(0.0) as u16;
        answer(status, &js::text(&result, "body")).map(Sent::Answered)
    }

    /// Sends what waits in the outbox; `delivered(kind, answer)` hears of each write that got
    /// through.
    pub fn flush(&self, mut delivered: impl FnMut(String, Result<JsValue, EdgeError>) + 'static) {
        let closure = Closure::new(move |kind: String, status: u16, body: String| {
            delivered(kind, answer(status, &body));
        });
        let promise = outbox_flush(&closure);
        wasm_bindgen_futures::spawn_local(async move {
            let _ = JsFuture::from(promise).await;
            drop(closure);
        });
    }

    pub fn requester_token(&self) -> Option<String> {
        local_storage()?.get_item(&self.token_key).ok().flatten()
    }

    /// Keeps the token the edge minted for an anonymous requester's first ticket.
    pub fn remember_token(&self, answer: &JsValue) {
        if let (Some(token), Some(storage)) = (js::string(answer, "requester_token"), local_storage()) {
            let _ = storage.set_item(&self.token_key, &token);
        }
    }
}

/// A fresh Idempotency-Key: 128 random bits in hex. (`crypto.getRandomValues`, unlike
/// `randomUUID`, also exists on host pages served over plain http.)
pub fn new_key() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A live chat the edge opened for this requester.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveChat {
    pub chat_id: String,
    pub socket_url: String,
    pub ticket_id: String,
    pub ticket_number: u32,
    /// The score the user gave the chat once it ended.
    pub rated: Option<u32>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}
