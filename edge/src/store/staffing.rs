//! Staffing in D1: what the chat line lived (each chat's department, answer and end times), the
//! desk's load per 15-minute slot, and the plan (shifts, dated exceptions, holidays) with the
//! version each agent's plan is written at.

use std::collections::BTreeMap;

use desk::business_hours::BusinessHours;
use livechat::DepartmentLoad;
use serde::Deserialize;
use staffing::demand::{ChatRecord, ContactChannel, TicketRecord};
use staffing::plan::{Exception, Work};
use staffing::Shift;
use worker::{D1Database, D1PreparedStatement};

use super::int;
use crate::api::ApiError;

/// The holidays' row in `shift_plans`: they are versioned like an agent's plan.
pub const HOLIDAYS: &str = "";

/// An agent first took these chats (a transferred chat keeps its first answer).
pub async fn answered(db: &D1Database, chat_ids: &[&str], at: i64) -> Result<(), ApiError> {
    let statements = chat_ids
        .iter()
        .map(|id| Ok(db.prepare("UPDATE chats SET answered_at = COALESCE(answered_at, ?1) WHERE id = ?2").bind(&[int(at), (*id).into()])?))
        .collect::<Result<Vec<_>, ApiError>>()?;
    if !statements.is_empty() {
        db.batch(statements).await?;
    }
    Ok(())
}

/// The chat ended (an end said twice keeps the first).
pub async fn ended(db: &D1Database, chat_id: &str, at: i64) -> Result<(), ApiError> {
    db.prepare("UPDATE chats SET ended_at = COALESCE(ended_at, ?1) WHERE id = ?2").bind(&[int(at), chat_id.into()])?.run().await?;
    Ok(())
}

/// The chat now waits for, or is served by, another department.
pub async fn transferred(db: &D1Database, chat_id: &str, department: &str) -> Result<(), ApiError> {
    db.prepare("UPDATE chats SET department = ?1 WHERE id = ?2").bind(&[department.into(), chat_id.into()])?.run().await?;
    Ok(())
}

/// An agent's session on a case ended (their last tab on it closed) after `worked_ms` of work.
/// The same session told again keeps the longer account of it.
pub async fn worked(db: &D1Database, site: &str, ticket_id: &str, agent_id: &str, started_at: i64, ended_at: i64, worked_ms: i64) -> Result<(), ApiError> {
    db.prepare(
        "INSERT INTO ticket_work (site, ticket_id, agent_id, started_at, ended_at, worked_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (site, ticket_id, agent_id, started_at) DO UPDATE SET ended_at = MAX(ended_at, ?5), worked_ms = MAX(worked_ms, ?6)",
    )
    .bind(&[site.into(), ticket_id.into(), agent_id.into(), int(started_at), int(ended_at), int(worked_ms)])?
    .run()
    .await?;
    Ok(())
}

/// Adds one minute's look at the desk to its slot's sums.
pub async fn sample(db: &D1Database, site: &str, slot: i64, loads: &[(String, DepartmentLoad)]) -> Result<(), ApiError> {
    let statements = loads
        .iter()
        .map(|(department, load)| {
            Ok(db
                .prepare(
                    "INSERT INTO desk_samples (site, slot, department, minutes, agents_online, chats, capacity) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)
                     ON CONFLICT (site, slot, department) DO UPDATE SET minutes = minutes + 1, agents_online = agents_online + ?4,
                       chats = chats + ?5, capacity = capacity + ?6",
                )
                .bind(&[site.into(), int(slot), department.as_str().into(), int(load.agents_online.into()), int(load.chats.into()), int(load.capacity.into())])?)
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    db.batch(statements).await?;
    Ok(())
}

/// The site's chats that joined the line in `from..to`.
pub async fn chats(db: &D1Database, site: &str, from: i64, to: i64) -> Result<Vec<ChatRecord>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        department: Option<String>,
        created_at: f64,
        answered_at: Option<f64>,
        ended_at: Option<f64>,
    }
    let rows = db
        .prepare(
            "SELECT COALESCE(c.department, t.department) AS department, c.created_at, c.answered_at, c.ended_at
             FROM chats c JOIN tickets t ON t.id = c.ticket_id WHERE c.site = ?1 AND c.created_at >= ?2 AND c.created_at < ?3",
        )
        .bind(&[site.into(), int(from), int(to)])?
        .all()
        .await?
        .results::<Row>()?;
    Ok(rows
        .into_iter()
        .map(|r| ChatRecord {
            department: r.department.unwrap_or_default(),
            queued_ms: r.created_at as i64,
            answered_ms: r.answered_at.map(|t| t as i64),
            ended_ms: r.ended_at.map(|t| t as i64),
        })
        .collect())
}

