//! One live chat as the user's side sees it (edge/PROTOCOL.md, v1), without a socket: the
//! place in line, the agent, their typing and reading, over browser-kit's transcript (the
//! messages in `seq` order, what the user wrote that the server has not acknowledged yet). It
//! takes and gives the wire's own frames; the socket adapter carries them, so reconnecting,
//! replay and resending are rules here and in the transcript, tested natively.

use browser_kit::chat::transcript::{self, Stored, Transcript};
use wire::chat::{ChatMessage, ChatPhase, ClientFrame, ServerFrame};

/// Who said something: the wire's word.
pub use wire::chat::Speaker as Role;

/// How far one of the user's own messages has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Written, not yet stored (maybe offline): it is resent on reconnect.
    Sending,
    /// Stored by the server.
    Delivered,
    /// The agent has read it.
    Read,
}

/// One message of the chat (browser-kit's transcript keeps them in order).
pub type Line = transcript::Line<Role>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Not connected yet (or reconnecting).
    Connecting,
    /// In line: 1 is next. No wait estimate when no agent is online.
    Waiting { position: Option<u32>, wait_secs: Option<u64>, agents_online: u32 },
    WithAgent,
    Ended,
}

/// A frame for the server.
pub type Outgoing = ClientFrame;

#[derive(Debug)]
pub struct Session {
    messages: Transcript<Role>,
    phase: Option<Phase>,
    agent_name: Option<String>,
    agent_typing: bool,
    /// Highest `seq` the agent has read.
    agent_read: u64,
    /// The code of the last frame the server refused (`too_large`, `ended` …), until the next write.
    refused: Option<String>,
}

impl Session {
    /// `prefix` must differ between page loads (a random string): client ids stay unique per chat.
    pub fn new(prefix: &str) -> Session {
        Session { messages: Transcript::new(prefix, Role::User, Role::Agent), phase: None, agent_name: None, agent_typing: false, agent_read: 0, refused: None }
    }

    pub fn lines(&self) -> &[Line] {
        self.messages.lines()
    }

    pub fn phase(&self) -> Phase {
        self.phase.unwrap_or(Phase::Connecting)
    }

    pub fn agent_name(&self) -> Option<&str> {
        self.agent_name.as_deref()
    }

    pub fn agent_typing(&self) -> bool {
        self.agent_typing
    }

    pub fn refused(&self) -> Option<&str> {
        self.refused.as_deref()
    }

    pub fn delivery(&self, line: &Line) -> Delivery {
        match line.seq {
            None => Delivery::Sending,
            Some(seq) if seq <= self.agent_read => Delivery::Read,
            Some(_) => Delivery::Delivered,
        }
    }

    /// What to send on a fresh socket: `hello` with the last message seen (the server replays
    /// the rest), then every message still unacknowledged, with its original client id.
    pub fn connected(&mut self) -> Vec<Outgoing> {
        let mut out = vec![Outgoing::Hello { last_seq: self.messages.resume() }];
        out.extend(self.messages.unacknowledged().map(|l| Outgoing::Message { client_id: l.client_id.clone(), text: l.text.clone() }));
        out
    }

    /// The socket closed: until it is back the user is told we are reconnecting.
    pub fn disconnected(&mut self) {
        if self.phase != Some(Phase::Ended) {
            self.phase = None;
        }
        self.agent_typing = false;
    }

    /// The user wrote `text`: shown at once as sending; the frame to send if connected.
    pub fn write(&mut self, text: &str) -> Outgoing {
        self.refused = None;
        Outgoing::Message { client_id: self.messages.write(text), text: text.to_string() }
    }

    /// The typing indicator, sent only when it changes.
    pub fn typing(&mut self, on: bool) -> Option<Outgoing> {
        self.messages.typing(on).map(|on| Outgoing::Typing { on })
    }

    /// A read receipt for the agent's newest message, if not sent yet (call while the chat is
    /// on screen).
    pub fn read_receipt(&mut self) -> Option<Outgoing> {
        self.messages.read_receipt().map(|seq| Outgoing::Read { seq })
    }

