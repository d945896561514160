//! What the scheduled sweep does to one ticket: ask solved tickets whether they stayed solved,
//! close them after a while, and flag SLA breaches once each.

use wire::tickets::{Change, SlaTarget, Status};

use crate::ticket::system_actor;
use crate::{Event, Millis, Ticket, DAY};


/// "Is it still solved?" is asked this long after solving.
pub const FOLLOW_UP_AFTER: Millis = DAY;
/// Solved tickets close this long after solving, asked or not.
pub const CLOSE_AFTER: Millis = 4 * DAY;

impl Ticket {
    /// The sweep's events for this ticket at `now` (none when nothing is due). `tasks_open`:
    /// linked tasks the owner kept open when solving still wait for their department's answer.
    /// Such a case is not closed: a closed case takes nothing more, so the answer the owner
    /// asked to keep would have nowhere to go, and the task would be cut off from its case. It
    /// closes at the first sweep after its last task is answered or cancelled (an overdue task
    /// is told to its department's leads meanwhile); the follow-up question is asked as usual.
    pub fn sweep(&mut self, now: Millis, tasks_open: bool) -> Vec<Event> {
        let actor = system_actor();
        let mut events = Vec::new();
        if self.status == Status::Solved {
            let solved_at = self.solved_at.unwrap_or(self.updated_at);
            if now >= solved_at + CLOSE_AFTER && !tasks_open {
                self.follow_up_pending = false;
                events.extend(self.move_to(&actor, Status::Closed, now));
                return events;
            }
            if now >= solved_at + FOLLOW_UP_AFTER && self.follow_up_asked_at.is_none() {
                self.follow_up_asked_at = Some(now);
                self.follow_up_pending = true;
                events.push(self.event(&actor, Change::FollowUpAsked, now));
            }
            return events;
        }
        if matches!(self.status, Status::Closed) {
            return events;
        }
        if !self.first_response_breached && self.first_response_at.is_none() && now > self.first_response_due {
            self.first_response_breached = true;
            events.push(self.event(&actor, Change::SlaBreached { target: SlaTarget::FirstResponse }, now));
        }
        if !self.resolution_breached && now > self.resolution_due {
            self.resolution_breached = true;
            events.push(self.event(&actor, Change::SlaBreached { target: SlaTarget::Resolution }, now));
        }
        events
    }
}
