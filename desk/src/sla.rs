//! How fast a ticket must be answered and solved, by priority. Calendar hours unless the site
//! pauses its SLA clocks outside business hours ([`due_in`]); a breach is a flag for leads, not
//! a penalty clock.

use wire::tickets::Priority;

use crate::business_hours::BusinessHours;
use crate::{Millis, HOUR};

/// (first response, resolution) targets.
pub fn targets(priority: Priority) -> (Millis, Millis) {
    match priority {
        Priority::Urgent => (HOUR, 4 * HOUR),
        Priority::High => (4 * HOUR, 24 * HOUR),
        Priority::Normal => (8 * HOUR, 72 * HOUR),
        Priority::Low => (24 * HOUR, 120 * HOUR),
    }
}

/// Due times for a ticket created at `created_at`: recomputed when the priority changes, so
/// raising a ticket to urgent pulls its deadlines in.
pub fn due(priority: Priority, created_at: Millis) -> (Millis, Millis) {
    let (first, resolution) = targets(priority);
    (created_at + first, created_at + resolution)
}

/// Due times counted in the department's open time only: the targets are hours of work, and
/// the clock stands still while nobody is planned.
pub fn due_in(priority: Priority, created_at: Millis, hours: &BusinessHours) -> (Millis, Millis) {
    let (first, resolution) = targets(priority);
    (hours.add(created_at, first), hours.add(created_at, resolution))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_priority_is_due_sooner() {
        let order = [Priority::Low, Priority::Normal, Priority::High, Priority::Urgent];
        for pair in order.windows(2) {
            let (lo, hi) = (due(pair[0], 0), due(pair[1], 0));
            assert!(hi.0 < lo.0 && hi.1 < lo.1, "{pair:?}");
        }
        assert_eq!(due(Priority::Urgent, 1000), (1000 + HOUR, 1000 + 4 * HOUR));
    }

    #[test]
    fn business_hours_push_the_due_times_past_closed_time() {
        use crate::business_hours::Window;
        use crate::DAY;
        // Open 09:00–17:00 UTC every day; filed at 16:00 on day 0 (a Thursday).
        let hours = BusinessHours { utc_offset_minutes: 0, windows: (0..7).map(|weekday| Window { weekday, start_minute: 540, end_minute: 1020 }).collect(), holidays: Vec::new() };
        let filed = 16 * HOUR;
        // Urgent: 1 hour first response (ends 17:00 today), 4 hours resolution (1 today, 3 tomorrow).
        assert_eq!(due_in(Priority::Urgent, filed, &hours), (17 * HOUR, DAY + 12 * HOUR));
        // Normal: 8 hours (1 today, 7 tomorrow), 72 hours (9 working days: 1 + 8·8 + 7).
        assert_eq!(due_in(Priority::Normal, filed, &hours), (DAY + 16 * HOUR, 9 * DAY + 16 * HOUR));
    }
}