/// The site's tickets, callbacks and mails filed in `from..to` (chat tickets are chats), each
/// with the work agents have done on it so far.
pub async fn tickets(db: &D1Database, site: &str, from: i64, to: i64) -> Result<Vec<TicketRecord>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        department: String,
        channel: String,
        created_at: f64,
        worked_ms: Option<f64>,
    }
    let rows = db
        .prepare(
            "SELECT t.department, t.channel, t.created_at,
               (SELECT SUM(w.worked_ms) FROM ticket_work w WHERE w.site = t.site AND w.ticket_id = t.id) AS worked_ms
             FROM tickets t WHERE t.site = ?1 AND t.created_at >= ?2 AND t.created_at < ?3 AND t.channel != 'chat'",
        )
        .bind(&[site.into(), int(from), int(to)])?
        .all()
        .await?
        .results::<Row>()?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let channel = ContactChannel::of_ticket(&r.channel)?;
            Some(TicketRecord { department: r.department, channel, created_ms: r.created_at as i64, worked_secs: r.worked_ms.map(|ms| ms / 1000.0) })
        })
        .collect())
}

/// The desk's summed samples in `from..to`: (slot, department, agents online, chats, capacity).
pub async fn samples(db: &D1Database, site: &str, from: i64, to: i64) -> Result<Vec<(i64, String, u32, u32, u32)>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        slot: f64,
        department: String,
        agents_online: f64,
        chats: f64,
        capacity: f64,
    }
    let rows = db
        .prepare("SELECT slot, department, agents_online, chats, capacity FROM desk_samples WHERE site = ?1 AND slot >= ?2 AND slot < ?3 ORDER BY slot, department")
        .bind(&[site.into(), int(from), int(to)])?
        .all()
        .await?
        .results::<Row>()?;
    Ok(rows.into_iter().map(|r| (r.slot as i64, r.department, r.agents_online as u32, r.chats as u32, r.capacity as u32)).collect())
}

/// The site's whole plan: the template, the exceptions (holidays have no agent), and each
/// plan's version (agent id → version; [`HOLIDAYS`] for the holidays).
pub struct Plan {
    pub shifts: Vec<Shift>,
    pub exceptions: Vec<Exception>,
    pub versions: BTreeMap<String, i64>,
}

pub async fn plan(db: &D1Database, site: &str) -> Result<Plan, ApiError> {
    #[derive(Deserialize)]
    struct ShiftRow {
        agent_id: String,
        department: String,
        weekday: f64,
        start_minute: f64,
        end_minute: f64,
    }
    #[derive(Deserialize)]
    struct ExceptionRow {
        agent_id: Option<String>,
        date: String,
        department: Option<String>,
        start_minute: Option<f64>,
        end_minute: Option<f64>,
    }
    #[derive(Deserialize)]
    struct VersionRow {
        agent_id: String,
        version: f64,
    }
    let shifts = db
        .prepare("SELECT agent_id, department, weekday, start_minute, end_minute FROM shifts WHERE site = ?1 ORDER BY agent_id, weekday, start_minute")
        .bind(&[site.into()])?
        .all()
        .await?
        .results::<ShiftRow>()?
        .into_iter()
        .map(|r| Shift { agent_id: r.agent_id, department: r.department, weekday: r.weekday as u8, start_minute: r.start_minute as u16, end_minute: r.end_minute as u16 })
        .collect();
    let exceptions = db
        .prepare("SELECT agent_id, date, department, start_minute, end_minute FROM shift_exceptions WHERE site = ?1 ORDER BY date, agent_id, start_minute")
        .bind(&[site.into()])?
        .all()
        .await?
        .results::<ExceptionRow>()?
        .into_iter()
        .map(|r| {
            let work = match (r.department, r.start_minute, r.end_minute) {
                (Some(department), Some(start), Some(end)) => Some(Work { department, start_minute: start as u16, end_minute: end as u16 }),
                _ => None,
            };
            Exception { date: r.date, agent_id: r.agent_id, work }
        })
        .collect();
    let versions = db
        .prepare("SELECT agent_id, version FROM shift_plans WHERE site = ?1")
        .bind(&[site.into()])?
        .all()
        .await?
        .results::<VersionRow>()?
        .into_iter()
        .map(|r| (r.agent_id, r.version as i64))
        .collect();
    Ok(Plan { shifts, exceptions, versions })
}

