//! A WebSocket that comes back by itself: after a drop it reconnects with backoff
//! ([`backoff_ms`]) until [`ReconnectingSocket::close`]. It carries text; what the frames mean
//! and what to say on a fresh socket is its owner's business ([`SocketOwner`]). The owner holds
//! the socket and the browser's handlers hold the owner weakly, so dropping the owner lets all
//! of it go, and nothing is called through a boxed closure (the widget's bundle stays small).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, WebSocket};

/// Reconnect after 1 s, 2 s, 4 s … at most this long.
const MAX_BACKOFF_MS: u32 = 10_000;

/// What a socket tells the object that holds it.
pub trait SocketOwner: 'static {
    fn socket(&self) -> &ReconnectingSocket;
    /// A fresh socket is open (the first, or after a drop): say hello again.
    fn opened(&self);
    fn received(&self, text: String);
    /// The socket closed; it reconnects unless the owner says no.
    fn lost(&self) -> Reconnect;
    /// The socket closed with this close code (1006 when the connection dropped or the upgrade
    /// was refused): an owner for whom the server's own codes mean "do not come back" says so
    /// here. By default, as [`SocketOwner::lost`].
    fn closed_with(&self, _code: u16) -> Reconnect {
        self.lost()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reconnect {
    Yes,
    No,
}

pub struct ReconnectingSocket {
    url: String,
    current: RefCell<Option<Current>>,
    failures: Cell<u32>,
    retry: RefCell<Option<Timeout>>,
    closed: Cell<bool>,
}

/// A socket and the closures it calls, dropped together.
struct Current {
    ws: WebSocket,
    _handlers: [Closure<dyn FnMut(JsValue)>; 3],
}

impl Drop for Current {
    /// The browser may still fire events at a socket we let go (its `close` comes later):
    /// unhook the closures before they are freed.
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
    }
}

impl ReconnectingSocket {
    /// A socket for `url` (`ws://` or `wss://`), not connected until [`start`].
    pub fn new(url: String) -> ReconnectingSocket {
        ReconnectingSocket { url, current: RefCell::new(None), failures: Cell::new(0), retry: RefCell::new(None), closed: Cell::new(false) }
    }

    /// Sends now if the socket is open. While disconnected nothing is queued: the owner resends
    /// what matters when it is [`SocketOwner::opened`] again.
    pub fn send(&self, text: &str) {
        if let Some(current) = self.current.borrow().as_ref() {
            if current.ws.ready_state() == WebSocket::OPEN {
                let _ = current.ws.send_with_str(text);
            }
        }
    }

    /// Stops for good.
    pub fn close(&self) {
        self.closed.set(true);
        self.retry.borrow_mut().take();
        if let Some(current) = self.current.borrow_mut().take() {
            let _ = current.ws.close();
        }
    }
}

/// Connects the owner's socket, and keeps reconnecting it after drops.
pub fn start<O: SocketOwner>(owner: &Rc<O>) {
    let socket = owner.socket();
    if socket.closed.get() {
        return;
    }
    let Ok(ws) = WebSocket::new(&socket.url) else {
        return schedule_reconnect(owner);
    };
    let weak = Rc::downgrade(owner);
    let on = |weak: &Weak<O>, handle: fn(&Rc<O>, JsValue)| {
        let weak = weak.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(owner) = weak.upgrade() {
                handle(&owner, event);
            }
        })
    };
    let handlers = [on(&weak, opened), on(&weak, received), on(&weak, lost)];
    ws.set_onopen(Some(handlers[0].as_ref().unchecked_ref()));
    ws.set_onmessage(Some(handlers[1].as_ref().unchecked_ref()));
    ws.set_onclose(Some(handlers[2].as_ref().unchecked_ref()));
    *socket.current.borrow_mut() = Some(Current { ws, _handlers: handlers });
}

/// The wait before reconnect attempt number `failures + 1`: 1 s, doubling, at most 10 s.
pub fn backoff_ms(failures: u32) -> u32 {
    1000u32.saturating_mul(1 << failures.min(4)).min(MAX_BACKOFF_MS)
}

/// `ws://` or `wss://` like the page, to `path` on the page's host.
pub fn same_host_url(path: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let host = location.as_ref().and_then(|l| l.host().ok()).unwrap_or_default();
    let secure = location.and_then(|l| l.protocol().ok()).is_some_and(|p| p == "https:");
    format!("{}://{host}{path}", if secure { "wss" } else { "ws" })
}

fn opened<O: SocketOwner>(owner: &Rc<O>, _: JsValue) {
    owner.socket().failures.set(0);
    owner.opened();
}

fn received<O: SocketOwner>(owner: &Rc<O>, event: JsValue) {
    if let Some(text) = event.dyn_ref::<MessageEvent>().and_then(|e| e.data().as_string()) {
        owner.received(text);
    }
}

fn lost<O: SocketOwner>(owner: &Rc<O>, event: JsValue) {
    // The close event's code, read without web-sys's CloseEvent binding (the widget shares this
    // file and gains nothing from one); an event without one is a dropped connection.
    let code = js_sys::Reflect::get(&event, &JsValue::from_str("code")).ok().and_then(|c| c.as_f64()).map_or(1006, |c| c as u16);
    if owner.closed_with(code) == Reconnect::Yes {
        schedule_reconnect(owner);
    }
}

fn schedule_reconnect<O: SocketOwner>(owner: &Rc<O>) {
    let socket = owner.socket();
    if socket.closed.get() {
        return;
    }
    let failures = socket.failures.get();
    socket.failures.set(failures + 1);
    let weak = Rc::downgrade(owner);
    let timer = Timeout::new(backoff_ms(failures), move || {
        if let Some(owner) = weak.upgrade() {
            start(&owner);
        }
    });
    *socket.retry.borrow_mut() = Some(timer);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reconnects_back_off_from_one_second_to_at_most_ten() {
        let waits: Vec<u32> = (0..7).map(backoff_ms).collect();
        assert_eq!(waits, [1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
    }
}
