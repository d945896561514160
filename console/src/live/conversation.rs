//! One live chat as the agent sees it, without a socket: whether the user is typing or has read,
//! whether the chat is over, over browser-kit's transcript (the stored messages in `seq` order,
//! the agent's own messages the server has not acknowledged yet, resent with the same
//! `client_id` after a reconnect), the same one the widget's user side keeps.

use browser_kit::chat::transcript::{self, Stored, Transcript};
use wire::chat::{ChatPhase, ClientFrame, ServerFrame, Speaker};

/// One message of the chat (browser-kit's transcript keeps them in order).
pub type Line = transcript::Line<Speaker>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Connecting,
    Open,
    /// Handed to another department: this agent is out of it.
    Transferred,
    Ended,
}

#[derive(Debug)]
pub struct Conversation {
    messages: Transcript<Speaker>,
    phase: Option<Phase>,
    user_typing: bool,
    /// Highest `seq` the user has read.
    user_read: u64,
    refused: Option<String>,
    /// The agent asked to end it: a socket closing now means the end, not a network hiccup.
    ending: bool,
}

impl Conversation {
    /// `prefix` must differ between page loads: client ids stay unique per chat.
    pub fn new(prefix: &str) -> Conversation {
        Conversation {
            messages: Transcript::new(prefix, Speaker::Agent, Speaker::User),
            phase: None,
            user_typing: false,
            user_read: 0,
            refused: None,
            ending: false,
        }
    }

    pub fn lines(&self) -> &[Line] {
        self.messages.lines()
    }

    pub fn phase(&self) -> Phase {
        self.phase.unwrap_or(Phase::Connecting)
    }

    pub fn user_typing(&self) -> bool {
        self.user_typing
    }

    pub fn refused(&self) -> Option<&str> {
        self.refused.as_deref()
    }

    /// Whether the user has read this line (one of the agent's).
    pub fn read_by_user(&self, line: &Line) -> bool {
        line.seq.is_some_and(|seq| seq <= self.user_read)
    }

    /// What to send on a fresh socket: `hello` with the last `seq` seen, then every message
    /// still unacknowledged with its original client id.
    pub fn connected(&mut self) -> Vec<ClientFrame> {
        let mut out = vec![ClientFrame::Hello { last_seq: self.messages.resume() }];
        out.extend(self.messages.unacknowledged().map(|l| ClientFrame::Message { client_id: l.client_id.clone(), text: l.text.clone() }));
        out
    }

    pub fn disconnected(&mut self) {
        if self.ending {
            self.phase = Some(Phase::Ended);
        } else if self.phase == Some(Phase::Open) {
            self.phase = None;
        }
        self.user_typing = false;
    }

    /// Whether the socket should come back after it closed.
    pub fn goes_on(&self) -> bool {
        !matches!(self.phase, Some(Phase::Ended | Phase::Transferred))
    }

    /// The agent ends the chat.
    pub fn end(&mut self) -> ClientFrame {
        self.ending = true;
        ClientFrame::End
    }

    /// The chat is no longer this agent's (the desk says so) and its socket is gone: over.
    pub fn left(&mut self) {
        if self.phase != Some(Phase::Transferred) {
            self.phase = Some(Phase::Ended);
        }
        self.user_typing = false;
    }

    pub fn write(&mut self, text: &str) -> ClientFrame {
        self.refused = None;
        ClientFrame::Message { client_id: self.messages.write(text), text: text.to_string() }
    }

    /// The typing indicator, sent only when it changes.
    pub fn typing(&mut self, on: bool) -> Option<ClientFrame> {
        self.messages.typing(on).map(|on| ClientFrame::Typing { on })
    }

    /// A read receipt for the user's newest message, once.
    pub fn read_receipt(&mut self) -> Option<ClientFrame> {
        self.messages.read_receipt().map(|seq| ClientFrame::Read { seq })
    }

