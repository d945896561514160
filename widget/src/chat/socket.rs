//! The WebSocket under a [`Session`] (browser-kit's reconnecting socket): frames to and from
//! JSON without serde, and no reconnect once the chat has ended. Every rule about what to send
//! lives in the session.

use std::cell::RefCell;
use std::rc::Rc;

use browser_kit::chat::socket::{self, Reconnect, ReconnectingSocket, SocketOwner};
use js_sys::JSON;
use wasm_bindgen::JsValue;
use yew::Callback;

use super::session::{Incoming, Outgoing, Phase, Role, Session};
use crate::js;

/// The protocol version this client speaks (edge/PROTOCOL.md).
const VERSION: u32 = 1;

pub struct Connection {
    session: RefCell<Session>,
    socket: ReconnectingSocket,
    /// Told after every change the screen should show.
    changed: Callback<()>,
}

impl Connection {
    /// Connects to `url` (the chat's socket URL with the requester's credentials).
    pub fn open(url: String, prefix: &str, changed: Callback<()>) -> Rc<Connection> {
        let connection = Rc::new(Connection { session: RefCell::new(Session::new(prefix)), socket: ReconnectingSocket::new(url), changed });
        socket::start(&connection);
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
        self.socket.close();
    }

    /// Sends now if the socket is open; otherwise the session resends on reconnect what matters
    /// (messages), and the rest (typing, read) is moot by then.
    fn send(&self, frame: Outgoing) {
        self.socket.send(&js::to_json(&encode(&frame)));
    }
}

impl SocketOwner for Connection {
    fn socket(&self) -> &ReconnectingSocket {
        &self.socket
    }

    fn opened(&self) {
        let frames = self.session.borrow_mut().connected();
        for frame in frames {
            self.send(frame);
        }
    }

    fn received(&self, text: String) {
        let Some(frame) = JSON::parse(&text).ok().and_then(|v| decode(&v)) else { return };
        self.session.borrow_mut().receive(frame);
        self.changed.emit(());
    }

    /// An ended chat has nothing more to say: no reconnect.
    fn lost(&self) -> Reconnect {
        self.session.borrow_mut().disconnected();
        self.changed.emit(());
        if self.session.borrow().phase() == Phase::Ended { Reconnect::No } else { Reconnect::Yes }
    }
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
