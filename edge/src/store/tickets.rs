//! Tickets in D1: one row per ticket, one row per event. Every change is one `batch` (a D1
//! transaction) that appends the events only if the ticket still has the version it was read
//! at, then writes the ticket; a lost race is a 409, never a half-written ticket.

use desk::{Event, Requester, Ticket};
use serde::Deserialize;
use wire::tickets::{Actor, ActorKind, Change, Channel, Csat, Priority, Status, TicketContext};
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::{int, name, opt_int, opt_text, tag};
use crate::api::ApiError;

const COLUMNS: &str = "id, site, number, user_id, token_digest, name, email, channel, category, department, assignee, \
    priority, status, subject, description, locale, context, created_at, updated_at, first_response_at, waiting_since, \
    solved_at, closed_at, first_response_due, resolution_due, follow_up_asked_at, follow_up_pending, \
    first_response_breached, resolution_breached, csat_score, csat_comment, version";

/// A `tickets` row as D1 hands it back (integers arrive as JS numbers).
#[derive(Deserialize)]
struct Row {
    id: String,
    site: String,
    number: f64,
    user_id: Option<String>,
    token_digest: Option<String>,
    name: Option<String>,
    email: Option<String>,
    channel: Channel,
    category: String,
    department: String,
    assignee: Option<String>,
    priority: Priority,
    status: Status,
    subject: String,
    description: String,
    locale: String,
    context: String,
    created_at: f64,
    updated_at: f64,
    first_response_at: Option<f64>,
    waiting_since: Option<f64>,
    solved_at: Option<f64>,
    closed_at: Option<f64>,
    first_response_due: f64,
    resolution_due: f64,
    follow_up_asked_at: Option<f64>,
    follow_up_pending: f64,
    first_response_breached: f64,
    resolution_breached: f64,
    csat_score: Option<f64>,
    csat_comment: Option<String>,
    version: f64,
}

impl Row {
    fn into_ticket(self) -> Result<Ticket, ApiError> {
        let ms = |v: f64| v as i64;
        Ok(Ticket {
            context: serde_json::from_str::<TicketContext>(&self.context)?,
            id: self.id,
            site: self.site,
            number: ms(self.number),
            requester: Requester { user_id: self.user_id, token_digest: self.token_digest, name: self.name, email: self.email },
            channel: self.channel,
            category: self.category,
            department: self.department,
            assignee: self.assignee,
            priority: self.priority,
            status: self.status,
            subject: self.subject,
            description: self.description,
            locale: self.locale,
            created_at: ms(self.created_at),
            updated_at: ms(self.updated_at),
            first_response_at: self.first_response_at.map(ms),
            waiting_since: self.waiting_since.map(ms),
            solved_at: self.solved_at.map(ms),
            closed_at: self.closed_at.map(ms),
            first_response_due: ms(self.first_response_due),
            resolution_due: ms(self.resolution_due),
            follow_up_asked_at: self.follow_up_asked_at.map(ms),
            follow_up_pending: self.follow_up_pending != 0.0,
            first_response_breached: self.first_response_breached != 0.0,
            resolution_breached: self.resolution_breached != 0.0,
            csat: self.csat_score.map(|s| Csat { score: s as u8, comment: self.csat_comment }),
            version: ms(self.version),
        })
    }
}

