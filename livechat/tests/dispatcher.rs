use livechat::{Admission, AgentProfile, ChatDetails, DispatchError, DispatchSettings, Dispatcher, Presence, Priority, WaitingChat};

const MINUTE: u64 = 60_000;

fn agent(id: &str, departments: &[&str], capacity: u32) -> AgentProfile {
    AgentProfile {
        agent_id: id.into(),
        name: id.to_uppercase(),
        departments: departments.iter().map(|d| d.to_string()).collect(),
        capacity,
    }
}

fn chat(id: &str, department: &str, priority: Priority, since: u64) -> WaitingChat {
    let details = ChatDetails { ticket_id: format!("t-{id}"), reasons: vec![wire::tickets::TriageReason::Urgent], first_message: format!("{id} says hi"), transfer_note: None };
    WaitingChat { chat_id: id.into(), department: department.into(), priority, since, details }
}

fn manual() -> Dispatcher {
    Dispatcher::new(DispatchSettings { auto_assign: false, ..DispatchSettings::default() })
}

#[test]
fn a_waiting_chat_goes_to_the_least_busy_agent_of_its_department() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general"], 2), Presence::Online, 0);
    desk.update_agent(agent("bo", &["general"], 2), Presence::Online, 0);
    desk.update_agent(agent("sec", &["security"], 5), Presence::Online, 0);

    let first = desk.enqueue(chat("c1", "general", Priority::Normal, 0), 10).unwrap();
    let second = desk.enqueue(chat("c2", "general", Priority::Normal, 20), 20).unwrap();
    assert_eq!(first[0].agent_id, "ana");
    assert_eq!(second[0].agent_id, "bo", "the idle agent gets the next chat, not the busy one");
    assert_eq!(desk.agent_of("c1"), Some("ana"));
}

#[test]
fn nobody_is_assigned_when_no_agent_of_the_department_has_room() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    desk.enqueue(chat("c1", "general", Priority::Normal, 0), 0).unwrap();
    let none = desk.enqueue(chat("c2", "general", Priority::Normal, 1), 1).unwrap();
    let billing = desk.enqueue(chat("c3", "billing", Priority::Urgent, 2), 2).unwrap();
    assert!(none.is_empty() && billing.is_empty());
    assert_eq!(desk.waiting().count(), 2);
}

#[test]
fn ending_a_chat_hands_the_slot_to_the_next_in_line() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    desk.enqueue(chat("c1", "general", Priority::Normal, 0), 0).unwrap();
    desk.enqueue(chat("c2", "general", Priority::Normal, 1), 1).unwrap();
    let next = desk.end_chat("c1", 5 * MINUTE).unwrap();
    assert_eq!(next.len(), 1);
    assert_eq!(next[0].chat_id, "c2");
    assert_eq!(next[0].waited_ms, 5 * MINUTE - 1);
    assert_eq!(desk.end_chat("c1", 6 * MINUTE), Err(DispatchError::UnknownChat));
}

#[test]
fn positions_and_waits_are_per_department_and_urgent_first() {
    let mut desk = manual();
    desk.update_agent(agent("ana", &["general", "billing"], 1), Presence::Online, 0);
    desk.enqueue(chat("g1", "general", Priority::Normal, 0), 0).unwrap();
    desk.enqueue(chat("g2", "general", Priority::Normal, 1), 1).unwrap();
    desk.enqueue(chat("b1", "billing", Priority::Normal, 2), 2).unwrap();
    desk.enqueue(chat("g0", "general", Priority::Urgent, 3), 3).unwrap();

    let status = desk.queue_status();
    let place = |id: &str| status.iter().find(|s| s.chat_id == id).unwrap().clone();
    assert_eq!(place("g0").position, 1, "the urgent chat is first in its department");
    assert_eq!(place("g1").position, 2);
    assert_eq!(place("g2").position, 3);
    assert_eq!(place("b1").position, 1);
    assert_eq!(place("g0").estimated_wait_secs, Some(0), "one slot is free");
    assert!(place("g2").estimated_wait_secs > place("g1").estimated_wait_secs);
    assert_eq!(place("g1").agents_online, 1);
}

#[test]
fn waits_change_when_agents_come_and_go() {
    let mut desk = manual();
    desk.enqueue(chat("c1", "general", Priority::Normal, 0), 0).unwrap();
    assert_eq!(desk.queue_status()[0].estimated_wait_secs, None, "no agent: no promise");
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    desk.update_agent(agent("bo", &["general"], 1), Presence::Online, 0);
    desk.enqueue(chat("c2", "general", Priority::Normal, 1), 1).unwrap();
    desk.enqueue(chat("c3", "general", Priority::Normal, 2), 2).unwrap();
    let with_two = desk.queue_status()[2].estimated_wait_secs.unwrap();
    desk.update_agent(agent("bo", &["general"], 1), Presence::Away, 3);
    let with_one = desk.queue_status()[2].estimated_wait_secs.unwrap();
    assert!(with_one > with_two, "{with_one} should exceed {with_two}");
}

