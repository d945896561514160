//! Signed links back into a ticket: what a mail carries so its reader can open the ticket on
//! any device (access), answer "still solved?" (yes / no) or stop the mails (unsubscribe),
//! without a password. A link names its purpose, the ticket, the ticket's link generation and
//! an expiry, signed with HMAC-SHA256 under the site secret; raising the generation
//! (`mail_threads.link_generation`) revokes every link sent before.
//!
//! ```
//! use mail::link::{Link, Purpose};
//! let link = Link { purpose: Purpose::Access, ticket_id: "7f3a".into(), generation: 0, expires_at: 2_000 };
//! let token = link.sign(b"site secret");
//! assert_eq!(Link::verify(b"site secret", &token, 1_000, 0), Ok(link));
//! ```

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// How long an access or follow-up link works: a requester may come back to a mail weeks later.
pub const ACCESS_LIFETIME_MS: i64 = 30 * 24 * 3600 * 1000;
/// Unsubscribing must keep working as long as mails may be read (CAN-SPAM asks 30 days at the
/// least); a year.
pub const UNSUBSCRIBE_LIFETIME_MS: i64 = 365 * 24 * 3600 * 1000;

/// What a link lets its holder do, and nothing else: a leaked unsubscribe link opens no ticket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Open the ticket as its requester (read, answer).
    Access,
    /// Answer the follow-up question: the ticket stayed solved.
    StillSolved,
    /// Answer the follow-up question: it did not.
    NotSolved,
    /// Stop the mails about this ticket.
    Unsubscribe,
}

impl Purpose {
    fn code(self) -> char {
        match self {
            Purpose::Access => 'a',
            Purpose::StillSolved => 'y',
            Purpose::NotSolved => 'n',
            Purpose::Unsubscribe => 'u',
        }
    }

    fn from_code(code: &str) -> Option<Purpose> {
        [Purpose::Access, Purpose::StillSolved, Purpose::NotSolved, Purpose::Unsubscribe].into_iter().find(|p| code.len() == 1 && code.starts_with(p.code()))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub purpose: Purpose,
    pub ticket_id: String,
    /// The ticket's link generation when the link was made.
    pub generation: i64,
    /// Milliseconds since the epoch.
    pub expires_at: i64,
}

/// Why a link does not work. `Forged` and `Malformed` are told apart only in logs: the reader
/// of the page learns only that the link does not work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkError {
    Malformed,
    Forged,
    Expired,
    Revoked,
}

impl Link {
    /// `purpose.ticket.generation.expiry.signature`: URL-safe as it is (hex and dots).
    pub fn sign(&self, secret: &[u8]) -> String {
        let claims = self.claims();
        format!("{claims}.{}", signature(secret, &claims))
    }

    /// The link in `token`, if the site signed it, it has not expired at `now`, and the
    /// ticket's links have not been revoked since (`generation` is the ticket's current one).
    pub fn verify(secret: &[u8], token: &str, now: i64, generation: i64) -> Result<Link, LinkError> {
        let link = Link::read(token)?;
        let (_, given) = token.rsplit_once('.').ok_or(LinkError::Malformed)?;
        if !signature_matches(secret, &link.claims(), given) {
            return Err(LinkError::Forged);
        }
        if now >= link.expires_at {
            return Err(LinkError::Expired);
        }
        if link.generation != generation {
            return Err(LinkError::Revoked);
        }
        Ok(link)
    }

    /// The claims of `token` before any check: which ticket's generation to look up. Nothing
    /// read here may be trusted until [`Link::verify`] says so.
    pub fn read(token: &str) -> Result<Link, LinkError> {
        let mut fields = token.split('.');
        let (Some(purpose), Some(ticket_id), Some(generation), Some(expires_at), Some(_), None) =
            (fields.next(), fields.next(), fields.next(), fields.next(), fields.next(), fields.next())
        else {
            return Err(LinkError::Malformed);
        };
        let purpose = Purpose::from_code(purpose).ok_or(LinkError::Malformed)?;
        if ticket_id.is_empty() || ticket_id.len() > 64 || !ticket_id.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Err(LinkError::Malformed);
        }
        let generation = generation.parse().map_err(|_| LinkError::Malformed)?;
        let expires_at = expires_at.parse().map_err(|_| LinkError::Malformed)?;
        Ok(Link { purpose, ticket_id: ticket_id.to_string(), generation, expires_at })
    }

    fn claims(&self) -> String {
        format!("{}.{}.{}.{}", self.purpose.code(), self.ticket_id, self.generation, self.expires_at)
    }
}