    pub fn receive(&mut self, frame: ServerFrame) {
        match frame {
            ServerFrame::Welcome { state, agent_name, .. } => {
                self.phase = Some(match state {
                    ChatPhase::Ended => Phase::Ended,
                    ChatPhase::WithAgent => Phase::WithAgent,
                    ChatPhase::Waiting => Phase::Waiting { position: None, wait_secs: None, agents_online: 0 },
                });
                self.agent_name = agent_name.or(self.agent_name.take());
            }
            ServerFrame::Message(ChatMessage { seq, client_id, role, name, text, .. }) => {
                if self.messages.stored(Stored { seq, client_id, role, name, text }) && role == Role::Agent {
                    self.agent_typing = false;
                }
            }
            ServerFrame::Ack { client_id, seq } => self.messages.ack(&client_id, seq),
            ServerFrame::Queue { position, estimated_wait_secs, agents_online } => {
                if !matches!(self.phase, Some(Phase::WithAgent | Phase::Ended)) {
                    self.phase = Some(Phase::Waiting { position: Some(position), wait_secs: estimated_wait_secs, agents_online });
                }
            }
            ServerFrame::AgentJoined { name } => {
                self.agent_name = Some(name);
                self.phase = Some(Phase::WithAgent);
            }
            ServerFrame::Typing { role, on } => {
                if role == Role::Agent {
                    self.agent_typing = on;
                }
            }
            ServerFrame::Read { role, seq } => {
                if role == Role::Agent {
                    self.agent_read = self.agent_read.max(seq);
                }
            }
            ServerFrame::Ended { .. } => {
                self.phase = Some(Phase::Ended);
                self.agent_typing = false;
            }
            ServerFrame::Transferred { .. } => {
                self.agent_name = None;
                self.agent_typing = false;
                self.phase = Some(Phase::Waiting { position: None, wait_secs: None, agents_online: 0 });
            }
            ServerFrame::Error { code, .. } => self.refused = Some(code),
            // The desk's view, who is on a case and overdue tasks are for agents' sockets; a
            // conversation never sends them.
            ServerFrame::Desk(_) | ServerFrame::Here(_) | ServerFrame::TaskOverdue(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(seq: u64, client_id: &str, role: Role, text: &str) -> ServerFrame {
        ServerFrame::Message(ChatMessage { seq, client_id: client_id.into(), role, name: String::new(), text: text.into(), at: 0 })
    }

    #[test]
    fn a_reconnect_says_hello_with_the_last_seq_and_resends_what_was_not_acknowledged() {
        let mut s = Session::new("p");
        assert_eq!(s.connected(), [Outgoing::Hello { last_seq: 0 }]);
        s.receive(message(1, "opening", Role::User, "扣了两次费"));
        s.receive(message(2, "a-1", Role::Agent, "您好"));
        let sent = s.write("在吗？");
        assert_eq!(sent, Outgoing::Message { client_id: "p-1".into(), text: "在吗？".into() });
        s.disconnected();
        assert_eq!(s.phase(), Phase::Connecting);
        s.write("我刚才断网了");
        assert_eq!(
            s.connected(),
            [
                Outgoing::Hello { last_seq: 2 },
                Outgoing::Message { client_id: "p-1".into(), text: "在吗？".into() },
                Outgoing::Message { client_id: "p-2".into(), text: "我刚才断网了".into() },
            ]
        );
    }

    #[test]
    fn read_receipts_go_both_ways_once() {
        let mut s = Session::new("p");
        s.write("hi");
        s.receive(ServerFrame::Ack { client_id: "p-1".into(), seq: 1 });
        s.receive(ServerFrame::Read { role: Role::Agent, seq: 1 });
        assert_eq!(s.delivery(&s.lines()[0]), Delivery::Read);
        assert_eq!(s.read_receipt(), None, "nothing from the agent yet");
        s.receive(message(2, "a", Role::Agent, "hello"));
        assert_eq!(s.read_receipt(), Some(Outgoing::Read { seq: 2 }));
        assert_eq!(s.read_receipt(), None);
    }

    #[test]
    fn the_queue_then_the_agent_then_the_end() {
        let mut s = Session::new("p");
        s.receive(ServerFrame::Welcome { chat_id: "c".into(), state: ChatPhase::Waiting, last_seq: 0, agent_name: None });
        s.receive(ServerFrame::Queue { position: 3, estimated_wait_secs: Some(240), agents_online: 2 });
        assert_eq!(s.phase(), Phase::Waiting { position: Some(3), wait_secs: Some(240), agents_online: 2 });
        s.receive(ServerFrame::AgentJoined { name: "Li Wei".into() });
        s.receive(ServerFrame::Queue { position: 1, estimated_wait_secs: Some(0), agents_online: 2 });
        assert_eq!(s.phase(), Phase::WithAgent, "a late queue frame does not put the user back in line");
        assert_eq!(s.agent_name(), Some("Li Wei"));
        s.receive(ServerFrame::Typing { role: Role::Agent, on: true });
        assert!(s.agent_typing());
        s.receive(message(3, "a", Role::Agent, "done"));
        assert!(!s.agent_typing(), "a message ends the typing indicator");
        s.receive(ServerFrame::Transferred { department: "billing".into() });
        assert!(matches!(s.phase(), Phase::Waiting { .. }));
        s.receive(ServerFrame::Ended { by: Role::User });
        s.disconnected();
        assert_eq!(s.phase(), Phase::Ended, "an ended chat stays ended when the socket closes");
    }

    #[test]
    fn a_refusal_is_kept_until_the_next_message() {
        let mut s = Session::new("p");
        s.receive(ServerFrame::Error { code: "too_large".into(), message: String::new() });
        assert_eq!(s.refused(), Some("too_large"));
        s.write("shorter");
        assert_eq!(s.refused(), None);
    }
}
