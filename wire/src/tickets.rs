//! Tickets as the requester (widget, app webview) and the agent console see them.
//!
//! Requester routes take the site as `?site=<id>` and identify the caller with either
//! `X-User-Id` + `X-User-Hash` (HMAC-SHA256 of the user id with the site secret, hex) for a
//! logged-in user, or `X-Requester-Token` (returned by the first ticket creation) for an
//! anonymous one. Times are milliseconds since the Unix epoch (UTC).

use serde::{Deserialize, Serialize};

use crate::chat::{ChatMessage, Speaker};
use crate::chat_admission::NewChat;

/// Where a ticket came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    App,
    Chat,
    Hotline,
    Email,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

/// new → open → pending / on_hold → solved → closed; solved tickets can be reopened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Filed, no agent has answered yet.
    New,
    /// An agent works on it.
    Open,
    /// Waiting for the requester.
    Pending,
    /// Waiting for a third party or another team.
    OnHold,
    /// Answered; the requester is asked later whether it stayed solved.
    Solved,
    /// Final; a new problem needs a new ticket.
    Closed,
}

/// `POST /api/v1/tickets?site=` — file a ticket. Send an `Idempotency-Key` header (any unique
/// string, ≤ 100 chars) and reuse it on retries: the same ticket comes back, never a second one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewTicket {
    /// 1–200 characters.
    pub subject: String,
    /// 1–10 000 characters.
    pub description: String,
    /// One of the site's FAQ categories in the ticket's locale (e.g. `支付问题`, `Payments and
    /// billing`); it decides the department.
    pub category: String,
    /// The requester's name, ≤ 100 characters.
    #[serde(default)]
    pub name: Option<String>,
    /// Where replies can also go, ≤ 254 characters, must contain `@`.
    #[serde(default)]
    pub email: Option<String>,
    /// `web` or `app` from the widget (the console may file `chat`, `hotline`, `email`).
    pub channel: Channel,
    #[serde(default)]
    pub context: TicketContext,
}

/// What the widget knew when the user gave up on the FAQ; shown to agents only.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketContext {
    /// The user's recent searches, oldest first (≤ 20, each ≤ 200 chars).
    #[serde(default)]
    pub searches: Vec<String>,
    /// Ids of the articles the user opened (≤ 50, each ≤ 64 chars).
    #[serde(default)]
    pub articles_read: Vec<String>,
    /// The bot conversation before the handoff (≤ 50 lines, each ≤ 2 000 chars).
    #[serde(default)]
    pub bot_transcript: Vec<TranscriptLine>,
    /// The host page the widget ran on (≤ 2 000 chars).
    #[serde(default)]
    pub page_url: Option<String>,
    /// `zh-cn` or `en-us` (≤ 16 chars); defaults to the site's first locale.
    #[serde(default)]
    pub locale: Option<String>,
    /// Names of faq-data's triage reasons (`account_stolen`, `money_lost`, `anger`,
    /// `repeated_failure`, `complaint_threat`, `urgent`). On creation the edge replaces what the
    /// client sent with its own judgement of the text; they raise the priority.
    #[serde(default)]
    pub triage: Vec<String>,
    /// Set by the edge on a callback request (`POST /api/v1/callbacks`) only: the number to call
    /// and when. Whatever a client sends here elsewhere is dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback: Option<Callback>,
}

/// When and where to call the requester back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Callback {
    /// As the user wrote it, trimmed: 6–20 digits, with `+`, spaces, `-` and parentheses allowed.
    pub phone: String,
    /// The preferred time (ms since the epoch): not in the past, at most 14 days ahead, and inside
    /// the site's live-chat hours when it has any (the same people staff the hotline).
    pub at: i64,
}

/// `POST /api/v1/callbacks?site=` — nobody can chat now, so the user asks to be called back. Filed
/// as a ticket with channel `hotline`, routed like any other; identified and made idempotent
/// (`Idempotency-Key`) like a ticket creation, and answered with [`TicketCreated`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallbackRequest {
    pub phone: String,
    /// The preferred time, ms since the epoch.
    pub at: i64,
    /// What the call is about: the fields of the chat request it replaces. `message` (1–10 000
    /// characters) is the ticket's description; `client_id` means nothing here.
    #[serde(flatten)]
    pub about: NewChat,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TranscriptLine {
    pub speaker: Speaker,
    pub text: String,
}

/// The answer to a ticket creation (201, or 200 for an idempotent retry).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketCreated {
    pub ticket: TicketDetail,
    /// For anonymous requesters: keep it (e.g. in localStorage) and send it as
    /// `X-Requester-Token` to see this ticket again. Absent for verified users and for callers
    /// that sent a token already.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_token: Option<String>,
}

