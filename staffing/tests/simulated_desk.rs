//! Erlang C and Erlang A against the live-chat desk itself: users arrive at random, livechat's
//! dispatcher hands them to agents who take one chat at a time for a random length, and (in the
//! second test) users give up after a random patience. The waits users really had are compared
//! with what each model predicts for that many agents, Erlang A's patience being the one the
//! forecast would measure from the desk's own records (`staffing::patience`); `cargo test -p staffing --release --test
//! simulated_desk -- --nocapture` prints the figures BENCHMARKS.md keeps.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use livechat::{AgentProfile, Assignment, ChatDetails, DispatchSettings, Dispatcher, Presence, Priority, WaitingChat};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use staffing::demand::ChatRecord;
use staffing::erlang_a::{self, erlang_a};
use staffing::patience::{measured, model_for, ChatModel};
use staffing::{agents_needed, service_level, wait_probability, Load, Policy, Target};

fn exponential(rng: &mut SmallRng, mean: f64) -> f64 {
    -mean * (1.0 - rng.random::<f64>()).ln()
}

/// What happens next on the simulated desk, by time.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
enum Next {
    /// A chat with an agent ends.
    End(usize),
    /// A waiting user's patience runs out (if an agent has not taken them yet).
    GiveUp(usize),
}

/// What became of a user: answered after so many seconds in line, or gone after so many.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fate {
    Answered(f64),
    Left(f64),
}

impl Fate {
    fn answered_within(&self, secs: f64) -> bool {
        matches!(self, Fate::Answered(wait) if *wait <= secs)
    }

    /// The user as the edge records them: queued at 0, answered or ended (having left) after
    /// their time in line.
    fn record(&self) -> ChatRecord {
        let (answered_ms, ended_ms) = match *self {
            Fate::Answered(wait) => (Some((wait * 1000.0) as i64), None),
            Fate::Left(after) => (None, Some((after * 1000.0) as i64)),
        };
        ChatRecord { department: "billing".into(), queued_ms: 0, answered_ms, ended_ms }
    }
}

/// Every user's fate on a desk of `agents` agents (one chat each) under `load` (patience:
/// `None` means users never give up).
fn waits(seed: u64, agents: u32, load: &Load, arrivals: usize, patience_secs: Option<f64>) -> Vec<Fate> {
    let mut desk = Dispatcher::new(DispatchSettings { auto_assign: true, max_wait_secs: u64::MAX / 4 });
    for i in 0..agents {
        let profile = AgentProfile { agent_id: format!("a{i}"), name: format!("A{i}"), departments: vec!["billing".into()], capacity: 1 };
        desk.update_agent(profile, Presence::Online, 0);
    }
    let mut rng = SmallRng::seed_from_u64(seed);
    let mean_gap_ms = 3_600_000.0 / load.arrivals_per_hour;
    let mut events: BinaryHeap<Reverse<(u64, Next)>> = BinaryHeap::new();
    let mut waited: Vec<Option<Fate>> = vec![None; arrivals];
    let mut arrived_at: Vec<u64> = vec![0; arrivals];
    let start = |assignments: Vec<Assignment>, now: u64, waited: &mut Vec<Option<Fate>>, events: &mut BinaryHeap<Reverse<(u64, Next)>>, rng: &mut SmallRng| {
        for assignment in assignments {
            let user: usize = assignment.chat_id[1..].parse().expect("chat ids are c<n>");
            waited[user] = Some(Fate::Answered(assignment.waited_ms as f64 / 1000.0));
            let length = (exponential(rng, load.handle_secs) * 1000.0) as u64;
            events.push(Reverse((now + length.max(1), Next::End(user))));
        }
    };
    let (mut next_arrival, mut arrived) = (0u64, 0usize);
    while arrived < arrivals || !events.is_empty() {
        if arrived < arrivals && events.peek().is_none_or(|Reverse((at, _))| next_arrival <= *at) {
            let details = ChatDetails { ticket_id: format!("t{arrived}"), reasons: Vec::new(), first_message: "hi".into(), transfer_note: None };
            let chat = WaitingChat { chat_id: format!("c{arrived}"), department: "billing".into(), priority: Priority::Normal, since: next_arrival, details };
            let assignments = desk.enqueue(chat, next_arrival).expect("the desk takes every chat");
            arrived_at[arrived] = next_arrival;
            if let Some(patience) = patience_secs {
                let gives_up = next_arrival + (exponential(&mut rng, patience) * 1000.0) as u64;
                events.push(Reverse((gives_up.max(next_arrival + 1), Next::GiveUp(arrived))));
            }
            start(assignments, next_arrival, &mut waited, &mut events, &mut rng);
            arrived += 1;
            next_arrival += exponential(&mut rng, mean_gap_ms) as u64;
        } else {
            let Reverse((now, next)) = events.pop().expect("an event");
            let assignments = match next {
                Next::End(user) => desk.end_chat(&format!("c{user}"), now).expect("the chat was assigned"),
                // Still in line: the user leaves it. Already with an agent: nothing happens.
                Next::GiveUp(user) if desk.agent_of(&format!("c{user}")).is_none() && desk.details(&format!("c{user}")).is_some() => {
                    waited[user] = Some(Fate::Left((now - arrived_at[user]) as f64 / 1000.0));
                    desk.close(&format!("c{user}"), now).expect("the chat was waiting")
                }
                Next::GiveUp(_) => Vec::new(),
            };
            start(assignments, now, &mut waited, &mut events, &mut rng);
        }
    }
    waited.into_iter().map(|fate| fate.expect("every user was answered or left")).collect()
}

