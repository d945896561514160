//! A site's support address and the names derived from it: the reply address of each ticket
//! (`support+<ticket>.<signature>@domain`, plus-addressing, so one Email Routing rule takes
//! every reply), and the Message-IDs of the mails we send (`<m.<mail>@domain>`) and of each
//! ticket's thread (`<t.<ticket>@domain>`), by which mail clients thread them and by which we
//! know our own mail coming back.

use crate::link::{reply_signature, reply_signature_matches};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportAddress {
    local: String,
    domain: String,
}

/// Whom an inbound mail was sent to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recipient {
    /// The support address itself: a new request.
    Support,
    /// A ticket's reply address with a valid signature.
    Reply { ticket_id: String },
    /// A reply address whose signature is wrong (forged, or for another site's secret).
    ForgedReply,
    /// Not an address of this site.
    Elsewhere,
}

/// A Message-ID of ours found in an inbound mail's `In-Reply-To` or `References`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    Mail(String),
    Ticket(String),
}

impl SupportAddress {
    /// `support@example.com`; `None` for anything that is not a plain address.
    pub fn parse(address: &str) -> Option<SupportAddress> {
        let (local, domain) = address.trim().rsplit_once('@')?;
        let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b));
        (plain(local) && plain(domain) && !local.contains('+')).then(|| SupportAddress { local: local.to_ascii_lowercase(), domain: domain.to_ascii_lowercase() })
    }

    pub fn address(&self) -> String {
        format!("{}@{}", self.local, self.domain)
    }

    /// Where the requester's answer to a mail about `ticket_id` goes.
    pub fn reply_address(&self, secret: &[u8], ticket_id: &str) -> String {
        format!("{}+{ticket_id}.{}@{}", self.local, reply_signature(secret, ticket_id), self.domain)
    }

    /// What the envelope recipient of an inbound mail names.
    pub fn recipient(&self, secret: &[u8], to: &str) -> Recipient {
        let Some((local, domain)) = to.trim().trim_matches(['<', '>']).rsplit_once('@') else { return Recipient::Elsewhere };
        if !domain.eq_ignore_ascii_case(&self.domain) {
            return Recipient::Elsewhere;
        }
        let local = local.to_ascii_lowercase();
        if local == self.local {
            return Recipient::Support;
        }
        let Some(tag) = local.strip_prefix(&self.local).and_then(|rest| rest.strip_prefix('+')) else { return Recipient::Elsewhere };
        match tag.split_once('.') {
            Some((ticket_id, signature)) if reply_signature_matches(secret, ticket_id, signature) => Recipient::Reply { ticket_id: ticket_id.to_string() },
            _ => Recipient::ForgedReply,
        }
    }

    /// The Message-ID of the mail `mail_id`, without angle brackets.
    pub fn message_id(&self, mail_id: &str) -> String {
        format!("m.{mail_id}@{}", self.domain)
    }

    /// The Message-ID every mail about `ticket_id` refers to, so clients show one thread.
    pub fn thread_id(&self, ticket_id: &str) -> String {
        format!("t.{ticket_id}@{}", self.domain)
    }

    /// Whether `message_id` is one of the mails we sent: such a mail coming in is a loop.
    pub fn sent_by_us(&self, message_id: &str) -> bool {
        matches!(self.reference(message_id), Some(Reference::Mail(_)))
    }

    /// Our mail or thread named by `message_id`, if it is one of ours.
    pub fn reference(&self, message_id: &str) -> Option<Reference> {
        let (local, domain) = message_id.trim().trim_matches(['<', '>']).rsplit_once('@')?;
        if !domain.eq_ignore_ascii_case(&self.domain) {
            return None;
        }
        let id = |rest: &str| (!rest.is_empty() && rest.len() <= 64 && rest.bytes().all(|b| b.is_ascii_alphanumeric())).then(|| rest.to_string());
        match local.split_once('.')? {
            ("m", rest) => id(rest).map(Reference::Mail),
            ("t", rest) => id(rest).map(Reference::Ticket),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"demo-site-secret-change-me";

    fn support() -> SupportAddress {
        SupportAddress::parse("Support@Galaxy-Video.test").unwrap()
    }

    #[test]
    fn only_plain_addresses_are_support_addresses() {
        assert_eq!(support().address(), "support@galaxy-video.test");
        for bad in ["", "support", "@x.test", "a b@x.test", "support+x@x.test", "support@"] {
            assert_eq!(SupportAddress::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_reply_address_names_its_ticket_and_nothing_else() {
        let reply = support().reply_address(SECRET, "abc123");
        assert!(reply.starts_with("support+abc123."), "{reply}");
        assert_eq!(support().recipient(SECRET, &reply), Recipient::Reply { ticket_id: "abc123".into() });
        assert_eq!(support().recipient(SECRET, &reply.to_uppercase()), Recipient::Reply { ticket_id: "abc123".into() });
        let other_ticket = reply.replace("abc123", "abc124");
        assert_eq!(support().recipient(SECRET, &other_ticket), Recipient::ForgedReply);
        assert_eq!(support().recipient(b"other", &reply), Recipient::ForgedReply);
        assert_eq!(support().recipient(SECRET, "support+abc123@galaxy-video.test"), Recipient::ForgedReply);
    }

    #[test]
    fn the_support_address_and_strangers_are_told_apart() {
        assert_eq!(support().recipient(SECRET, "<support@galaxy-video.test>"), Recipient::Support);
        assert_eq!(support().recipient(SECRET, "support@elsewhere.test"), Recipient::Elsewhere);
        assert_eq!(support().recipient(SECRET, "sales@galaxy-video.test"), Recipient::Elsewhere);
        assert_eq!(support().recipient(SECRET, "supporter@galaxy-video.test"), Recipient::Elsewhere);
        assert_eq!(support().recipient(SECRET, "no address"), Recipient::Elsewhere);
    }

    #[test]
    fn our_message_ids_are_recognised() {
        let s = support();
        assert_eq!(s.reference(&format!("<{}>", s.message_id("m1"))), Some(Reference::Mail("m1".into())));
        assert_eq!(s.reference(&s.thread_id("t9")), Some(Reference::Ticket("t9".into())));
        assert!(s.sent_by_us(&s.message_id("m1")));
        assert!(!s.sent_by_us(&s.thread_id("t9")));
        assert_eq!(s.reference("m.m1@elsewhere.test"), None);
        assert_eq!(s.reference("x.m1@galaxy-video.test"), None);
        assert_eq!(s.reference("m.@galaxy-video.test"), None);
        assert_eq!(s.reference("garbage"), None);
    }
}
