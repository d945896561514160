//! One case handled by several departments. Linked tasks: the case's owner asks another
//! department a question on the case; that department answers inside the task, on an internal
//! thread. Collaborators: people of other departments added to the case, who read it and write
//! internal notes. Requesters never see either (they are not ticket events): one case, one voice.

#[cfg(feature = "serde")]
use serde::{Deserialize, Serialize};

use crate::error::ErrorDetail;
use crate::tickets::{Priority, Status};

/// Where a task stands: open until the helper department answers it or the owner cancels it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TaskStatus {
    Open,
    Answered,
    Cancelled,
}

names! {
    TaskStatus { Open => "open", Answered => "answered", Cancelled => "cancelled" }
}

/// One task of a case, with its thread.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct CaseTask {
    pub id: String,
    pub ticket_id: String,
    /// The department asked.
    pub department: String,
    pub question: String,
    /// Agent id of the department's person who works it, when someone does.
    #[cfg_attr(feature = "serde", serde(default))]
    pub assignee: Option<String>,
    pub status: TaskStatus,
    /// Who opened it (the person's name).
    pub opened_by: String,
    pub opened_at: i64,
    /// The department's SLA for the case's priority, from when the task was opened.
    pub due_at: i64,
    /// When it was answered or cancelled.
    #[cfg_attr(feature = "serde", serde(default))]
    pub closed_at: Option<i64>,
    /// Open past its due time.
    pub overdue: bool,
    /// Messages between the two departments, oldest first; the answer is the one marked.
    pub thread: Vec<TaskMessage>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TaskMessage {
    pub at: i64,
    pub author: String,
    pub text: String,
    /// The helper department's answer, which closed the task.
    pub answer: bool,
}

/// `POST /api/v1/agent/tickets/{id}/tasks`: the department asked (not the case's own), the
/// question (1–10 000 characters) and, optionally, who of that department works it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct NewTask {
    pub department: String,
    pub question: String,
    #[cfg_attr(feature = "serde", serde(default))]
    pub assignee: Option<String>,
}

/// `PATCH /api/v1/agent/tasks/{id}`: who of the task's department works it (`""`: nobody).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TaskAssignment {
    pub assignee: String,
}

/// What solving or closing a case does with its open tasks (`TicketUpdate::open_tasks`);
/// without it such a change is refused with [`OpenTasksRefused`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum OpenTasks {
    /// Cancel them with the change.
    Cancel,
    /// Leave them open: the other department still answers.
    Keep,
}

/// The 409 of a solve or close that did not say what to do with the case's open tasks.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct OpenTasksRefused {
    pub error: ErrorDetail,
    pub open_tasks: Vec<CaseTask>,
}

/// `POST /api/v1/agent/tickets/{id}/collaborators`: a person of another department, added to
/// the case to read it and write internal notes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct NewCollaborator {
    pub agent_id: String,
}

/// The case a task belongs to, as its queue shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TaskCase {
    pub id: String,
    pub number: i64,
    pub subject: String,
    pub department: String,
    pub priority: Priority,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct QueuedTask {
    pub task: CaseTask,
    pub case: TaskCase,
}

/// `GET /api/v1/agent/tasks?status=&department=&assignee=&overdue=`: the tasks asked of the
/// person's departments, overdue first, then by due time.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize, Deserialize))]
pub struct TaskQueue {
    pub tasks: Vec<QueuedTask>,
}
