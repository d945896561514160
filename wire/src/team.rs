//! The team's routes: signing in, people and their roles and departments, integration tokens,
//! the audit log, and one requester's data (export, erasure) — `edge/openapi.yaml` under
//! `/api/v1/team`, `/api/v1/audit` and `/api/v1/requesters`.

use std::collections::BTreeMap;

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::tickets::{TicketContext, TicketDetail, TicketSummary};

/// What a person does in the help desk (see `desk::team` for what each may do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Role {
    Admin,
    Lead,
    Agent,
    Editor,
}

/// What an integration token may be used for; a sign-in session has all of its person's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TokenScope {
    /// Tickets and chats: read and work them.
    Cases,
    /// Analytics and their CSV.
    Reports,
    /// People, tokens, the audit log and requesters' data (an admin's token only).
    People,
    /// The knowledge base.
    KnowledgeBase,
}

/// `POST /api/v1/team/sign-in`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SignIn {
    pub site: String,
    pub email: String,
    pub password: String,
}

/// A sign-in's answer: a bearer token for the console, valid until `expires_at`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Session {
    pub token: String,
    pub expires_at: i64,
}

/// One person of the team, as admins manage them.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Person {
    pub id: String,
    pub name: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub email: Option<String>,
    pub roles: Vec<Role>,
    pub departments: Vec<String>,
    /// Where live chats are offered to them first.
    pub home_department: String,
    pub active: bool,
    /// An invitation was sent and not yet accepted.
    pub invited: bool,
    pub created_at: i64,
    #[cfg_attr(feature = "serde", serde(default))]
    pub last_sign_in_at: Option<i64>,
}

/// `GET /api/v1/team/people`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PeopleList {
    pub people: Vec<Person>,
}

/// `POST /api/v1/team/invitations`: a person to invite; they set their password through the link.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct NewInvitation {
    pub name: String,
    pub email: String,
    pub roles: Vec<Role>,
    pub departments: Vec<String>,
}

/// The invitation's one-time token (shown once: the console turns it into a link) and when it
/// stops working.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct InvitationCreated {
    pub person: Person,
    pub token: String,
    pub expires_at: i64,
}

/// `POST /api/v1/team/invitations/accept`: the invited person chooses their password; the answer
/// is a [`Session`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AcceptInvitation {
    pub token: String,
    pub password: String,
}

/// `PATCH /api/v1/team/people/{id}`: any of these; a deactivation ends the person's sessions,
/// tokens and sockets at once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct PersonUpdate {
    #[cfg_attr(feature = "serde", serde(default))]
    pub name: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub roles: Option<Vec<Role>>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub departments: Option<Vec<String>>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub active: Option<bool>,
}

/// `POST /api/v1/team/tokens`: an integration token of the signed-in admin.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct NewApiToken {
    pub label: String,
    pub scopes: Vec<TokenScope>,
}

/// An integration token as listed (never the token itself).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ApiToken {
    pub id: String,
    pub person_id: String,
    pub label: String,
    pub scopes: Vec<TokenScope>,
    pub created_at: i64,
    #[cfg_attr(feature = "serde", serde(default))]
    pub revoked_at: Option<i64>,
}

/// The new token, shown once.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ApiTokenCreated {
    pub token: String,
    pub info: ApiToken,
}

/// `GET /api/v1/team/tokens`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ApiTokenList {
    pub tokens: Vec<ApiToken>,
}

