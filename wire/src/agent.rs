//! The agent console's view of tickets: `Authorization: Bearer <agent token>` on every route.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::tasks::{CaseTask, OpenTasks};
use crate::team::Role;
use crate::tickets::{Priority, Status, TicketContext, TicketDetail, TicketSummary};

/// `GET /api/v1/agent/me`: who the token belongs to, the site's departments and its agents —
/// what the console needs to sign in, name assignees and offer transfers.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct SignedIn {
    pub agent: AgentProfile,
    pub site: String,
    pub departments: Vec<String>,
    /// Every agent of the site (the signed-in one too), by name.
    pub agents: Vec<AgentProfile>,
    /// What the signed-in person does (the console shows the screens these allow).
    #[cfg_attr(feature = "serde", serde(default))]
    pub roles: Vec<Role>,
    /// The departments whose cases they see (all of them for an admin).
    #[cfg_attr(feature = "serde", serde(default))]
    pub scope: Vec<String>,
    /// Each department's name per locale (`billing` → `zh-cn` → `会员与支付`); a department
    /// without one is shown by its id.
    #[cfg_attr(feature = "serde", serde(default))]
    pub department_names: std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AgentProfile {
    pub id: String,
    pub name: String,
    pub department: String,
}

/// `GET /api/v1/agent/tickets`: newest first.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AgentTicketList {
    pub tickets: Vec<AgentTicketSummary>,
}

/// One line of the agents' list: what the requester's list shows, plus who asked, who works
/// it and whether the sweep found its SLA broken.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AgentTicketSummary {
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub summary: TicketSummary,
    /// The requester's name, when they gave one.
    #[cfg_attr(feature = "serde", serde(default))]
    pub name: Option<String>,
    /// Agent id, when assigned.
    #[cfg_attr(feature = "serde", serde(default))]
    pub assignee: Option<String>,
    pub sla_breached: bool,
}

/// `GET /api/v1/agent/tickets/{id}`: the full ticket with internal notes, the widget context,
/// SLA due times and the requester's other tickets on every channel.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct AgentTicket {
    /// Events include internal notes and transfer notes.
    pub ticket: TicketDetail,
    pub context: TicketContext,
    /// Agent id, when assigned.
    #[cfg_attr(feature = "serde", serde(default))]
    pub assignee: Option<String>,
    /// The verified user id from the host's identity, when the requester was logged in.
    #[cfg_attr(feature = "serde", serde(default))]
    pub user_id: Option<String>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub first_response_at: Option<i64>,
    pub first_response_due: i64,
    pub resolution_due: i64,
    /// Since when the ticket waits for the requester (status pending).
    #[cfg_attr(feature = "serde", serde(default))]
    pub waiting_since: Option<i64>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub closed_at: Option<i64>,
    pub sla_breached: bool,
    pub other_tickets: Vec<TicketSummary>,
    /// The tasks other departments were asked on this case, oldest first.
    #[cfg_attr(feature = "serde", serde(default))]
    pub tasks: Vec<CaseTask>,
    /// The reader reaches the case only through a task asked of their department: they read it
    /// and work the task, but do not answer the requester or change the case.
    #[cfg_attr(feature = "serde", serde(default))]
    pub through_task: bool,
    /// Agent ids of the people of other departments added to the case.
    #[cfg_attr(feature = "serde", serde(default))]
    pub collaborators: Vec<String>,
    /// The reader is one of them: they read the case and write internal notes on it.
    #[cfg_attr(feature = "serde", serde(default))]
    pub collaborator: bool,
}

/// `PATCH /api/v1/agent/tickets/{id}`: any of the fields; absent ones stay. A department change
/// needs `note` (why it is handed over); `assignee: ""` unassigns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TicketUpdate {
    #[cfg_attr(feature = "serde", serde(default))]
    pub status: Option<Status>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub priority: Option<Priority>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub department: Option<String>,
    /// An agent id of the site, or `""` to unassign.
    #[cfg_attr(feature = "serde", serde(default))]
    pub assignee: Option<String>,
    /// ≤ 10 000 chars; stored as an internal note (required with `department`).
    #[cfg_attr(feature = "serde", serde(default))]
    pub note: Option<String>,
    /// What solving or closing does with the case's open tasks; required when it has some.
    #[cfg_attr(feature = "serde", serde(default))]
    pub open_tasks: Option<OpenTasks>,
}

/// `POST /api/v1/agent/tickets/bulk-close`: up to 100 ticket ids of the agent's site.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct BulkClose {
    pub ids: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct BulkCloseResult {
    pub closed: Vec<String>,
    /// Ids that were unknown, of another site, or already closed.
    pub skipped: Vec<String>,
}
