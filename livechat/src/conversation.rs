//! One conversation's rules: who may say what, and when. The Conversation Durable Object stores
//! the messages; this decides whether a frame is accepted before anything is written.

use serde::{Deserialize, Serialize};
/// Who speaks in a conversation: the wire's word for it is the rules' word too.
pub use wire::chat::Speaker as Role;

/// Longest message text (characters), client-chosen message id, and frame the server reads
/// (bytes): the contract's limits, which the clients keep to as well.
pub use wire::limits::{CHAT_TEXT as MAX_TEXT_CHARS, CLIENT_ID as MAX_CLIENT_ID_CHARS, FRAME_BYTES as MAX_FRAME_BYTES};
/// How much one conversation may hold and how fast one side may write. The defaults suit any
/// real chat; a deployment may set others (the edge's `CHAT_MAX_MESSAGES` and
/// `CHAT_MAX_MESSAGES_PER_MINUTE` vars).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VolumeLimits {
    /// Most messages one conversation keeps, bot lines included. It bounds what a chat costs
    /// its object's storage and its ticket's log; past it the user is told to go on in the
    /// ticket.
    pub messages: u64,
    /// Most messages one side sends in a minute.
    pub per_minute: u32,
}

impl Default for VolumeLimits {
    /// Far beyond a real chat (a long one has a few hundred messages); faster than anyone types,
    /// slower than a script.
    fn default() -> VolumeLimits {
        VolumeLimits { messages: 1000, per_minute: 30 }
    }
}

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
    /// The conversation holds as many messages as its [`VolumeLimits`] allow.
    ChatFull,
    /// The sender sent as many messages in the last minute as its [`VolumeLimits`] allow.
    TooFast,
    /// A `read` of a message that does not exist (yet).
    UnknownSeq,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::EmptyText => "empty_text",
            Refusal::TextTooLong => "too_large",
            Refusal::BadClientId => "bad_client_id",
            Refusal::Ended => "ended",
            Refusal::NotYourChat => "not_your_chat",
            Refusal::ChatFull => "chat_full",
            Refusal::TooFast => "too_fast",
            Refusal::UnknownSeq => "unknown_seq",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            Refusal::EmptyText => "the message is empty",
            Refusal::TextTooLong => "the message is longer than 4000 characters",
            Refusal::BadClientId => "client_id must be 1-64 letters, digits, '-' or '_'",
            Refusal::Ended => "the conversation has ended",
            Refusal::NotYourChat => "this conversation is not assigned to you",
            Refusal::ChatFull => "this conversation is full; please go on in its ticket",
            Refusal::TooFast => "too many messages in a minute; wait a moment",
            Refusal::UnknownSeq => "no message has this seq: read up to one that was sent",
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

/// Checks that a new message fits the conversation: `stored` messages so far, `sender_last_minute`
/// of them from the sender in the last minute. A retry of a stored message is not new and is
/// never refused by this.
pub fn check_volume(limits: VolumeLimits, stored: u64, sender_last_minute: u32) -> Result<(), Refusal> {
    if stored >= limits.messages {
        return Err(Refusal::ChatFull);
    }
    if sender_last_minute >= limits.per_minute {
        return Err(Refusal::TooFast);
    }
    Ok(())
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

/// Checks a read receipt: it must name a message the conversation has (1 to `last_seq`), so the
/// other side is never told something was read that was never sent.
pub fn check_read(seq: u64, last_seq: u64) -> Result<(), Refusal> {
    if seq == 0 || seq > last_seq {
        return Err(Refusal::UnknownSeq);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_ana() -> ChatState {
        ChatState::WithAgent { agent_id: "ana".into(), agent_name: "Ana".into() }
    }

    #[test]
    fn a_full_conversation_or_a_flood_is_refused_at_its_limit_and_not_before() {
        let limits = VolumeLimits::default();
        assert_eq!(check_volume(limits, limits.messages - 1, limits.per_minute - 1), Ok(()));
        assert_eq!(check_volume(limits, limits.messages, 0), Err(Refusal::ChatFull));
        assert_eq!(check_volume(limits, 0, limits.per_minute), Err(Refusal::TooFast));
        assert_eq!(check_volume(limits, limits.messages + 5, limits.per_minute + 5), Err(Refusal::ChatFull));
        let tight = VolumeLimits { messages: 3, per_minute: 2 };
        assert_eq!(check_volume(tight, 2, 1), Ok(()));
        assert_eq!(check_volume(tight, 2, 2), Err(Refusal::TooFast));
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
    fn reads_name_a_stored_message() {
        assert_eq!(check_read(1, 3), Ok(()));
        assert_eq!(check_read(3, 3), Ok(()));
        assert_eq!(check_read(4, 3), Err(Refusal::UnknownSeq));
        assert_eq!(check_read(0, 3), Err(Refusal::UnknownSeq));
        assert_eq!(check_read(1, 0), Err(Refusal::UnknownSeq));
        assert_eq!(check_read(u64::MAX, 3), Err(Refusal::UnknownSeq));
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
