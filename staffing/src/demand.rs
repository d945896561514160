//! Measured demand: what arrived, per channel and department, in each 15-minute slot, how long
//! users waited, how many left the line, and how long agents worked on each chat and ticket. The
//! edge reads these from what it stores (tickets by channel with the console's work sessions on
//! them, chats with their answer and end times); this module turns those records into slots and
//! into the contacts each line's typical week is built from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::week::Contact;

/// A demand slot is a quarter of an hour: the unit contact centres plan in.
pub const SLOT_MS: i64 = 15 * 60_000;

/// How a contact reached the desk.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactChannel {
    Chat,
    /// A ticket filed on the web or in the app.
    Ticket,
    Callback,
    Email,
}

impl ContactChannel {
    /// A ticket's channel (wire's snake_case name) as a contact channel; `None` for chat tickets,
    /// which are counted once, as chats.
    pub fn of_ticket(channel: &str) -> Option<ContactChannel> {
        match channel {
            "web" | "app" => Some(ContactChannel::Ticket),
            "hotline" => Some(ContactChannel::Callback),
            "email" => Some(ContactChannel::Email),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ContactChannel::Chat => "chat",
            ContactChannel::Ticket => "ticket",
            ContactChannel::Callback => "callback",
            ContactChannel::Email => "email",
        }
    }
}

/// One chat as the desk lived it: when it joined the line, when an agent first took it, when it
/// ended. A chat that ended without an agent is a user who left the line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChatRecord {
    pub department: String,
    pub queued_ms: i64,
    pub answered_ms: Option<i64>,
    pub ended_ms: Option<i64>,
}

impl ChatRecord {
    /// Seconds in line before an agent took it (only for answered chats).
    pub fn wait_secs(&self) -> Option<f64> {
        self.answered_ms.map(|answered| (answered - self.queued_ms).max(0) as f64 / 1000.0)
    }

    /// Seconds an agent worked on it (only for answered chats that ended).
    pub fn handle_secs(&self) -> Option<f64> {
        Some((self.ended_ms? - self.answered_ms?).max(0) as f64 / 1000.0)
    }

    pub fn abandoned(&self) -> bool {
        self.answered_ms.is_none() && self.ended_ms.is_some()
    }
}

/// One ticket-like contact (a form, a callback request, a mail).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketRecord {
    pub department: String,
    pub channel: ContactChannel,
    pub created_ms: i64,
    /// Agents' work on it so far, in seconds (`desk::work_time`'s sessions summed); `None`
    /// while nobody has worked it.
    pub worked_secs: Option<f64>,
}

/// What one slot held for one department and channel.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotDemand {
    /// Start of the slot, ms since the epoch (a multiple of [`SLOT_MS`]).
    pub slot_ms: i64,
    pub department: String,
    pub channel: ContactChannel,
    pub arrivals: u32,
    /// Chats an agent took, and their total wait in seconds.
    pub answered: u32,
    pub wait_secs: f64,
    /// Chats whose user left the line before an agent took them.
    pub abandoned: u32,
    /// Chats that ended after an agent took them, or tickets agents worked on, and their total
    /// handle time in seconds.
    pub handled: u32,
    pub handle_secs: f64,
}

pub fn slot_of(at_ms: i64) -> i64 {
    at_ms.div_euclid(SLOT_MS) * SLOT_MS
}

/// Every slot with any arrival, by slot, department and channel; each chat counts in the slot
/// it arrived in, waits and handle times included, so a slot's figures describe its arrivals.
pub fn slots(chats: &[ChatRecord], tickets: &[TicketRecord]) -> Vec<SlotDemand> {
    let mut by_key: BTreeMap<(i64, String, ContactChannel), SlotDemand> = BTreeMap::new();
    fn slot<'a>(by_key: &'a mut BTreeMap<(i64, String, ContactChannel), SlotDemand>, at: i64, department: &str, channel: ContactChannel) -> &'a mut SlotDemand {
        let key = (slot_of(at), department.to_string(), channel);
        by_key.entry(key).or_insert_with(|| SlotDemand { slot_ms: slot_of(at), department: department.to_string(), channel, arrivals: 0, answered: 0, wait_secs: 0.0, abandoned: 0, handled: 0, handle_secs: 0.0 })
    }
    for chat in chats {
        let slot = slot(&mut by_key, chat.queued_ms, &chat.department, ContactChannel::Chat);
        slot.arrivals += 1;
        if let Some(wait) = chat.wait_secs() {
            slot.answered += 1;
            slot.wait_secs += wait;
        }
        if chat.abandoned() {
            slot.abandoned += 1;
        }
        if let Some(handle) = chat.handle_secs() {
            slot.handled += 1;
            slot.handle_secs += handle;
        }
    }
    for ticket in tickets {
        let slot = slot(&mut by_key, ticket.created_ms, &ticket.department, ticket.channel);
        slot.arrivals += 1;
        if let Some(worked) = ticket.worked_secs {
            slot.handled += 1;
            slot.handle_secs += worked;
        }
    }
    by_key.into_values().collect()
}

