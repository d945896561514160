//! Read views: what the widget's screens take from an answer whose full type carries more (the
//! agents' fields, the event kinds a requester is not shown). Each is a projection of the full
//! type named in its doc, read strictly by the [`crate::json`] codec — a field the screen uses
//! that is missing or of the wrong type is an error — while the fields it leaves out are not
//! read at all, which keeps their readers out of the widget's bundle. The tests check that a
//! view read from what serde writes for the full type is the full type's projection.

use crate::chat::Speaker;
use crate::json::{self, Json, Problem, Read};
use crate::tickets::{ActorKind, Status};

/// A ticket as My requests lists it: of a [`crate::tickets::TicketSummary`].
#[derive(Clone, Debug, PartialEq)]
pub struct TicketLine {
    pub id: String,
    pub number: i64,
    pub subject: String,
    pub status: Status,
}

/// My requests: of a [`crate::tickets::TicketList`].
#[derive(Clone, Debug, PartialEq)]
pub struct TicketLines {
    pub tickets: Vec<TicketLine>,
}

/// The answer to filing a ticket or a callback: of a [`crate::tickets::TicketCreated`].
#[derive(Clone, Debug, PartialEq)]
pub struct Filed {
    pub ticket: TicketLine,
    pub requester_token: Option<String>,
}

/// A ticket as its requester's screen shows it: of a [`crate::tickets::TicketDetail`].
#[derive(Clone, Debug, PartialEq)]
pub struct TicketPage {
    pub summary: TicketLine,
    pub csat: Option<Score>,
    pub follow_up_pending: bool,
    /// Oldest first.
    pub events: Vec<PageEvent>,
}

/// A given rating's score: of a [`crate::tickets::Csat`].
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub score: u8,
}

/// Of a [`crate::tickets::TicketEvent`].
#[derive(Clone, Debug, PartialEq)]
pub struct PageEvent {
    pub actor: Author,
    pub change: PageChange,
}

/// Of a [`crate::tickets::Actor`].
#[derive(Clone, Debug, PartialEq)]
pub struct Author {
    pub kind: ActorKind,
}

/// Of a [`crate::tickets::Change`]: the kinds a requester's timeline shows; every other kind is
/// [`PageChange::Other`], read by its tag alone. An unknown tag is still an error.
#[derive(Clone, Debug, PartialEq)]
pub enum PageChange {
    Message { text: String },
    Status { to: Status },
    Chat { messages: Vec<ChatLine> },
    Other,
}

/// The kinds of [`crate::tickets::Change`] that read as [`PageChange::Other`].
const OTHER_CHANGES: &[&str] =
    &["note", "priority", "department", "assignee", "csat", "follow_up_asked", "follow_up_answered", "sla_breached"];

/// One line of a chat's transcript: of a [`crate::chat::ChatMessage`].
#[derive(Clone, Debug, PartialEq)]
pub struct ChatLine {
    pub role: Speaker,
    pub text: String,
}

json_read!(TicketLine { id, number, subject, status });
json_read!(TicketLines { tickets });
json_read!(Filed { ticket, requester_token });
json_read!(TicketPage { summary: flatten, csat, follow_up_pending, events });
json_read!(Score { score });
json_read!(PageEvent { actor, change: flatten });
json_read!(Author { kind });
json_read!(ChatLine { role, text });

impl Read for PageChange {
    fn read<J: Json>(value: Option<J>, problem: &mut Problem) -> Self {
        let object = &json::object(value, problem);
        let tag: String = json::field(object, "type", problem);
        match tag.as_str() {
            "message" => PageChange::Message { text: json::field(object, "text", problem) },
            "status" => PageChange::Status { to: json::field(object, "to", problem) },
            "chat" => PageChange::Chat { messages: json::field(object, "messages", problem) },
            other => {
                if !OTHER_CHANGES.contains(&other) {
                    problem.at("type");
                    problem.here();
                }
                PageChange::Other
            }
        }
    }
}
