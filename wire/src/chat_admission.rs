//! Asking for a human: `POST /api/v1/chats?site=`. The answer is either a place in the line (a
//! conversation to connect to, linked to a new ticket) or, when nobody can come soon, the advice
//! to leave a ticket or call the hotline instead of waiting without end.
//!
//! The caller identifies itself as for tickets (`X-User-Id` + `X-User-Hash`, or
//! `X-Requester-Token`, or nothing: a token is then minted and returned).

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::chat::ChatPhase;
use crate::tickets::TicketContext;

#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct NewChat {
    /// The user's first words to a human (1–4000 characters): the conversation's first message
    /// and the ticket's description.
    pub message: String,
    /// The ticket's subject (≤ 200 characters); the start of `message` when absent.
    #[cfg_attr(feature = "serde", serde(default))]
    pub subject: Option<String>,
    /// One of the site's FAQ categories; it decides the department, as for tickets.
    pub category: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub name: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub email: Option<String>,
    /// The `client_id` of the first message (1–64 of `A-Za-z0-9-_`), so that a client which
    /// sends it again on the socket does not store it twice. `opening` when absent.
    #[cfg_attr(feature = "serde", serde(default))]
    pub client_id: Option<String>,
    /// Searches, articles read, page, bot transcript and triage reasons: the agent sees them
    /// before saying hello, and triage raises the priority (a stolen account jumps the line).
    #[cfg_attr(feature = "serde", serde(default))]
    pub context: TicketContext,
}

/// The answer: 201 with `outcome: queued`, or 200 with `outcome: leave_ticket`.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(tag = "outcome", rename_all = "snake_case"))]
pub enum ChatAdmission {
    Queued(ChatOpened),
    LeaveTicket(TicketFallback),
}

/// The conversation is open and the user is in line (or already with an agent).
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct ChatOpened {
    pub chat_id: String,
    /// The ticket the chat is filed under; the transcript is written to it when the chat ends.
    pub ticket_id: String,
    pub ticket_number: i64,
    /// Where to open the WebSocket; add `&token=` (the requester token) or `&userId=` and
    /// `&userHash=` (a verified user), since browsers cannot set headers on a WebSocket.
    pub socket_url: String,
    /// `waiting`, or `with_agent` when an agent was free at once.
    pub state: ChatPhase,
    /// Place in line, 1 for next; absent when already with an agent.
    #[cfg_attr(feature = "serde", serde(default))]
    pub position: Option<u32>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub estimated_wait_secs: Option<u64>,
    pub agents_online: u32,
    /// For anonymous callers: keep it, it opens the socket and shows the ticket later.
    #[cfg_attr(feature = "serde", serde(default, skip_serializing_if = "Option::is_none"))]
    pub requester_token: Option<String>,
}

/// Nobody can take the chat soon: offer the ticket form (with the bot transcript attached) or a
/// callback on the hotline. Nothing was filed.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketFallback {
    pub reason: FallbackReason,
    /// The wait the user would have faced, when it was only too long.
    #[cfg_attr(feature = "serde", serde(default))]
    pub estimated_wait_secs: Option<u64>,
    pub business_hours: String,
    pub hotline: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum FallbackReason {
    /// No agent of the department is online.
    NoAgentOnline,
    /// Live chat is closed at this hour.
    OutsideHours,
    /// The expected wait is longer than the site accepts.
    WaitTooLong,
}

names! {
    FallbackReason { NoAgentOnline => "no_agent_online", OutsideHours => "outside_hours", WaitTooLong => "wait_too_long" }
}

json_struct!(NewChat { message, subject, category, name, email, client_id, context: default });
json_tagged!(ChatAdmission by "outcome" {
    Queued(opened: ChatOpened) = "queued",
    LeaveTicket(fallback: TicketFallback) = "leave_ticket",
});
json_struct!(ChatOpened {
    chat_id, ticket_id, ticket_number, socket_url, state, position, estimated_wait_secs, agents_online, requester_token
});
json_struct!(TicketFallback { reason, estimated_wait_secs, business_hours, hotline });

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn the_two_outcomes_are_told_apart_by_a_tag() {
        let fallback = ChatAdmission::LeaveTicket(TicketFallback {
            reason: FallbackReason::NoAgentOnline,
            estimated_wait_secs: None,
            business_hours: "9-21".into(),
            hotline: "400".into(),
        });
        let json = serde_json::to_value(&fallback).unwrap();
        assert_eq!(json["outcome"], "leave_ticket");
        assert_eq!(json["reason"], "no_agent_online");
        let minimal: NewChat = serde_json::from_str(r#"{"message":"扣费两次","category":"支付问题"}"#).unwrap();
        assert_eq!(minimal.client_id, None);
        assert!(minimal.context.triage.is_empty());
    }
}
