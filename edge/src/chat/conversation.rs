//! The Conversation Durable Object: one per chat. It holds the sockets of the user and the agent
//! (hibernating: an idle chat costs nothing), stores every message with a sequence number in its
//! SQLite storage, and replays what a reconnecting client missed.

use serde::{Deserialize, Serialize};
use wire::chat::{ChatMessage, ChatPhase, ClientFrame, ServerFrame};
use worker::*;

use livechat::{check_message, may_act, ChatState, Role};

use super::frames::{read_frame, send, FrameError};
use super::desk::ChatRef;
use super::stubs;

/// Who is on the other end of a socket. Kept as the socket's attachment, because hibernation
/// drops every in-memory field.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Participant {
    pub role: Role,
    pub id: String,
    pub name: String,
}

/// What the conversation knows about itself, kept in storage under `meta`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChatMeta {
    pub chat_id: String,
    pub site: String,
    pub ticket_id: String,
    pub state: ChatState,
    /// The last queue frame, so a user who reconnects sees their place at once.
    pub queue: Option<ServerFrame>,
}

#[durable_object]
pub struct Conversation {
    state: State,
    env: Env,
}

impl DurableObject for Conversation {
    fn new(state: State, env: Env) -> Self {
        // The schema is created before any event is delivered; the exec is synchronous.
        let created = state.storage().sql().exec(
            "CREATE TABLE IF NOT EXISTS messages (
                seq INTEGER PRIMARY KEY,
                client_id TEXT NOT NULL UNIQUE,
                role TEXT NOT NULL,
                name TEXT NOT NULL,
                text TEXT NOT NULL,
                at INTEGER NOT NULL
            )",
            None,
        );
        if let Err(error) = created {
            console_error!("conversation schema: {error}");
        }
        Conversation { state, env }
    }

    async fn fetch(&self, req: Request) -> Result<Response> {
        let path = req.path();
        match (req.method(), path.as_str()) {
            (Method::Post, "/open") => self.open(req).await,
            (Method::Get, "/socket") => self.accept_socket(&req).await,
            (Method::Post, "/queue") => self.relay_queue(req).await,
            (Method::Post, "/assigned") => self.assigned(req).await,
            (Method::Post, "/waiting") => self.back_in_line(req).await,
            (Method::Get, "/transcript") => Response::from_json(&self.messages_after(0)?),
            (Method::Get, "/meta") => match self.meta().await? {
                Some(meta) => Response::from_json(&meta),
                None => Response::error("no such chat", 404),
            },
            _ => Response::error("not found", 404),
        }
    }

    async fn websocket_message(&self, ws: WebSocket, message: WebSocketIncomingMessage) -> Result<()> {
        let Some(who) = ws.deserialize_attachment::<Participant>()? else {
            return ws.close(Some(1011), Some("lost participant"));
        };
        match read_frame(&ws, message)? {
            Some(frame) => self.handle(&ws, &who, frame).await,
            None => Ok(()),
        }
    }

    async fn websocket_close(&self, ws: WebSocket, code: usize, reason: String, _was_clean: bool) -> Result<()> {
        // 1005 (no status) and 1006 (abnormal) may not be sent back: answer with a normal close.
        let code = if code == 1005 || code == 1006 { 1000 } else { code as u16 };
        ws.close(Some(code), Some(reason))
    }

    async fn websocket_error(&self, ws: WebSocket, _error: Error) -> Result<()> {
        ws.close(Some(1011), Some("socket error"))
    }
}

impl Conversation {
    async fn meta(&self) -> Result<Option<ChatMeta>> {
        self.state.storage().get::<ChatMeta>("meta").await
    }

    async fn save(&self, meta: &ChatMeta) -> Result<()> {
        self.state.storage().put("meta", meta).await
    }

    /// Creates the conversation; opening it again with the same id changes nothing.
    async fn open(&self, mut req: Request) -> Result<Response> {
        if let Some(meta) = self.meta().await? {
            return Response::from_json(&meta);
        }
        let opening: OpenChat = req.json().await?;
        let meta = ChatMeta {
            chat_id: opening.chat_id,
            site: opening.site,
            ticket_id: opening.ticket_id,
            state: ChatState::Waiting,
            queue: None,
        };
        self.save(&meta).await?;
        for line in opening.transcript {
            self.store(&line.client_id, line.role, &line.name, &line.text, line.at)?;
        }
        Response::from_json(&meta)
    }

