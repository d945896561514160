//! The rows behind the handoff report: the cases opened in a range, their transfers between
//! departments (ticket events of type `department`) and the linked tasks asked on them, read in
//! one batch; `desk::handoffs` folds them.

use std::collections::HashMap;

use desk::handoffs::{CaseTrail, TaskTimes};
use serde::Deserialize;
use worker::D1Database;

use super::int;
use crate::api::ApiError;

/// At most this many cases of one range are read, the first opened.
pub const MOST_CASES: u32 = 20_000;

/// A solved or closed case ended then; one reopened since has not.
const CASES: &str = "SELECT id, department, created_at, CASE WHEN status IN ('solved', 'closed') THEN COALESCE(solved_at, closed_at) END AS ended_at
  FROM tickets WHERE site = ?1 AND created_at >= ?2 AND created_at < ?3 ORDER BY created_at LIMIT ?4";

const TRANSFERS: &str = "SELECT e.ticket_id, e.at, json_extract(e.change, '$.from') AS moved_from, json_extract(e.change, '$.to') AS moved_to
  FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
  WHERE t.site = ?1 AND t.created_at >= ?2 AND t.created_at < ?3 AND e.type = 'department' ORDER BY e.seq";

const TASKS: &str = "SELECT k.department, k.due_at, k.closed_at
  FROM case_tasks k JOIN tickets t ON t.id = k.ticket_id
  WHERE t.site = ?1 AND t.created_at >= ?2 AND t.created_at < ?3";

#[derive(Deserialize)]
struct Case {
    id: String,
    department: String,
    created_at: f64,
    ended_at: Option<f64>,
}

#[derive(Deserialize)]
struct Transfer {
    ticket_id: String,
    at: f64,
    moved_from: String,
    moved_to: String,
}

#[derive(Deserialize)]
struct Task {
    department: String,
    due_at: f64,
    closed_at: Option<f64>,
}

/// The cases opened in `bounds` on `site`, each with its transfers, and the tasks asked on them.
pub async fn trails(db: &D1Database, site: &str, bounds: (i64, i64)) -> Result<(Vec<CaseTrail>, Vec<TaskTimes>), ApiError> {
    let binds = [site.into(), int(bounds.0), int(bounds.1), int(i64::from(MOST_CASES))];
    let statements = vec![db.prepare(CASES).bind(&binds)?, db.prepare(TRANSFERS).bind(&binds[..3])?, db.prepare(TASKS).bind(&binds[..3])?];
    let results = db.batch(statements).await?;
    let ms = |v: f64| v as i64;
    let mut moves: HashMap<String, Vec<(i64, String, String)>> = HashMap::new();
    for t in results[1].results::<Transfer>()? {
        moves.entry(t.ticket_id).or_default().push((ms(t.at), t.moved_from, t.moved_to));
    }
    let cases = results[0]
        .results::<Case>()?
        .into_iter()
        .map(|c| CaseTrail { opened_at: ms(c.created_at), transfers: moves.remove(&c.id).unwrap_or_default(), department: c.department, ended_at: c.ended_at.map(ms) })
        .collect();
    let tasks = results[2].results::<Task>()?.into_iter().map(|t| TaskTimes { department: t.department, due_at: ms(t.due_at), closed_at: t.closed_at.map(ms) }).collect();
    Ok((cases, tasks))
}
