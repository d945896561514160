//! Erasing a requester's personal data in D1 (the rules are `desk::erasure`): their tickets, each
//! ticket's log entries rewritten in place, the mails about them, and the ids of their chats
//! (whose Conversation objects redact their own copies).

use desk::erasure::{erase_event, Erase};
use desk::{Event, Ticket};
use serde::Deserialize;
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::{int, tickets};
use crate::api::ApiError;

#[derive(Deserialize)]
struct EventRow {
    seq: f64,
    at: f64,
    actor_kind: wire::tickets::ActorKind,
    actor_name: String,
    change: String,
}

/// One ticket's erasure, guarded by the ticket's version like every ticket write: if someone
/// wrote to the ticket meanwhile, none of it is written, and [`written`] says so.
pub struct Erasing {
    pub statements: Vec<D1PreparedStatement>,
    /// Where the ticket's own update is among `statements`.
    update_at: usize,
}

impl Erasing {
    pub fn update_at(&self) -> usize {
        self.update_at
    }
}

/// Whether the ticket update at `index` of a batch's results changed its row, i.e. whether the
/// erasure it belongs to was written.
pub fn written(results: &[worker::D1Result], index: usize) -> Result<bool, ApiError> {
    let result = results.get(index).ok_or_else(|| ApiError::Internal("the batch lost an erasure".into()))?;
    let changed = result.meta()?.and_then(|m| m.changes).ok_or_else(|| ApiError::Internal("D1 did not say whether the erasure was written".into()))?;
    Ok(changed == 1)
}

/// The statements that erase the personal data of one ticket and its log.
pub async fn ticket(db: &D1Database, mut t: Ticket, erase: Erase, now: i64) -> Result<Erasing, ApiError> {
    let read_version = t.version;
    t.erase_personal_data(erase);
    t.version += 1;
    t.updated_at = now;
    let rows = db
        .prepare("SELECT seq, at, actor_kind, actor_name, change FROM ticket_events WHERE ticket_id = ?1 ORDER BY seq")
        .bind(&[t.id.as_str().into()])?
        .all()
        .await?
        .results::<EventRow>()?;
    let mut statements = Vec::new();
    for row in rows {
        let event = Event { at: row.at as i64, actor: wire::tickets::Actor { kind: row.actor_kind, name: row.actor_name }, change: serde_json::from_str(&row.change)? };
        if let Some(erased) = erase_event(&event, erase) {
            statements.push(
                db.prepare(
                    "UPDATE ticket_events SET actor_name = ?2, change = ?3
                     WHERE seq = ?1 AND EXISTS (SELECT 1 FROM tickets WHERE id = ?4 AND version = ?5)",
                )
                .bind(&[int(row.seq as i64), erased.actor.name.as_str().into(), serde_json::to_string(&erased.change)?.into(), t.id.as_str().into(), int(read_version)])?,
            );
        }
    }
    // The mails about the ticket (edge/src/mail/) name the requester's address and carry their
    // words: only what and when stays, for the console's mail log; one still queued is not sent.
    statements.push(
        db.prepare(
            "UPDATE mails SET recipient = '', subject = '', mime = NULL,
                 status = CASE status WHEN 'queued' THEN 'failed' ELSE status END,
                 last_error = CASE status WHEN 'queued' THEN 'not sent: the requester''s data was erased' ELSE last_error END
             WHERE ticket_id = ?1 AND EXISTS (SELECT 1 FROM tickets WHERE id = ?1 AND version = ?2)",
        )
            .bind(&[t.id.as_str().into(), int(read_version)])?,
    );
    // A transcript asked for names the address it goes to; one still waiting then mails nobody.
    statements.push(
        db.prepare("UPDATE mail_requests SET recipient = NULL WHERE ticket_id = ?1 AND EXISTS (SELECT 1 FROM tickets WHERE id = ?1 AND version = ?2)")
            .bind(&[t.id.as_str().into(), int(read_version)])?,
    );
    // Inbound mail kept its sender's address (the unknown senders' limit counts them).
    statements.push(
        db.prepare("UPDATE inbound_mails SET sender = NULL WHERE ticket_id = ?1 AND EXISTS (SELECT 1 FROM tickets WHERE id = ?1 AND version = ?2)")
            .bind(&[t.id.as_str().into(), int(read_version)])?,
    );
    // Every link those mails carried stops working (`mail::link`: a raised generation revokes).
    statements.push(
        db.prepare("UPDATE mail_threads SET link_generation = link_generation + 1 WHERE ticket_id = ?1 AND EXISTS (SELECT 1 FROM tickets WHERE id = ?1 AND version = ?2)")
            .bind(&[t.id.as_str().into(), int(read_version)])?,
    );
    let update_at = statements.len();
    statements.push(tickets::update(db, &t, read_version)?);
    statements.push(
        db.prepare("UPDATE tickets SET personal_data_erased_at = ?2 WHERE id = ?1 AND version = ?3")
            .bind(&[t.id.as_str().into(), int(now), int(t.version)])?,
    );
    Ok(Erasing { statements, update_at })
}

/// The ids of the chats filed into these tickets.
pub async fn chats(db: &D1Database, ticket_ids: &[String]) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
    }
    let ids = serde_json::to_string(ticket_ids)?;
    let rows = db
        .prepare("SELECT id FROM chats WHERE ticket_id IN (SELECT value FROM json_each(?1))")
        .bind(&[JsValue::from_str(&ids)])?
        .all()
        .await?
        .results::<Row>()?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}
