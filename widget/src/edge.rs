//! The widget's client of the edge API (edge/openapi.yaml): who the caller is (verified user
//! or requester token) and the wire types over fetch, read and written by browser-kit's codec.
//! Writes go through the IndexedDB outbox (`outbox.js`), so they survive being offline.

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use browser_kit::json;
use wire::chat_admission::ChatOpened;
use wire::json::{Read, Write};

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
use browser_kit::http::{answer, read, request};

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

    /// The edge's answer to `GET path`, read as `T`.
    pub async fn get<T: Read>(&self, path: &str) -> Result<T, EdgeError> {
        read(self.get_json(path).await?)
    }

    /// The edge's answer to `GET path` as the browser parsed it, for what the user only saves.
    pub async fn get_json(&self, path: &str) -> Result<JsValue, EdgeError> {
        request("GET", &self.url(path), &self.headers(), None).await
    }

    /// A write that only makes sense now (opening a chat), not through the outbox.
    pub async fn post<T: Read>(&self, path: &str, body: &impl Write) -> Result<T, EdgeError> {
        read(request("POST", &self.url(path), &self.headers(), Some(&json::text(body))).await?)
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
        let storage = session_storage()?;
        let opened: ChatOpened = json::parse(&storage.get_item(&self.chat_key()).ok()??).ok()?;
        let rated = storage.get_item(&self.rated_key()).ok().flatten().and_then(|score| score.parse().ok());
        Some(ActiveChat { chat_id: opened.chat_id, socket_url: opened.socket_url, ticket_id: opened.ticket_id, ticket_number: opened.ticket_number, rated })
    }

    /// Remembers that the user rated the open chat (`score`), so a reload does not ask again.
    pub fn remember_chat_rated(&self, score: u8) {
        if let Some(storage) = session_storage() {
            let _ = storage.set_item(&self.rated_key(), &score.to_string());
        }
    }

    /// Remembers the chat the edge just opened, or forgets it with `None`.
    pub fn set_active_chat(&self, opened: Option<&ChatOpened>) {
        let Some(storage) = session_storage() else { return };
        let _ = match opened {
            Some(opened) => storage.set_item(&self.chat_key(), &json::text(opened)),
            None => storage.remove_item(&self.chat_key()).and_then(|()| storage.remove_item(&self.rated_key())),
        };
    }

    fn rated_key(&self) -> String {
        format!("help-widget.{}.chat-rated", self.site)
    }

    fn chat_key(&self) -> String {
        format!("help-widget.{}.chat", self.site)
    }

    /// Sends a write (`body`: JSON text, see `browser_kit::json::text`) through the outbox.
    /// `kind` names it for [`Edge::flush`]; `key`, when given, is the request's Idempotency-Key.
    pub async fn send(&self, kind: &str, path: &str, body: &str, key: Option<&str>) -> Result<Sent, EdgeError> {
        let headers = self.headers();
        if let Some(key) = key {
            let _ = js_sys::Reflect::set(&headers, &"idempotency-key".into(), &key.into());
        }
        let result = JsFuture::from(outbox_send(kind, &self.url(path), &headers, body))
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

    /// Keeps the token the edge minted for an anonymous requester's first ticket or chat.
    pub fn remember_token(&self, token: Option<&str>) {
        if let (Some(token), Some(storage)) = (token, local_storage()) {
            let _ = storage.set_item(&self.token_key, token);
        }
    }
}

/// A fresh Idempotency-Key: 128 random bits in hex. (`crypto.getRandomValues`, unlike
/// `randomUUID`, also exists on host pages served over plain http.) Without random bits there
/// is no key and the write is not sent: a made-up key would be shared by every write, and the
/// edge would answer each with the first one's result.
pub fn new_key() -> Result<String, EdgeError> {
    let no_randomness = || EdgeError::NotSent { reason: "no random numbers (crypto.getRandomValues)" };
    let crypto = web_sys::window().and_then(|w| w.crypto().ok()).ok_or_else(no_randomness)?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(|_| no_randomness())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A live chat the edge opened for this requester.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveChat {
    pub chat_id: String,
    pub socket_url: String,
    pub ticket_id: String,
    pub ticket_number: i64,
    /// The score the user gave the chat once it ended.
    pub rated: Option<u8>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use js_sys::{Function, Reflect};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn keys_are_random_and_without_random_numbers_nothing_is_written() {
        let (first, second) = (new_key().unwrap(), new_key().unwrap());
        assert_eq!(first.len(), 32);
        assert_ne!(first, second);
        let crypto: JsValue = web_sys::window().unwrap().crypto().unwrap().into();
        let name = JsValue::from_str("getRandomValues");
        let failing = Function::new_with_args("bytes", "throw new Error('no entropy')");
        Reflect::set(&crypto, &name, &failing).unwrap();
        let without = new_key();
        Reflect::delete_property(crypto.unchecked_ref::<js_sys::Object>(), &name).unwrap();
        assert!(matches!(without, Err(EdgeError::NotSent { .. })), "{without:?}");
        assert!(new_key().is_ok(), "the prototype's getRandomValues is back");
    }
}
