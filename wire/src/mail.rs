//! The email channel's words: which mails a ticket sent and what became of them, as the agent
//! console shows them (`GET /api/v1/agent/tickets/{id}/mails`).

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

/// What a mail told the requester.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MailKind {
    /// An agent's public replies (a burst in one mail).
    Reply,
    /// The ticket was solved; the mail asks whether it stayed solved.
    Solved,
}

/// Where a mail is: waiting for its (next) attempt, delivered to the platform, or given up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MailStatus {
    Queued,
    Sent,
    Failed,
}

names! {
    MailKind { Reply => "reply", Solved => "solved" }
    MailStatus { Queued => "queued", Sent => "sent", Failed => "failed" }
}

/// One mail about a ticket.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SentMail {
    pub id: String,
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    pub status: MailStatus,
    pub attempts: u32,
    /// Why the last attempt failed (the platform's words), while queued or once failed.
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
}

/// `GET /api/v1/agent/tickets/{id}/mails`: newest first.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketMails {
    pub mails: Vec<SentMail>,
}
