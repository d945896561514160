//! Linked tasks in D1 (migration 0014): one row per task, one per message of its thread. Every
//! change is one batch whose first statement is guarded by the version it read, followed by
//! [`super::kb::guard`]: a lost race rolls the whole batch back (audit record included) and the
//! caller applies its change again to what is stored then.

use desk::task::Task;
use serde::Deserialize;
use wire::tasks::{CaseTask, QueuedTask, TaskCase, TaskMessage, TaskStatus};
use wire::tickets::{Priority, Status};
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::{int, kb, name, opt_int, opt_text};
use crate::api::ApiError;

const COLUMNS: &str = "id, site, ticket_id, department, question, assignee, status, opened_by, opened_at, due_at, closed_at, version";

#[derive(Deserialize)]
struct Row {
    id: String,
    site: String,
    ticket_id: String,
    department: String,
    question: String,
    assignee: Option<String>,
    status: TaskStatus,
    opened_by: String,
    opened_at: f64,
    due_at: f64,
    closed_at: Option<f64>,
    version: f64,
}

impl Row {
    fn into_task(self) -> Task {
        Task {
            id: self.id,
            site: self.site,
            ticket_id: self.ticket_id,
            department: self.department,
            question: self.question,
            assignee: self.assignee,
            status: self.status,
            opened_by: self.opened_by,
            opened_at: self.opened_at as i64,
            due_at: self.due_at as i64,
            closed_at: self.closed_at.map(|v| v as i64),
            version: self.version as i64,
        }
    }
}

pub fn insert(db: &D1Database, t: &Task) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(format!("INSERT INTO case_tasks ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"))
        .bind(&[
            t.id.as_str().into(),
            t.site.as_str().into(),
            t.ticket_id.as_str().into(),
            t.department.as_str().into(),
            t.question.as_str().into(),
            opt_text(&t.assignee),
            name(&t.status)?.into(),
            t.opened_by.as_str().into(),
            int(t.opened_at),
            int(t.due_at),
            opt_int(t.closed_at),
            int(t.version),
        ])?)
}

/// The statement storing a changed task if it still has `read_version`; follow it with
/// [`kb::guard`].
pub fn update(db: &D1Database, t: &Task, read_version: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("UPDATE case_tasks SET assignee = ?2, status = ?3, closed_at = ?4, version = ?5 WHERE id = ?1 AND version = ?6")
        .bind(&[t.id.as_str().into(), opt_text(&t.assignee), name(&t.status)?.into(), opt_int(t.closed_at), int(t.version), int(read_version)])?)
}

/// The statement adding a message to a task's thread unless the task is cancelled by then;
/// follow it with [`kb::guard`].
pub fn message(db: &D1Database, task_id: &str, at: i64, author: &str, text: &str, answer: bool) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO case_task_messages (task_id, at, author, text, answer)
             SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM case_tasks WHERE id = ?1 AND status != 'cancelled')",
        )
        .bind(&[task_id.into(), int(at), author.into(), text.into(), int(i64::from(answer))])?)
}

