//! The Conversation Durable Object: one per chat. It holds the sockets of the user and the agent
//! (hibernating: an idle chat costs nothing), stores every message with a sequence number in its
//! SQLite storage, replays what a reconnecting client missed, and when the chat ends files the
//! transcript into the chat's ticket.

use std::cell::RefCell;

use serde::{Deserialize, Serialize};
use wire::chat::{ChatPhase, ClientFrame, ServerFrame};
use worker::*;

use livechat::{check_message, check_read, check_volume, may_act, ChatState, Role, VolumeLimits};

use super::desk::{ChatRef, EVICTED};
use super::frames::{encode, read_frame, send, FrameError};
use super::messages::MessageLog;
use super::ticket_log::{self, Unrecorded};
use super::stubs;
use desk::chat_log::transcript_pieces;

/// Who is on the other end of a socket, as the worker authenticated them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Participant {
    pub role: Role,
    pub id: String,
    pub name: String,
}

/// A socket's attachment (hibernation drops every in-memory field): who it is, and whether it
/// said `hello`. Live frames go only to sockets that did, so a client sees the replay first and
/// then every later message exactly once.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Seat {
    who: Participant,
    ready: bool,
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
    /// The desk version that frame came from: an older update arriving late is dropped.
    #[serde(default)]
    pub queue_version: u64,
    /// Whether the transcript is in the ticket's log; until it is, the alarm tries again.
    #[serde(default)]
    pub transcript_filed: bool,
    /// The last message already in the ticket's log (the transcript goes in pieces).
    #[serde(default)]
    pub transcript_filed_upto: u64,
    /// Failed tries to file the transcript since the last success: the next waits longer.
    #[serde(default)]
    pub transcript_attempts: u32,
}

/// What the worker sends to open a conversation: the bot transcript and the user's first words
/// come along, so the agent reads what the user already said and tried.
#[derive(Serialize, Deserialize)]
pub struct OpenChat {
    pub chat_id: String,
    pub site: String,
    pub ticket_id: String,
    pub transcript: Vec<TranscriptLine>,
}

#[derive(Serialize, Deserialize)]
pub struct TranscriptLine {
    pub client_id: String,
    pub role: Role,
    pub name: String,
    pub text: String,
    pub at: u64,
}

/// The requester's personal data leaves the conversation's own copy of the messages: their name
/// always, their words when `messages` (see `desk::erasure`).
#[derive(Serialize, Deserialize)]
pub struct EraseChat {
    pub messages: bool,
}

/// The desk's word on the user's place in line.
#[derive(Serialize, Deserialize)]
pub struct QueueUpdate {
    pub version: u64,
    pub frame: ServerFrame,
}

/// The desk handed the chat to another department.
#[derive(Serialize, Deserialize)]
pub struct Transferred {
    pub department: String,
}

/// Who a broadcast goes to.
#[derive(Clone, Copy)]
enum Audience<'a> {
    Everyone,
    /// The sockets of the other role than this one.
    Others(Role),
    /// Every socket but this one.
    NotTo(&'a WebSocket),
}

/// How long to wait before first trying again to file a transcript the ticket store refused;
/// each further failure doubles it, up to [`TRANSCRIPT_RETRY_MAX_MS`].
const TRANSCRIPT_RETRY_MS: u64 = 30_000;
const TRANSCRIPT_RETRY_MAX_MS: u64 = 60 * 60 * 1000;
const MINUTE_MS: u64 = 60_000;
/// How long a waiting user may be away (no socket) before they leave the line.
const ABANDON_AFTER_SECS: u64 = 120;

/// [`ABANDON_AFTER_SECS`], or the `CHAT_ABANDON_SECS` var of the deployment.
fn abandon_after(env: &Env) -> std::time::Duration {
    let secs = env.var("CHAT_ABANDON_SECS").ok().and_then(|v| v.to_string().parse().ok()).unwrap_or(ABANDON_AFTER_SECS);
    std::time::Duration::from_secs(secs)
}

