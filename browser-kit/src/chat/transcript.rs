//! One live chat's messages as either side keeps them (edge/PROTOCOL.md, v1): stored messages in
//! `seq` order, each once (replay and live frames never double up); our own messages the server
//! has not acknowledged yet, resent with their original client id after a reconnect; and the
//! typing and read receipts we send, each only when it changes. Generic over the role type, so
//! the widget (the user's side) and the console (the agent's) keep their own.

#[derive(Debug, Clone, PartialEq)]
pub struct Line<R> {
    /// `None` while the server has not stored it.
    pub seq: Option<u64>,
    pub client_id: String,
    pub role: R,
    pub name: String,
    pub text: String,
}

/// A message the server stored, as its frame carries it.
pub struct Stored<R> {
    pub seq: u64,
    pub client_id: String,
    pub role: R,
    pub name: String,
    pub text: String,
}

#[derive(Debug)]
pub struct Transcript<R> {
    /// Stored messages in `seq` order, then our unacknowledged ones in writing order.
    lines: Vec<Line<R>>,
    last_seq: u64,
    /// Our role: what we write.
    me: R,
    /// The other side's role: what we send read receipts for.
    them: R,
    /// Highest `seq` of theirs we have told the server we read.
    read_sent: u64,
    typing_sent: bool,
    /// Makes client ids unique within this page; `prefix` makes them unique across pages.
    written: u32,
    prefix: String,
}

impl<R: Copy + PartialEq> Transcript<R> {
    /// `prefix` must differ between page loads (a random string): client ids stay unique per chat.
    pub fn new(prefix: &str, me: R, them: R) -> Transcript<R> {
        Transcript { lines: Vec::new(), last_seq: 0, me, them, read_sent: 0, typing_sent: false, written: 0, prefix: prefix.to_string() }
    }

    pub fn lines(&self) -> &[Line<R>] {
        &self.lines
    }

    /// A fresh socket: returns the last `seq` seen, for `hello` (the server replays what came
    /// after); then resend every [`Self::unacknowledged`] message. The typing indicator starts
    /// over, off.
    pub fn resume(&mut self) -> u64 {
        self.typing_sent = false;
        self.last_seq
    }

    /// Our messages the server has not stored yet, in writing order: resent with their client
    /// ids on a fresh socket.
    pub fn unacknowledged(&self) -> impl Iterator<Item = &Line<R>> {
        self.lines.iter().filter(|l| l.seq.is_none())
    }

    /// We wrote `text`: kept as unacknowledged; returns its client id for the frame.
    pub fn write(&mut self, text: &str) -> String {
        self.written += 1;
        self.typing_sent = false;
        let client_id = format!("{}-{}", self.prefix, self.written);
        self.lines.push(Line { seq: None, client_id: client_id.clone(), role: self.me, name: String::new(), text: text.to_string() });
        client_id
    }

    /// Whether to send a typing frame (`Some(on)`): only when it changes.
    pub fn typing(&mut self, on: bool) -> Option<bool> {
        (on != self.typing_sent).then(|| {
            self.typing_sent = on;
            on
        })
    }

    /// The `seq` to send a read receipt for: their newest message, once.
    pub fn read_receipt(&mut self) -> Option<u64> {
        let newest = self.lines.iter().filter(|l| l.role == self.them).filter_map(|l| l.seq).max()?;
        (newest > self.read_sent).then(|| {
            self.read_sent = newest;
            newest
        })
    }

    /// The server stored our message `client_id` as `seq`.
    pub fn ack(&mut self, client_id: &str, seq: u64) {
        if let Some(line) = self.lines.iter_mut().find(|l| l.seq.is_none() && l.client_id == client_id) {
            line.seq = Some(seq);
            self.last_seq = self.last_seq.max(seq);
        }
        self.sort();
    }

