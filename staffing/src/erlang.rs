//! Erlang C: arrivals at random (Poisson), handle times at random (exponential), `n` agents,
//! nobody gives up. The classic call-centre staffing model: it answers "how likely is a user to
//! wait, and for how long" for a given number of agents, and so "how many agents are needed".
//!
//! Chat agents take several conversations at once; the model counts conversation slots, and
//! [`Policy::concurrency`] turns slots back into people.

use serde::{Deserialize, Serialize};

/// Work arriving at a queue.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Load {
    pub arrivals_per_hour: f64,
    /// Mean time an agent spends on one contact, in seconds.
    pub handle_secs: f64,
}

impl Load {
    /// The offered traffic in erlangs: how many agents the work keeps busy on average.
    pub fn erlangs(&self) -> f64 {
        (self.arrivals_per_hour * self.handle_secs / 3600.0).max(0.0)
    }
}

/// A service level: `share` of contacts answered within `within_secs` (80 % in 20 s, say).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub within_secs: f64,
    pub share: f64,
}

/// What a lead asks of a queue's staffing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub target: Target,
    /// The busiest an agent should be on average (0.85: 15 % of the time free), so a plan that
    /// meets the service level only by running everyone flat out is not offered.
    pub max_occupancy: f64,
    /// Contacts one agent handles at once (chats: often 2; tickets and calls: 1).
    pub concurrency: u32,
}

/// The probability that an arrival waits at all (Erlang C) with `servers` serving `erlangs` of
/// traffic; 1 when they cannot keep up (`servers ≤ erlangs`: the queue grows without end).
pub fn wait_probability(servers: u32, erlangs: f64) -> f64 {
    if erlangs <= 0.0 {
        return 0.0;
    }
    let n = servers as f64;
    if n <= erlangs {
        return 1.0;
    }
    // Erlang B by its recursion (no factorials or powers, so no overflow at any size), then
    // Erlang C from it.
    let blocked = (1..=servers).fold(1.0, |b, k| erlangs * b / (k as f64 + erlangs * b));
    n * blocked / (n - erlangs * (1.0 - blocked))
}

/// The share of arrivals answered within `within_secs`.
pub fn service_level(servers: u32, load: &Load, within_secs: f64) -> f64 {
    let (n, a) = (servers as f64, load.erlangs());
    if a <= 0.0 {
        return 1.0;
    }
    if n <= a || load.handle_secs <= 0.0 {
        return 0.0;
    }
    1.0 - wait_probability(servers, a) * (-(n - a) * within_secs / load.handle_secs).exp()
}

/// The mean wait over all arrivals (the average speed of answer), in seconds; infinite when
/// the servers cannot keep up.
pub fn mean_wait_secs(servers: u32, load: &Load) -> f64 {
    let (n, a) = (servers as f64, load.erlangs());
    if a <= 0.0 {
        return 0.0;
    }
    if n <= a {
        return f64::INFINITY;
    }
    wait_probability(servers, a) * load.handle_secs / (n - a)
}

/// The fewest agents that meet the policy's service level and occupancy for this load (0 when
/// no work arrives).
pub fn agents_needed(load: &Load, policy: &Policy) -> u32 {
    let erlangs = load.erlangs();
    if erlangs <= 0.0 {
        return 0;
    }
    let occupancy = policy.max_occupancy.clamp(0.05, 1.0);
    let share = policy.target.share.clamp(0.0, 0.9999);
    // Start where the servers just keep up and add one at a time: the service level rises with
    // each server, so the first that passes is the fewest.
    let mut servers = (erlangs / occupancy).floor() as u32 + 1;
    while service_level(servers, load, policy.target.within_secs) < share {
        servers += 1;
    }
    servers.div_ceil(policy.concurrency.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn two_servers_one_erlang_wait_a_third_of_the_time() {
        // By hand: C(2, 1) = (1/2 · 2/1) / (1 + 1 + 1) = 1/3.
        assert!(close(wait_probability(2, 1.0), 1.0 / 3.0, 1e-12));
    }

    #[test]
    fn the_published_worked_example_is_reproduced() {
        // Call Centre Helper's Erlang C worked example: 100 calls in 30 minutes of 3 minutes
        // each (10 erlangs), 80 % to be answered in 20 s. Its table: the chance of waiting is
        // 68.21 % with 11 agents, 44.94 % with 12, 28.53 % with 13, 17.41 % with 14; 13 agents
        // answer 79.6 % in 20 s, 14 answer 88.8 %, so 14 are needed.
        let load = Load { arrivals_per_hour: 200.0, handle_secs: 180.0 };
        assert!(close(load.erlangs(), 10.0, 1e-12));
        for (agents, waits) in [(11, 0.6821), (12, 0.4494), (13, 0.2853), (14, 0.1741)] {
            assert!(close(wait_probability(agents, 10.0), waits, 5e-5), "{agents} agents");
        }
        assert!(close(service_level(13, &load, 20.0), 0.7956, 5e-4));
        assert!(close(service_level(14, &load, 20.0), 0.8884, 5e-4));
        assert!(close(mean_wait_secs(14, &load), 7.8, 0.05));
        let policy = Policy { target: Target { within_secs: 20.0, share: 0.8 }, max_occupancy: 1.0, concurrency: 1 };
        assert_eq!(agents_needed(&load, &policy), 14);
    }

    #[test]
    fn the_textbook_curve_reading_is_reproduced() {
        // 120 customers an hour, 3 minutes each, 10 assistants: 6 erlangs, and "from the Erlang
        // C curve the probability of waiting is about 0.10".
        assert!(close(wait_probability(10, 6.0), 0.1013, 5e-4));
    }

    #[test]
    fn an_overloaded_queue_always_waits_and_never_meets_a_target() {
        let load = Load { arrivals_per_hour: 60.0, handle_secs: 600.0 };
        assert_eq!(wait_probability(10, load.erlangs()), 1.0);
        assert_eq!(service_level(10, &load, 60.0), 0.0);
        assert!(mean_wait_secs(10, &load).is_infinite());
    }

    #[test]
    fn large_queues_stay_finite_and_ordered() {
        // 500 erlangs: factorials would overflow; the recursion does not.
        let load = Load { arrivals_per_hour: 6000.0, handle_secs: 300.0 };
        let (at_510, at_530) = (wait_probability(510, load.erlangs()), wait_probability(530, load.erlangs()));
        assert!(at_510.is_finite() && at_530 < at_510 && at_530 > 0.0);
    }

    #[test]
    fn occupancy_and_concurrency_shape_the_answer() {
        let load = Load { arrivals_per_hour: 200.0, handle_secs: 180.0 };
        let easy = Target { within_secs: 600.0, share: 0.5 };
        // A loose target is met by 11 servers, but 10 erlangs on 11 agents is 91 % busy.
        assert_eq!(agents_needed(&load, &Policy { target: easy, max_occupancy: 1.0, concurrency: 1 }), 11);
        assert_eq!(agents_needed(&load, &Policy { target: easy, max_occupancy: 0.8, concurrency: 1 }), 13);
        // Two chats at once: 14 slots are 7 people.
        let chats = Policy { target: Target { within_secs: 20.0, share: 0.8 }, max_occupancy: 1.0, concurrency: 2 };
        assert_eq!(agents_needed(&load, &chats), 7);
        assert_eq!(agents_needed(&Load { arrivals_per_hour: 0.0, handle_secs: 180.0 }, &chats), 0);
    }
}
