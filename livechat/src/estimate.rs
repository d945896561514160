//! How long a waiting user should expect to wait.
//!
//! With `s` chat slots serving a department and a mean handle time `h`, slots free up at about
//! `s / h` per second once all are busy. A user with `ahead` chats in front of them and `free`
//! slots open now waits for `ahead - free + 1` slots to free up: about `(ahead - free + 1) * h / s`.
//! The mean comes from the department's recent chats, so the estimate follows the real pace.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

/// Until a department has history, assume chats take six minutes, a common help-desk figure.
const PRIOR_HANDLE_SECS: f64 = 360.0;
/// How many recent chats the mean looks back on: enough to smooth, few enough to follow a shift.
const WINDOW: usize = 50;

/// Recent handle times per department, in seconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HandleTimes {
    recent: BTreeMap<String, VecDeque<u32>>,
}

impl HandleTimes {
    pub fn record(&mut self, department: &str, handle_secs: u32) {
        let window = self.recent.entry(department.to_string()).or_default();
        if window.len() == WINDOW {
            window.pop_front();
        }
        window.push_back(handle_secs);
    }

    /// Mean handle time of the department's recent chats, else of all recent chats, else the prior.
    pub fn mean_secs(&self, department: &str) -> f64 {
        let mean = |times: &mut dyn Iterator<Item = &u32>| {
            let (sum, count) = times.fold((0.0, 0usize), |(s, n), &t| (s + t as f64, n + 1));
            (count > 0).then(|| sum / count as f64)
        };
        self.recent
            .get(department)
            .and_then(|w| mean(&mut w.iter()))
            .or_else(|| mean(&mut self.recent.values().flatten()))
            .unwrap_or(PRIOR_HANDLE_SECS)
    }
}

/// Expected seconds until a slot opens for a user with `ahead` chats in front of them, or `None`
/// when no online agent serves the department (nobody will come: offer a ticket instead).
pub fn expected_wait_secs(ahead: u32, free_slots: u32, serving_slots: u32, mean_handle_secs: f64) -> Option<u64> {
    if serving_slots == 0 {
        return None;
    }
    if ahead < free_slots {
        return Some(0);
    }
    let slots_to_free = (ahead - free_slots + 1) as f64;
    Some((slots_to_free * mean_handle_secs / serving_slots as f64).ceil() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nobody_serving_means_no_estimate() {
        assert_eq!(expected_wait_secs(0, 0, 0, 300.0), None);
    }

    #[test]
    fn a_free_slot_means_no_wait() {
        assert_eq!(expected_wait_secs(1, 2, 4, 300.0), Some(0));
    }

    #[test]
    fn the_wait_grows_with_the_line_and_shrinks_with_agents() {
        let one_agent = expected_wait_secs(3, 0, 1, 300.0).unwrap();
        let three_agents = expected_wait_secs(3, 0, 3, 300.0).unwrap();
        assert_eq!(one_agent, 1200);
        assert_eq!(three_agents, 400);
        assert!(expected_wait_secs(6, 0, 3, 300.0).unwrap() > three_agents);
    }

    #[test]
    fn the_mean_follows_the_department_then_everyone_then_the_prior() {
        let mut times = HandleTimes::default();
        assert_eq!(times.mean_secs("billing"), PRIOR_HANDLE_SECS);
        times.record("security", 600);
        assert_eq!(times.mean_secs("billing"), 600.0);
        times.record("billing", 100);
        times.record("billing", 200);
        assert_eq!(times.mean_secs("billing"), 150.0);
    }

    #[test]
    fn the_window_forgets_old_chats() {
        let mut times = HandleTimes::default();
        times.record("general", 10_000);
        for _ in 0..WINDOW {
            times.record("general", 100);
        }
        assert_eq!(times.mean_secs("general"), 100.0);
    }
}
