//! A live-chat WebSocket that comes back by itself: frames are read into the wire's
//! [`ServerFrame`] and written from its [`ClientFrame`]; after a drop it reconnects with backoff
//! (1 s, 2 s, 4 s … at most 10 s) until [`LiveSocket::close`]. What to say on a fresh socket is
//! the owner's business: it gets [`SocketEvent::Opened`] each time.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use browser_kit::js;
use gloo_timers::callback::Timeout;
use js_sys::JSON;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, WebSocket};
use wire::chat::{ClientFrame, Envelope, ServerFrame, PROTOCOL_VERSION};
use yew::Callback;

const MAX_BACKOFF_MS: u32 = 10_000;

pub enum SocketEvent {
    Opened,
    Frame(ServerFrame),
    Lost,
}

pub struct LiveSocket {
    url: String,
    events: Callback<SocketEvent>,
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
    /// The browser may still fire events at a socket we let go: unhook before freeing.
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
    }
}

impl LiveSocket {
    /// Connects to a path of the edge (`/api/v1/…`) on this page's host.
    pub fn open(path: &str, events: Callback<SocketEvent>) -> Rc<LiveSocket> {
        let socket = Rc::new(LiveSocket {
            url: absolute(path),
            events,
            current: RefCell::new(None),
            failures: Cell::new(0),
            retry: RefCell::new(None),
            closed: Cell::new(false),
        });
        connect(&socket);
        socket
    }

    /// Sends now if open; frames while disconnected are dropped (the owner resends what matters
    /// on [`SocketEvent::Opened`]).
    pub fn send(&self, frame: ClientFrame) {
        let envelope = Envelope { v: PROTOCOL_VERSION, frame };
        let Ok(value) = envelope.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) else { return };
        if let Some(current) = self.current.borrow().as_ref() {
            if current.ws.ready_state() == WebSocket::OPEN {
                let _ = current.ws.send_with_str(&js::to_json(&value));
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

/// `ws://` or `wss://` like the page, same host.
fn absolute(path: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let host = location.as_ref().and_then(|l| l.host().ok()).unwrap_or_default();
    let secure = location.and_then(|l| l.protocol().ok()).is_some_and(|p| p == "https:");
    format!("{}://{host}{path}", if secure { "wss" } else { "ws" })
}

fn connect(socket: &Rc<LiveSocket>) {
    if socket.closed.get() {
        return;
    }
    let Ok(ws) = WebSocket::new(&socket.url) else {
        return schedule_reconnect(socket);
    };
    let weak = Rc::downgrade(socket);
    let on = |weak: &Weak<LiveSocket>, handle: fn(&Rc<LiveSocket>, JsValue)| {
        let weak = weak.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(socket) = weak.upgrade() {
                handle(&socket, event);
            }
        })
    };
    let handlers = [on(&weak, opened), on(&weak, received), on(&weak, lost)];
    ws.set_onopen(Some(handlers[0].as_ref().unchecked_ref()));
    ws.set_onmessage(Some(handlers[1].as_ref().unchecked_ref()));
    ws.set_onclose(Some(handlers[2].as_ref().unchecked_ref()));
    *socket.current.borrow_mut() = Some(Current { ws, _handlers: handlers });
}

fn opened(socket: &Rc<LiveSocket>, _: JsValue) {
    socket.failures.set(0);
    socket.events.emit(SocketEvent::Opened);
}

fn received(socket: &Rc<LiveSocket>, event: JsValue) {
    let Some(text) = event.dyn_ref::<MessageEvent>().and_then(|e| e.data().as_string()) else { return };
    let Some(frame) = JSON::parse(&text).ok().and_then(|v| serde_wasm_bindgen::from_value::<ServerFrame>(v).ok()) else { return };
    socket.events.emit(SocketEvent::Frame(frame));
}

fn lost(socket: &Rc<LiveSocket>, _: JsValue) {
    socket.events.emit(SocketEvent::Lost);
    schedule_reconnect(socket);
}

fn schedule_reconnect(socket: &Rc<LiveSocket>) {
    if socket.closed.get() {
        return;
    }
    let failures = socket.failures.get();
    socket.failures.set(failures + 1);
    let delay = 1000u32.saturating_mul(1 << failures.min(4)).min(MAX_BACKOFF_MS);
    let weak = Rc::downgrade(socket);
    let timer = Timeout::new(delay, move || {
        if let Some(socket) = weak.upgrade() {
            connect(&socket);
        }
    });
    *socket.retry.borrow_mut() = Some(timer);
}