    /// A stored message: each `seq` once, and one of ours that was stored before its ack got
    /// lost stops being unacknowledged. Returns whether it was new.
    pub fn stored(&mut self, message: Stored<R>) -> bool {
        let Stored { seq, client_id, role, name, text } = message;
        if self.lines.iter().any(|l| l.seq == Some(seq)) {
            return false;
        }
        self.last_seq = self.last_seq.max(seq);
        match self.lines.iter_mut().find(|l| l.seq.is_none() && l.role == role && l.client_id == client_id) {
            Some(ours) => ours.seq = Some(seq),
            None => self.lines.push(Line { seq: Some(seq), client_id, role, name, text }),
        }
        self.sort();
        true
    }

    fn sort(&mut self) {
        self.lines.sort_by_key(|l| l.seq.unwrap_or(u64::MAX));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Who {
        User,
        Agent,
        Bot,
    }

    fn stored(seq: u64, client_id: &str, role: Who, text: &str) -> Stored<Who> {
        Stored { seq, client_id: client_id.into(), role, name: String::new(), text: text.into() }
    }

    fn texts(t: &Transcript<Who>) -> Vec<&str> {
        t.lines().iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn a_reconnect_resumes_after_the_last_seq_and_resends_what_was_not_acknowledged() {
        let mut t = Transcript::new("p", Who::User, Who::Agent);
        assert_eq!(t.resume(), 0);
        t.stored(stored(1, "opening", Who::User, "扣了两次费"));
        t.stored(stored(2, "a-1", Who::Agent, "您好"));
        assert_eq!(t.write("在吗？"), "p-1");
        t.write("我刚才断网了");
        assert_eq!(t.resume(), 2);
        let resent: Vec<(&str, &str)> = t.unacknowledged().map(|l| (l.client_id.as_str(), l.text.as_str())).collect();
        assert_eq!(resent, [("p-1", "在吗？"), ("p-2", "我刚才断网了")]);
        t.ack("p-1", 3);
        assert_eq!(texts(&t), ["扣了两次费", "您好", "在吗？", "我刚才断网了"]);
        assert_eq!(t.unacknowledged().count(), 1);
    }

    #[test]
    fn replayed_and_live_messages_never_double_and_stay_in_seq_order() {
        let mut t = Transcript::new("p", Who::Agent, Who::User);
        assert!(t.stored(stored(2, "a-2", Who::Agent, "second")));
        assert!(t.stored(stored(1, "opening", Who::Bot, "first")));
        assert!(!t.stored(stored(2, "a-2", Who::Agent, "second")));
        assert_eq!(texts(&t), ["first", "second"]);
        assert_eq!(t.resume(), 2);
    }

    #[test]
    fn an_ack_or_a_replayed_copy_marks_our_message_stored_once() {
        let mut t = Transcript::new("p", Who::User, Who::Agent);
        t.write("one");
        t.write("two");
        t.ack("p-1", 5);
        // The ack of "two" was lost with the socket; the replay carries the stored copy.
        t.stored(stored(6, "p-2", Who::User, "two"));
        assert_eq!(texts(&t), ["one", "two"]);
        assert!(t.lines().iter().all(|l| l.seq.is_some()));
        assert_eq!(t.resume(), 6);
        assert_eq!(t.unacknowledged().count(), 0, "nothing left to resend");
    }

    #[test]
    fn read_receipts_are_for_their_newest_message_once() {
        let mut t = Transcript::new("p", Who::Agent, Who::User);
        t.stored(stored(1, "b", Who::Bot, "hi"));
        assert_eq!(t.read_receipt(), None, "nothing from the user yet");
        t.stored(stored(2, "u", Who::User, "hello"));
        assert_eq!(t.read_receipt(), Some(2));
        assert_eq!(t.read_receipt(), None);
    }

    #[test]
    fn typing_is_sent_only_when_it_changes_and_a_message_or_a_new_socket_ends_it() {
        let mut t = Transcript::new("p", Who::User, Who::Agent);
        assert_eq!(t.typing(true), Some(true));
        assert_eq!(t.typing(true), None);
        t.write("x");
        assert_eq!(t.typing(false), None, "sending a message already ended it");
        assert_eq!(t.typing(true), Some(true));
        t.resume();
        assert_eq!(t.typing(true), Some(true), "a fresh socket has no typing indicator");
    }
}
