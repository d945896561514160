//! Here is a request for help: who may change it, to what, and what that leaves in its log.
//!
//! Every operation checks the ticket's status first, then changes the ticket and returns the
//! events to append, so the edge writes ticket and log together or not at all.

use wire::agent::TicketUpdate;
use wire::tickets::{Actor, ActorKind, Change, Channel, Csat, NewTicket, Priority, Status, TicketContext, TicketEvent};

use crate::business_hours::BusinessHours;
use crate::{escalation, limits, sla, DeskError, Millis, Site};

/// A ticket's log entry.
pub type Event = TicketEvent;

/// Who asked: a verified user of the host, or the holder of a requester token (by digest).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requester {
    pub user_id: Option<String>,
    pub token_digest: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Ticket {
    pub id: String,
    pub site: String,
    /// Counted per site by the store; 0 until stored.
    pub number: i64,
    pub requester: Requester,
    pub channel: Channel,
    pub category: String,
    pub department: String,
    pub assignee: Option<String>,
    pub priority: Priority,
    pub status: Status,
    pub subject: String,
    pub description: String,
    pub locale: String,
    pub context: TicketContext,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub first_response_at: Option<Millis>,
    pub waiting_since: Option<Millis>,
    pub solved_at: Option<Millis>,
    pub closed_at: Option<Millis>,
    pub first_response_due: Millis,
    pub resolution_due: Millis,
    pub follow_up_asked_at: Option<Millis>,
    pub follow_up_pending: bool,
    pub first_response_breached: bool,
    pub resolution_breached: bool,
    pub csat: Option<Csat>,
    /// Bumped by every change; the store refuses to write over a newer version.
    pub version: i64,
}

pub fn requester_actor(ticket: &Ticket) -> Actor {
    Actor { kind: ActorKind::Requester, name: ticket.requester.name.clone().unwrap_or_else(|| "requester".into()) }
}

pub fn agent_actor(name: &str) -> Actor {
    Actor { kind: ActorKind::Agent, name: name.to_string() }
}

pub fn system_actor() -> Actor {
    Actor { kind: ActorKind::System, name: "system".into() }
}

