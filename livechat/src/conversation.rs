//! One conversation's rules: who may say what, and when. The Conversation Durable Object stores
//! the messages; this decides whether a frame is accepted before anything is written.

use serde::{Deserialize, Serialize};
/// Who speaks in a conversation: the wire's word for it is the rules' word too.
pub use wire::chat::Speaker as Role;

/// Longest message text (characters), client-chosen message id, and frame the server reads
/// (bytes): the contract's limits, which the clients keep to as well.
pub use wire::limits::{CHAT_TEXT as MAX_TEXT_CHARS, CLIENT_ID as MAX_CLIENT_ID_CHARS, FRAME_BYTES as MAX_FRAME_BYTES};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ChatState {
    /// In the line; the user may already write, the agent reads it on joining.
    Waiting,
    WithAgent { agent_id: String, agent_name: String },
    Ended { by: Role },
}

/// Why a frame was refused; each maps to an `error` frame code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    EmptyText,
    TextTooLong,
    BadClientId,
    /// The conversation is over.
    Ended,
    /// An agent who is not the one assigned to this conversation.
    NotYourChat,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::EmptyText => "empty_text",
            Refusal::TextTooLong => "too_large",
            Refusal::BadClientId => "bad_client_id",
            Refusal::Ended => "ended",
            Refusal::NotYourChat => "not_your_chat",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Refusal::EmptyText => "the message is empty",
            Refusal::TextTooLong => "the message is longer than 4000 characters",
            Refusal::BadClientId => "client_id must be 1-64 letters, digits, '-' or '_'",
            Refusal::Ended => "the conversation has ended",
            Refusal::NotYourChat => "this conversation is not assigned to you",
        }
    }
}

/// Checks a message before it is stored: its id, its text, and the sender's right to speak now.
pub fn check_message(state: &ChatState, sender: Role, sender_id: &str, client_id: &str, text: &str) -> Result<(), Refusal> {
    let id_ok = !client_id.is_empty()
        && client_id.chars().count() <= MAX_CLIENT_ID_CHARS
        && client_id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !id_ok {
        return Err(Refusal::BadClientId);
    }
    if text.trim().is_empty() {
        return Err(Refusal::EmptyText);
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(Refusal::TextTooLong);
    }
    may_act(state, sender, sender_id)
}

/// Whether `sender` may act (write, type, end) in a conversation in `state`.
pub fn may_act(state: &ChatState, sender: Role, sender_id: &str) -> Result<(), Refusal> {
    match (state, sender) {
        (ChatState::Ended { .. }, _) => Err(Refusal::Ended),
        (ChatState::WithAgent { agent_id, .. }, Role::Agent) if agent_id != sender_id => Err(Refusal::NotYourChat),
        (ChatState::Waiting, Role::Agent) => Err(Refusal::NotYourChat),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_ana() -> ChatState {
        ChatState::WithAgent { agent_id: "ana".into(), agent_name: "Ana".into() }
    }

    #[test]
    fn a_user_may_write_while_waiting_and_with_an_agent() {
        assert_eq!(check_message(&ChatState::Waiting, Role::User, "u", "m-1", "你好"), Ok(()));
        assert_eq!(check_message(&with_ana(), Role::User, "u", "m-2", "还在吗"), Ok(()));
    }

    #[test]
    fn only_the_assigned_agent_may_write() {
        assert_eq!(check_message(&with_ana(), Role::Agent, "ana", "a-1", "您好"), Ok(()));
        assert_eq!(check_message(&with_ana(), Role::Agent, "bo", "b-1", "您好"), Err(Refusal::NotYourChat));
        assert_eq!(check_message(&ChatState::Waiting, Role::Agent, "ana", "a-1", "hi"), Err(Refusal::NotYourChat));
    }

    #[test]
    fn nobody_writes_after_the_end() {
        let ended = ChatState::Ended { by: Role::User };
        assert_eq!(check_message(&ended, Role::User, "u", "m-9", "one more"), Err(Refusal::Ended));
        assert_eq!(may_act(&ended, Role::Agent, "ana"), Err(Refusal::Ended));
    }

    #[test]
    fn texts_and_ids_are_bounded() {
        let state = ChatState::Waiting;
        assert_eq!(check_message(&state, Role::User, "u", "m", "   "), Err(Refusal::EmptyText));
        let long = "长".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(check_message(&state, Role::User, "u", "m", &long), Err(Refusal::TextTooLong));
        let exact = "长".repeat(MAX_TEXT_CHARS);
        assert_eq!(check_message(&state, Role::User, "u", "m", &exact), Ok(()));
        assert_eq!(check_message(&state, Role::User, "u", "", "hi"), Err(Refusal::BadClientId));
        assert_eq!(check_message(&state, Role::User, "u", "<script>", "hi"), Err(Refusal::BadClientId));
        assert_eq!(check_message(&state, Role::User, "u", &"x".repeat(65), "hi"), Err(Refusal::BadClientId));
    }
}