    /// Accepts a socket for a participant the worker has already authenticated.
    async fn accept_socket(&self, req: &Request) -> Result<Response> {
        if self.meta().await?.is_none() {
            return Response::error("no such chat", 404);
        }
        let who: Participant = serde_json::from_str(&req.headers().get("x-participant")?.unwrap_or_default())
            .map_err(|e| Error::RustError(format!("participant header: {e}")))?;
        let pair = WebSocketPair::new()?;
        let tag = who.role.as_str();
        self.state.accept_websocket_with_tags(&pair.server, &[tag]);
        pair.server.serialize_attachment(&who)?;
        Response::from_websocket(pair.client)
    }

    async fn handle(&self, ws: &WebSocket, who: &Participant, frame: ClientFrame) -> Result<()> {
        let Some(mut meta) = self.meta().await? else {
            return send(ws, &FrameError::NoChat.frame());
        };
        match frame {
            ClientFrame::Hello { last_seq } => self.welcome(ws, &meta, last_seq),
            ClientFrame::Message { client_id, text } => {
                if let Err(refusal) = check_message(&meta.state, who.role, &who.id, &client_id, &text) {
                    return send(ws, &FrameError::Refused(refusal).frame());
                }
                let (message, fresh) = self.store(&client_id, who.role, &who.name, &text, now())?;
                send(ws, &ServerFrame::Ack { client_id, seq: message.seq })?;
                if fresh {
                    self.broadcast(&ServerFrame::Message(message), None);
                }
                Ok(())
            }
            ClientFrame::Typing { on } => {
                if let Err(refusal) = may_act(&meta.state, who.role, &who.id) {
                    return send(ws, &FrameError::Refused(refusal).frame());
                }
                self.broadcast(&ServerFrame::Typing { role: who.role, on }, Some(who.role));
                Ok(())
            }
            ClientFrame::Read { seq } => {
                self.broadcast(&ServerFrame::Read { role: who.role, seq }, Some(who.role));
                Ok(())
            }
            ClientFrame::End => {
                if let Err(refusal) = may_act(&meta.state, who.role, &who.id) {
                    return send(ws, &FrameError::Refused(refusal).frame());
                }
                meta.state = ChatState::Ended { by: who.role };
                self.save(&meta).await?;
                self.broadcast(&ServerFrame::Ended { by: who.role }, None);
                stubs::post(&stubs::desk(&self.env, &meta.site)?, "/ended", &ChatRef { chat_id: meta.chat_id.clone() }).await?;
                Ok(())
            }
            ClientFrame::Presence { .. } | ClientFrame::Accept { .. } | ClientFrame::Transfer { .. } => {
                send(ws, &FrameError::WrongSocket.frame())
            }
        }
    }

    fn welcome(&self, ws: &WebSocket, meta: &ChatMeta, last_seq: u64) -> Result<()> {
        let missed = self.messages_after(last_seq)?;
        let (phase, agent_name) = match &meta.state {
            ChatState::Waiting => (ChatPhase::Waiting, None),
            ChatState::WithAgent { agent_name, .. } => (ChatPhase::WithAgent, Some(agent_name.clone())),
            ChatState::Ended { .. } => (ChatPhase::Ended, None),
        };
        let last = missed.last().map_or(last_seq, |m| m.seq);
        send(ws, &ServerFrame::Welcome { chat_id: meta.chat_id.clone(), state: phase, last_seq: last, agent_name })?;
        for message in missed {
            send(ws, &ServerFrame::Message(message))?;
        }
        match (&meta.state, &meta.queue) {
            (ChatState::Waiting, Some(queue)) => send(ws, queue),
            _ => Ok(()),
        }
    }