/// The deployment's limits on a conversation (`CHAT_MAX_MESSAGES`, `CHAT_MAX_MESSAGES_PER_MINUTE`),
/// else `livechat`'s defaults.
fn volume_limits(env: &Env) -> VolumeLimits {
    let var = |name: &str| env.var(name).ok().and_then(|v| v.to_string().parse().ok());
    let default = VolumeLimits::default();
    VolumeLimits { messages: var("CHAT_MAX_MESSAGES").unwrap_or(default.messages), per_minute: var("CHAT_MAX_MESSAGES_PER_MINUTE").map_or(default.per_minute, |n: u64| n as u32) }
}

#[durable_object]
pub struct Conversation {
    state: State,
    env: Env,
    log: MessageLog,
    /// `meta` as last read or written. Every write goes through [`Conversation::save`], and one
    /// instance runs one event at a time, so the copy is never stale; hibernation drops it and
    /// the next event reads storage again. Saves a storage read per message.
    meta: RefCell<Option<ChatMeta>>,
}

impl DurableObject for Conversation {
    fn new(state: State, env: Env) -> Self {
        let log = MessageLog::open(state.storage().sql());
        Conversation { state, env, log, meta: RefCell::new(None) }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        if stubs::OPEN.is(&req) {
            self.open(stubs::OPEN.body(&mut req).await?).await
        } else if stubs::CONVERSATION_SOCKET.is(&req) {
            self.accept_socket(&req).await
        } else if stubs::QUEUE.is(&req) {
            self.relay_queue(stubs::QUEUE.body(&mut req).await?).await
        } else if stubs::ASSIGNED.is(&req) {
            self.assigned(stubs::ASSIGNED.body(&mut req).await?).await
        } else if stubs::TRANSFERRED.is(&req) {
            self.transferred(stubs::TRANSFERRED.body(&mut req).await?).await
        } else if stubs::EVICT.is(&req) {
            let evicted = stubs::EVICT.body(&mut req).await?;
            for socket in self.state.get_websockets_with_tag(Role::Agent.as_str()) {
                if matches!(socket.deserialize_attachment::<Seat>(), Ok(Some(seat)) if seat.who.id == evicted.agent_id) {
                    let _ = socket.close(Some(EVICTED), Some("signed out"));
                }
            }
            stubs::EVICT.reply(&())
        } else if stubs::ERASE.is(&req) {
            let erase = stubs::ERASE.body(&mut req).await?;
            self.log.erase_user(erase.messages)?;
            stubs::ERASE.reply(&())
        } else if stubs::META.is(&req) {
            match self.meta().await? {
                Some(meta) => stubs::META.reply(&meta),
                None => Response::error("no such chat", 404),
            }
        } else {
            Response::error("not found", 404)
        }
    }

    async fn websocket_message(&self, ws: WebSocket, message: WebSocketIncomingMessage) -> Result<()> {
        let Some(seat) = ws.deserialize_attachment::<Seat>()? else {
            return ws.close(Some(1011), Some("lost participant"));
        };
        let Some(frame) = read_frame(&ws, message)? else { return Ok(()) };
        // A failure of storage or of a call to the desk must not take the socket down with it:
        // the client hears about it and may retry (messages are idempotent by client_id).
        if let Err(error) = self.handle(&ws, seat, frame).await {
            console_error!("conversation: {error}");
            send(&ws, &FrameError::Internal.frame())?;
        }
        Ok(())
    }

    async fn websocket_close(&self, ws: WebSocket, code: usize, reason: String, _was_clean: bool) -> Result<()> {
        // 1005 (no status) and 1006 (abnormal) may not be sent back: answer with a normal close.
        let code = if code == 1005 || code == 1006 { 1000 } else { code as u16 };
        ws.close(Some(code), Some(reason))?;
        let user_left = matches!(ws.deserialize_attachment::<Seat>()?, Some(Seat { who: Participant { role: Role::User, .. }, .. }));
        if user_left && matches!(self.meta().await?, Some(ChatMeta { state: ChatState::Waiting, .. })) {
            self.watch_for_abandonment().await?;
        }
        Ok(())
    }

