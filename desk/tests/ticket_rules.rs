//! The ticket's life as requesters, agents and the sweep see it, at chosen times.

use desk::sweep::{CLOSE_AFTER, FOLLOW_UP_AFTER};
use desk::{DeskError, Requester, Site, Ticket, HOUR};
use serde_json::json;
use wire::agent::TicketUpdate;
use wire::tickets::{Change, Csat, NewTicket, Priority, SlaTarget, Status};

const T0: i64 = 1_800_000_000_000;

fn site() -> Site {
    serde_json::from_value(json!({
        "id": "demo", "name": "Demo", "locales": ["zh-cn", "en-us"], "allowed_origins": [],
        "departments": ["general", "billing", "security", "technical"], "default_department": "general",
        "categories": {"视频播放": "technical", "支付问题": "billing", "账号安全": "security"},
        "business_hours": "", "hotline": "", "secret_var": "S"
    }))
    .unwrap()
}

fn request(category: &str, triage: &[&str]) -> NewTicket {
    serde_json::from_value(json!({
        "subject": "视频卡顿", "description": "一直在缓冲", "category": category, "channel": "web",
        "context": {"triage": triage, "locale": "en-us"}
    }))
    .unwrap()
}

fn anonymous() -> Requester {
    Requester { user_id: None, token_digest: Some("d".into()), name: None, email: None }
}

fn filed(category: &str, triage: &[&str]) -> Ticket {
    Ticket::file("t1".into(), &site(), &request(category, triage), anonymous(), T0).unwrap().0
}

fn statuses(events: &[desk::Event]) -> Vec<(Status, Status)> {
    events.iter().filter_map(|e| match e.change { Change::Status { from, to } => Some((from, to)), _ => None }).collect()
}

#[test]
fn a_new_ticket_is_routed_by_category_and_due_by_priority() {
    let t = filed("视频播放", &[]);
    assert_eq!((t.status, t.priority, t.department.as_str(), t.locale.as_str()), (Status::New, Priority::Normal, "technical", "en-us"));
    assert_eq!(t.first_response_due, T0 + 8 * HOUR);
    let unknown = Ticket::file("t".into(), &site(), &request("彩票", &[]), anonymous(), T0).unwrap_err();
    assert!(matches!(unknown, DeskError::Invalid { field, .. } if field == "category"));
}

#[test]
fn a_stolen_account_is_urgent_and_goes_to_security_whatever_the_category() {
    let (t, events) = Ticket::file("t".into(), &site(), &request("视频播放", &["account_stolen"]), anonymous(), T0).unwrap();
    assert_eq!((t.priority, t.department.as_str()), (Priority::Urgent, "security"));
    assert_eq!(t.first_response_due, T0 + HOUR);
    assert!(matches!(&events[1].change, Change::Department { from, to, .. } if from == "technical" && to == "security"));
}

#[test]
fn the_first_agent_reply_opens_the_ticket_and_stops_the_first_response_clock() {
    let mut t = filed("视频播放", &[]);
    let events = t.agent_reply("Li", "请清除缓存", T0 + HOUR).unwrap();
    assert_eq!(statuses(&events), vec![(Status::New, Status::Open)]);
    assert_eq!(t.first_response_at, Some(T0 + HOUR));
    t.agent_reply("Li", "还有问题吗", T0 + 2 * HOUR).unwrap();
    assert_eq!(t.first_response_at, Some(T0 + HOUR));
}

#[test]
fn a_requester_message_brings_pending_and_solved_tickets_back_to_the_agents() {
    let mut t = filed("视频播放", &[]);
    let update = |status| TicketUpdate { status: Some(status), ..Default::default() };
    t.update("Li", &site(), &update(Status::Pending), None, T0).unwrap();
    assert_eq!(t.waiting_since, Some(T0));
    assert_eq!(statuses(&t.requester_message("还是不行", T0 + 1).unwrap()), vec![(Status::Pending, Status::Open)]);
    assert_eq!(t.waiting_since, None);
    t.update("Li", &site(), &update(Status::Solved), None, T0 + 2).unwrap();
    assert_eq!(t.solved_at, Some(T0 + 2));
    t.requester_message("又坏了", T0 + 3).unwrap();
    assert_eq!((t.status, t.solved_at), (Status::Open, None));
}