/// The ticket's columns in [`COLUMNS`] order.
fn values(t: &Ticket) -> Result<Vec<JsValue>, ApiError> {
    let flag = |b: bool| int(i64::from(b));
    Ok(vec![
        t.id.as_str().into(),
        t.site.as_str().into(),
        int(t.number),
        opt_text(&t.requester.user_id),
        opt_text(&t.requester.token_digest),
        opt_text(&t.requester.name),
        opt_text(&t.requester.email),
        name(&t.channel)?.into(),
        t.category.as_str().into(),
        t.department.as_str().into(),
        opt_text(&t.assignee),
        name(&t.priority)?.into(),
        name(&t.status)?.into(),
        t.subject.as_str().into(),
        t.description.as_str().into(),
        t.locale.as_str().into(),
        serde_json::to_string(&t.context)?.into(),
        int(t.created_at),
        int(t.updated_at),
        opt_int(t.first_response_at),
        opt_int(t.waiting_since),
        opt_int(t.solved_at),
        opt_int(t.closed_at),
        int(t.first_response_due),
        int(t.resolution_due),
        opt_int(t.follow_up_asked_at),
        flag(t.follow_up_pending),
        flag(t.first_response_breached),
        flag(t.resolution_breached),
        opt_int(t.csat.as_ref().map(|c| i64::from(c.score))),
        opt_text(&t.csat.as_ref().and_then(|c| c.comment.clone())),
        int(t.version),
    ])
}

/// The statement that inserts a new ticket; its number is the site's next one, counted inside
/// the same transaction so two tickets never share a number.
pub fn insert(db: &D1Database, t: &Ticket) -> Result<D1PreparedStatement, ApiError> {
    let mut binds = values(t)?;
    let mut columns: Vec<String> = (1..=binds.len()).map(|i| format!("?{i}")).collect();
    columns[2] = "(SELECT COALESCE(MAX(number), 0) + 1 FROM tickets WHERE site = ?2)".into();
    binds[2] = JsValue::NULL;
    Ok(db.prepare(format!("INSERT INTO tickets ({COLUMNS}) VALUES ({}) RETURNING number", columns.join(", "))).bind(&binds)?)
}

/// Statements appending `events`, guarded by the version the ticket had when read.
pub fn append(db: &D1Database, ticket_id: &str, read_version: i64, events: &[Event]) -> Result<Vec<D1PreparedStatement>, ApiError> {
    events
        .iter()
        .map(|e| {
            let binds = [
                ticket_id.into(),
                int(e.at),
                name(&e.actor.kind)?.into(),
                e.actor.name.as_str().into(),
                tag(&e.change)?.into(),
                serde_json::to_string(&e.change)?.into(),
                int(i64::from(internal(&e.change))),
                int(read_version),
            ];
            Ok(db
                .prepare(
                    "INSERT INTO ticket_events (ticket_id, at, actor_kind, actor_name, type, change, internal)
                     SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM tickets WHERE id = ?1 AND version = ?8)",
                )
                .bind(&binds)?)
        })
        .collect()
}

/// How often a change is applied again to a ticket that someone else changed between reading
/// and writing it.
const ATTEMPTS: usize = 4;

/// Writes a changed ticket and its new events in one transaction, if nobody changed it since
/// it was read at `read_version`; else nothing is written and the answer is `Conflict`.
pub async fn save(db: &D1Database, t: &Ticket, read_version: i64, events: &[Event]) -> Result<(), ApiError> {
    save_with(db, t, read_version, events, None).await
}

/// [`save`], writing `also` in the same batch. `also` must be guarded by the same version (as
/// [`super::idempotency::remember_change`] is), so a lost race writes none of it either.
async fn save_with(db: &D1Database, t: &Ticket, read_version: i64, events: &[Event], also: Option<D1PreparedStatement>) -> Result<(), ApiError> {
    let mut statements = append(db, &t.id, read_version, events)?;
    statements.extend(also);
    statements.push(update(db, t, read_version)?);
    let results = db.batch(statements).await?;
    // A failed read of the update's outcome is a failure of the store, not a lost race.
    let outcome = results.last().ok_or_else(|| ApiError::Internal("the batch lost its update".into()))?;
    let changed = outcome.meta()?.and_then(|m| m.changes).ok_or_else(|| ApiError::Internal("D1 did not say whether the update changed a row".into()))?;
    if changed == 0 {
        return Err(ApiError::Conflict("the ticket changed meanwhile; reload and retry"));
    }
    Ok(())
}

/// One attempt's writes: the events a change makes and, optionally, a statement guarded by the
/// version the ticket was read at (the request's idempotency key).
pub struct Writes {
    pub events: Vec<Event>,
    pub also: Option<D1PreparedStatement>,
}