    async fn websocket_error(&self, ws: WebSocket, _error: Error) -> Result<()> {
        ws.close(Some(1011), Some("socket error"))
    }

    /// Either a waiting chat's check for an absent user, or a retry of the transcript.
    async fn alarm(&self) -> Result<Response> {
        match self.meta().await? {
            Some(meta) if meta.state == ChatState::Waiting && !self.user_present() => self.end(meta, Role::System).await?,
            Some(meta) => self.file_transcript(meta).await?,
            None => {}
        }
        Response::empty()
    }
}

impl Conversation {
    async fn meta(&self) -> Result<Option<ChatMeta>> {
        if let Some(meta) = self.meta.borrow().as_ref() {
            return Ok(Some(meta.clone()));
        }
        let stored = self.state.storage().get::<ChatMeta>("meta").await?;
        self.meta.replace(stored.clone());
        Ok(stored)
    }

    async fn save(&self, meta: &ChatMeta) -> Result<()> {
        self.state.storage().put("meta", meta).await?;
        self.meta.replace(Some(meta.clone()));
        Ok(())
    }

    /// Creates the conversation; opening it again with the same id changes nothing.
    async fn open(&self, opening: OpenChat) -> Result<Response> {
        if let Some(meta) = self.meta().await? {
            return stubs::OPEN.reply(&meta);
        }
        for line in &opening.transcript {
            if self.log.find(&line.client_id)?.is_none() {
                self.log.append(&line.client_id, line.role, &line.name, &line.text, line.at)?;
            }
        }
        let meta = ChatMeta {
            chat_id: opening.chat_id,
            site: opening.site,
            ticket_id: opening.ticket_id,
            state: ChatState::Waiting,
            queue: None,
            queue_version: 0,
            transcript_filed: false,
            transcript_filed_upto: 0,
            transcript_attempts: 0,
        };
        self.save(&meta).await?;
        self.watch_for_abandonment().await?;
        stubs::OPEN.reply(&meta)
    }

    /// Accepts a socket for a participant the worker has already authenticated.
    async fn accept_socket(&self, req: &Request) -> Result<Response> {
        if self.meta().await?.is_none() {
            return Response::error("no such chat", 404);
        }
        let who = stubs::CONVERSATION_SOCKET.who(req)?;
        let pair = WebSocketPair::new()?;
        self.state.accept_websocket_with_tags(&pair.server, &[who.role.as_str()]);
        pair.server.serialize_attachment(Seat { who, ready: false })?;
        Response::from_websocket(pair.client)
    }

    async fn handle(&self, ws: &WebSocket, seat: Seat, frame: ClientFrame) -> Result<()> {
        let Some(meta) = self.meta().await? else {
            return send(ws, &FrameError::NoChat.frame());
        };
        let who = &seat.who;
        match frame {
            ClientFrame::Hello { last_seq } => {
                self.welcome(ws, &meta, last_seq)?;
                ws.serialize_attachment(Seat { ready: true, ..seat })
            }
            ClientFrame::Message { client_id, text } => {
                if let Err(refusal) = check_message(&meta.state, who.role, &who.id, &client_id, &text) {
                    return send(ws, &FrameError::Refused(refusal).frame());
                }
                if let Some(stored) = self.log.find(&client_id)? {
                    return send(ws, &ServerFrame::Ack { client_id, seq: stored.seq });
                }
                let at = now();
                let (stored, recent) = self.log.volume(who.role, at.saturating_sub(MINUTE_MS))?;
                if let Err(refusal) = check_volume(volume_limits(&self.env), stored, recent) {
                    return send(ws, &FrameError::Refused(refusal).frame());
                }
                let message = self.log.append(&client_id, who.role, &who.name, &text, at)?;
                send(ws, &ServerFrame::Ack { client_id, seq: message.seq })?;
                self.broadcast(&ServerFrame::Message(message), Audience::NotTo(ws));
                Ok(())
            }
            ClientFrame::Typing { on } => {
                if let Err(refusal) = may_act(&meta.state, who.role, &who.id) {
                    return send(ws, &FrameError::Refused(refusal).frame());
                }
                self.broadcast(&ServerFrame::Typing { role: who.role, on }, Audience::Others(who.role));
                Ok(())
            }
            ClientFrame::Read { seq } => {
                if let Err(refusal) = check_read(seq, self.log.last_seq()?) {
                    return send(ws, &FrameError::Refused(refusal).frame());
                }
                self.broadcast(&ServerFrame::Read { role: who.role, seq }, Audience::Others(who.role));
                Ok(())
            }
            ClientFrame::End => {
                if let Err(refusal) = may_act(&meta.state, who.role, &who.id) {
                    return send(ws, &FrameError::Refused(refusal).frame());
                }
                self.end(meta, who.role).await
            }
            ClientFrame::Presence { .. } | ClientFrame::Accept { .. } | ClientFrame::Transfer { .. } => {
                send(ws, &FrameError::WrongSocket.frame())
            }
        }
    }