/// The chats as contacts for the chat line's typical week, each with its handle time when an
/// agent worked it.
pub fn chat_contacts(chats: &[ChatRecord]) -> Vec<Contact> {
    chats
        .iter()
        .map(|chat| Contact { department: chat.department.clone(), arrived_ms: chat.queued_ms, handle_secs: chat.handle_secs().map(|secs| secs.round() as u32) })
        .collect()
}

/// The tickets, callbacks and mails as contacts for the ticket line's typical week (one line:
/// agents work them all on the ticket screen), each with its work time once someone worked it.
pub fn ticket_contacts(tickets: &[TicketRecord]) -> Vec<Contact> {
    tickets
        .iter()
        .map(|ticket| Contact { department: ticket.department.clone(), arrived_ms: ticket.created_ms, handle_secs: ticket.worked_secs.map(|secs| secs.round() as u32) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NINE: i64 = 1_795_996_800_000 + 9 * 3_600_000;

    fn chat(at: i64, answered_after: Option<i64>, ended_after: Option<i64>) -> ChatRecord {
        ChatRecord { department: "billing".into(), queued_ms: at, answered_ms: answered_after.map(|s| at + s * 1000), ended_ms: ended_after.map(|s| at + s * 1000) }
    }

    #[test]
    fn chats_give_arrivals_waits_abandonment_and_handle_time_in_the_slot_they_arrived() {
        let chats = [
            chat(NINE, Some(10), Some(310)),
            chat(NINE + 14 * 60_000, Some(30), Some(130)),
            chat(NINE + 5 * 60_000, None, Some(45)), // left the line
            chat(NINE + 6 * 60_000, Some(5), None),  // still talking
            chat(NINE + 15 * 60_000, None, None),    // next slot, still waiting
        ];
        let slots = slots(&chats, &[]);
        assert_eq!(slots.len(), 2);
        let first = &slots[0];
        assert_eq!((first.slot_ms, first.arrivals, first.answered, first.abandoned, first.handled), (NINE, 4, 3, 1, 2));
        assert_eq!((first.wait_secs, first.handle_secs), (45.0, 400.0));
        assert_eq!((slots[1].slot_ms, slots[1].arrivals, slots[1].answered), (NINE + SLOT_MS, 1, 0));
    }

    #[test]
    fn tickets_count_per_channel_and_chat_tickets_are_not_counted_twice() {
        assert_eq!(ContactChannel::of_ticket("chat"), None);
        assert_eq!(ContactChannel::of_ticket("hotline"), Some(ContactChannel::Callback));
        let ticket = |channel| TicketRecord { department: "billing".into(), channel, created_ms: NINE + 60_000, worked_secs: None };
        let slots = slots(&[chat(NINE, None, None)], &[ticket(ContactChannel::Email), ticket(ContactChannel::Email), ticket(ContactChannel::Callback)]);
        let channels: Vec<_> = slots.iter().map(|s| (s.channel, s.arrivals)).collect();
        assert_eq!(channels, vec![(ContactChannel::Chat, 1), (ContactChannel::Callback, 1), (ContactChannel::Email, 2)]);
    }

    #[test]
    fn ticket_work_is_the_handle_time_of_the_slot_the_ticket_arrived_in() {
        let ticket = |at, worked_secs| TicketRecord { department: "billing".into(), channel: ContactChannel::Ticket, created_ms: at, worked_secs };
        let tickets = [ticket(NINE, Some(240.0)), ticket(NINE + 60_000, Some(360.0)), ticket(NINE + 120_000, None)];
        let slots = slots(&[], &tickets);
        assert_eq!((slots[0].arrivals, slots[0].handled, slots[0].handle_secs), (3, 2, 600.0));
        assert_eq!((slots[0].answered, slots[0].abandoned), (0, 0), "tickets have no line to wait in or leave");
        let contacts = ticket_contacts(&tickets);
        assert_eq!(contacts.iter().map(|c| c.handle_secs).collect::<Vec<_>>(), vec![Some(240), Some(360), None]);
    }

    #[test]
    fn chat_contacts_carry_handle_time_only_when_an_agent_worked_the_chat() {
        let contacts = chat_contacts(&[chat(NINE, Some(10), Some(310)), chat(NINE, None, Some(20))]);
        assert_eq!(contacts[0].handle_secs, Some(300));
        assert_eq!(contacts[1].handle_secs, None);
    }
}