/// HMAC-SHA256 of `message` under `secret` with a label, so a mail link's signature can never
/// stand for a user hash or a requester token made with the same site secret.
fn mac(secret: &[u8], label: &str, message: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(label.as_bytes());
    mac.update(b"\0");
    mac.update(message.as_bytes());
    mac
}

/// 128 bits of the link's HMAC, hex.
fn signature(secret: &[u8], claims: &str) -> String {
    hex::encode(&mac(secret, "mail-link", claims).finalize().into_bytes()[..16])
}

fn signature_matches(secret: &[u8], claims: &str, given: &str) -> bool {
    let Ok(given) = hex::decode(given) else { return false };
    given.len() == 16 && mac(secret, "mail-link", claims).verify_truncated_left(&given).is_ok()
}

/// The signature a reply address carries for its ticket (80 bits: the local part of an
/// address is short, and a guess costs a mail each).
pub(crate) fn reply_signature(secret: &[u8], ticket_id: &str) -> String {
    hex::encode(&mac(secret, "mail-reply", ticket_id).finalize().into_bytes()[..10])
}

pub(crate) fn reply_signature_matches(secret: &[u8], ticket_id: &str, given: &str) -> bool {
    let Ok(given) = hex::decode(given) else { return false };
    given.len() == 10 && mac(secret, "mail-reply", ticket_id).verify_truncated_left(&given).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"demo-site-secret-change-me";

    fn link(purpose: Purpose) -> Link {
        Link { purpose, ticket_id: "0123456789abcdef0123456789abcdef".into(), generation: 2, expires_at: 10_000 }
    }

    #[test]
    fn a_signed_link_verifies_until_it_expires() {
        let token = link(Purpose::Access).sign(SECRET);
        assert_eq!(Link::verify(SECRET, &token, 9_999, 2), Ok(link(Purpose::Access)));
        assert_eq!(Link::verify(SECRET, &token, 10_000, 2), Err(LinkError::Expired));
    }

    #[test]
    fn a_raised_generation_revokes_the_links_made_before() {
        let token = link(Purpose::Access).sign(SECRET);
        assert_eq!(Link::verify(SECRET, &token, 0, 3), Err(LinkError::Revoked));
    }

    #[test]
    fn changing_any_claim_or_the_secret_breaks_the_signature() {
        let token = link(Purpose::Unsubscribe).sign(SECRET);
        let signature = token.rsplit_once('.').unwrap().1;
        for forged in [
            format!("a.0123456789abcdef0123456789abcdef.2.10000.{signature}"),
            format!("u.0123456789abcdef0123456789abcdee.2.10000.{signature}"),
            format!("u.0123456789abcdef0123456789abcdef.3.10000.{signature}"),
            format!("u.0123456789abcdef0123456789abcdef.2.99999.{signature}"),
        ] {
            assert_eq!(Link::verify(SECRET, &forged, 0, 2).map(|_| ()), Err(LinkError::Forged), "{forged}");
        }
        assert_eq!(Link::verify(b"another secret", &token, 0, 2), Err(LinkError::Forged));
        assert_eq!(Link::verify(SECRET, &token[..token.len() - 2], 0, 2), Err(LinkError::Forged));
    }

    #[test]
    fn malformed_tokens_are_refused_without_panicking() {
        for token in ["", ".", "a.b", "x.abc.1.2.00", "a..1.2.00", "a.abc.one.2.00", "a.abc.1.2.00.extra", "a.ab-c.1.2.00", "aa.abc.1.2.00"] {
            assert_eq!(Link::verify(SECRET, token, 0, 1), Err(LinkError::Malformed), "{token}");
        }
    }

    #[test]
    fn reply_signatures_belong_to_one_ticket() {
        let signature = reply_signature(SECRET, "t1");
        assert!(reply_signature_matches(SECRET, "t1", &signature));
        assert!(!reply_signature_matches(SECRET, "t2", &signature));
        assert!(!reply_signature_matches(b"other", "t1", &signature));
        assert!(!reply_signature_matches(SECRET, "t1", "zz"));
    }
}