    /// Answers `hello`: the server's own last seq (whatever the client claimed to have), then
    /// every message after the client's.
    fn welcome(&self, ws: &WebSocket, meta: &ChatMeta, last_seq: u64) -> Result<()> {
        let missed = self.log.after(last_seq)?;
        let (phase, agent_name) = match &meta.state {
            ChatState::Waiting => (ChatPhase::Waiting, None),
            ChatState::WithAgent { agent_name, .. } => (ChatPhase::WithAgent, Some(agent_name.clone())),
            ChatState::Ended { .. } => (ChatPhase::Ended, None),
        };
        let last = match missed.last() {
            Some(message) => message.seq,
            None => self.log.last_seq()?,
        };
        send(ws, &ServerFrame::Welcome { chat_id: meta.chat_id.clone(), state: phase, last_seq: last, agent_name })?;
        for message in missed {
            send(ws, &ServerFrame::Message(message))?;
        }
        match (&meta.state, &meta.queue) {
            (ChatState::Waiting, Some(queue)) => send(ws, queue),
            _ => Ok(()),
        }
    }

    /// Ends the chat: everyone hears it, the desk frees the agent (or takes the chat out of
    /// line) before the slower write of the transcript into the ticket.
    async fn end(&self, mut meta: ChatMeta, by: Role) -> Result<()> {
        meta.state = ChatState::Ended { by };
        meta.queue = None;
        self.save(&meta).await?;
        self.broadcast(&ServerFrame::Ended { by }, Audience::Everyone);
        stubs::CLOSED.call(&stubs::desk(&self.env, &meta.site)?, &ChatRef { chat_id: meta.chat_id.clone() }).await?;
        self.file_transcript(meta).await
    }

    /// A waiting user gone for [`abandon_after`] (page closed, never connected) leaves the
    /// line, so no agent is handed a chat nobody is in; the alarm that checks is set when the
    /// chat opens and whenever a waiting user's socket closes.
    async fn watch_for_abandonment(&self) -> Result<()> {
        self.state.storage().set_alarm(abandon_after(&self.env)).await
    }

    fn user_present(&self) -> bool {
        self.state.get_websockets_with_tag(Role::User.as_str()).iter().any(|ws| ws.as_ref().ready_state() == web_sys::WebSocket::OPEN)
    }

