//! Live-chat frames, version 1 (edge/PROTOCOL.md describes them in prose). One JSON object per
//! WebSocket message, tagged by `type`, with the protocol version in `v`.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::json::{Fields, Json, Problem, Read, Write};
use crate::tickets::{Priority, TriageReason};

/// The protocol version every frame carries.
pub const PROTOCOL_VERSION: u32 = 1;

/// Who said something in a conversation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Speaker {
    User,
    Agent,
    Bot,
    System,
}

/// Frames a user's or an agent's client sends on a conversation socket, or an agent on the
/// desk socket.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case"))]
pub enum ClientFrame {
    /// Resume: the last sequence number this client has seen (0 for none).
    Hello { last_seq: u64 },
    Message { client_id: String, text: String },
    Typing { on: bool },
    Read { seq: u64 },
    End,
    /// Desk socket: the agent's availability and how many chats they take at once.
    Presence { status: AgentStatus, capacity: u32 },
    /// Desk socket: take a waiting chat.
    Accept { chat_id: String },
    /// Desk socket: hand a chat to another department; the note says why.
    Transfer { chat_id: String, department: String, note: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AgentStatus {
    /// Takes new chats.
    Online,
    /// Keeps the chats already open, takes no new ones.
    Away,
    Offline,
}

/// A client frame with its protocol version, as it travels.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Envelope<F> {
    pub v: u32,
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub frame: F,
}

/// Frames the server sends.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case"))]
pub enum ServerFrame {
    Welcome { chat_id: String, state: ChatPhase, last_seq: u64, agent_name: Option<String> },
    Message(ChatMessage),
    /// Your message with this `client_id` is stored as `seq`.
    Ack { client_id: String, seq: u64 },
    Queue { position: u32, estimated_wait_secs: Option<u64>, agents_online: u32 },
    AgentJoined { name: String },
    Typing { role: Speaker, on: bool },
    Read { role: Speaker, seq: u64 },
    Ended { by: Speaker },
    /// The chat was handed to another department: the user is back in line (keeping their place
    /// in time), the agent who handed it over leaves the conversation.
    Transferred { department: String },
    Error { code: String, message: String },
    /// Desk socket: the waiting line and the agent's own chats, sent on every change.
    Desk(DeskSnapshot),
    /// A case's presence socket: who else has the case open, sent whenever that changes.
    Here(Here),
    /// Desk socket of a department's lead: a linked task asked of the department went past its
    /// due time (told once per task, by the sweep).
    TaskOverdue(OverdueTask),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ChatPhase {
    Waiting,
    WithAgent,
    Ended,
}

/// One stored message of a conversation; `seq` numbers are consecutive from 1.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ChatMessage {
    pub seq: u64,
    pub client_id: String,
    pub role: Speaker,
    pub name: String,
    pub text: String,
    /// Milliseconds since the Unix epoch.
    pub at: u64,
}

/// What an agent's console shows of the desk.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct DeskSnapshot {
    /// This agent's presence as the desk has it (offline until their first `presence`).
    pub status: AgentStatus,
    pub waiting: Vec<WaitingEntry>,
    /// Chats this agent is in.
    pub mine: Vec<MyChat>,
    pub agents_online: u32,
}

/// One of the agent's own chats, however it came to them (accepted from the line, or assigned
/// by the desk before it was ever seen waiting).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MyChat {
    pub chat_id: String,
    /// The chat's ticket, for its context (`GET /api/v1/agent/tickets/{ticket_id}`).
    pub ticket_id: String,
}

/// A linked task past its due time, as its department's lead is told of it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct OverdueTask {
    pub task_id: String,
    /// The case it is on (`GET /api/v1/agent/tickets/{ticket_id}`) and its number.
    pub ticket_id: String,
    pub case_number: i64,
    /// The department asked, which the lead leads.
    pub department: String,
    pub question: String,
    pub due_at: i64,
}

/// The other agents who have a case open right now, so two do not answer the same user.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Here {
    pub ticket_id: String,
    /// Everyone else on the case, one line per person (whatever number of tabs), by name.
    pub others: Vec<Onlooker>,
}

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Onlooker {
    pub agent_id: String,
    pub name: String,
    pub activity: Activity,
}

/// What an agent with a case open is doing on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Activity {
    Viewing,
    /// Typing a reply or a note.
    Replying,
}

