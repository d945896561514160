//! The scheduled sweep (`[triggers] crons` in wrangler.toml): asks solved tickets whether they
//! stayed solved, closes them after four days (not while tasks kept open on them wait), flags SLA breaches, erases the personal data of
//! closed tickets past the site's retention, and forgets expired idempotency keys; tells the
//! leads of a department when a task asked of it goes past its due time ([`tell_overdue_tasks`]);
//! and samples each desk's load for staffing ([`sample_desks`]). The event's
//! scheduled time is the clock, so tests can run the sweep "days later".

use desk::erasure::Erase;
use desk::sweep::{CLOSE_AFTER, FOLLOW_UP_AFTER};
use desk::DAY;
use serde::Deserialize;
use worker::{D1Database, Env};

use crate::api::ApiError;
use crate::chat::TellOverdue;
use crate::store::{erasure, idempotency, int, people, staffing, tasks, tickets};
use desk::task::told_when_overdue;
use desk::team::Member;
use wire::chat::OverdueTask;
use wire::tasks::QueuedTask;
use wire::tickets::Status;
use ::staffing::demand::slot_of;

/// Tickets per run; the rest wait for the next run.
const BATCH: u32 = 500;

/// How many tickets changed.
pub async fn sweep(env: &Env, now: i64) -> Result<usize, ApiError> {
    let db = env.d1("DB")?;
    // A solved case whose kept tasks still wait is not closed (`Ticket::sweep`), so it is not a
    // candidate again until they are answered or cancelled.
    let due = "(status = 'solved' AND solved_at <= ?1 AND (follow_up_asked_at IS NULL
            OR (solved_at <= ?2 AND NOT EXISTS (SELECT 1 FROM case_tasks k WHERE k.ticket_id = tickets.id AND k.status = 'open'))))
        OR (status NOT IN ('solved', 'closed') AND ((first_response_at IS NULL AND first_response_breached = 0 AND first_response_due < ?3)
            OR (resolution_breached = 0 AND resolution_due < ?3)))";
    let candidates = tickets::select(&db, due, &[int(now - FOLLOW_UP_AFTER), int(now - CLOSE_AFTER), int(now)], BATCH).await?;
    let mut changed = 0;
    for mut ticket in candidates {
        let read_version = ticket.version;
        let tasks_open = ticket.status == Status::Solved && tasks::any_open(&db, &ticket.id).await?;
        let events = ticket.sweep(now, tasks_open);
        if events.is_empty() {
            continue;
        }
        match tickets::save(&db, &ticket, read_version, &events).await {
            Ok(()) => changed += 1,
            // Someone changed it meanwhile: the next run sees the new state.
            Err(ApiError::Conflict(_)) => {}
            Err(other) => return Err(other),
        }
    }
    changed += retain(&db, now).await?;
    db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?1").bind(&[int(now - idempotency::KEEP_MS)])?.run().await?;
    Ok(changed)
}

/// Erases the personal data (not the words: a case's history stays readable) of tickets closed
/// longer ago than their site's retention.
async fn retain(db: &D1Database, now: i64) -> Result<usize, ApiError> {
    #[derive(Deserialize)]
    struct Retention {
        site: String,
        retention_days: f64,
    }
    let sites = db.prepare("SELECT site, retention_days FROM site_settings WHERE retention_days IS NOT NULL").all().await?.results::<Retention>()?;
    let mut erased = 0;
    for site in sites {
        let before = now - site.retention_days as i64 * DAY;
        let expired = "site = ?1 AND status = 'closed' AND closed_at < ?2 AND personal_data_erased_at IS NULL";
        for ticket in tickets::select(db, expired, &[site.site.as_str().into(), int(before)], BATCH).await? {
            // A ticket changed meanwhile is left as it is; the next run takes it again.
            let erasing = erasure::ticket(db, ticket, Erase { messages: false }, now).await?;
            let update_at = erasing.update_at();
            let results = db.batch(erasing.statements).await?;
            erased += usize::from(erasure::written(&results, update_at)?);
        }
    }
    Ok(erased)
}

/// Each open task past its due time, once: its department's leads are told on their desk sockets
/// (the task also stays first in the department's queue). Marked before telling, so two sweeps
/// at once tell it once; a lead not online learns it from the queue.
pub async fn tell_overdue_tasks(env: &Env, now: i64) -> Result<usize, ApiError> {
    let db = env.d1("DB")?;
    let mut told = 0;
    for site in crate::sites::all().iter() {
        let overdue = tasks::untold_overdue(&db, &site.id, now, BATCH).await?;
        if overdue.is_empty() {
            continue;
        }
        let team: Vec<Member> = people::list(&db, &site.id)
            .await?
            .into_iter()
            .filter(|p| p.active)
            .map(|p| Member { id: p.id, roles: p.roles, departments: p.departments })
            .collect();
        for QueuedTask { task, case } in overdue {
            if !tasks::told_overdue(&db, &task.id, now).await? {
                continue;
            }
            let lead_ids: Vec<String> = told_when_overdue(&task.department, &team).into_iter().map(str::to_string).collect();
            if lead_ids.is_empty() {
                continue;
            }
            let task = OverdueTask { task_id: task.id, ticket_id: case.id, case_number: case.number, department: task.department, question: task.question, due_at: task.due_at };
            let desk = crate::chat::stubs::desk(env, &site.id)?;
            crate::chat::stubs::TASK_OVERDUE.call(&desk, &TellOverdue { lead_ids, task }).await?;
            told += 1;
        }
    }
    Ok(told)
}

/// Staffing's look at each site's desk, once a minute: the departments where someone is online,
/// added to their 15-minute slot (a minute with nobody online adds nothing).
pub async fn sample_desks(env: &Env, now: i64) -> Result<(), ApiError> {
    let db = env.d1("DB")?;
    for site in crate::sites::all().iter() {
        let desk = crate::chat::stubs::desk(env, &site.id)?;
        let loads = crate::chat::stubs::LOADS.call(&desk, &site.departments).await?;
        let online: Vec<_> = site.departments.iter().cloned().zip(loads).filter(|(_, load)| load.agents_online > 0).collect();
        if !online.is_empty() {
            staffing::sample(&db, &site.id, slot_of(now), &online).await?;
        }
    }
    Ok(())
}