impl Ticket {
    /// Files a ticket: routes it by category, lets triage raise the priority (and move a stolen
    /// account to security, lost money to billing), and sets the SLA due times.
    pub fn file(id: String, site: &Site, request: &NewTicket, requester: Requester, now: Millis) -> Result<(Ticket, Vec<Event>), DeskError> {
        let request = limits::new_ticket(request)?;
        let routed = site.department_for(&request.category)?.to_string();
        let (priority, owner) = escalation::escalate(&request.context.triage);
        let department = owner.filter(|d| site.has_department(d)).map_or(routed.clone(), str::to_string);
        let (first_response_due, resolution_due) = sla::due(priority, now);
        let locale = site.locale(request.context.locale.as_deref()).to_string();
        let mut events = Vec::new();
        if priority != Priority::Normal {
            events.push(Change::Priority { from: Priority::Normal, to: priority });
        }
        if department != routed {
            let note = format!("triage: {}", request.context.triage.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", "));
            events.push(Change::Department { from: routed, to: department.clone(), note });
        }
        let ticket = Ticket {
            id,
            site: site.id.clone(),
            number: 0,
            requester: Requester { name: request.name.clone(), email: request.email.clone(), ..requester },
            channel: request.channel,
            category: request.category,
            department,
            assignee: None,
            priority,
            status: Status::New,
            subject: request.subject,
            description: request.description,
            locale,
            context: TicketContext { locale: None, ..request.context },
            created_at: now,
            updated_at: now,
            first_response_at: None,
            waiting_since: None,
            solved_at: None,
            closed_at: None,
            first_response_due,
            resolution_due,
            follow_up_asked_at: None,
            follow_up_pending: false,
            first_response_breached: false,
            resolution_breached: false,
            csat: None,
            version: 1,
        };
        let events = events.into_iter().map(|change| Event { at: now, actor: system_actor(), change }).collect();
        Ok((ticket, events))
    }

    /// The requester writes again: a pending or solved ticket goes back to the agents.
    pub fn requester_message(&mut self, text: &str, now: Millis) -> Result<Vec<Event>, DeskError> {
        let text = limits::text(text)?;
        self.refuse_if_closed()?;
        let actor = requester_actor(self);
        let mut events = vec![self.event(&actor, Change::Message { text }, now)];
        if matches!(self.status, Status::Pending | Status::Solved) {
            events.extend(self.move_to(&actor, Status::Open, now));
        }
        Ok(events)
    }

    /// "It is not solved": only a solved ticket can be reopened; a closed one needs a new ticket.
    pub fn reopen(&mut self, text: &str, now: Millis) -> Result<Vec<Event>, DeskError> {
        let text = limits::text(text)?;
        if !self.status.reopenable() {
            return Err(DeskError::NotNow("only a solved ticket can be reopened".into()));
        }
        let actor = requester_actor(self);
        let mut events = vec![self.event(&actor, Change::Message { text }, now)];
        events.extend(self.move_to(&actor, Status::Open, now));
        Ok(events)
    }

    /// Satisfaction after resolution; a second rating replaces the first.
    pub fn rate(&mut self, csat: &Csat, now: Millis) -> Result<Vec<Event>, DeskError> {
        let csat = limits::csat(csat)?;
        if !self.status.rateable() {
            return Err(DeskError::NotNow("only a solved or closed ticket can be rated".into()));
        }
        Ok(self.record_rating(csat, now))
    }

    /// Stores a checked rating as the ticket's one CSAT, replacing any earlier one.
    pub(crate) fn record_rating(&mut self, csat: Csat, now: Millis) -> Vec<Event> {
        let change = Change::Csat { score: csat.score, comment: csat.comment.clone() };
        self.csat = Some(csat);
        let actor = requester_actor(self);
        vec![self.event(&actor, change, now)]
    }

    /// The answer to "is it still solved?"; "no" reopens the ticket.
    pub fn answer_follow_up(&mut self, still_solved: bool, comment: Option<&str>, now: Millis) -> Result<Vec<Event>, DeskError> {
        let comment = limits::optional("comment", comment, limits::TEXT)?;
        if !self.follow_up_pending {
            return Err(DeskError::NotNow("no follow-up question is waiting for an answer".into()));
        }
        if !still_solved && self.status != Status::Solved {
            return Err(DeskError::NotNow("the ticket is closed; file a new one".into()));
        }
        self.follow_up_pending = false;
        let actor = requester_actor(self);
        let mut events = vec![self.event(&actor, Change::FollowUpAnswered { still_solved }, now)];
        if let Some(text) = comment {
            events.push(self.event(&actor, Change::Message { text }, now));
        }
        if !still_solved {
            events.extend(self.move_to(&actor, Status::Open, now));
        }
        Ok(events)
    }

    /// A public answer from an agent; the first one stops the first-response clock.
    pub fn agent_reply(&mut self, agent: &str, text: &str, now: Millis) -> Result<Vec<Event>, DeskError> {
        let text = limits::text(text)?;
        self.refuse_if_closed()?;
        self.first_response_at.get_or_insert(now);
        let actor = agent_actor(agent);
        let mut events = vec![self.event(&actor, Change::Message { text }, now)];
        if self.status == Status::New {
            events.extend(self.move_to(&actor, Status::Open, now));
        }
        Ok(events)
    }

    /// An internal note: agents only, never shown to the requester.
    pub fn note(&mut self, agent: &str, text: &str, now: Millis) -> Result<Vec<Event>, DeskError> {
        let text = limits::text(text)?;
        Ok(vec![self.event(&agent_actor(agent), Change::Note { text }, now)])
    }

    /// The desk's own note for agents (what became of a mail's attachments, say).
    pub fn system_note(&mut self, text: &str, now: Millis) -> Result<Vec<Event>, DeskError> {
        let text = limits::text(text)?;
        Ok(vec![self.event(&system_actor(), Change::Note { text }, now)])
    }

    /// An agent changes status, priority, department and/or assignee. `assignee` has been
    /// checked by the caller to be an agent of the site (`Some(None)` unassigns).
    pub fn update(&mut self, agent: &str, site: &Site, update: &TicketUpdate, assignee: Option<Option<String>>, now: Millis) -> Result<Vec<Event>, DeskError> {
        let update = limits::update(update)?;
        self.refuse_if_closed()?;
        if update.status == Some(Status::New) {
            return Err(DeskError::invalid("status", "a ticket cannot go back to new"));
        }
        if let Some(department) = update.department.as_deref().filter(|d| !site.has_department(d)) {
            return Err(DeskError::invalid("department", format!("{department} is not a department of this site")));
        }
        let actor = agent_actor(agent);
        let mut events = Vec::new();
        if let Some(to) = update.priority.filter(|p| *p != self.priority) {
            events.push(self.event(&actor, Change::Priority { from: self.priority, to }, now));
            self.priority = to;
            (self.first_response_due, self.resolution_due) = sla::due(to, self.created_at);
        }
        match (update.department, update.note) {
            (Some(to), Some(note)) if to != self.department => {
                let from = std::mem::replace(&mut self.department, to.clone());
                events.push(self.event(&actor, Change::Department { from, to, note }, now));
            }
            (_, Some(text)) => events.push(self.event(&actor, Change::Note { text }, now)),
            _ => {}
        }
        if let Some(to) = assignee.filter(|a| *a != self.assignee) {
            let from = std::mem::replace(&mut self.assignee, to.clone());
            events.push(self.event(&actor, Change::Assignee { from, to }, now));
        }
        if let Some(to) = update.status.filter(|s| *s != self.status) {
            events.extend(self.move_to(&actor, to, now));
        }
        Ok(events)
    }

    /// Bulk close: any ticket not closed yet.
    pub fn close(&mut self, agent: &str, now: Millis) -> Result<Vec<Event>, DeskError> {
        self.refuse_if_closed()?;
        Ok(self.move_to(&agent_actor(agent), Status::Closed, now).into_iter().collect())
    }

    /// Counts the SLA in `hours`' open time, for a site that pauses its clocks outside business
    /// hours: the edge calls it after filing and after a change of priority or department.
    pub fn count_sla_in(&mut self, hours: &BusinessHours) {
        (self.first_response_due, self.resolution_due) = sla::due_in(self.priority, self.created_at, hours);
    }

    fn refuse_if_closed(&self) -> Result<(), DeskError> {
        if !self.status.takes_messages() {
            return Err(DeskError::NotNow("the ticket is closed".into()));
        }
        Ok(())
    }

    /// Moves to `to` and keeps the timestamps that hang on the status in step.
    pub(crate) fn move_to(&mut self, actor: &Actor, to: Status, now: Millis) -> Option<Event> {
        let from = std::mem::replace(&mut self.status, to);
        if from == to {
            return None;
        }
        self.waiting_since = (to == Status::Pending).then_some(now);
        match to {
            Status::Solved => {
                self.solved_at = Some(now);
                self.follow_up_asked_at = None;
                self.follow_up_pending = false;
            }
            Status::Closed => self.closed_at = Some(now),
            _ => self.solved_at = None,
        }
        Some(self.event(actor, Change::Status { from, to }, now))
    }

    /// Every change passes here, so `updated_at` and `version` always move together.
    pub(crate) fn event(&mut self, actor: &Actor, change: Change, now: Millis) -> Event {
        self.updated_at = now;
        self.version += 1;
        Event { at: now, actor: actor.clone(), change }
    }
}