/// One plan to store: an agent's, or the holidays (`agent_id` [`HOLIDAYS`]), replacing the one
/// read at `version`.
pub struct PlanWrite<'a> {
    pub agent_id: &'a str,
    pub version: i64,
    pub shifts: &'a [Shift],
    pub exceptions: &'a [Exception],
}

/// Stores `write` if its plan is still at its version, with `also` (the audit entry) in the same
/// batch; the new version. The version is bumped first: the table's triggers abort the batch
/// when it is stale, so nothing of it is written.
pub async fn replace(db: &D1Database, site: &str, write: PlanWrite<'_>, now: i64, also: D1PreparedStatement) -> Result<i64, ApiError> {
    let PlanWrite { agent_id, version, shifts, exceptions } = write;
    let mut batch = vec![db
        .prepare(
            "INSERT INTO shift_plans (site, agent_id, version, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (site, agent_id) DO UPDATE SET version = ?3, updated_at = ?4",
        )
        .bind(&[site.into(), agent_id.into(), int(version + 1), int(now)])?];
    let holidays = agent_id == HOLIDAYS;
    if holidays {
        batch.push(db.prepare("DELETE FROM shift_exceptions WHERE site = ?1 AND agent_id IS NULL").bind(&[site.into()])?);
    } else {
        batch.push(db.prepare("DELETE FROM shifts WHERE site = ?1 AND agent_id = ?2").bind(&[site.into(), agent_id.into()])?);
        batch.push(db.prepare("DELETE FROM shift_exceptions WHERE site = ?1 AND agent_id = ?2").bind(&[site.into(), agent_id.into()])?);
    }
    for shift in shifts {
        batch.push(
            db.prepare("INSERT INTO shifts (site, agent_id, department, weekday, start_minute, end_minute) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").bind(&[
                site.into(),
                agent_id.into(),
                shift.department.as_str().into(),
                int(shift.weekday.into()),
                int(shift.start_minute.into()),
                int(shift.end_minute.into()),
            ])?,
        );
    }
    for exception in exceptions {
        let work = exception.work.as_ref();
        batch.push(
            db.prepare("INSERT INTO shift_exceptions (site, agent_id, date, department, start_minute, end_minute) VALUES (?1, ?2, ?3, ?4, ?5, ?6)").bind(&[
                site.into(),
                if holidays { worker::wasm_bindgen::JsValue::NULL } else { agent_id.into() },
                exception.date.as_str().into(),
                work.map_or(worker::wasm_bindgen::JsValue::NULL, |w| w.department.as_str().into()),
                work.map_or(worker::wasm_bindgen::JsValue::NULL, |w| int(w.start_minute.into())),
                work.map_or(worker::wasm_bindgen::JsValue::NULL, |w| int(w.end_minute.into())),
            ])?,
        );
    }
    batch.push(also);
    match db.batch(batch).await {
        Ok(_) => Ok(version + 1),
        Err(error) if error.to_string().contains("stale plan") => Err(ApiError::Conflict("the plan changed since it was read; reload and retry")),
        Err(error) => Err(error.into()),
    }
}

/// Whether someone is planned for `department` at `now`; `None` when the site plans no shifts
/// at all (then chat hours and who is online decide, as before plans existed).
pub async fn staffed(db: &D1Database, site: &desk::Site, department: &str, now: i64) -> Result<Option<bool>, ApiError> {
    let plan = plan(db, &site.id).await?;
    if plan.shifts.is_empty() && plan.exceptions.iter().all(|e| e.work.is_none()) {
        return Ok(None);
    }
    Ok(Some(!staffing::plan::on_duty(&plan.shifts, &plan.exceptions, department, now, site.utc_offset()).is_empty()))
}

/// The business hours `department`'s SLA clocks run in, for a site that pauses them outside
/// business hours and plans shifts for it; `None`: calendar time.
pub async fn sla_hours(db: &D1Database, site: &desk::Site, department: &str) -> Result<Option<BusinessHours>, ApiError> {
    if !site.sla_business_hours {
        return Ok(None);
    }
    let plan = plan(db, &site.id).await?;
    let hours = staffing::plan::business_hours(&plan.shifts, &plan.exceptions, department, site.utc_offset());
    Ok((!hours.windows.is_empty()).then_some(hours))
}
