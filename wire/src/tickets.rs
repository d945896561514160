//! Tickets as the requester (widget, app webview) and the agent console see them.
//!
//! Requester routes take the site as `?site=<id>` and identify the caller with either
//! `X-User-Id` + `X-User-Hash` (HMAC-SHA256 of the user id with the site secret, hex) for a
//! logged-in user, or `X-Requester-Token` (returned by the first ticket creation) for an
//! anonymous one. Times are milliseconds since the Unix epoch (UTC).

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::chat::{ChatMessage, Speaker};
use crate::chat_admission::NewChat;

/// Where a ticket came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Channel {
    Web,
    App,
    Chat,
    Hotline,
    Email,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

/// new → open → pending / on_hold → solved → closed; solved tickets can be reopened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
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

impl Status {
    /// Whether anyone may still write on the ticket: a closed one needs a new ticket.
    pub fn takes_messages(self) -> bool {
        self != Status::Closed
    }

    /// Whether "it is not solved" reopens it: only a solved ticket (a closed one is final).
    pub fn reopenable(self) -> bool {
        self == Status::Solved
    }

    /// Whether the requester may rate it: once solved, and after it closed.
    pub fn rateable(self) -> bool {
        matches!(self, Status::Solved | Status::Closed)
    }
}

/// faq-data's triage reasons (its `Reason::name()`s): why a message should reach a person now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TriageReason {
    /// Someone else got into the account: the security team's, urgent.
    AccountStolen,
    /// Charged twice, paid and got nothing: billing's, urgent.
    MoneyLost,
    Anger,
    RepeatedFailure,
    /// A complaint to a regulator or a lawyer is threatened.
    ComplaintThreat,
    /// The user says it cannot wait.
    Urgent,
}

/// `POST /api/v1/tickets?site=` — file a ticket. Send an `Idempotency-Key` header (any unique
/// string, ≤ 100 chars) and reuse it on retries: the same ticket comes back, never a second one.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct NewTicket {
    /// 1–200 characters.
    pub subject: String,
    /// 1–10 000 characters.
    pub description: String,
    /// One of the site's FAQ categories in the ticket's locale (e.g. `支付问题`, `Payments and
    /// billing`); it decides the department.
    pub category: String,
    /// The requester's name, ≤ 100 characters.
    #[cfg_attr(feature = "serde", serde(default))]
    pub name: Option<String>,
    /// Where replies can also go, ≤ 254 characters, must contain `@`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub email: Option<String>,
    /// `web` or `app` from the widget (the console may file `chat`, `hotline`, `email`).
    pub channel: Channel,
    #[cfg_attr(feature = "serde", serde(default))]
    pub context: TicketContext,
}

/// What the widget knew when the user gave up on the FAQ; shown to agents only.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketContext {
    /// The user's recent searches, oldest first (≤ 20, each ≤ 200 chars).
    #[cfg_attr(feature = "serde", serde(default))]
    pub searches: Vec<String>,
    /// Ids of the articles the user opened (≤ 50, each ≤ 64 chars).
    #[cfg_attr(feature = "serde", serde(default))]
    pub articles_read: Vec<String>,
    /// The bot conversation before the handoff (≤ 50 lines, each ≤ 2 000 chars).
    #[cfg_attr(feature = "serde", serde(default))]
    pub bot_transcript: Vec<TranscriptLine>,
    /// The host page the widget ran on (≤ 2 000 chars).
    #[cfg_attr(feature = "serde", serde(default))]
    pub page_url: Option<String>,
    /// `zh-cn` or `en-us` (≤ 16 chars); defaults to the site's first locale.
    #[cfg_attr(feature = "serde", serde(default))]
    pub locale: Option<String>,
    /// Why triage says a person should step in now. On creation the edge replaces what the
    /// client sent with its own judgement of the text; they raise the priority.
    #[cfg_attr(feature = "serde", serde(default))]
    pub triage: Vec<TriageReason>,
    /// Set by the edge on a callback request (`POST /api/v1/callbacks`) only: the number to call
    /// and when. Whatever a client sends here elsewhere is dropped.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub callback: Option<Callback>,
}

/// When and where to call the requester back.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Callback {
    /// As the user wrote it, trimmed: 6–20 digits, with `+`, spaces, `-` and parentheses allowed.
    pub phone: String,
    /// The preferred time (ms since the epoch): not in the past, at most 14 days ahead, and inside
    /// the site's live-chat hours when it has any (the same people staff the hotline).
    pub at: i64,
    /// The requester's time zone when they booked, as minutes east of UTC (UTC+8 is 480; within
    /// ±14 hours): the confirmation mail says the time as their clock does.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub utc_offset_minutes: Option<i64>,
}

/// `POST /api/v1/callbacks?site=` — nobody can chat now, so the user asks to be called back. Filed
/// as a ticket with channel `hotline`, routed like any other; identified and made idempotent
/// (`Idempotency-Key`) like a ticket creation, and answered with [`TicketCreated`].
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CallbackRequest {
    pub phone: String,
    /// The preferred time, ms since the epoch.
    pub at: i64,
    /// The browser's time zone, minutes east of UTC (see [`Callback::utc_offset_minutes`]).
    #[cfg_attr(feature = "serde", serde(default))]
    pub utc_offset_minutes: Option<i64>,
    /// What the call is about: the fields of the chat request it replaces. `message` (1–10 000
    /// characters) is the ticket's description; `client_id` means nothing here.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub about: NewChat,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TranscriptLine {
    pub speaker: Speaker,
    pub text: String,
}