#[test]
fn an_agent_accepts_only_what_they_may_and_can_take() {
    let mut desk = manual();
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    desk.update_agent(agent("away", &["general"], 1), Presence::Away, 0);
    desk.enqueue(chat("g1", "general", Priority::Normal, 0), 0).unwrap();
    desk.enqueue(chat("g2", "general", Priority::Normal, 0), 0).unwrap();
    desk.enqueue(chat("b1", "billing", Priority::Normal, 0), 0).unwrap();

    assert_eq!(desk.accept("nobody", "g1", 1), Err(DispatchError::UnknownAgent));
    assert_eq!(desk.accept("ana", "nope", 1), Err(DispatchError::UnknownChat));
    assert_eq!(desk.accept("away", "g1", 1), Err(DispatchError::AgentUnavailable));
    assert_eq!(desk.accept("ana", "b1", 1), Err(DispatchError::WrongDepartment));
    assert_eq!(desk.accept("ana", "g1", 1).unwrap().agent_id, "ana");
    assert_eq!(desk.accept("ana", "g2", 2), Err(DispatchError::AgentFull));
}

#[test]
fn a_chat_cannot_be_queued_twice() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    desk.enqueue(chat("c1", "general", Priority::Normal, 0), 0).unwrap();
    assert_eq!(desk.enqueue(chat("c1", "general", Priority::Normal, 1), 1), Err(DispatchError::AlreadyOpen));
    desk.enqueue(chat("c2", "general", Priority::Normal, 2), 2).unwrap();
    assert_eq!(desk.enqueue(chat("c2", "general", Priority::Normal, 3), 3), Err(DispatchError::AlreadyOpen));
}

#[test]
fn a_transfer_needs_a_note_and_keeps_the_users_place_in_time() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    desk.enqueue(chat("c1", "general", Priority::High, 0), 0).unwrap();
    assert_eq!(desk.transfer("c1", "security", "  ", MINUTE), Err(DispatchError::NoteRequired));

    desk.update_agent(agent("sec", &["security"], 1), Presence::Online, 0);
    desk.update_agent(agent("sec2", &["security"], 1), Presence::Online, 0);
    desk.enqueue(chat("s1", "security", Priority::High, 30_000), 30_000).unwrap();
    desk.update_agent(agent("sec2", &["security"], 1), Presence::Away, 30_000);
    let moved = desk.transfer("c1", "security", "password reset needs the security team", MINUTE).unwrap();
    assert!(moved.is_empty(), "the only online security agent is busy");
    assert_eq!(desk.agent_of("c1"), None);
    let waiting: Vec<_> = desk.waiting().collect();
    assert_eq!(waiting.len(), 1);
    assert_eq!((waiting[0].department.as_str(), waiting[0].since), ("security", 0));
}

#[test]
fn admission_offers_a_ticket_when_nobody_can_come_soon() {
    let mut desk = Dispatcher::new(DispatchSettings { auto_assign: false, max_wait_secs: 600 });
    assert_eq!(desk.admission("general", Priority::Normal), Admission::NoAgentOnline);
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    assert_eq!(desk.admission("general", Priority::Normal), Admission::Queue { estimated_wait_secs: 0 });
    for i in 0..4 {
        desk.enqueue(chat(&format!("c{i}"), "general", Priority::Normal, i), i).unwrap();
    }
    assert!(matches!(desk.admission("general", Priority::Normal), Admission::WaitTooLong { .. }));
    assert!(matches!(desk.admission("general", Priority::Urgent), Admission::Queue { .. }), "urgent goes first");
}

#[test]
fn away_agents_keep_their_open_chats() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general"], 2), Presence::Online, 0);
    desk.enqueue(chat("c1", "general", Priority::Normal, 0), 0).unwrap();
    desk.update_agent(agent("ana", &["general"], 2), Presence::Away, 1);
    assert_eq!(desk.agent_of("c1"), Some("ana"));
    assert!(desk.enqueue(chat("c2", "general", Priority::Normal, 2), 2).unwrap().is_empty());
}

#[test]
fn the_dispatcher_survives_a_round_trip_through_storage() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    desk.enqueue(chat("c1", "general", Priority::Normal, 0), 0).unwrap();
    desk.enqueue(chat("c2", "general", Priority::Urgent, 1), 1).unwrap();
    let stored = serde_json::to_string(&desk).unwrap();
    let restored: Dispatcher = serde_json::from_str(&stored).unwrap();
    assert_eq!(restored, desk);
}

