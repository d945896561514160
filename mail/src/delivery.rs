//! When a mail goes: which ticket events mail the requester, how a burst of replies becomes one
//! mail, and how often a failed send is tried again.
//!
//! Each event that mails is taken up once, by its event id (the edge's `mail_events` row keyed
//! by the event's sequence number), so a retry of the sweep or of a send never mails it twice.

use wire::mail::MailKind;
use wire::tickets::{ActorKind, Change, Status};

/// Replies within this long of the last mail about the ticket wait and go as one mail.
pub const THROTTLE_MS: i64 = 60_000;
/// Sends of one mail before it is given up as failed.
pub const ATTEMPTS: i64 = 6;

/// What an event of the ticket's log tells the requester by mail, if anything: an agent's public
/// message, or the ticket turning solved. Notes, the requester's own words and the system's
/// flags mail nobody.
pub fn kind_of(actor: ActorKind, change: &Change) -> Option<MailKind> {
    match change {
        Change::Message { .. } if actor == ActorKind::Agent => Some(MailKind::Reply),
        Change::Status { to: Status::Solved, .. } => Some(MailKind::Solved),
        _ => None,
    }
}

/// When the events waiting for a ticket's mail may go: at once, unless a mail about the
/// ticket went out less than [`THROTTLE_MS`] ago; then when that minute is over, and whatever
/// gathered by then goes in one mail.
pub fn due_at(last_mail_at: Option<i64>, first_waiting_at: i64) -> i64 {
    match last_mail_at {
        Some(last) => first_waiting_at.max(last + THROTTLE_MS),
        None => first_waiting_at,
    }
}

/// The waiting events of one ticket, oldest first, grouped into mails: consecutive replies go
/// together; a solved ticket gets its own mail (it asks a question the replies do not).
pub fn group<T: Clone>(waiting: &[(MailKind, T)]) -> Vec<(MailKind, Vec<T>)> {
    let mut mails: Vec<(MailKind, Vec<T>)> = Vec::new();
    for (kind, event) in waiting {
        match mails.last_mut() {
            Some((MailKind::Reply, events)) if *kind == MailKind::Reply => events.push(event.clone()),
            _ => mails.push((*kind, vec![event.clone()])),
        }
    }
    mails
}

/// After the `attempts`-th failed send, when to try again (ms later), or `None`: give up.
/// One minute, then four times longer each time (1, 4, 16, 64, 256 minutes).
pub fn retry_after(attempts: i64) -> Option<i64> {
    (1..ATTEMPTS).contains(&attempts).then(|| 60_000 * 4_i64.pow(attempts as u32 - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_messages_and_solving_mail_the_requester() {
        let message = Change::Message { text: "hi".into() };
        assert_eq!(kind_of(ActorKind::Agent, &message), Some(MailKind::Reply));
        assert_eq!(kind_of(ActorKind::Requester, &message), None);
        assert_eq!(kind_of(ActorKind::Agent, &Change::Note { text: "x".into() }), None);
        assert_eq!(kind_of(ActorKind::Agent, &Change::Status { from: Status::Open, to: Status::Solved }), Some(MailKind::Solved));
        assert_eq!(kind_of(ActorKind::System, &Change::Status { from: Status::Solved, to: Status::Closed }), None);
    }

    #[test]
    fn replies_within_a_minute_of_a_mail_wait_for_the_minute_to_end() {
        assert_eq!(due_at(None, 5_000), 5_000);
        assert_eq!(due_at(Some(1_000), 5_000), 61_000);
        assert_eq!(due_at(Some(1_000), 70_000), 70_000);
    }

    #[test]
    fn a_burst_of_replies_is_one_mail_and_solved_its_own() {
        let waiting = [(MailKind::Reply, 1), (MailKind::Reply, 2), (MailKind::Solved, 3), (MailKind::Reply, 4)];
        assert_eq!(group(&waiting), vec![(MailKind::Reply, vec![1, 2]), (MailKind::Solved, vec![3]), (MailKind::Reply, vec![4])]);
        assert_eq!(group::<u8>(&[]), vec![]);
    }

    #[test]
    fn retries_back_off_and_end() {
        assert_eq!(retry_after(0), None);
        assert_eq!(retry_after(1), Some(60_000));
        assert_eq!(retry_after(2), Some(240_000));
        assert_eq!(retry_after(5), Some(60_000 * 256));
        assert_eq!(retry_after(ATTEMPTS), None);
    }
}