/// The answer to a ticket creation (201, or 200 for an idempotent retry).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketCreated {
    pub ticket: TicketDetail,
    /// For anonymous requesters: keep it (e.g. in localStorage) and send it as
    /// `X-Requester-Token` to see this ticket again. Absent for verified users and for callers
    /// that sent a token already.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub requester_token: Option<String>,
}

/// One line of a ticket list.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
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
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketList {
    pub tickets: Vec<TicketSummary>,
}

/// A ticket as its requester sees it: internal notes are never included.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketDetail {
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub summary: TicketSummary,
    pub description: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub name: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub email: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub solved_at: Option<i64>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub csat: Option<Csat>,
    /// True when the service has asked "is it still solved?" and waits for a [`FollowUpAnswer`].
    pub follow_up_pending: bool,
    /// Oldest first.
    pub events: Vec<TicketEvent>,
}

/// Something that happened to a ticket.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketEvent {
    pub at: i64,
    pub actor: Actor,
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub change: Change,
}

/// Who did it. Agents appear by display name only.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Actor {
    pub kind: ActorKind,
    pub name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ActorKind {
    Requester,
    Agent,
    System,
}

/// The kinds of ticket events, tagged by `type`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "type", rename_all = "snake_case"))]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum SlaTarget {
    FirstResponse,
    Resolution,
}

/// `POST /api/v1/tickets/{id}/messages?site=` (requester) and
/// `POST /api/v1/agent/tickets/{id}/replies` (agent): 1–10 000 characters.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct NewMessage {
    pub text: String,
}

/// `POST /api/v1/tickets/{id}/reopen?site=` — a solved ticket goes back to open.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Reopen {
    /// Why it is not solved (≤ 10 000 chars); posted as a message.
    pub text: String,
}

/// `POST /api/v1/tickets/{id}/csat?site=` — only for solved or closed tickets; a second rating
/// replaces the first.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Csat {
    /// 1 (very unhappy) to 5 (very happy).
    pub score: u8,
    /// ≤ 2 000 chars.
    #[cfg_attr(feature = "serde", serde(default))]
    pub comment: Option<String>,
}

/// `POST /api/v1/tickets/{id}/follow-up?site=` — the answer to "is it still solved?".
/// `still_solved: false` reopens the ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct FollowUpAnswer {
    pub still_solved: bool,
    /// ≤ 10 000 chars; posted as a message when present.
    #[cfg_attr(feature = "serde", serde(default))]
    pub comment: Option<String>,
}

names! {
    Status { New => "new", Open => "open", Pending => "pending", OnHold => "on_hold", Solved => "solved", Closed => "closed" }
    Priority { Low => "low", Normal => "normal", High => "high", Urgent => "urgent" }
    Channel { Web => "web", App => "app", Chat => "chat", Hotline => "hotline", Email => "email" }
    ActorKind { Requester => "requester", Agent => "agent", System => "system" }
    SlaTarget { FirstResponse => "first_response", Resolution => "resolution" }
    TriageReason {
        AccountStolen => "account_stolen", MoneyLost => "money_lost", Anger => "anger",
        RepeatedFailure => "repeated_failure", ComplaintThreat => "complaint_threat", Urgent => "urgent"
    }
}

json_struct!(NewTicket { subject, description, category, name, email, channel, context: default });
json_struct!(TicketContext {
    searches: default, articles_read: default, bot_transcript: default, page_url, locale, triage: default, callback
});
json_struct!(Callback { phone, at, utc_offset_minutes: default });
json_struct!(CallbackRequest { phone, at, utc_offset_minutes: default, about: flatten });
json_struct!(TranscriptLine { speaker, text });
// The widget reads the answers about tickets through their views (`crate::views`): no codec of
// their own, serde alone reads and writes them; the tests generate them to check the views.
sample_struct!(TicketCreated { ticket, requester_token });
sample_struct!(TicketSummary { id, number, subject, status, priority, category, department, channel, created_at, updated_at });
sample_struct!(TicketList { tickets });
sample_struct!(TicketDetail { summary, description, name, email, solved_at, csat, follow_up_pending, events });
sample_struct!(TicketEvent { at, actor, change });
sample_struct!(Actor { kind, name });
sample_tagged!(Change {
    Message { text },
    Note { text },
    Status { from, to },
    Priority { from, to },
    Department { from, to, note },
    Assignee { from, to },
    Csat { score, comment },
    FollowUpAsked,
    FollowUpAnswered { still_solved },
    SlaBreached { target },
    Chat { chat_id, ended_by, messages },
});
json_struct!(NewMessage { text });
json_struct!(Reopen { text });
json_struct!(Csat { score, comment });
json_struct!(FollowUpAnswer { still_solved, comment });
