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
    /// A live chat's transcript, which the user asked for when it ended.
    Transcript,
    /// A callback was booked: the time confirmed.
    Callback,
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
    MailKind { Reply => "reply", Solved => "solved", Transcript => "transcript", Callback => "callback" }
    MailStatus { Queued => "queued", Sent => "sent", Failed => "failed" }
}

/// `POST /api/v1/chats/{id}/transcript?site=`: mail the ended chat's transcript here (once per
/// chat: asking again changes nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TranscriptRequest {
    /// ≤ 254 characters, must contain `@`.
    pub email: String,
}

json_struct!(TranscriptRequest { email });

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

/// A site's mail settings (`GET`/`PUT /api/v1/mail/settings`, admins): where mail comes from,
/// which events mail the requester, and the site's own words. Blank means the default.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MailSettings {
    /// The support address (`support@example.com`, no `+`): the sender, the base of reply
    /// addresses, and where new mail files tickets. Blank: the deployment's `MAIL_ADDRESS_<SITE>`.
    #[cfg_attr(feature = "serde", serde(default))]
    pub support_address: Option<String>,
    /// The name mails come from (≤ 100 characters); blank: the site's name.
    #[cfg_attr(feature = "serde", serde(default))]
    pub sender_name: Option<String>,
    /// The kinds of mail that go out; the others do not.
    pub events: Vec<MailKind>,
    /// The site's subject and opening line per kind and language; any not listed uses ours.
    #[cfg_attr(feature = "serde", serde(default))]
    pub wording: Vec<Wording>,
}

/// A kind of mail's subject and opening line in one language. Either may be blank (ours is
/// used); `{number}`, `{subject}`, `{name}`, and for callbacks `{time}` and `{phone}`, are
/// filled in.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Wording {
    pub kind: MailKind,
    /// `zh-cn` or `en-us`.
    pub locale: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub subject: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub intro: String,
}

/// `GET /api/v1/mail/settings`: what is stored (or the defaults), and the address the
/// deployment configures, which a blank `support_address` falls back to.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct MailSettingsView {
    pub settings: MailSettings,
    pub configured_address: Option<String>,
}

/// A file kept from an inbound mail, as the console lists it; downloaded with the agent's
/// credentials from `GET /api/v1/agent/tickets/{id}/attachments/{attachment}`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketAttachment {
    pub id: String,
    pub filename: String,
    pub content_type: String,
    /// Bytes.
    pub size: u64,
    pub at: i64,
}

/// `GET /api/v1/agent/tickets/{id}/attachments`: oldest first.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketAttachments {
    pub attachments: Vec<TicketAttachment>,
}
