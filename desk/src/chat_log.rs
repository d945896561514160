//! What an ended live chat leaves on its ticket: the whole conversation as log entries of bounded
//! size (one for a usual chat), so the words said in the chat stay with the case after the socket
//! is gone, and the user's rating of the chat.

use wire::chat::{ChatMessage, Speaker};
use wire::tickets::{Change, Csat, Status};

use crate::ticket::{agent_actor, system_actor};
use crate::{limits, DeskError, Event, Millis, Ticket};

/// Most messages in one `chat` log entry.
pub const PIECE_MESSAGES: usize = 200;
/// Most bytes of message text in one `chat` log entry: far under a D1 row's limit (2 MB), with
/// room for the names, ids and JSON around the text.
pub const PIECE_TEXT_BYTES: usize = 256 * 1024;

/// Cuts a transcript into consecutive pieces of at most [`PIECE_MESSAGES`] messages and
/// [`PIECE_TEXT_BYTES`] bytes of text each (a single message is never split: it is at most a
/// few KB), so however long a chat was, each entry written to its ticket stays small.
pub fn transcript_pieces(messages: Vec<ChatMessage>) -> Vec<Vec<ChatMessage>> {
    let mut pieces: Vec<Vec<ChatMessage>> = Vec::new();
    let mut bytes = 0;
    for message in messages {
        let size = message.text.len() + message.name.len();
        let fits = pieces.last().is_some_and(|piece| piece.len() < PIECE_MESSAGES && bytes + size <= PIECE_TEXT_BYTES);
        if !fits {
            pieces.push(Vec::new());
            bytes = 0;
        }
        bytes += size;
        pieces.last_mut().expect("a piece was just pushed").push(message);
    }
    pieces
}

impl Ticket {
    /// Appends (a piece of) the chat's transcript. An agent who spoke in the chat answered the requester: that
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

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(count: usize, text_bytes: usize) -> Vec<ChatMessage> {
        (1..=count as u64)
            .map(|seq| ChatMessage { seq, client_id: format!("m-{seq}"), role: Speaker::User, name: "林".into(), text: "x".repeat(text_bytes), at: seq })
            .collect()
    }

    fn seqs(pieces: &[Vec<ChatMessage>]) -> Vec<u64> {
        pieces.iter().flatten().map(|m| m.seq).collect()
    }

    #[test]
    fn a_usual_chat_is_one_piece_and_no_chat_is_none() {
        assert_eq!(transcript_pieces(messages(40, 100)).len(), 1);
        assert!(transcript_pieces(Vec::new()).is_empty());
    }

    #[test]
    fn a_long_chat_is_cut_by_count_and_keeps_every_message_in_order() {
        let pieces = transcript_pieces(messages(1000, 10));
        assert_eq!(pieces.len(), 5);
        assert!(pieces.iter().all(|p| p.len() <= PIECE_MESSAGES));
        assert_eq!(seqs(&pieces), (1..=1000).collect::<Vec<_>>());
    }

    #[test]
    fn a_chat_of_long_messages_is_cut_by_bytes() {
        // 1000 messages of 12 KB (4000 three-byte characters) each: about 12 MB in all.
        let pieces = transcript_pieces(messages(1000, 12_000));
        assert!(pieces.iter().all(|p| p.iter().map(|m| m.text.len() + m.name.len()).sum::<usize>() <= PIECE_TEXT_BYTES));
        assert_eq!(seqs(&pieces), (1..=1000).collect::<Vec<_>>());
    }
}
