//! What an ended live chat leaves on its ticket: the whole conversation as one log entry, so the
//! words said in the chat stay with the case after the socket is gone.

use wire::chat::{ChatMessage, Speaker};
use wire::tickets::{Change, Status};

use crate::ticket::{agent_actor, system_actor};
use crate::{Event, Millis, Ticket};

impl Ticket {
    /// Appends the chat's transcript. An agent who spoke in the chat answered the requester: that
    /// stops the first-response clock (at their first line) and opens a new ticket. A closed
    /// ticket still takes the transcript, since the words must not be lost.
    pub fn record_chat(&mut self, chat_id: &str, ended_by: Speaker, messages: Vec<ChatMessage>, now: Millis) -> Vec<Event> {
        let first_agent_line = messages.iter().find(|m| m.role == Speaker::Agent).map(|m| (m.at as Millis, m.name.clone()));
        let mut events = vec![self.event(&system_actor(), Change::Chat { chat_id: chat_id.to_string(), ended_by, messages }, now)];
        if let Some((at, agent)) = first_agent_line {
            self.first_response_at.get_or_insert(at);
            if self.status == Status::New {
                events.extend(self.move_to(&agent_actor(&agent), Status::Open, now));
            }
        }
        events
    }
}