#[test]
fn closing_a_waiting_chat_leaves_the_line_and_closing_an_open_one_frees_the_agent() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    desk.enqueue(chat("c1", "general", Priority::Normal, 0), 0).unwrap();
    desk.enqueue(chat("c2", "general", Priority::Normal, 1), 1).unwrap();
    desk.enqueue(chat("c3", "general", Priority::Normal, 2), 2).unwrap();
    assert_eq!(desk.queue_status().iter().map(|s| s.position).collect::<Vec<_>>(), [1, 2]);

    assert!(desk.close("c2", 3).unwrap().is_empty(), "a user leaving the line frees no agent");
    let line: Vec<_> = desk.queue_status().into_iter().map(|s| (s.chat_id, s.position)).collect();
    assert_eq!(line, [("c3".to_string(), 1)], "the one behind moves up");

    let next = desk.close("c1", 4 * MINUTE).unwrap();
    assert_eq!(next.iter().map(|a| a.chat_id.as_str()).collect::<Vec<_>>(), ["c3"], "ana's freed slot goes to c3");
    assert_eq!(desk.close("c1", 5 * MINUTE), Err(DispatchError::UnknownChat), "closing twice is refused");
}

#[test]
fn only_the_chats_agent_may_transfer_it_and_waiting_chats_only_within_the_department() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general"], 1), Presence::Online, 0);
    desk.update_agent(agent("bo", &["general"], 1), Presence::Online, 0);
    desk.update_agent(agent("zed", &["billing"], 1), Presence::Online, 0);
    desk.enqueue(chat("c1", "general", Priority::Normal, 0), 0).unwrap();
    desk.enqueue(chat("c2", "general", Priority::Normal, 1), 1).unwrap();
    desk.enqueue(chat("c3", "general", Priority::Normal, 2), 2).unwrap();
    let with_bo = desk.agent_of("c2").unwrap().to_string();
    assert_eq!(with_bo, "bo");

    assert_eq!(desk.transfer_by("ana", "c2", "billing", "refund", 3), Err(DispatchError::NotYourChat));
    assert_eq!(desk.transfer_by("zed", "c3", "billing", "refund", 3), Err(DispatchError::NotYourChat), "c3 waits for general");
    assert_eq!(desk.transfer_by("nobody", "c3", "billing", "refund", 3), Err(DispatchError::UnknownAgent));
    assert_eq!(desk.transfer_by("ana", "nope", "billing", "refund", 3), Err(DispatchError::UnknownChat));

    let moved = desk.transfer_by("bo", "c2", "billing", "refund", 3).unwrap();
    assert_eq!(moved.iter().map(|a| (a.chat_id.as_str(), a.agent_id.as_str())).collect::<Vec<_>>(), [("c2", "zed"), ("c3", "bo")]);
}

#[test]
fn a_chats_details_stay_with_it_from_the_line_to_an_agent_through_a_transfer_to_its_end() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.enqueue(chat("c1", "general", Priority::Normal, 0), 0).unwrap();
    assert_eq!(desk.details("c1").map(|d| d.ticket_id.as_str()), Some("t-c1"), "while it waits");

    desk.update_agent(agent("ana", &["general"], 2), Presence::Online, 1);
    let with_ana: Vec<_> = desk.chats_of("ana").map(|(id, d)| (id.to_string(), d.first_message.clone())).collect();
    assert_eq!(with_ana, [("c1".to_string(), "c1 says hi".to_string())], "with its agent");
    assert_eq!(desk.chats_of("bo").count(), 0);

    desk.transfer_by("ana", "c1", "billing", "  refund over 500  ", 2).unwrap();
    assert_eq!(desk.chats_of("ana").count(), 0);
    let moved = desk.waiting().find(|c| c.chat_id == "c1").expect("back in line");
    assert_eq!((moved.details.ticket_id.as_str(), moved.details.transfer_note.as_deref()), ("t-c1", Some("refund over 500")));

    desk.update_agent(agent("zed", &["billing"], 1), Presence::Online, 3);
    assert_eq!(desk.chats_of("zed").map(|(_, d)| d.transfer_note.as_deref()).collect::<Vec<_>>(), [Some("refund over 500")]);
    desk.close("c1", 4).unwrap();
    assert_eq!(desk.details("c1"), None, "gone with the chat");
}

#[test]
fn a_departments_load_counts_its_online_agents_slots_and_its_own_chats() {
    let mut desk = Dispatcher::new(DispatchSettings::default());
    desk.update_agent(agent("ana", &["general", "billing"], 2), Presence::Online, 0);
    desk.update_agent(agent("bo", &["general"], 3), Presence::Online, 0);
    desk.update_agent(agent("cy", &["general"], 3), Presence::Away, 0);
    desk.enqueue(chat("c1", "billing", Priority::Normal, 0), 0).unwrap();
    desk.enqueue(chat("c2", "general", Priority::Normal, 0), 0).unwrap();
    assert_eq!(desk.load_of("general"), livechat::DepartmentLoad { agents_online: 2, chats: 1, capacity: 5 });
    assert_eq!(desk.load_of("billing"), livechat::DepartmentLoad { agents_online: 1, chats: 1, capacity: 2 });
    assert_eq!(desk.load_of("privacy"), livechat::DepartmentLoad::default());
}