/// Runs a guarded batch: `false` when a guard found its condition gone (nothing was written).
pub async fn commit(db: &D1Database, statements: Vec<D1PreparedStatement>) -> Result<bool, ApiError> {
    match db.batch(statements).await {
        Ok(_) => Ok(true),
        Err(error) if kb::guard_failed(&error) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

pub async fn load(db: &D1Database, site: &str, id: &str) -> Result<Option<Task>, ApiError> {
    let row = db.prepare(format!("SELECT {COLUMNS} FROM case_tasks WHERE id = ?1 AND site = ?2")).bind(&[id.into(), site.into()])?.first::<Row>(None).await?;
    Ok(row.map(Row::into_task))
}

/// A case's tasks, oldest first.
pub async fn of_ticket(db: &D1Database, ticket_id: &str) -> Result<Vec<Task>, ApiError> {
    let rows = db.prepare(format!("SELECT {COLUMNS} FROM case_tasks WHERE ticket_id = ?1 ORDER BY opened_at, id")).bind(&[ticket_id.into()])?.all().await?.results::<Row>()?;
    Ok(rows.into_iter().map(Row::into_task).collect())
}

/// How many of a case's tasks are open (bulk close leaves such cases alone).
pub async fn open_count(db: &D1Database, ticket_id: &str) -> Result<i64, ApiError> {
    #[derive(Deserialize)]
    struct Count {
        n: f64,
    }
    let count = db.prepare("SELECT COUNT(*) AS n FROM case_tasks WHERE ticket_id = ?1 AND status = 'open'").bind(&[ticket_id.into()])?.first::<Count>(None).await?;
    Ok(count.map_or(0, |c| c.n as i64))
}

#[derive(Deserialize)]
struct MessageRow {
    task_id: String,
    at: f64,
    author: String,
    text: String,
    answer: f64,
}

/// The tasks as people read them, each with its thread.
pub async fn views(db: &D1Database, tasks: &[Task], now: i64) -> Result<Vec<CaseTask>, ApiError> {
    if tasks.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=tasks.len()).map(|i| format!("?{i}")).collect();
    let binds: Vec<JsValue> = tasks.iter().map(|t| t.id.as_str().into()).collect();
    let sql = format!("SELECT task_id, at, author, text, answer FROM case_task_messages WHERE task_id IN ({}) ORDER BY seq", placeholders.join(", "));
    let messages = db.prepare(sql).bind(&binds)?.all().await?.results::<MessageRow>()?;
    Ok(tasks
        .iter()
        .map(|t| CaseTask {
            id: t.id.clone(),
            ticket_id: t.ticket_id.clone(),
            department: t.department.clone(),
            question: t.question.clone(),
            assignee: t.assignee.clone(),
            status: t.status,
            opened_by: t.opened_by.clone(),
            opened_at: t.opened_at,
            due_at: t.due_at,
            closed_at: t.closed_at,
            overdue: t.overdue(now),
            thread: messages
                .iter()
                .filter(|m| m.task_id == t.id)
                .map(|m| TaskMessage { at: m.at as i64, author: m.author.clone(), text: m.text.clone(), answer: m.answer != 0.0 })
                .collect(),
        })
        .collect())
}

pub async fn view(db: &D1Database, task: &Task, now: i64) -> Result<CaseTask, ApiError> {
    views(db, std::slice::from_ref(task), now).await?.pop().ok_or_else(|| ApiError::Internal("a task's view went missing".into()))
}

/// A task's columns and its case's; no `serde(flatten)`, which D1's numbers do not survive.
#[derive(Deserialize)]
struct QueueRow {
    id: String,
    site: String,
    ticket_id: String,
    department: String,
    question: String,
    assignee: Option<String>,
    status: TaskStatus,
    opened_by: String,
    opened_at: f64,
    due_at: f64,
    closed_at: Option<f64>,
    version: f64,
    number: f64,
    subject: String,
    case_department: String,
    priority: Priority,
    case_status: Status,
}

/// Tasks matching a `WHERE` clause over `case_tasks` (alias `k`) with their case (`t`), overdue
/// ones first, then by due time.
pub async fn queue(db: &D1Database, filter: &str, binds: &[JsValue], now: i64, limit: u32) -> Result<Vec<QueuedTask>, ApiError> {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("k.{c}")).collect();
    let sql = format!(
        "SELECT {}, t.number, t.subject, t.department AS case_department, t.priority, t.status AS case_status
         FROM case_tasks k JOIN tickets t ON t.id = k.ticket_id
         WHERE {filter}
         ORDER BY (k.status = 'open' AND k.due_at < {now}) DESC, k.due_at, k.id LIMIT {limit}",
        columns.join(", ")
    );
    let rows = db.prepare(sql).bind(binds)?.all().await?.results::<QueueRow>()?;
    let (tasks, cases): (Vec<Task>, Vec<TaskCase>) = rows
        .into_iter()
        .map(|r| {
            let case = TaskCase { id: r.ticket_id.clone(), number: r.number as i64, subject: r.subject, department: r.case_department, priority: r.priority, status: r.case_status };
            let row = Row { id: r.id, site: r.site, ticket_id: r.ticket_id, department: r.department, question: r.question, assignee: r.assignee, status: r.status, opened_by: r.opened_by, opened_at: r.opened_at, due_at: r.due_at, closed_at: r.closed_at, version: r.version };
            (row.into_task(), case)
        })
        .unzip();
    let views = views(db, &tasks, now).await?;
    Ok(views.into_iter().zip(cases).map(|(task, case)| QueuedTask { task, case }).collect())
}

