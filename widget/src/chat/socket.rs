//! The WebSocket under a [`Session`]: frames to and from JSON, and reconnecting with backoff
//! until the chat ends. Every rule about what to send lives in the session.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use js_sys::JSON;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, WebSocket};
use yew::Callback;

use super::session::{Incoming, Outgoing, Phase, Role, Session};
use crate::js;

/// The protocol version this client speaks (edge/PROTOCOL.md).
const VERSION: u32 = 1;
/// Reconnect after 1 s, 2 s, 4 s … at most this long.
const MAX_BACKOFF_MS: u32 = 10_000;

pub struct Connection {
    url: String,
    session: RefCell<Session>,
    socket: RefCell<Option<Socket>>,
    /// Told after every change the screen should show.
    changed: Callback<()>,
    failures: Cell<u32>,
    retry: RefCell<Option<Timeout>>,
    closed: Cell<bool>,
}

/// A socket and the closures it calls, dropped together.
struct Socket {
    ws: WebSocket,
    _handlers: [Closure<dyn FnMut(JsValue)>; 3],
}

impl Drop for Socket {
    /// The browser may still fire events at a socket we let go (its `close` comes later):
    /// unhook the closures before they are freed.
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
    }
}

impl Connection {
    /// Connects to `url` (the chat's socket URL with the requester's credentials).
    pub fn open(url: String, prefix: &str, changed: Callback<()>) -> Rc<Connection> {
        let connection = Rc::new(Connection {
            url,
            session: RefCell::new(Session::new(prefix)),
            socket: RefCell::new(None),
            changed,
            failures: Cell::new(0),
            retry: RefCell::new(None),
            closed: Cell::new(false),
        });
        connect(&connection);
        connection
    }

    pub fn session(&self) -> std::cell::Ref<'_, Session> {
        self.session.borrow()
    }

    pub fn write(&self, text: &str) {
        let frame = self.session.borrow_mut().write(text);
        self.send(frame);
        self.changed.emit(());
    }

    pub fn typing(&self, on: bool) {
        let frame = self.session.borrow_mut().typing(on);
        if let Some(frame) = frame {
            self.send(frame);
        }
    }

    /// Tells the agent the user has seen their messages (call while the chat is on screen).
    pub fn read(&self) {
        let frame = self.session.borrow_mut().read_receipt();
        if let Some(frame) = frame {
            self.send(frame);
        }
    }

    pub fn end(&self) {
        self.send(Outgoing::End);
    }

    /// Stops for good (the screen went away); the chat itself goes on server-side.
    pub fn close(&self) {
        self.closed.set(true);
        self.retry.borrow_mut().take();
        if let Some(socket) = self.socket.borrow_mut().take() {
            let _ = socket.ws.close();
        }
    }

    /// Sends now if the socket is open; otherwise the session resends on reconnect what matters
    /// (messages), and the rest (typing, read) is moot by then.
    fn send(&self, frame: Outgoing) {
        if let Some(socket) = self.socket.borrow().as_ref() {
            if socket.ws.ready_state() == WebSocket::OPEN {
                let _ = socket.ws.send_with_str(&js::to_json(&encode(&frame)));
            }
        }
    }
}

fn connect(connection: &Rc<Connection>) {
    let Ok(ws) = WebSocket::new(&connection.url) else {
        return schedule_reconnect(connection);
    };
    let weak = Rc::downgrade(connection);
    let on = |weak: &Weak<Connection>, handle: fn(&Rc<Connection>, JsValue)| {
        let weak = weak.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            if let Some(connection) = weak.upgrade() {
                handle(&connection, event);
            }
        })
    };
    let handlers = [on(&weak, opened), on(&weak, received), on(&weak, lost)];
    ws.set_onopen(Some(handlers[0].as_ref().unchecked_ref()));
    ws.set_onmessage(Some(handlers[1].as_ref().unchecked_ref()));
    ws.set_onclose(Some(handlers[2].as_ref().unchecked_ref()));
    *connection.socket.borrow_mut() = Some(Socket { ws, _handlers: handlers });
}

fn opened(connection: &Rc<Connection>, _: JsValue) {
    connection.failures.set(0);
    let frames = connection.session.borrow_mut().connected();
    for frame in frames {
        connection.send(frame);
    }
}

fn received(connection: &Rc<Connection>, event: JsValue) {
    let Some(text) = event.dyn_ref::<MessageEvent>().and_then(|e| e.data().as_string()) else { return };
    let Some(frame) = JSON::parse(&text).ok().and_then(|v| decode(&v)) else { return };
    connection.session.borrow_mut().receive(frame);
    connection.changed.emit(());
}

fn lost(connection: &Rc<Connection>, _: JsValue) {
    connection.session.borrow_mut().disconnected();
    connection.changed.emit(());
    if connection.session.borrow().phase() != Phase::Ended {
        schedule_reconnect(connection);
    }
}

fn schedule_reconnect(connection: &Rc<Connection>) {
    if connection.closed.get() {
        return;
    }
    let failures = connection.failures.get();
    connection.failures.set(failures + 1);
    let delay = 1000u32.saturating_mul(1 << failures.min(4)).min(MAX_BACKOFF_MS);
    let weak = Rc::downgrade(connection);
    let timer = Timeout::new(delay, move || {
        if let Some(connection) = weak.upgrade() {
            connect(&connection);
        }
    });
    *connection.retry.borrow_mut() = Some(timer);
}

fn encode(frame: &Outgoing) -> JsValue {
    let v = ("v", JsValue::from(VERSION));
    match frame {
        Outgoing::Hello { last_seq } => js::object(&[v, ("type", "hello".into()), ("last_seq", (*last_seq as f64).into())]),
        Outgoing::Message { client_id, text } => {
            js::object(&[v, ("type", "message".into()), ("client_id", client_id.as_str().into()), ("text", text.as_str().into())])
        }
        Outgoing::Typing { on } => js::object(&[v, ("type", "typing".into()), ("on", (*on).into())]),
        Outgoing::Read { seq } => js::object(&[v, ("type", "read".into()), ("seq", (*seq as f64).into())]),
        Outgoing::End => js::object(&[v, ("type", "end".into())]),
    }
}

fn decode(value: &JsValue) -> Option<Incoming> {
    let seq = |key| js::number(value, key).map(|n| n as u64);
    let count = |key| js::number(value, key).map(|n| n as u32);
    let role = || Role::parse(&js::text(value, "role"));
    Some(match js::string(value, "type")?.as_str() {
        "welcome" => Incoming::Welcome {
            ended: js::text(value, "state") == "ended",
            with_agent: js::text(value, "state") == "with_agent",
            agent_name: js::string(value, "agent_name"),
        },
        "message" => Incoming::Message {
            seq: seq("seq")?,
            client_id: js::text(value, "client_id"),
            role: role(),
            name: js::text(value, "name"),
            text: js::text(value, "text"),
        },
        "ack" => Incoming::Ack { client_id: js::text(value, "client_id"), seq: seq("seq")? },
        "queue" => Incoming::Queue {
            position: count("position"),
            wait_secs: count("estimated_wait_secs"),
            agents_online: count("agents_online").unwrap_or(0),
        },
        "agent_joined" => Incoming::AgentJoined { name: js::text(value, "name") },
        "typing" => Incoming::Typing { role: role(), on: js::boolean(value, "on") },
        "read" => Incoming::Read { role: role(), seq: seq("seq")? },
        "ended" => Incoming::Ended,
        "transferred" => Incoming::Transferred,
        "error" => Incoming::Error { code: js::text(value, "code") },
        _ => return None,
    })
}
