//! The wire's frames over browser-kit's reconnecting WebSocket: [`ServerFrame`]s read with
//! serde-wasm-bindgen from the browser's `JSON.parse`, [`ClientFrame`]s written in their
//! envelope. It reconnects until [`LiveSocket::close`], or until the edge closes it with one of
//! its own codes ([`SocketEvent::Refused`]: signed out, no longer reaching the case), which
//! another try would only meet with a refusal; what to say on a fresh socket is the owner's
//! business: it gets [`SocketEvent::Opened`] each time.

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
    /// Dropped: it comes back by itself.
    Lost,
    /// Closed by the edge with this code for good (edge/PROTOCOL.md): 4001 the person was
    /// signed out or deactivated, 4003 they no longer reach the case.
    Refused(u16),
}

/// The person was signed out or deactivated (the edge's `EVICTED`).
pub const SIGNED_OUT: u16 = 4001;
/// The person no longer reaches the case (the edge's `LEFT_THE_CASE`).
pub const LEFT_THE_CASE: u16 = 4003;

/// Whether a socket closed with `code` should be opened again: not when the edge closed it with
/// one of the application's codes (4000–4999), which say why it will not take this person back.
pub fn comes_back(code: u16) -> bool {
    !(4000..5000).contains(&code)
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

    fn closed_with(&self, code: u16) -> Reconnect {
        if comes_back(code) {
            return self.lost();
        }
        self.events.emit(SocketEvent::Refused(code));
        Reconnect::No
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edges_own_close_codes_end_the_retries_and_dropped_connections_do_not() {
        assert!(!comes_back(SIGNED_OUT) && !comes_back(LEFT_THE_CASE));
        for dropped in [1000, 1001, 1006, 1011, 1012] {
            assert!(comes_back(dropped), "{dropped}");
        }
    }
}
