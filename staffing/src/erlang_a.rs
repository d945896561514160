//! Erlang A (Palm's M/M/n+M): Erlang C's queue, but users give up after a random patience
//! (exponential, mean `patience_secs`). Users who leave the line lighten the load on those who
//! stay, so where people do give up, Erlang C is too pessimistic about waits; Erlang A says how
//! many wait, how many leave, and how many are answered within a target.
//!
//! Computed from the queue's birth-death chain (arrivals λ; `k ≤ n` busy agents finish at kμ;
//! beyond them, nμ plus (k−n)θ for those giving up), truncated where its tail is negligible, and
//! the wait of an arrival by following its place in line forward in small time steps.

use crate::erlang::{agents_needed as agents_needed_c, Load, Policy};

/// Where the chain is cut: past this many waiting users beyond the agents, or once the terms
/// fall below this share of the largest, the rest is negligible.
const MAX_QUEUE: usize = 5_000;
const NEGLIGIBLE: f64 = 1e-12;
/// Time steps per target when following an arrival's place in line.
const STEPS: usize = 2_000;

/// What Erlang A predicts for `servers` agents (one chat each) under `load`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Abandoning {
    /// The share of arrivals that wait at all.
    pub wait_probability: f64,
    /// The share of arrivals that give up before an agent takes them.
    pub abandon_probability: f64,
    /// The share of all arrivals an agent takes within the target.
    pub service_level: f64,
}

/// Erlang A for `servers` agents, `load`, mean patience `patience_secs`, target `within_secs`.
pub fn erlang_a(servers: u32, load: &Load, patience_secs: f64, within_secs: f64) -> Abandoning {
    let lambda = load.arrivals_per_hour / 3600.0;
    if lambda <= 0.0 || load.handle_secs <= 0.0 {
        return Abandoning { wait_probability: 0.0, abandon_probability: 0.0, service_level: 1.0 };
    }
    let (n, mu, theta) = (servers as usize, 1.0 / load.handle_secs, 1.0 / patience_secs.max(1e-9));
    let death = |k: usize| if k <= n { k as f64 * mu } else { n as f64 * mu + (k - n) as f64 * theta };
    // Unnormalised stationary probabilities, each from the one before (logs would only be needed
    // for thousands of agents; the ratio form keeps the numbers near 1 here).
    let mut terms = vec![1.0_f64];
    let mut largest = 1.0_f64;
    for k in 1..=n + MAX_QUEUE {
        let next = terms[k - 1] * lambda / death(k);
        largest = largest.max(next);
        terms.push(next);
        if k > n && next < largest * NEGLIGIBLE {
            break;
        }
        // Keep the numbers in range for large offered loads.
        if next > 1e250 {
            terms.iter_mut().for_each(|t| *t *= 1e-250);
            largest *= 1e-250;
        }
    }
    let total: f64 = terms.iter().sum();
    let pi: Vec<f64> = terms.iter().map(|t| t / total).collect();
    let waits: f64 = pi.iter().skip(n).sum();
    let queue_mean: f64 = pi.iter().enumerate().skip(n).map(|(k, p)| (k - n) as f64 * p).sum();
    let abandon_probability = theta * queue_mean / lambda;
    // An arrival finding k ≥ n takes place k − n + 1 in line. Follow the mass at each place:
    // place i moves up at nμ + (i−1)θ (a user answered or someone ahead leaving) and leaves the
    // line at θ (giving up itself); from place 1, moving up is being answered.
    let mut place: Vec<f64> = pi.iter().skip(n).copied().collect();
    let dt = within_secs / STEPS as f64;
    let mut answered_late = 0.0;
    for _ in 0..STEPS {
        let mut next = place.clone();
        for i in 0..place.len() {
            let up = n as f64 * mu + i as f64 * theta;
            let out = place[i] * (up + theta) * dt;
            next[i] -= out;
            if i == 0 {
                answered_late += place[0] * up * dt;
            } else {
                next[i - 1] += place[i] * up * dt;
            }
        }
        place = next;
    }
    Abandoning { wait_probability: waits, abandon_probability, service_level: (1.0 - waits) + answered_late }
}

