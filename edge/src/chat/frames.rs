//! Reading and writing protocol frames (edge/PROTOCOL.md): version check, parse, error frames.

use serde::Deserialize;
use wire::chat::{ClientFrame, Envelope, ServerFrame, PROTOCOL_VERSION};
use worker::{Result, WebSocket, WebSocketIncomingMessage};

use livechat::{DispatchError, Refusal, MAX_FRAME_BYTES};

/// Why a frame was not taken; sent back as an `error` frame, the socket stays open.
#[derive(Debug)]
pub enum FrameError {
    BadFrame(String),
    UnsupportedVersion(u32),
    TooLarge,
    Binary,
    NoChat,
    /// A desk frame on a conversation socket, or the other way round.
    WrongSocket,
    Refused(Refusal),
    /// The desk refused an agent's request (accept, transfer).
    Dispatch(DispatchError),
    /// A transfer to a department the site does not have.
    UnknownDepartment,
    /// Storage or another object failed; the frame may be sent again.
    Internal,
}

impl FrameError {
    pub fn frame(&self) -> ServerFrame {
        let (code, message) = match self {
            FrameError::BadFrame(why) => ("bad_frame", format!("the frame could not be read: {why}")),
            FrameError::UnsupportedVersion(v) => ("unsupported_version", format!("protocol version {v} is not spoken here; use {PROTOCOL_VERSION}")),
            FrameError::TooLarge => ("too_large", "the frame is larger than 16 KiB".to_string()),
            FrameError::Binary => ("bad_frame", "frames are JSON text".to_string()),
            FrameError::NoChat => ("no_chat", "this conversation does not exist".to_string()),
            FrameError::WrongSocket => ("wrong_socket", "this frame is not taken on this socket".to_string()),
            FrameError::Refused(refusal) => (refusal.code(), refusal.message().to_string()),
            FrameError::Dispatch(refusal) => (refusal.code(), refusal.message().to_string()),
            FrameError::UnknownDepartment => ("unknown_department", "the site has no such department".to_string()),
            FrameError::Internal => ("internal", "the service failed; send the frame again".to_string()),
        };
        ServerFrame::Error { code: code.to_string(), message }
    }
}

#[derive(Deserialize)]
struct VersionOnly {
    v: u32,
}

fn parse_client_frame(text: &str) -> std::result::Result<ClientFrame, FrameError> {
    // The common case parses once; only a frame that fails is read again to say why.
    match serde_json::from_str::<Envelope<ClientFrame>>(text) {
        Ok(envelope) if envelope.v == PROTOCOL_VERSION => Ok(envelope.frame),
        Ok(envelope) => Err(FrameError::UnsupportedVersion(envelope.v)),
        Err(error) => match serde_json::from_str::<VersionOnly>(text) {
            Ok(version) if version.v != PROTOCOL_VERSION => Err(FrameError::UnsupportedVersion(version.v)),
            _ => Err(FrameError::BadFrame(error.to_string())),
        },
    }
}

/// A frame as it travels: the JSON object with `v` beside `type`.
pub fn encode(frame: &ServerFrame) -> Result<String> {
    Ok(serde_json::to_string(&Envelope { v: PROTOCOL_VERSION, frame })?)
}

pub fn send(ws: &WebSocket, frame: &ServerFrame) -> Result<()> {
    ws.send_with_str(encode(frame)?)
}

/// Reads a socket message as a client frame. A message that is not one is answered on the socket
/// with an error frame and gives `None`; the socket stays open.
pub fn read_frame(ws: &WebSocket, message: WebSocketIncomingMessage) -> Result<Option<ClientFrame>> {
    let refused = match message {
        WebSocketIncomingMessage::String(text) if text.len() <= MAX_FRAME_BYTES => match parse_client_frame(&text) {
            Ok(frame) => return Ok(Some(frame)),
            Err(error) => error,
        },
        WebSocketIncomingMessage::String(_) => FrameError::TooLarge,
        WebSocketIncomingMessage::Binary(_) => FrameError::Binary,
    };
    send(ws, &refused.frame())?;
    Ok(None)
}
