//! What an ended live chat leaves on its ticket: the whole conversation as one log entry, so the
//! words said in the chat stay with the case after the socket is gone, and the user's rating of
//! the chat.

use wire::chat::{ChatMessage, Speaker};
use wire::tickets::{Change, Csat, Status};

use crate::ticket::{agent_actor, system_actor};
use crate::{limits, DeskError, Event, Millis, Ticket};

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

    /// The user rates a chat once it has ended, whatever the ticket's status: the chat was the
    /// service they got. It becomes the ticket's CSAT (a rating of the solved ticket later
    /// replaces it, as a second ticket rating would).
    pub fn rate_chat(&mut self, csat: &Csat, chat_ended: bool, now: Millis) -> Result<Vec<Event>, DeskError> {
        let csat = limits::csat(csat)?;
        if !chat_ended {
            return Err(DeskError::NotNow("a chat can be rated once it has ended".into()));
        }
        Ok(self.record_rating(csat, now))
    }
}
