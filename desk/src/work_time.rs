//! Ticket work time: how long agents worked on a case in the console, the ticket line's handle
//! time for staffing. A help desk cannot see an agent think, so it counts what it can see: the
//! case open on the agent's screen, from opening it until its last tab closes, with the clock
//! stopped whenever the agent did nothing on it (opened it again, typed in the composer, sent)
//! for longer than [`IDLE_AFTER_MS`]. A tab forgotten over lunch counts five minutes, not an hour.
//!
//! One agent's tabs on one case share one [`WorkClock`] (the edge copies it onto each of them),
//! so two tabs open side by side count once; two agents on a case count twice, as two people's
//! work does.

use serde::{Deserialize, Serialize};

use crate::Millis;

/// How long after the agent last did something on a case their time still counts as work on it
/// (reading a long thread, thinking out a reply). Past it, the case is left open, not worked.
pub const IDLE_AFTER_MS: Millis = 5 * 60_000;

/// One agent's time on one case since they opened it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkClock {
    /// When the agent opened the case (the session's start).
    pub since: Millis,
    /// The last thing they did on it.
    pub active_at: Millis,
    /// Work counted up to `active_at`.
    pub worked_ms: Millis,
}

impl WorkClock {
    pub fn start(now: Millis) -> WorkClock {
        WorkClock { since: now, active_at: now, worked_ms: 0 }
    }

    /// The agent did something on the case (typed, sent, opened another tab on it): the time
    /// since the last thing counts, up to the idle bound. A report that arrives late (an earlier
    /// `now`) adds nothing.
    pub fn active(&mut self, now: Millis) {
        self.worked_ms += credit(now - self.active_at);
        self.active_at = self.active_at.max(now);
    }

    /// The work of the session that ends now (the agent's last tab on the case closed).
    pub fn worked_until(&self, now: Millis) -> Millis {
        self.worked_ms + credit(now - self.active_at)
    }
}

fn credit(gap: Millis) -> Millis {
    gap.clamp(0, IDLE_AFTER_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Millis = 60_000;

    #[test]
    fn a_case_worked_without_pause_counts_from_opening_to_closing() {
        let mut clock = WorkClock::start(1_000);
        for minute in 1..=12 {
            clock.active(1_000 + minute * MIN);
        }
        assert_eq!(clock.worked_until(1_000 + 13 * MIN), 13 * MIN);
        assert_eq!(clock.since, 1_000);
    }

    #[test]
    fn idle_stretches_count_only_up_to_the_bound() {
        let mut clock = WorkClock::start(0);
        clock.active(2 * MIN);
        // Lunch with the case open: an hour without a keystroke counts five minutes.
        clock.active(62 * MIN);
        assert_eq!(clock.worked_ms, 2 * MIN + IDLE_AFTER_MS);
        // The tab left open overnight adds five more minutes, not the night.
        assert_eq!(clock.worked_until(62 * MIN + 12 * 60 * MIN), 2 * MIN + 2 * IDLE_AFTER_MS);
    }

    #[test]
    fn late_reports_and_a_clock_closed_at_its_last_activity_add_nothing() {
        let mut clock = WorkClock::start(10 * MIN);
        clock.active(12 * MIN);
        clock.active(11 * MIN);
        assert_eq!((clock.worked_ms, clock.active_at), (2 * MIN, 12 * MIN));
        assert_eq!(clock.worked_until(12 * MIN), 2 * MIN);
        assert_eq!(clock.worked_until(9 * MIN), 2 * MIN, "a close stamped before the last report");
    }
}