/// Users' fates over four runs, each judged once the desk has filled up.
fn simulate(agents: u32, load: &Load, patience_secs: Option<f64>) -> Vec<Fate> {
    let mut all = Vec::new();
    for seed in 1..=4 {
        let waited = waits(seed, agents, load, 12_000, patience_secs);
        all.extend_from_slice(&waited[waited.len() / 10..]);
    }
    all
}

fn share(all: &[Fate], keep: impl Fn(&Fate) -> bool) -> f64 {
    all.iter().filter(|w| keep(w)).count() as f64 / all.len() as f64
}

#[test]
fn the_desk_waits_as_erlang_c_predicts() {
    // 10 erlangs (200 chats an hour of 3 minutes) on 12 and on 14 agents.
    let load = Load { arrivals_per_hour: 200.0, handle_secs: 180.0 };
    for agents in [12, 14] {
        let all = simulate(agents, &load, None);
        let (waited_at_all, within_20s) = (share(&all, |f| !f.answered_within(0.0)), share(&all, |f| f.answered_within(20.0)));
        let (predicted_wait, predicted_level) = (wait_probability(agents, load.erlangs()), service_level(agents, &load, 20.0));
        println!("{agents} agents: waited {waited_at_all:.3} (Erlang C {predicted_wait:.3}), within 20 s {within_20s:.3} (Erlang C {predicted_level:.3})");
        assert!((waited_at_all - predicted_wait).abs() < 0.04, "{agents} agents: {waited_at_all:.3} waited, predicted {predicted_wait:.3}");
        assert!((within_20s - predicted_level).abs() < 0.04, "{agents} agents: {within_20s:.3} within 20 s, predicted {predicted_level:.3}");
    }
}

#[test]
fn with_users_who_give_up_erlang_a_predicts_the_desk_and_erlang_c_is_too_pessimistic() {
    // The same 10 erlangs; users give up after a minute on average. On 10 and 11 agents (where
    // the line is long enough for patience to matter) Erlang A, with the patience measured from
    // the desk's records as the forecast does, should be within a few points of the desk, and
    // closer than Erlang C.
    let load = Load { arrivals_per_hour: 200.0, handle_secs: 180.0 };
    let mut measured_patience = Vec::new();
    for agents in [10, 11, 12] {
        let all = simulate(agents, &load, Some(60.0));
        let within_20s = share(&all, |f| f.answered_within(20.0));
        let gave_up = share(&all, |f| matches!(f, Fate::Left(_)));
        let records: Vec<ChatRecord> = all.iter().map(Fate::record).collect();
        let ChatModel::ErlangA { patience_secs } = model_for(&measured(&records)["billing"]) else { panic!("thousands left: Erlang A") };
        println!("{agents} agents: patience measured {patience_secs:.1} s (drawn with a mean of 60 s)");
        assert!((patience_secs - 60.0).abs() < 3.0, "{agents} agents: patience measured {patience_secs:.1} s");
        measured_patience.push(patience_secs);
        let a = erlang_a(agents, &load, patience_secs, 20.0);
        let c = service_level(agents, &load, 20.0);
        println!(
            "{agents} agents, 60 s patience: within 20 s {within_20s:.3} (Erlang A {:.3}, Erlang C {c:.3}); gave up {gave_up:.3} (Erlang A {:.3})",
            a.service_level, a.abandon_probability
        );
        assert!((within_20s - a.service_level).abs() < 0.04, "{agents} agents: {within_20s:.3} within 20 s, Erlang A {:.3}", a.service_level);
        assert!((gave_up - a.abandon_probability).abs() < 0.03, "{agents} agents: {gave_up:.3} gave up, Erlang A {:.3}", a.abandon_probability);
        assert!((within_20s - a.service_level).abs() < (within_20s - c).abs(), "{agents} agents: Erlang A should beat Erlang C");
    }
    // What the forecast plans with it: Erlang A's fewest agents for 80 % within 20 s are fewer
    // than Erlang C's 14, and the desk run with them meets the target.
    let policy = Policy { target: Target { within_secs: 20.0, share: 0.8 }, max_occupancy: 1.0, concurrency: 1 };
    let patience_secs = measured_patience.iter().sum::<f64>() / measured_patience.len() as f64;
    let needed = erlang_a::agents_needed(&load, &policy, patience_secs);
    let within_20s = share(&simulate(needed, &load, Some(60.0)), |f| f.answered_within(20.0));
    println!("Erlang A plans {needed} agents (Erlang C {}): the desk answers {within_20s:.3} within 20 s", agents_needed(&load, &policy));
    assert!(needed < agents_needed(&load, &policy));
    assert!(within_20s >= 0.79, "{needed} agents answered {within_20s:.3} within 20 s");
}