    /// Writes the transcript into the ticket's log once, in bounded pieces (`desk`'s
    /// `transcript_pieces`), each remembered as filed before the next, so a failure resumes
    /// where it stopped. A store that fails is tried again by the alarm, later each time; a
    /// ticket that refuses the entry (gone, or erased) is not, and the words stay here.
    async fn file_transcript(&self, mut meta: ChatMeta) -> Result<()> {
        let ChatState::Ended { by } = meta.state else { return Ok(()) };
        if meta.transcript_filed {
            return Ok(());
        }
        let (chat_id, at) = (meta.chat_id.clone(), now() as i64);
        for piece in transcript_pieces(self.log.after(meta.transcript_filed_upto)?) {
            let last_seq = piece.last().map_or(meta.transcript_filed_upto, |m| m.seq);
            let filed = ticket_log::record(&self.env, &meta.site, &meta.ticket_id, |ticket| Ok(ticket.record_chat(&chat_id, by, piece.clone(), at))).await;
            match filed {
                Ok(()) => {
                    meta.transcript_filed_upto = last_seq;
                    meta.transcript_attempts = 0;
                    self.save(&meta).await?;
                }
                Err(Unrecorded::Permanent(why)) => {
                    console_error!("transcript of chat {chat_id}: {why}");
                    return Ok(());
                }
                Err(Unrecorded::Transient(why)) => {
                    let wait = TRANSCRIPT_RETRY_MS.saturating_mul(1 << meta.transcript_attempts.min(16)).min(TRANSCRIPT_RETRY_MAX_MS);
                    console_error!("transcript of chat {chat_id}: {why}; retrying in {} s", wait / 1000);
                    meta.transcript_attempts += 1;
                    self.save(&meta).await?;
                    return self.state.storage().set_alarm(std::time::Duration::from_millis(wait)).await;
                }
            }
        }
        meta.transcript_filed = true;
        self.save(&meta).await
    }

    /// Sends a frame to every socket that said hello: to all of them, or only to the other
    /// role's (`Others`), or to all but the sender's own socket, which has its `ack` (`NotTo`).
    fn broadcast(&self, frame: &ServerFrame, audience: Audience) {
        let sockets = match audience {
            Audience::Everyone | Audience::NotTo(_) => self.state.get_websockets(),
            Audience::Others(role) => {
                let other = if role == Role::User { Role::Agent } else { Role::User };
                self.state.get_websockets_with_tag(other.as_str())
            }
        };
        let Ok(text) = encode(frame) else { return };
        for socket in sockets {
            if matches!(audience, Audience::NotTo(sender) if socket.as_ref() == sender.as_ref()) {
                continue;
            }
            let ready = matches!(socket.deserialize_attachment::<Seat>(), Ok(Some(Seat { ready: true, .. })));
            // A socket that is closing cannot take the frame; its client replays on reconnect.
            if ready {
                let _ = socket.send_with_str(&text);
            }
        }
    }

    async fn relay_queue(&self, update: QueueUpdate) -> Result<Response> {
        let Some(mut meta) = self.meta().await? else { return Response::error("no such chat", 404) };
        if update.version < meta.queue_version || meta.state != ChatState::Waiting {
            return Response::empty();
        }
        for socket in self.state.get_websockets_with_tag(Role::User.as_str()) {
            if matches!(socket.deserialize_attachment::<Seat>(), Ok(Some(Seat { ready: true, .. }))) {
                let _ = send(&socket, &update.frame);
            }
        }
        meta.queue = Some(update.frame);
        meta.queue_version = update.version;
        self.save(&meta).await?;
        Response::empty()
    }

    async fn assigned(&self, agent: Participant) -> Result<Response> {
        let Some(mut meta) = self.meta().await? else { return Response::error("no such chat", 404) };
        if matches!(meta.state, ChatState::Ended { .. }) {
            return Response::empty();
        }
        meta.state = ChatState::WithAgent { agent_id: agent.id.clone(), agent_name: agent.name.clone() };
        meta.queue = None;
        self.save(&meta).await?;
        self.broadcast(&ServerFrame::AgentJoined { name: agent.name }, Audience::Everyone);
        Response::empty()
    }

    /// A transfer put the chat back in line for another department: the user is told, the
    /// agent who handed it over leaves the conversation.
    async fn transferred(&self, transfer: Transferred) -> Result<Response> {
        let Some(mut meta) = self.meta().await? else { return Response::error("no such chat", 404) };
        if matches!(meta.state, ChatState::Ended { .. }) {
            return Response::empty();
        }
        meta.state = ChatState::Waiting;
        self.save(&meta).await?;
        self.broadcast(&ServerFrame::Transferred { department: transfer.department }, Audience::Everyone);
        for socket in self.state.get_websockets_with_tag(Role::Agent.as_str()) {
            let _ = socket.close(Some(1000), Some("transferred"));
        }
        Response::empty()
    }
}

fn now() -> u64 {
    Date::now().as_millis()
}
