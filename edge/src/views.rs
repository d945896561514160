//! Tickets as the wire shows them: the requester's view and the agent's.

use desk::{Event, Ticket};
use wire::agent::{AgentTicket, AgentTicketSummary};
use wire::tasks::CaseTask;
use wire::tickets::{TicketDetail, TicketSummary};

pub fn summary(t: &Ticket) -> TicketSummary {
    TicketSummary {
        id: t.id.clone(),
        number: t.number,
        subject: t.subject.clone(),
        status: t.status,
        priority: t.priority,
        category: t.category.clone(),
        department: t.department.clone(),
        channel: t.channel,
        created_at: t.created_at,
        updated_at: t.updated_at,
    }
}

/// A line of the agents' list.
pub fn agent_summary(t: &Ticket) -> AgentTicketSummary {
    AgentTicketSummary {
        summary: summary(t),
        name: t.requester.name.clone(),
        assignee: t.assignee.clone(),
        sla_breached: sla_breached(t),
    }
}

fn sla_breached(t: &Ticket) -> bool {
    t.first_response_breached || t.resolution_breached
}

/// `events` must already be filtered to what the reader may see.
pub fn detail(t: &Ticket, events: Vec<Event>) -> TicketDetail {
    TicketDetail {
        summary: summary(t),
        description: t.description.clone(),
        name: t.requester.name.clone(),
        email: t.requester.email.clone(),
        solved_at: t.solved_at,
        csat: t.csat.clone(),
        follow_up_pending: t.follow_up_pending,
        events,
    }
}

/// Who else works a case besides its department, and how the reader reaches it.
pub struct Sharing {
    pub tasks: Vec<CaseTask>,
    pub collaborators: Vec<String>,
    /// The reader reaches the case only through one of its tasks.
    pub through_task: bool,
    /// The reader is one of its collaborators.
    pub collaborator: bool,
}

pub fn for_agent(t: &Ticket, events: Vec<Event>, others: &[Ticket], sharing: Sharing) -> AgentTicket {
    AgentTicket {
        ticket: detail(t, events),
        context: t.context.clone(),
        assignee: t.assignee.clone(),
        user_id: t.requester.user_id.clone(),
        first_response_at: t.first_response_at,
        first_response_due: t.first_response_due,
        resolution_due: t.resolution_due,
        waiting_since: t.waiting_since,
        closed_at: t.closed_at,
        sla_breached: sla_breached(t),
        other_tickets: others.iter().filter(|o| o.id != t.id).map(summary).collect(),
        tasks: sharing.tasks,
        through_task: sharing.through_task,
        collaborators: sharing.collaborators,
        collaborator: sharing.collaborator,
    }
}
