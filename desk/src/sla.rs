//! How fast a ticket must be answered and solved, by priority. Calendar hours: the demo site
//! staffs every day, and a breach is a flag for leads, not a penalty clock.

use wire::tickets::Priority;

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
}
