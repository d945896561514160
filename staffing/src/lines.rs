//! The desk's two lines in one forecast: chats (answered in seconds, several at once; Erlang A
//! where users' patience is measured, else Erlang C) and tickets, callbacks and mails (a first
//! response within the SLA, one at a time; Erlang C). A department's agents work both, so it
//! needs the agents of each line, added; that sum is what its plan is held against.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::erlang::{agents_needed, Load, Policy, Target};
use crate::patience::ChatModel;
use crate::week::{staffing_week, staffing_week_by, HourDemand, Shift, WhatIf};
use crate::erlang_a;

/// The ticket line's policy beside the chat line's: the same share and ceiling on occupancy, the
/// target being the first response's SLA, and one ticket at a time.
pub fn ticket_policy(chat: &Policy, first_response_secs: f64) -> Policy {
    Policy { target: Target { within_secs: first_response_secs, share: chat.target.share }, max_occupancy: chat.max_occupancy, concurrency: 1 }
}

/// One department's hour of the typical week on both lines (what-ifs applied to the loads).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeskHour {
    pub department: String,
    pub hour: u8,
    pub chats: Load,
    pub chat_needed: u32,
    pub tickets: Load,
    pub ticket_needed: u32,
    pub planned: f64,
}

impl DeskHour {
    /// The agents the department needs in this hour: those of both lines.
    pub fn needed(&self) -> u32 {
        self.chat_needed + self.ticket_needed
    }
}

/// Both lines' policies, and the chat line's model per department (Erlang C for one not named).
pub struct Lines<'a> {
    pub chat_policy: &'a Policy,
    pub chat_models: &'a BTreeMap<String, ChatModel>,
    pub ticket_policy: &'a Policy,
}

