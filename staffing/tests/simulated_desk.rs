//! Erlang C against the live-chat desk itself: users arrive at random, livechat's dispatcher
//! hands them to agents who take one chat at a time for a random length, and the waits the
//! users really had are compared with what the model predicts for that many agents.

use livechat::{AgentProfile, Assignment, ChatDetails, DispatchSettings, Dispatcher, Presence, Priority, WaitingChat};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use staffing::{service_level, wait_probability, Load};

fn exponential(rng: &mut SmallRng, mean: f64) -> f64 {
    -mean * (1.0 - rng.random::<f64>()).ln()
}

/// Every user's wait in seconds, from a desk of `agents` agents (one chat each) under `load`.
fn waits(seed: u64, agents: u32, load: &Load, arrivals: usize) -> Vec<f64> {
    let mut desk = Dispatcher::new(DispatchSettings { auto_assign: true, max_wait_secs: u64::MAX / 4 });
    for i in 0..agents {
        let profile = AgentProfile { agent_id: format!("a{i}"), name: format!("A{i}"), departments: vec!["billing".into()], capacity: 1 };
        desk.update_agent(profile, Presence::Online, 0);
    }
    let mut rng = SmallRng::seed_from_u64(seed);
    let mean_gap_ms = 3_600_000.0 / load.arrivals_per_hour;
    // Chats in progress as (end, chat id), the next to end last.
    let mut ends: Vec<(u64, String)> = Vec::new();
    let mut waited = Vec::with_capacity(arrivals);
    let mut start = |assignments: Vec<Assignment>, now: u64, ends: &mut Vec<(u64, String)>, rng: &mut SmallRng| {
        for assignment in assignments {
            waited.push(assignment.waited_ms as f64 / 1000.0);
            let length = (exponential(rng, load.handle_secs) * 1000.0) as u64;
            ends.push((now + length.max(1), assignment.chat_id));
            ends.sort_by_key(|end| std::cmp::Reverse(end.0));
        }
    };
    let (mut next_arrival, mut arrived) = (0u64, 0usize);
    while arrived < arrivals || !ends.is_empty() {
        if arrived < arrivals && ends.last().is_none_or(|end| next_arrival <= end.0) {
            let details = ChatDetails { ticket_id: format!("t{arrived}"), reasons: Vec::new(), first_message: "hi".into(), transfer_note: None };
            let chat = WaitingChat { chat_id: format!("c{arrived}"), department: "billing".into(), priority: Priority::Normal, since: next_arrival, details };
            let assignments = desk.enqueue(chat, next_arrival).expect("the desk takes every chat");
            start(assignments, next_arrival, &mut ends, &mut rng);
            arrived += 1;
            next_arrival += exponential(&mut rng, mean_gap_ms) as u64;
        } else {
            let (now, chat_id) = ends.pop().expect("a chat in progress");
            let assignments = desk.end_chat(&chat_id, now).expect("the chat was assigned");
            start(assignments, now, &mut ends, &mut rng);
        }
    }
    waited
}

#[test]
fn the_desk_waits_as_erlang_c_predicts() {
    // 10 erlangs (200 chats an hour of 3 minutes) on 12 and on 14 agents.
    let load = Load { arrivals_per_hour: 200.0, handle_secs: 180.0 };
    for agents in [12, 14] {
        let mut all = Vec::new();
        for seed in 1..=4 {
            let waited = waits(seed, agents, &load, 12_000);
            // The desk opens empty: judge it once it has filled up.
            all.extend_from_slice(&waited[waited.len() / 10..]);
        }
        let share = |keep: &dyn Fn(f64) -> bool| all.iter().filter(|&&w| keep(w)).count() as f64 / all.len() as f64;
        let (waited_at_all, within_20s) = (share(&|w| w > 0.0), share(&|w| w <= 20.0));
        let (predicted_wait, predicted_level) = (wait_probability(agents, load.erlangs()), service_level(agents, &load, 20.0));
        println!("{agents} agents: waited {waited_at_all:.3} (Erlang C {predicted_wait:.3}), within 20 s {within_20s:.3} (Erlang C {predicted_level:.3})");
        assert!((waited_at_all - predicted_wait).abs() < 0.04, "{agents} agents: {waited_at_all:.3} waited, predicted {predicted_wait:.3}");
        assert!((within_20s - predicted_level).abs() < 0.04, "{agents} agents: {within_20s:.3} within 20 s, predicted {predicted_level:.3}");
    }
}
