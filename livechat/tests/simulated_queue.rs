//! The wait estimate against a simulated help desk: users arrive at random, agents take chats of
//! random length, and every user's promised wait is compared with the wait they really had.

use std::collections::HashMap;

use livechat::{AgentProfile, Assignment, ChatDetails, DispatchSettings, Dispatcher, Presence, Priority, WaitingChat};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

const SECOND: u64 = 1000;

struct Outcome {
    promised_secs: f64,
    waited_secs: f64,
}

fn exponential(rng: &mut SmallRng, mean: f64) -> f64 {
    -mean * (1.0 - rng.random::<f64>()).ln()
}

/// A desk under simulation: the dispatcher plus the chats in progress and the promises made.
struct Simulation {
    rng: SmallRng,
    desk: Dispatcher,
    mean_handle: f64,
    /// Chats in progress as (end time, chat id), latest first so the next to end is last.
    ends: Vec<(u64, String)>,
    promised: HashMap<String, f64>,
    outcomes: Vec<Outcome>,
}

impl Simulation {
    fn arrive(&mut self, chat_id: String, now: u64) {
        let details = ChatDetails { ticket_id: format!("t-{chat_id}"), reasons: Vec::new(), first_message: "hi".into(), transfer_note: None };
        let chat = WaitingChat { chat_id: chat_id.clone(), department: "general".into(), priority: Priority::Normal, since: now, details };
        let assignments = self.desk.enqueue(chat, now).unwrap();
        if assignments.is_empty() {
            let status = self.desk.queue_status().into_iter().find(|s| s.chat_id == chat_id).unwrap();
            self.promised.insert(chat_id, status.estimated_wait_secs.unwrap() as f64);
        }
        self.start(assignments, now);
    }

    fn end_next(&mut self) {
        let (now, chat_id) = self.ends.pop().unwrap();
        let assignments = self.desk.end_chat(&chat_id, now).unwrap();
        self.start(assignments, now);
    }

    fn start(&mut self, assignments: Vec<Assignment>, now: u64) {
        for assignment in assignments {
            if let Some(promised_secs) = self.promised.remove(&assignment.chat_id) {
                self.outcomes.push(Outcome { promised_secs, waited_secs: assignment.waited_ms as f64 / 1000.0 });
            }
            let length = (exponential(&mut self.rng, self.mean_handle) * SECOND as f64) as u64;
            self.ends.push((now + length.max(SECOND), assignment.chat_id));
            self.ends.sort_by(|a, b| b.0.cmp(&a.0));
        }
    }
}

/// Runs a busy afternoon: `agents` agents of capacity 2, chats of `mean_handle` seconds on
/// average, arrivals at `load` of what the agents can take. Returns each queued user's outcome.
fn simulate(seed: u64, agents: u32, mean_handle: f64, load: f64, arrivals: usize) -> Vec<Outcome> {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    for i in 0..agents {
        let profile = AgentProfile { agent_id: format!("a{i}"), name: format!("A{i}"), departments: vec!["general".into()], capacity: 2 };
        desk.update_agent(profile, Presence::Online, 0);
    }
    let mut sim = Simulation {
        rng: SmallRng::seed_from_u64(seed),
        desk,
        mean_handle,
        ends: Vec::new(),
        promised: HashMap::new(),
        outcomes: Vec::new(),
    };
    let arrival_mean = mean_handle / (2.0 * agents as f64 * load);
    let mut next_arrival = 0u64;
    let mut arrived = 0;
    while arrived < arrivals || !sim.ends.is_empty() {
        let next_end = sim.ends.last().map(|e| e.0);
        if arrived < arrivals && next_end.is_none_or(|end| next_arrival <= end) {
            sim.arrive(format!("c{arrived}"), next_arrival);
            arrived += 1;
            next_arrival += (exponential(&mut sim.rng, arrival_mean) * SECOND as f64) as u64;
        } else {
            sim.end_next();
        }
    }
    sim.outcomes
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0), |(s, n), v| (s + v, n + 1));
    sum / n as f64
}

#[test]
fn promised_waits_match_real_waits_on_a_busy_desk() {
    for seed in [1, 2, 3] {
        // Warm-up: the first chats teach the estimate the desk's real pace (the prior is 6 min,
        // this desk takes 4); judge the promises made after that.
        let outcomes = simulate(seed, 3, 240.0, 0.95, 1500);
        let judged = &outcomes[outcomes.len() / 5..];
        let promised = mean(judged.iter().map(|o| o.promised_secs));
        let waited = mean(judged.iter().map(|o| o.waited_secs));
        let error = mean(judged.iter().map(|o| (o.promised_secs - o.waited_secs).abs()));
        println!("seed {seed}: {} queued, mean promised {promised:.0}s, mean waited {waited:.0}s, mean abs error {error:.0}s", judged.len());
        assert!(judged.len() > 100, "the desk should be busy enough to queue users");
        assert!((promised / waited - 1.0).abs() < 0.25, "promises are biased: {promised:.0}s vs {waited:.0}s");
        assert!(error < 0.6 * waited, "promises are too scattered: error {error:.0}s, mean wait {waited:.0}s");
    }
}

#[test]
fn more_agents_shorten_the_promised_wait() {
    let few = simulate(7, 2, 300.0, 0.9, 600);
    let judged_few = mean(few[few.len() / 5..].iter().map(|o| o.promised_secs));
    let many = simulate(7, 4, 300.0, 0.45, 600);
    let judged_many = mean(many.iter().map(|o| o.promised_secs));
    assert!(judged_many < judged_few, "{judged_many:.0}s with more agents vs {judged_few:.0}s");
}
