//! Asking for a human: `POST /api/v1/chats?site=`. The answer is either a place in the line (a
//! conversation to connect to, linked to a new ticket) or, when nobody can come soon, the advice
//! to leave a ticket or call the hotline instead of waiting without end.
//!
//! The caller identifies itself as for tickets (`X-User-Id` + `X-User-Hash`, or
//! `X-Requester-Token`, or nothing: a token is then minted and returned).

use serde::{Deserialize, Serialize};

use crate::chat::ChatPhase;
use crate::tickets::TicketContext;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewChat {
    /// The user's first words to a human (1–4000 characters): the conversation's first message
    /// and the ticket's description.
    pub message: String,
    /// The ticket's subject (≤ 200 characters); the start of `message` when absent.
    #[serde(default)]
    pub subject: Option<String>,
    /// One of the site's FAQ categories; it decides the department, as for tickets.
    pub category: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// The `client_id` of the first message (1–64 of `A-Za-z0-9-_`), so that a client which
    /// sends it again on the socket does not store it twice. `opening` when absent.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Searches, articles read, page, bot transcript and triage reasons: the agent sees them
    /// before saying hello, and triage raises the priority (a stolen account jumps the line).
    #[serde(default)]
    pub context: TicketContext,
}

/// The answer: 201 with `outcome: queued`, or 200 with `outcome: leave_ticket`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ChatAdmission {
    Queued(ChatOpened),
    LeaveTicket(TicketFallback),
}

/// The conversation is open and the user is in line (or already with an agent).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    #[serde(default)]
    pub position: Option<u32>,
    #[serde(default)]
    pub estimated_wait_secs: Option<u64>,
    pub agents_online: u32,
    /// For anonymous callers: keep it, it opens the socket and shows the ticket later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requester_token: Option<String>,
}

/// Nobody can take the chat soon: offer the ticket form (with the bot transcript attached) or a
/// callback on the hotline. Nothing was filed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketFallback {
    pub reason: FallbackReason,
    /// The wait the user would have faced, when it was only too long.
    #[serde(default)]
    pub estimated_wait_secs: Option<u64>,
    pub business_hours: String,
    pub hotline: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FallbackReason {
    /// No agent of the department is online.
    NoAgentOnline,
    /// Live chat is closed at this hour.
    OutsideHours,
    /// The expected wait is longer than the site accepts.
    WaitTooLong,
}

#[cfg(test)]
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