/// Applies `change` to `ticket` and stores it. When someone else wrote first, reads the ticket
/// again and applies the change again, so a message, a note or a transcript is never refused
/// for a coincidence; after [`ATTEMPTS`] lost races it is `Contended` with nothing written. An
/// error of `change` (the ticket as it is now refuses it) is the answer as it is. Returns the
/// ticket as stored and the events written.
pub async fn apply<F>(db: &D1Database, mut ticket: Ticket, mut change: F) -> Result<(Ticket, Vec<Event>), ApiError>
where
    F: FnMut(&mut Ticket, i64) -> Result<Writes, ApiError>,
{
    for _ in 0..ATTEMPTS {
        let read_version = ticket.version;
        let Writes { events, also } = change(&mut ticket, read_version)?;
        if events.is_empty() && also.is_none() {
            return Ok((ticket, events));
        }
        match save_with(db, &ticket, read_version, &events, also).await {
            Ok(()) => return Ok((ticket, events)),
            Err(ApiError::Conflict(_)) => {
                ticket = load(db, &ticket.site, &ticket.id).await?.ok_or(ApiError::NotFound("no such ticket"))?;
            }
            Err(other) => return Err(other),
        }
    }
    Err(ApiError::Contended)
}

pub fn update(db: &D1Database, t: &Ticket, read_version: i64) -> Result<D1PreparedStatement, ApiError> {
    let mut binds = values(t)?;
    let sets: Vec<String> = COLUMNS.split(", ").enumerate().map(|(i, c)| format!("{c} = ?{}", i + 1)).collect();
    binds.push(int(read_version));
    let sql = format!("UPDATE tickets SET {} WHERE id = ?1 AND version = ?{}", sets.join(", "), binds.len());
    Ok(db.prepare(sql).bind(&binds)?)
}

/// One ticket of a site, or none.
pub async fn load(db: &D1Database, site: &str, id: &str) -> Result<Option<Ticket>, ApiError> {
    let row = db
        .prepare(format!("SELECT {COLUMNS} FROM tickets WHERE id = ?1 AND site = ?2"))
        .bind(&[id.into(), site.into()])?
        .first::<Row>(None)
        .await?;
    row.map(Row::into_ticket).transpose()
}

/// Tickets matching a `WHERE` clause over `tickets`, newest first.
pub async fn select(db: &D1Database, filter: &str, binds: &[JsValue], limit: u32) -> Result<Vec<Ticket>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM tickets WHERE {filter} ORDER BY created_at DESC LIMIT {limit}");
    let rows = db.prepare(sql).bind(binds)?.all().await?.results::<Row>()?;
    rows.into_iter().map(Row::into_ticket).collect()
}

#[derive(Deserialize)]
struct EventRow {
    at: f64,
    actor_kind: ActorKind,
    actor_name: String,
    change: String,
}

/// The ticket's log, oldest first; requesters never get the internal entries.
pub async fn events(db: &D1Database, ticket_id: &str, with_internal: bool) -> Result<Vec<Event>, ApiError> {
    let sql = if with_internal {
        "SELECT at, actor_kind, actor_name, change FROM ticket_events WHERE ticket_id = ?1 ORDER BY seq"
    } else {
        "SELECT at, actor_kind, actor_name, change FROM ticket_events WHERE ticket_id = ?1 AND internal = 0 ORDER BY seq"
    };
    let rows = db.prepare(sql).bind(&[ticket_id.into()])?.all().await?.results::<EventRow>()?;
    rows.into_iter()
        .map(|r| {
            Ok(Event {
                at: r.at as i64,
                actor: Actor { kind: r.actor_kind, name: r.actor_name },
                change: serde_json::from_str(&r.change)?,
            })
        })
        .collect()
}

/// Notes, transfers (with their reasons) and SLA flags are for agents only.
pub fn internal(change: &Change) -> bool {
    matches!(change, Change::Note { .. } | Change::Department { .. } | Change::SlaBreached { .. })
}