    /// Stores a message once per `client_id`; returns it and whether it is new.
    fn store(&self, client_id: &str, role: Role, name: &str, text: &str, at: u64) -> Result<(ChatMessage, bool)> {
        let sql = self.state.storage().sql();
        if let Some(existing) = sql
            .exec("SELECT seq, client_id, role, name, text, at FROM messages WHERE client_id = ?", vec![client_id.into()])?
            .to_array::<StoredMessage>()?
            .pop()
        {
            return Ok((existing.into_message(), false));
        }
        // Events of one object run one at a time and `exec` is synchronous, so nothing can slip
        // between reading the last seq and writing the next: seq numbers have no gaps.
        let next: NextSeq = sql.exec("SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM messages", None)?.one()?;
        sql.exec(
            "INSERT INTO messages (seq, client_id, role, name, text, at) VALUES (?, ?, ?, ?, ?, ?)",
            vec![
                (next.seq as i64).into(),
                client_id.into(),
                role.as_str().into(),
                name.into(),
                text.into(),
                (at as i64).into(),
            ],
        )?;
        let message = ChatMessage {
            seq: next.seq,
            client_id: client_id.to_string(),
            role,
            name: name.to_string(),
            text: text.to_string(),
            at,
        };
        Ok((message, true))
    }

    fn messages_after(&self, seq: u64) -> Result<Vec<ChatMessage>> {
        let rows = self
            .state
            .storage()
            .sql()
            .exec("SELECT seq, client_id, role, name, text, at FROM messages WHERE seq > ? ORDER BY seq", vec![(seq as i64).into()])?
            .to_array::<StoredMessage>()?;
        Ok(rows.into_iter().map(StoredMessage::into_message).collect())
    }

    /// Sends a frame to every socket, or to every socket but those of `except`'s role.
    fn broadcast(&self, frame: &ServerFrame, except: Option<Role>) {
        let sockets = match except {
            None => self.state.get_websockets(),
            Some(role) => {
                let other = if role == Role::User { Role::Agent } else { Role::User };
                self.state.get_websockets_with_tag(other.as_str())
            }
        };
        for socket in sockets {
            // A socket that is closing cannot take the frame; its client replays on reconnect.
            let _ = send(&socket, frame);
        }
    }

    /// The desk's word on the user's place in line, passed on to the user's sockets.
    async fn relay_queue(&self, mut req: Request) -> Result<Response> {
        let frame: ServerFrame = req.json().await?;
        let Some(mut meta) = self.meta().await? else { return Response::error("no such chat", 404) };
        for socket in self.state.get_websockets_with_tag(Role::User.as_str()) {
            let _ = send(&socket, &frame);
        }
        meta.queue = Some(frame);
        self.save(&meta).await?;
        Response::empty()
    }

    async fn assigned(&self, mut req: Request) -> Result<Response> {
        let agent: Participant = req.json().await?;
        let Some(mut meta) = self.meta().await? else { return Response::error("no such chat", 404) };
        meta.state = ChatState::WithAgent { agent_id: agent.id.clone(), agent_name: agent.name.clone() };
        meta.queue = None;
        self.save(&meta).await?;
        self.broadcast(&ServerFrame::AgentJoined { name: agent.name }, None);
        Response::empty()
    }

    /// A transfer put the chat back in line for another department.
    async fn back_in_line(&self, _req: Request) -> Result<Response> {
        let Some(mut meta) = self.meta().await? else { return Response::error("no such chat", 404) };
        meta.state = ChatState::Waiting;
        self.save(&meta).await?;
        Response::empty()
    }
}

/// What the worker sends to open a conversation: the bot transcript comes along, so the agent
/// sees what the user already said and tried.
#[derive(Deserialize)]
pub struct OpenChat {
    pub chat_id: String,
    pub site: String,
    pub ticket_id: String,
    pub transcript: Vec<TranscriptLine>,
}

#[derive(Deserialize, Serialize)]
pub struct TranscriptLine {
    pub client_id: String,
    pub role: Role,
    pub name: String,
    pub text: String,
    pub at: u64,
}

#[derive(Deserialize)]
struct NextSeq {
    seq: u64,
}

#[derive(Deserialize)]
struct StoredMessage {
    seq: u64,
    client_id: String,
    role: Role,
    name: String,
    text: String,
    at: u64,
}

impl StoredMessage {
    fn into_message(self) -> ChatMessage {
        ChatMessage { seq: self.seq, client_id: self.client_id, role: self.role, name: self.name, text: self.text, at: self.at }
    }
}

fn now() -> u64 {
    Date::now().as_millis()
}
