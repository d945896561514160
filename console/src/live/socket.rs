//! The wire's frames over browser-kit's reconnecting WebSocket: [`ServerFrame`]s read with
//! serde-wasm-bindgen from the browser's `JSON.parse`, [`ClientFrame`]s written in their
//! envelope. It reconnects until [`LiveSocket::close`]; what to say on a fresh socket is the
//! owner's business: it gets [`SocketEvent::Opened`] each time.

use std::rc::Rc;

use browser_kit::chat::socket::{self, Reconnect, ReconnectingSocket, SocketOwner};
use browser_kit::js;
use js_sys::JSON;
use serde::Serialize;
use wire::chat::{ClientFrame, Envelope, ServerFrame, PROTOCOL_VERSION};
use yew::Callback;

pub enum SocketEvent {
    Opened,
    Frame(ServerFrame),
    Lost,
}

pub struct LiveSocket {
    inner: Rc<Inner>,
}

/// The socket and who hears it, as browser-kit's socket wants its owner.
struct Inner {
    socket: ReconnectingSocket,
    events: Callback<SocketEvent>,
}

impl LiveSocket {
    /// Connects to a path of the edge (`/api/v1/…`) on this page's host.
    pub fn open(path: &str, events: Callback<SocketEvent>) -> LiveSocket {
        let inner = Rc::new(Inner { socket: ReconnectingSocket::new(socket::same_host_url(path)), events });
        socket::start(&inner);
        LiveSocket { inner }
    }

    /// Sends now if open; frames while disconnected are dropped (the owner resends what matters
    /// on [`SocketEvent::Opened`]).
    pub fn send(&self, frame: ClientFrame) {
        let envelope = Envelope { v: PROTOCOL_VERSION, frame };
        if let Ok(value) = envelope.serialize(&serde_wasm_bindgen::Serializer::json_compatible()) {
            self.inner.socket.send(&js::to_json(&value));
        }
    }

    /// Stops for good.
    pub fn close(&self) {
        self.inner.socket.close();
    }
}

impl SocketOwner for Inner {
    fn socket(&self) -> &ReconnectingSocket {
        &self.socket
    }

    fn opened(&self) {
        self.events.emit(SocketEvent::Opened);
    }

    fn received(&self, text: String) {
        // A frame this console cannot read (a newer server's) is skipped, not fatal.
        if let Some(frame) = JSON::parse(&text).ok().and_then(|v| serde_wasm_bindgen::from_value::<ServerFrame>(v).ok()) {
            self.events.emit(SocketEvent::Frame(frame));
        }
    }

    /// Whether to come back is the screen's call: it closes the socket when the chat is over.
    fn lost(&self) -> Reconnect {
        self.events.emit(SocketEvent::Lost);
        Reconnect::Yes
    }
}