    pub fn receive(&mut self, frame: ServerFrame) {
        match frame {
            ServerFrame::Welcome { state, .. } => {
                self.phase = Some(if state == ChatPhase::Ended { Phase::Ended } else { Phase::Open });
            }
            ServerFrame::Message(m) => {
                let role = m.role;
                let fresh = self.messages.stored(Stored { seq: m.seq, client_id: m.client_id, role, name: m.name, text: m.text });
                if fresh && role == Speaker::User {
                    self.user_typing = false;
                }
            }
            ServerFrame::Ack { client_id, seq } => self.messages.ack(&client_id, seq),
            ServerFrame::Typing { role: Speaker::User, on } => self.user_typing = on,
            ServerFrame::Read { role: Speaker::User, seq } => self.user_read = self.user_read.max(seq),
            ServerFrame::Ended { .. } => {
                self.phase = Some(Phase::Ended);
                self.user_typing = false;
            }
            ServerFrame::Transferred { .. } => {
                self.phase = Some(Phase::Transferred);
                self.user_typing = false;
            }
            ServerFrame::Error { code, .. } => self.refused = Some(code),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wire::chat::ChatMessage;

    fn message(seq: u64, client_id: &str, role: Speaker, text: &str) -> ServerFrame {
        ServerFrame::Message(ChatMessage { seq, client_id: client_id.into(), role, name: String::new(), text: text.into(), at: 0 })
    }

    fn texts(c: &Conversation) -> Vec<&str> {
        c.lines().iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_reconnect_says_hello_with_the_last_seq_and_resends_what_was_not_acknowledged() {
        let mut c = Conversation::new("a");
        assert_eq!(c.connected(), [ClientFrame::Hello { last_seq: 0 }]);
        c.receive(message(1, "opening", Speaker::User, "扣了两次费"));
        c.receive(message(1, "opening", Speaker::User, "扣了两次费"));
        let sent = c.write("您好");
        assert_eq!(sent, ClientFrame::Message { client_id: "a-1".into(), text: "您好".into() });
        c.disconnected();
        assert_eq!(c.connected(), [ClientFrame::Hello { last_seq: 1 }, ClientFrame::Message { client_id: "a-1".into(), text: "您好".into() }]);
        c.receive(ServerFrame::Ack { client_id: "a-1".into(), seq: 2 });
        assert_eq!(texts(&c), ["扣了两次费", "您好"]);
        assert_eq!(c.connected(), [ClientFrame::Hello { last_seq: 2 }]);
    }

    #[test]
    fn the_users_typing_and_reading_and_our_read_receipts() {
        let mut c = Conversation::new("a");
        c.receive(ServerFrame::Welcome { chat_id: "c".into(), state: ChatPhase::WithAgent, last_seq: 0, agent_name: None });
        assert_eq!(c.phase(), Phase::Open);
        c.receive(ServerFrame::Typing { role: Speaker::User, on: true });
        assert!(c.user_typing());
        c.receive(message(1, "u-1", Speaker::User, "在吗"));
        assert!(!c.user_typing(), "a message ends the typing indicator");
        assert_eq!(c.read_receipt(), Some(ClientFrame::Read { seq: 1 }));
        assert_eq!(c.read_receipt(), None);
        c.write("在的");
        c.receive(ServerFrame::Ack { client_id: "a-1".into(), seq: 2 });
        assert!(!c.read_by_user(&c.lines()[1].clone()));
        c.receive(ServerFrame::Read { role: Speaker::User, seq: 2 });
        assert!(c.read_by_user(&c.lines()[1].clone()));
    }

    #[test]
    fn a_transfer_or_the_end_stops_the_socket_for_good() {
        let mut c = Conversation::new("a");
        assert!(c.goes_on());
        c.receive(ServerFrame::Transferred { department: "security".into() });
        assert_eq!(c.phase(), Phase::Transferred);
        assert!(!c.goes_on());
        let mut c = Conversation::new("a");
        c.receive(ServerFrame::Ended { by: Speaker::User });
        c.disconnected();
        assert_eq!(c.phase(), Phase::Ended);
        assert!(!c.goes_on());
        c.receive(ServerFrame::Error { code: "ended".into(), message: String::new() });
        assert_eq!(c.refused(), Some("ended"));
    }

    #[test]
    fn a_socket_closing_after_the_agent_ended_the_chat_is_the_end() {
        let mut c = Conversation::new("a");
        c.receive(ServerFrame::Welcome { chat_id: "c".into(), state: ChatPhase::WithAgent, last_seq: 0, agent_name: None });
        c.disconnected();
        assert_eq!(c.phase(), Phase::Connecting, "without an end asked for, a drop is a reconnect");
        c.receive(ServerFrame::Welcome { chat_id: "c".into(), state: ChatPhase::WithAgent, last_seq: 0, agent_name: None });
        assert_eq!(c.end(), ClientFrame::End);
        c.disconnected();
        assert_eq!(c.phase(), Phase::Ended);
        assert!(!c.goes_on());
        let mut c = Conversation::new("a");
        c.left();
        assert!(!c.goes_on());
    }
}