/// One line of a ticket list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketSummary {
    /// Random, unguessable id used in URLs.
    pub id: String,
    /// Human number, counted per site (#1, #2, …).
    pub number: i64,
    pub subject: String,
    pub status: Status,
    pub priority: Priority,
    pub category: String,
    pub department: String,
    pub channel: Channel,
    pub created_at: i64,
    pub updated_at: i64,
}

/// `GET /api/v1/tickets?site=` and the agent list: newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketList {
    pub tickets: Vec<TicketSummary>,
}

/// A ticket as its requester sees it: internal notes are never included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketDetail {
    #[serde(flatten)]
    pub summary: TicketSummary,
    pub description: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub solved_at: Option<i64>,
    #[serde(default)]
    pub csat: Option<Csat>,
    /// True when the service has asked "is it still solved?" and waits for a [`FollowUpAnswer`].
    pub follow_up_pending: bool,
    /// Oldest first.
    pub events: Vec<TicketEvent>,
}

/// Something that happened to a ticket.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketEvent {
    pub at: i64,
    pub actor: Actor,
    #[serde(flatten)]
    pub change: Change,
}

/// Who did it. Agents appear by display name only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub kind: ActorKind,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    Requester,
    Agent,
    System,
}

/// The kinds of ticket events, tagged by `type`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// A public message from the requester or an agent.
    Message { text: String },
    /// An agent's internal note (agent console only).
    Note { text: String },
    Status { from: Status, to: Status },
    Priority { from: Priority, to: Priority },
    /// A transfer to another department; `note` says why (agent console only shows it).
    Department { from: String, to: String, note: String },
    Assignee { from: Option<String>, to: Option<String> },
    Csat { score: u8, comment: Option<String> },
    /// The service asked whether the ticket stayed solved.
    FollowUpAsked,
    FollowUpAnswered { still_solved: bool },
    /// The first-response or resolution due time passed.
    SlaBreached { target: SlaTarget },
    /// A live chat on this ticket ended; its whole conversation, bot lines included, in order.
    Chat { chat_id: String, ended_by: Speaker, messages: Vec<ChatMessage> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaTarget {
    FirstResponse,
    Resolution,
}

/// `POST /api/v1/tickets/{id}/messages?site=` (requester) and
/// `POST /api/v1/agent/tickets/{id}/replies` (agent): 1–10 000 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMessage {
    pub text: String,
}

/// `POST /api/v1/tickets/{id}/reopen?site=` — a solved ticket goes back to open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reopen {
    /// Why it is not solved (≤ 10 000 chars); posted as a message.
    pub text: String,
}

/// `POST /api/v1/tickets/{id}/csat?site=` — only for solved or closed tickets; a second rating
/// replaces the first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Csat {
    /// 1 (very unhappy) to 5 (very happy).
    pub score: u8,
    /// ≤ 2 000 chars.
    #[serde(default)]
    pub comment: Option<String>,
}

/// `POST /api/v1/tickets/{id}/follow-up?site=` — the answer to "is it still solved?".
/// `still_solved: false` reopens the ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpAnswer {
    pub still_solved: bool,
    /// ≤ 10 000 chars; posted as a message when present.
    #[serde(default)]
    pub comment: Option<String>,
}

/// The names serde writes, for query strings and labels; `ALL` in the order people read them.
macro_rules! wire_names {
    ($($kind:ident { $($variant:ident => $name:literal),* })*) => {$(
        impl $kind {
            pub const ALL: &'static [$kind] = &[$($kind::$variant),*];

            pub fn as_str(self) -> &'static str {
                match self { $($kind::$variant => $name),* }
            }

            pub fn from_name(name: &str) -> Option<$kind> {
                match name { $($name => Some($kind::$variant),)* _ => None }
            }
        }
    )*};
}

wire_names! {
    Status { New => "new", Open => "open", Pending => "pending", OnHold => "on_hold", Solved => "solved", Closed => "closed" }
    Priority { Low => "low", Normal => "normal", High => "high", Urgent => "urgent" }
    Channel { Web => "web", App => "app", Chat => "chat", Hotline => "hotline", Email => "email" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_ones_serde_writes_and_read_back() {
        let name = |v: serde_json::Value| v.as_str().unwrap().to_string();
        for &s in Status::ALL {
            assert_eq!(s.as_str(), name(serde_json::to_value(s).unwrap()));
            assert_eq!(Status::from_name(s.as_str()), Some(s));
        }
        for &p in Priority::ALL {
            assert_eq!(p.as_str(), name(serde_json::to_value(p).unwrap()));
            assert_eq!(Priority::from_name(p.as_str()), Some(p));
        }
        for &c in Channel::ALL {
            assert_eq!(c.as_str(), name(serde_json::to_value(c).unwrap()));
            assert_eq!(Channel::from_name(c.as_str()), Some(c));
        }
        assert_eq!(Status::from_name("bogus"), None);
    }
}