/// What the audit log records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum AuditAction {
    SignIn,
    SignInFailed,
    Invited,
    InvitationAccepted,
    PersonChanged,
    Deactivated,
    Reactivated,
    CredentialsRotated,
    TokenCreated,
    TokenRevoked,
    /// A case of a restricted department (security, privacy) was read.
    RestrictedCaseRead,
    RequesterExported,
    RequesterErased,
    SettingsChanged,
    ArticlePublished,
    ArticleRolledBack,
    ArticleCreated,
    ArticleSaved,
    ArticleReviewRequested,
    /// An article in review went back to its author, with the reviewer's comment.
    ArticleSentBack,
    ArticleArchived,
    CategoryCreated,
    SectionCreated,
    /// A category or section renamed, or a level of the tree reordered.
    TreeChanged,
    CategoryDeleted,
    SectionDeleted,
    VocabularyChanged,
    HelpCenterPublished,
    /// "This query should find this article" added to the guard rail (by an editor, or a search
    /// taken from analytics).
    RegressionQueryAdded,
    RegressionQueryRemoved,
    /// The site's mail settings (address, sender, which mails go, wording).
    MailSettingsChanged,
    /// Every link in the mails about a ticket stopped working.
    MailLinksRevoked,
    /// An upload of articles (a Zendesk export or a folder) stored in the knowledge base.
    KnowledgeBaseImported,
    /// The whole knowledge base downloaded as a folder.
    KnowledgeBaseExported,
    /// An image for articles uploaded.
    ImageUploaded,
    /// A case's owner asked another department a question on the case.
    TaskOpened,
    /// A message on a task's internal thread.
    TaskMessagePosted,
    /// The asked department answered a task.
    TaskAnswered,
    /// A task was cancelled (by its case's owner, or with the case solved).
    TaskCancelled,
    /// Someone of the asked department took a task, or was given it.
    TaskAssigned,
    /// A person of another department was added to a case (reads it, writes internal notes).
    CollaboratorAdded,
    CollaboratorRemoved,
    /// One agent's shifts and dated exceptions replaced.
    ShiftsPlanned,
    /// The site's holidays replaced.
    HolidaysChanged,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AuditEntry {
    pub seq: i64,
    pub at: i64,
    #[cfg_attr(feature = "serde", serde(default))]
    pub actor_id: Option<String>,
    pub actor_name: String,
    pub action: AuditAction,
    #[cfg_attr(feature = "serde", serde(default))]
    pub target: Option<String>,
    /// What changed, as the action records it (e.g. `roles`: `agent → lead`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub detail: BTreeMap<String, String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub ip: Option<String>,
}

/// `GET /api/v1/audit?from=&to=&action=&actor=&before=`: newest first.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next page; absent on the last one.
    #[cfg_attr(feature = "serde", serde(default))]
    pub next_before: Option<i64>,
}

/// Whose data: a verified user (the host's user id), or the requester of a ticket (for an
/// anonymous requester: every ticket filed with the same requester token).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "kind", rename_all = "snake_case"))]
pub enum RequesterRef {
    User { user_id: String },
    OfTicket { ticket_id: String },
}

/// Everything the help desk holds about one requester: their tickets on every channel, each
/// with its log (messages, chat transcripts, ratings, status changes; the requester's own export
/// leaves out agents' internal notes) and the journey the widget sent with it. Widget analytics
/// carry no identifier, so nothing of them is theirs.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct RequesterExport {
    pub requester: RequesterRef,
    pub exported_at: i64,
    pub tickets: Vec<ExportedTicket>,
}

/// One ticket of an export.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ExportedTicket {
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub ticket: TicketDetail,
    pub name: Option<String>,
    pub email: Option<String>,
    pub context: TicketContext,
}

/// `POST /api/v1/requesters/erase`: whose data, and whether message texts go too (name, email,
/// phone and the journey always do).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Erasure {
    pub requester: RequesterRef,
    #[cfg_attr(feature = "serde", serde(default))]
    pub messages: bool,
}

/// What an erasure changed: the tickets redacted and the chats whose conversations were.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct Erased {
    pub requester: RequesterRef,
    pub tickets: Vec<TicketSummary>,
    pub chats: u32,
}

/// `GET` and `PUT /api/v1/team/settings`: what an admin sets for the site.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SiteSettings {
    /// After this many days a closed ticket's personal data is redacted by the sweep; none: kept.
    #[cfg_attr(feature = "serde", serde(default))]
    pub retention_days: Option<u32>,
}