/// Whether a case has a task still open.
pub async fn any_open(db: &D1Database, ticket_id: &str) -> Result<bool, ApiError> {
    #[derive(Deserialize)]
    struct Open {
        open: f64,
    }
    let row = db.prepare("SELECT EXISTS (SELECT 1 FROM case_tasks WHERE ticket_id = ?1 AND status = 'open') AS open").bind(&[ticket_id.into()])?.first::<Open>(None).await?;
    Ok(row.is_some_and(|r| r.open > 0.0))
}

/// A site's open tasks past their due time whose leads have not been told yet, oldest due first.
pub async fn untold_overdue(db: &D1Database, site: &str, now: i64, limit: u32) -> Result<Vec<QueuedTask>, ApiError> {
    queue(db, "k.site = ?1 AND k.status = 'open' AND k.due_at < ?2 AND k.overdue_told_at IS NULL", &[site.into(), int(now)], now, limit).await
}

/// Marks a task's leads as told; false if another sweep did first (so each task is told once).
pub async fn told_overdue(db: &D1Database, task_id: &str, now: i64) -> Result<bool, ApiError> {
    let result = db.prepare("UPDATE case_tasks SET overdue_told_at = ?2 WHERE id = ?1 AND overdue_told_at IS NULL").bind(&[task_id.into(), int(now)])?.run().await?;
    let changed = result.meta()?.and_then(|m| m.changes).ok_or_else(|| ApiError::Internal("D1 did not say whether the task was marked".into()))?;
    Ok(changed > 0)
}

/// The agent ids of a case's collaborators, in the order they were added.
pub async fn collaborators(db: &D1Database, ticket_id: &str) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    struct Id {
        agent_id: String,
    }
    let rows = db.prepare("SELECT agent_id FROM case_collaborators WHERE ticket_id = ?1 ORDER BY added_at, agent_id").bind(&[ticket_id.into()])?.all().await?.results::<Id>()?;
    Ok(rows.into_iter().map(|r| r.agent_id).collect())
}

/// The statement adding a collaborator; it changes nothing for one already added (follow it
/// with [`kb::guard`] to write the rest of the batch only when it did add them).
pub fn add_collaborator(db: &D1Database, ticket_id: &str, agent_id: &str, added_by: &str, at: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("INSERT OR IGNORE INTO case_collaborators (ticket_id, agent_id, added_by, added_at) VALUES (?1, ?2, ?3, ?4)")
        .bind(&[ticket_id.into(), agent_id.into(), added_by.into(), int(at)])?)
}

/// The statement removing a collaborator (changes nothing for someone not on the case).
pub fn remove_collaborator(db: &D1Database, ticket_id: &str, agent_id: &str) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare("DELETE FROM case_collaborators WHERE ticket_id = ?1 AND agent_id = ?2").bind(&[ticket_id.into(), agent_id.into()])?)
}

/// Who reaches a case besides its own department: the departments its tasks (not cancelled) ask,
/// and its collaborators. Read once, judged for each person by `desk::task::reach`.
pub struct CaseAccess {
    department: String,
    asked_of: Vec<String>,
    collaborators: Vec<String>,
}

impl CaseAccess {
    pub async fn of(db: &D1Database, ticket: &desk::Ticket) -> Result<CaseAccess, ApiError> {
        let asked_of = of_ticket(db, &ticket.id).await?.into_iter().filter(|t| t.status != TaskStatus::Cancelled).map(|t| t.department).collect();
        Ok(CaseAccess { department: ticket.department.clone(), asked_of, collaborators: collaborators(db, &ticket.id).await? })
    }

    pub fn reach(&self, member: &desk::team::Member) -> Option<desk::task::Reach> {
        let collaborator = self.collaborators.contains(&member.id);
        desk::task::reach(member, &self.department, self.asked_of.iter().map(String::as_str), collaborator)
    }

    pub fn collaborators(&self) -> &[String] {
        &self.collaborators
    }
}
