//! The WebSocket under a [`Session`] (browser-kit's reconnecting socket): the wire's frames to
//! and from JSON through browser-kit's codec (no serde), and no reconnect once the chat has
//! ended. Every rule about what to send lives in the session.

use std::cell::RefCell;
use std::rc::Rc;

use browser_kit::chat::socket::{self, Reconnect, ReconnectingSocket, SocketOwner};
use browser_kit::json;
use wire::chat::{Envelope, ServerFrame, PROTOCOL_VERSION};
use yew::Callback;

use super::session::{Outgoing, Phase, Session};

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
        self.socket.send(&json::text(&Envelope { v: PROTOCOL_VERSION, frame }));
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
        // A frame this client cannot read (a newer server's) is left out, not half-read.
        let Ok(frame) = json::parse::<ServerFrame>(&text) else { return };
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