/// The fewest agents that meet the policy's service level (the share of all arrivals answered
/// within the target: those who leave count as not answered) without agents busier than its
/// ceiling, when users' mean patience is `patience_secs`; 0 when no work arrives.
///
/// Users who leave only lighten the line, so Erlang C's answer is an upper bound: the search
/// walks down from it, one Erlang A computation per step.
pub fn agents_needed(load: &Load, policy: &Policy, patience_secs: f64) -> u32 {
    let concurrency = policy.concurrency.max(1);
    let erlangs = load.erlangs();
    if erlangs <= 0.0 {
        return 0;
    }
    let occupancy = policy.max_occupancy.clamp(0.05, 1.0);
    let share = policy.target.share.clamp(0.0, 0.9999);
    let meets = |servers: u32| {
        let a = erlang_a(servers, load, patience_secs, policy.target.within_secs);
        // The agents are busy with the work of those who stay.
        a.service_level >= share && erlangs * (1.0 - a.abandon_probability) / f64::from(servers) <= occupancy
    };
    let mut servers = agents_needed_c(load, policy) * concurrency;
    while servers > 1 && meets(servers - 1) {
        servers -= 1;
    }
    servers.div_ceil(concurrency)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::erlang::{service_level, wait_probability, Target};

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn with_endless_patience_it_is_erlang_c() {
        // The published worked example again (10 erlangs): patience of a year changes nothing.
        let load = Load { arrivals_per_hour: 200.0, handle_secs: 180.0 };
        for agents in [11, 12, 14] {
            let a = erlang_a(agents, &load, 3.0e7, 20.0);
            assert!(close(a.wait_probability, wait_probability(agents, 10.0), 1e-3), "{agents}: {a:?}");
            assert!(close(a.service_level, service_level(agents, &load, 20.0), 2e-3), "{agents}: {a:?}");
            assert!(a.abandon_probability < 1e-3);
        }
    }

    #[test]
    fn impatience_shortens_the_line_for_those_who_stay() {
        let load = Load { arrivals_per_hour: 200.0, handle_secs: 180.0 };
        let patient = erlang_a(11, &load, 3.0e7, 20.0);
        let impatient = erlang_a(11, &load, 60.0, 20.0);
        assert!(impatient.wait_probability < patient.wait_probability);
        assert!(impatient.service_level > patient.service_level);
        assert!(impatient.abandon_probability > 0.01 && impatient.abandon_probability < 0.2, "{impatient:?}");
    }

    #[test]
    fn impatient_users_need_fewer_agents_than_erlang_c_says_and_endless_patience_the_same() {
        let load = Load { arrivals_per_hour: 200.0, handle_secs: 180.0 };
        let policy = Policy { target: Target { within_secs: 20.0, share: 0.8 }, max_occupancy: 1.0, concurrency: 1 };
        assert_eq!(agents_needed_c(&load, &policy), 14);
        assert_eq!(agents_needed(&load, &policy, 3.0e7), 14, "nobody leaves: Erlang C's answer");
        let impatient = agents_needed(&load, &policy, 60.0);
        assert!(impatient < 14, "{impatient}");
        assert!(erlang_a(impatient, &load, 60.0, 20.0).service_level >= 0.8);
        assert!(erlang_a(impatient - 1, &load, 60.0, 20.0).service_level < 0.8, "the fewest");
        // Two chats at once halve the people, as with Erlang C; no arrivals need nobody.
        assert_eq!(agents_needed(&load, &Policy { concurrency: 2, ..policy }, 60.0), impatient.div_ceil(2));
        assert_eq!(agents_needed(&Load { arrivals_per_hour: 0.0, handle_secs: 180.0 }, &policy, 60.0), 0);
    }

    #[test]
    fn an_overloaded_desk_is_held_up_by_those_who_leave() {
        // 15 erlangs on 10 agents: Erlang C has no steady state; Erlang A does: most wait, and about a third
        // leaving (the agents can take 10 of every 15 arrivals).
        let load = Load { arrivals_per_hour: 300.0, handle_secs: 180.0 };
        let a = erlang_a(10, &load, 120.0, 20.0);
        assert!(a.wait_probability > 0.8 && a.wait_probability <= 1.0, "{a:?}");
        assert!(close(a.abandon_probability, 1.0 - 10.0 / 15.0, 0.05), "{a:?}");
    }
}