/// Each department's hours on both lines, in the chat week's order, then any department only the
/// ticket week has. A department missing from one week has nothing arriving on that line.
pub fn desk_week(chats: &[HourDemand], tickets: &[HourDemand], shifts: &[Shift], lines: &Lines, what_if: &WhatIf) -> Vec<DeskHour> {
    let scaled = |load: &Load| Load { arrivals_per_hour: load.arrivals_per_hour * what_if.growth.max(0.0), handle_secs: load.handle_secs * what_if.handle_factor.max(0.0) };
    let quiet = Load { arrivals_per_hour: 0.0, handle_secs: 0.0 };
    let mut by_hour: BTreeMap<(String, u8), DeskHour> = BTreeMap::new();
    let mut order: Vec<(String, u8)> = Vec::new();
    let chat_needed = |department: &str, load: &Load| match lines.chat_models.get(department) {
        Some(ChatModel::ErlangA { patience_secs }) => erlang_a::agents_needed(load, lines.chat_policy, *patience_secs),
        _ => agents_needed(load, lines.chat_policy),
    };
    for (demand, staffed) in chats.iter().zip(staffing_week_by(chats, shifts, what_if, chat_needed)) {
        let key = (staffed.department.clone(), staffed.hour);
        order.push(key.clone());
        let hour = DeskHour { department: staffed.department, hour: staffed.hour, chats: scaled(&demand.load), chat_needed: staffed.needed, tickets: quiet, ticket_needed: 0, planned: staffed.planned };
        by_hour.insert(key, hour);
    }
    for (demand, staffed) in tickets.iter().zip(staffing_week(tickets, shifts, lines.ticket_policy, what_if)) {
        let key = (staffed.department.clone(), staffed.hour);
        let hour = by_hour.entry(key.clone()).or_insert_with(|| {
            order.push(key);
            DeskHour { department: staffed.department, hour: staffed.hour, chats: quiet, chat_needed: 0, tickets: quiet, ticket_needed: 0, planned: staffed.planned }
        });
        hour.tickets = scaled(&demand.load);
        hour.ticket_needed = staffed.needed;
    }
    order.into_iter().filter_map(|key| by_hour.remove(&key)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hour(department: &str, hour: u8, arrivals_per_hour: f64, handle_secs: f64) -> HourDemand {
        HourDemand { department: department.into(), hour, load: Load { arrivals_per_hour, handle_secs } }
    }

    #[test]
    fn the_ticket_line_is_answered_within_the_sla_one_ticket_at_a_time() {
        let chat = Policy { target: Target { within_secs: 20.0, share: 0.8 }, max_occupancy: 0.85, concurrency: 2 };
        assert_eq!(ticket_policy(&chat, 28_800.0), Policy { target: Target { within_secs: 28_800.0, share: 0.8 }, max_occupancy: 0.85, concurrency: 1 });
    }

    #[test]
    fn a_department_needs_the_agents_of_both_lines() {
        let chat_policy = Policy { target: Target { within_secs: 20.0, share: 0.8 }, max_occupancy: 0.85, concurrency: 1 };
        let tickets_policy = ticket_policy(&chat_policy, 8.0 * 3600.0);
        // Monday 10:00 billing: 20 chats of 3 minutes (1 erlang: 3 agents for 80 % in 20 s at
        // most 85 % busy); 30 tickets of 6 minutes of work (3 erlangs: the SLA is hours away, so
        // the occupancy ceiling decides, 3 / 0.85 → 4 agents).
        let chats = [hour("billing", 10, 20.0, 180.0)];
        let tickets = [hour("billing", 10, 30.0, 360.0), hour("security", 10, 5.0, 720.0)];
        let shifts = [Shift { agent_id: "a".into(), department: "billing".into(), weekday: 0, start_minute: 600, end_minute: 660 }];
        let models = BTreeMap::new();
        let lines = Lines { chat_policy: &chat_policy, chat_models: &models, ticket_policy: &tickets_policy };
        let week = desk_week(&chats, &tickets, &shifts, &lines, &WhatIf::default());
        assert_eq!(week.len(), 2);
        let billing = &week[0];
        assert_eq!((billing.chat_needed, billing.ticket_needed, billing.needed(), billing.planned), (3, 4, 7, 1.0));
        assert_eq!(billing.tickets, Load { arrivals_per_hour: 30.0, handle_secs: 360.0 });
        // Security has tickets but no chats: its chat line is quiet, 1 erlang of tickets → 2.
        assert_eq!((week[1].department.as_str(), week[1].chats.arrivals_per_hour, week[1].chat_needed, week[1].ticket_needed), ("security", 0.0, 0, 2));
        // What-ifs move both lines.
        let busier = desk_week(&chats, &tickets, &shifts, &lines, &WhatIf { growth: 2.0, handle_factor: 1.0 });
        assert_eq!(busier[0].tickets.arrivals_per_hour, 60.0);
        assert!(busier[0].chat_needed > 3 && busier[0].ticket_needed > 4);
    }

    #[test]
    fn the_chat_line_uses_erlang_a_for_a_department_whose_patience_is_measured() {
        let chat_policy = Policy { target: Target { within_secs: 20.0, share: 0.8 }, max_occupancy: 1.0, concurrency: 1 };
        let tickets_policy = ticket_policy(&chat_policy, 8.0 * 3600.0);
        let chats = [hour("billing", 10, 200.0, 180.0), hour("security", 10, 200.0, 180.0)];
        let models = BTreeMap::from([("billing".to_string(), ChatModel::ErlangA { patience_secs: 60.0 })]);
        let lines = Lines { chat_policy: &chat_policy, chat_models: &models, ticket_policy: &tickets_policy };
        let week = desk_week(&chats, &[], &[], &lines, &WhatIf::default());
        let load = Load { arrivals_per_hour: 200.0, handle_secs: 180.0 };
        assert_eq!(week[0].chat_needed, erlang_a::agents_needed(&load, &chat_policy, 60.0));
        assert_eq!(week[1].chat_needed, 14, "security: Erlang C's published 14");
        assert!(week[0].chat_needed < week[1].chat_needed);
    }
}
