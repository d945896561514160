//! The waiting line: most urgent first, then longest waiting first.

use serde::{Deserialize, Serialize};

use wire::tickets::TriageReason;

use crate::Millis;

/// How soon a case needs a human: the tickets' priority. Triage of the user's words raises it
/// (a stolen account or lost money jumps the line); the order of the variants is the order of
/// service.
pub use wire::tickets::Priority;

/// A user who asked for a human and has not been given one yet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitingChat {
    pub chat_id: String,
    pub department: String,
    pub priority: Priority,
    /// When the user started waiting. A transfer keeps it, so nobody loses their place.
    pub since: Millis,
    /// What agents are shown about the case; it stays with the chat until it ends.
    pub details: ChatDetails,
}

/// What agents see about a chat besides its place in line: its ticket, why triage raised it,
/// the user's first words, and the note of the last transfer. Part of the chat itself, so no
/// chat in line or with an agent is ever without it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatDetails {
    pub ticket_id: String,
    pub reasons: Vec<TriageReason>,
    pub first_message: String,
    pub transfer_note: Option<String>,
}

impl WaitingChat {
    /// Sort key: higher priority first, then earlier arrival, then id for a total order.
    fn service_order(&self) -> (std::cmp::Reverse<Priority>, Millis, &str) {
        (std::cmp::Reverse(self.priority), self.since, &self.chat_id)
    }
}

/// Waiting chats, always kept in service order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct WaitingQueue {
    chats: Vec<WaitingChat>,
}

impl WaitingQueue {
    pub fn contains(&self, chat_id: &str) -> bool {
        self.chats.iter().any(|c| c.chat_id == chat_id)
    }

    pub fn insert(&mut self, chat: WaitingChat) {
        let at = self.chats.partition_point(|c| c.service_order() <= chat.service_order());
        self.chats.insert(at, chat);
    }

    pub fn remove(&mut self, chat_id: &str) -> Option<WaitingChat> {
        let at = self.chats.iter().position(|c| c.chat_id == chat_id)?;
        Some(self.chats.remove(at))
    }

    pub fn iter(&self) -> impl Iterator<Item = &WaitingChat> {
        self.chats.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat(id: &str, priority: Priority, since: Millis) -> WaitingChat {
        let details = ChatDetails { ticket_id: format!("t-{id}"), reasons: Vec::new(), first_message: "hi".into(), transfer_note: None };
        WaitingChat { chat_id: id.into(), department: "general".into(), priority, since, details }
    }

    #[test]
    fn urgent_goes_before_earlier_normal_chats() {
        let mut queue = WaitingQueue::default();
        queue.insert(chat("a", Priority::Normal, 1));
        queue.insert(chat("b", Priority::Normal, 2));
        queue.insert(chat("c", Priority::Urgent, 3));
        queue.insert(chat("d", Priority::Low, 0));
        let order: Vec<_> = queue.iter().map(|c| c.chat_id.as_str()).collect();
        assert_eq!(order, ["c", "a", "b", "d"]);
    }

    #[test]
    fn removing_keeps_the_rest_in_order() {
        let mut queue = WaitingQueue::default();
        for (id, since) in [("a", 1), ("b", 2), ("c", 3)] {
            queue.insert(chat(id, Priority::Normal, since));
        }
        assert_eq!(queue.remove("b").map(|c| c.chat_id), Some("b".to_string()));
        assert!(queue.remove("b").is_none());
        let order: Vec<_> = queue.iter().map(|c| c.chat_id.as_str()).collect();
        assert_eq!(order, ["a", "c"]);
    }
}