#[test]
fn only_solved_tickets_reopen_and_only_finished_ones_are_rated() {
    let mut t = filed("视频播放", &[]);
    assert!(matches!(t.reopen("again", T0), Err(DeskError::NotNow(_))));
    assert!(matches!(t.rate(&Csat { score: 5, comment: None }, T0), Err(DeskError::NotNow(_))));
    t.update("Li", &site(), &TicketUpdate { status: Some(Status::Solved), ..Default::default() }, None, T0).unwrap();
    assert!(matches!(t.rate(&Csat { score: 6, comment: None }, T0), Err(DeskError::Invalid { .. })));
    t.rate(&Csat { score: 4, comment: Some(" fast ".into()) }, T0).unwrap();
    assert_eq!(t.csat, Some(Csat { score: 4, comment: Some("fast".into()) }));
    assert_eq!(statuses(&t.reopen("not fixed", T0 + 1).unwrap()), vec![(Status::Solved, Status::Open)]);
}

#[test]
fn closed_is_final() {
    let mut t = filed("视频播放", &[]);
    t.close("Li", T0).unwrap();
    assert_eq!(t.closed_at, Some(T0));
    assert!(t.requester_message("hello?", T0).is_err());
    assert!(t.agent_reply("Li", "hi", T0).is_err());
    assert!(t.close("Li", T0).is_err());
    assert!(t.update("Li", &site(), &TicketUpdate { priority: Some(Priority::High), ..Default::default() }, None, T0).is_err());
}

#[test]
fn a_transfer_moves_the_ticket_and_raising_priority_pulls_the_deadlines_in() {
    let mut t = filed("视频播放", &[]);
    let change = TicketUpdate { department: Some("billing".into()), note: Some("charged twice".into()), priority: Some(Priority::Urgent), ..Default::default() };
    let events = t.update("Li", &site(), &change, Some(Some("agent-2".into())), T0).unwrap();
    assert_eq!(events.len(), 3);
    assert_eq!((t.department.as_str(), t.assignee.as_deref()), ("billing", Some("agent-2")));
    assert_eq!(t.resolution_due, T0 + 4 * HOUR);
    let nowhere = TicketUpdate { department: Some("lottery".into()), note: Some("n".into()), ..Default::default() };
    assert!(matches!(t.update("Li", &site(), &nowhere, None, T0), Err(DeskError::Invalid { field, .. }) if field == "department"));
    let back_to_new = TicketUpdate { status: Some(Status::New), ..Default::default() };
    assert!(t.update("Li", &site(), &back_to_new, None, T0).is_err());
}

#[test]
fn every_change_bumps_the_version_and_time() {
    let mut t = filed("视频播放", &[]);
    let before = t.version;
    t.note("Li", "internal", T0 + 5).unwrap();
    assert_eq!((t.version, t.updated_at), (before + 1, T0 + 5));
}

#[test]
fn the_desks_own_note_is_the_systems_and_for_agents_only() {
    let mut t = filed("视频播放", &[]);
    let events = t.system_note("Attachments of this mail not kept", T0 + 5).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor.kind, wire::tickets::ActorKind::System);
    assert!(matches!(&events[0].change, wire::tickets::Change::Note { text } if text == "Attachments of this mail not kept"));
    assert!(t.system_note("  ", T0 + 6).is_err(), "a blank note is refused");
}

#[test]
fn the_sweep_asks_after_a_day_and_closes_after_four() {
    let mut t = filed("视频播放", &[]);
    t.agent_reply("Li", "fixed", T0).unwrap();
    t.update("Li", &site(), &TicketUpdate { status: Some(Status::Solved), ..Default::default() }, None, T0).unwrap();
    assert!(t.sweep(T0 + FOLLOW_UP_AFTER - 1, false).is_empty());
    let asked = t.sweep(T0 + FOLLOW_UP_AFTER, false);
    assert!(matches!(asked[..], [desk::Event { change: Change::FollowUpAsked, .. }]));
    assert!(t.follow_up_pending);
    assert!(t.sweep(T0 + FOLLOW_UP_AFTER + 1, false).is_empty(), "asked once only");
    assert_eq!(statuses(&t.sweep(T0 + CLOSE_AFTER, false)), vec![(Status::Solved, Status::Closed)]);
    assert!(!t.follow_up_pending);
}