/// A console reports typing on a case at most this often while keys are pressed...
pub const TYPING_REPORT_MS: u64 = 2_000;
/// ...and the desk shows it this long after the last report (or until `typing` off): long
/// enough to bridge the pauses between reports, short enough that a closed composer clears soon.
pub const TYPING_LASTS_MS: u64 = 6_000;

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct WaitingEntry {
    pub chat_id: String,
    /// The chat's ticket: its context (searches, articles read, page, bot transcript) and the
    /// user's earlier tickets are at `GET /api/v1/agent/tickets/{ticket_id}`.
    pub ticket_id: String,
    pub department: String,
    pub priority: Priority,
    /// Milliseconds since the Unix epoch.
    pub waiting_since: u64,
    /// Why triage raised the priority.
    pub reasons: Vec<TriageReason>,
    pub first_message: String,
    /// Why the last team handed the chat over, when it was transferred.
    #[cfg_attr(feature = "serde", serde(default))]
    pub transfer_note: Option<String>,
}

names! {
    Speaker { User => "user", Agent => "agent", Bot => "bot", System => "system" }
    AgentStatus { Online => "online", Away => "away", Offline => "offline" }
    ChatPhase { Waiting => "waiting", WithAgent => "with_agent", Ended => "ended" }
    Activity { Viewing => "viewing", Replying => "replying" }
}

json_tagged!(ClientFrame by "type" {
    Hello { last_seq } = "hello",
    Message { client_id, text } = "message",
    Typing { on } = "typing",
    Read { seq } = "read",
    End = "end",
    Presence { status, capacity } = "presence",
    Accept { chat_id } = "accept",
    Transfer { chat_id, department, note } = "transfer",
});
json_tagged!(ServerFrame by "type" {
    Welcome { chat_id, state, last_seq, agent_name } = "welcome",
    Message(message: ChatMessage) = "message",
    Ack { client_id, seq } = "ack",
    Queue { position, estimated_wait_secs, agents_online } = "queue",
    AgentJoined { name } = "agent_joined",
    Typing { role, on } = "typing",
    Read { role, seq } = "read",
    Ended { by } = "ended",
    Transferred { department } = "transferred",
    Error { code, message } = "error",
} never read {
    // Desk frames go to agents' consoles (which read them with serde), never to a user's socket.
    Desk(desk: DeskSnapshot) = "desk",
    Here(here: Here) = "here",
    TaskOverdue(task: OverdueTask) = "task_overdue",
});
json_struct!(ChatMessage { seq, client_id, role, name, text, at });
json_struct!(DeskSnapshot { status, waiting, mine, agents_online });
json_struct!(MyChat { chat_id, ticket_id });
json_struct!(Here { ticket_id, others });
json_struct!(OverdueTask { task_id, ticket_id, case_number, department, question, due_at });
json_struct!(Onlooker { agent_id, name, activity });
json_struct!(WaitingEntry { chat_id, ticket_id, department, priority, waiting_since, reasons, first_message, transfer_note });

impl<F: Read> Read for Envelope<F> {
    fn read<J: Json>(value: Option<J>, problem: &mut Problem) -> Self {
        let object = crate::json::object(value, problem);
        Envelope { v: crate::json::field(&object, "v", problem), frame: F::read(Some(object), problem) }
    }
}

impl<F: Fields> Write for Envelope<F> {
    fn write<J: Json>(&self) -> J {
        let mut out = J::new_object();
        out.set("v", self.v.write());
        self.frame.write_fields(&mut out);
        out
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn client_frames_read_as_the_protocol_writes_them() {
        let hello: Envelope<ClientFrame> = serde_json::from_str(r#"{"v":1,"type":"hello","last_seq":7}"#).unwrap();
        assert_eq!(hello.frame, ClientFrame::Hello { last_seq: 7 });
        let end: Envelope<ClientFrame> = serde_json::from_str(r#"{"v":1,"type":"end"}"#).unwrap();
        assert_eq!(end.frame, ClientFrame::End);
        let transfer: Envelope<ClientFrame> = serde_json::from_str(
            r#"{"v":1,"type":"transfer","chat_id":"c1","department":"security","note":"stolen account"}"#,
        )
        .unwrap();
        assert!(matches!(transfer.frame, ClientFrame::Transfer { .. }));
    }

    #[test]
    fn server_frames_carry_version_and_type_beside_their_fields() {
        let message = ServerFrame::Message(ChatMessage {
            seq: 3,
            client_id: "m-1".into(),
            role: Speaker::Agent,
            name: "Ana".into(),
            text: "您好".into(),
            at: 1,
        });
        let json = serde_json::to_value(Envelope { v: PROTOCOL_VERSION, frame: &message }).unwrap();
        assert_eq!(json["v"], 1);
        assert_eq!(json["type"], "message");
        assert_eq!(json["seq"], 3);
        assert_eq!(json["role"], "agent");
        let queue = serde_json::to_value(Envelope {
            v: 1,
            frame: ServerFrame::Queue { position: 2, estimated_wait_secs: None, agents_online: 0 },
        })
        .unwrap();
        assert_eq!(queue["estimated_wait_secs"], serde_json::Value::Null);
    }
}