#[test]
fn a_no_to_the_follow_up_reopens_and_a_yes_keeps_it_solved() {
    let mut yes = filed("视频播放", &[]);
    yes.update("Li", &site(), &TicketUpdate { status: Some(Status::Solved), ..Default::default() }, None, T0).unwrap();
    assert!(matches!(yes.answer_follow_up(true, None, T0), Err(DeskError::NotNow(_))), "not asked yet");
    yes.sweep(T0 + FOLLOW_UP_AFTER, false);
    let mut no = yes.clone();
    yes.answer_follow_up(true, None, T0 + FOLLOW_UP_AFTER).unwrap();
    assert_eq!((yes.status, yes.follow_up_pending), (Status::Solved, false));
    let events = no.answer_follow_up(false, Some("又坏了"), T0 + FOLLOW_UP_AFTER).unwrap();
    assert_eq!(statuses(&events), vec![(Status::Solved, Status::Open)]);
    assert!(matches!(&events[1].change, Change::Message { text } if text == "又坏了"));
}

#[test]
fn the_sweep_flags_each_breach_once() {
    let mut t = filed("视频播放", &["anger"]);
    assert_eq!(t.priority, Priority::High);
    assert!(t.sweep(T0 + 4 * HOUR, false).is_empty());
    let first = t.sweep(T0 + 4 * HOUR + 1, false);
    assert!(matches!(first[..], [desk::Event { change: Change::SlaBreached { target: SlaTarget::FirstResponse }, .. }]));
    assert!(t.sweep(T0 + 5 * HOUR, false).is_empty());
    let late = t.sweep(T0 + 24 * HOUR + 1, false);
    assert!(matches!(late[..], [desk::Event { change: Change::SlaBreached { target: SlaTarget::Resolution }, .. }]));
}

mod chat {
    use super::*;
    use wire::chat::{ChatMessage, Speaker};

    fn line(seq: u64, role: Speaker, name: &str, text: &str, at: i64) -> ChatMessage {
        ChatMessage { seq, client_id: format!("m{seq}"), role, name: name.into(), text: text.into(), at: at as u64 }
    }

    #[test]
    fn an_ended_chat_leaves_its_transcript_and_an_agents_answer_opens_the_ticket() {
        let mut ticket = filed("视频播放", &[]);
        let messages = vec![
            line(1, Speaker::Bot, "bot", "试试清除缓存", T0),
            line(2, Speaker::User, "user", "还是不行", T0 + 1_000),
            line(3, Speaker::Agent, "Li Wei", "我来看看", T0 + 60_000),
        ];
        let events = ticket.record_chat("c1", Speaker::User, messages.clone(), T0 + HOUR);
        assert!(matches!(&events[0].change, Change::Chat { chat_id, ended_by: Speaker::User, messages: logged } if chat_id == "c1" && *logged == messages));
        assert_eq!(statuses(&events), [(Status::New, Status::Open)]);
        assert_eq!(events[1].actor.name, "Li Wei");
        assert_eq!(ticket.first_response_at, Some(T0 + 60_000), "the clock stops at the agent's first line, not at the end");
    }

    #[test]
    fn a_chat_without_an_agent_changes_nothing_but_the_log() {
        let mut ticket = filed("视频播放", &[]);
        let version = ticket.version;
        let events = ticket.record_chat("c1", Speaker::User, vec![line(1, Speaker::User, "user", "算了", T0)], T0 + 5);
        assert_eq!(events.len(), 1);
        assert_eq!((ticket.status, ticket.first_response_at, ticket.version), (Status::New, None, version + 1));
    }

    #[test]
    fn an_ended_chat_is_rated_whatever_the_ticket_status_and_a_live_one_is_not() {
        let mut ticket = filed("视频播放", &[]);
        let five = Csat { score: 5, comment: Some("  很快  ".into()) };
        assert!(matches!(ticket.rate_chat(&five, false, T0), Err(DeskError::NotNow(_))));
        let bad = ticket.rate_chat(&Csat { score: 6, comment: None }, true, T0).unwrap_err();
        assert!(matches!(bad, DeskError::Invalid { field, .. } if field == "score"));
        let events = ticket.rate_chat(&five, true, T0 + 5).unwrap();
        assert!(matches!(&events[..], [desk::Event { change: Change::Csat { score: 5, comment: Some(c) }, .. }] if c == "很快"));
        assert_eq!((ticket.status, ticket.csat.as_ref().map(|c| c.score)), (Status::New, Some(5)));
    }
}
