//! The files of an inbound mail: those `mail::attachment` keeps go to the private `ATTACHMENTS`
//! bucket (under `<ticket>/<id>`) with a row in `ticket_attachments`; the agents read in a note
//! on the ticket which were dropped and why. Agents list and download them through the worker
//! (`GET /api/v1/agent/tickets/{id}/attachments[/{attachment}]`), with their own credentials,
//! as whoever may see the ticket.

use mail::attachment::{note, sort, Attachment};
use serde::Deserialize;
use wire::mail::{TicketAttachment, TicketAttachments};
use worker::{console_error, D1Database, Env, Headers, HttpMetadata, Request, Response};

use crate::api::caller::{random_hex, Agent};
use crate::api::{reply, ApiError, Call};
use crate::routes::agent::readable;
use crate::store::int;
use crate::store::tickets::{self, Writes};

const BUCKET: &str = "ATTACHMENTS";

/// Keeps what may be kept of `attachments` on the ticket and notes what was dropped. The mail is
/// already filed or threaded: a failure here is noted on the ticket (and logged), not a bounce.
pub async fn keep(env: &Env, db: &D1Database, site: &str, ticket_id: &str, attachments: Vec<Attachment>, now: i64) {
    if attachments.is_empty() {
        return;
    }
    let (kept, dropped) = sort(attachments);
    let mut lines: Vec<String> = note(&dropped).into_iter().collect();
    if let Err(error) = store(env, db, ticket_id, kept, now).await {
        console_error!("inbound mail: attachments of ticket {ticket_id} not stored: {error:?}");
        lines.push("The mail's files could not be stored; ask the requester to send them again.".into());
    }
    if lines.is_empty() {
        return;
    }
    let text = lines.join("\n");
    let noted = async {
        let ticket = tickets::load(db, site, ticket_id).await?.ok_or(ApiError::NotFound("no such ticket"))?;
        tickets::apply(db, ticket, |t, _| Ok(Writes { events: t.system_note(&text, now)?, also: None })).await
    };
    if let Err(error) = noted.await {
        console_error!("inbound mail: the attachments note on ticket {ticket_id} failed: {error:?}");
    }
}

async fn store(env: &Env, db: &D1Database, ticket_id: &str, kept: Vec<mail::attachment::Kept>, now: i64) -> Result<(), ApiError> {
    let bucket = env.bucket(BUCKET)?;
    let mut rows = Vec::new();
    for file in kept {
        let id = random_hex()?;
        let key = format!("{ticket_id}/{id}");
        let media_type = file.file_type.media_type();
        let size = file.bytes.len();
        bucket.put(&key, file.bytes).http_metadata(HttpMetadata { content_type: Some(media_type.into()), ..HttpMetadata::default() }).execute().await?;
        rows.push(
            db.prepare("INSERT INTO ticket_attachments (id, ticket_id, filename, content_type, size, key, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .bind(&[id.as_str().into(), ticket_id.into(), file.filename.as_str().into(), media_type.into(), int(size as i64), key.as_str().into(), int(now)])?,
        );
    }
    if !rows.is_empty() {
        db.batch(rows).await?;
    }
    Ok(())
}

/// Removes the files of these tickets: erasing a requester's words (`messages`) takes the
/// files they sent too.
pub async fn erase(env: &Env, db: &D1Database, ticket_ids: &[String]) -> Result<(), ApiError> {
    #[derive(Deserialize)]
    struct Stored {
        key: String,
    }
    let bucket = env.bucket(BUCKET)?;
    for ticket_id in ticket_ids {
        let stored = db.prepare("SELECT key FROM ticket_attachments WHERE ticket_id = ?1").bind(&[ticket_id.as_str().into()])?.all().await?.results::<Stored>()?;
        for file in stored {
            bucket.delete(&file.key).await?;
        }
        db.prepare("DELETE FROM ticket_attachments WHERE ticket_id = ?1").bind(&[ticket_id.as_str().into()])?.run().await?;
    }
    Ok(())
}

#[derive(Deserialize)]
struct Row {
    id: String,
    filename: String,
    content_type: String,
    size: f64,
    key: String,
    at: f64,
}

async fn rows(call: &Call, ticket_id: &str, only: Option<&str>) -> Result<Vec<Row>, ApiError> {
    Ok(call
        .db
        .prepare("SELECT id, filename, content_type, size, key, at FROM ticket_attachments WHERE ticket_id = ?1 AND (?2 IS NULL OR id = ?2) ORDER BY at, rowid")
        .bind(&[ticket_id.into(), only.map_or(worker::wasm_bindgen::JsValue::NULL, Into::into)])?
        .all()
        .await?
        .results::<Row>()?)
}

/// `GET /api/v1/agent/tickets/{id}/attachments`
pub async fn list(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let (ticket, _) = readable(&call, &agent).await?;
    let attachments = rows(&call, &ticket.id, None)
        .await?
        .into_iter()
        .map(|r| TicketAttachment { id: r.id, filename: r.filename, content_type: r.content_type, size: r.size as u64, at: r.at as i64 })
        .collect();
    reply(200, &TicketAttachments { attachments })
}

/// `GET /api/v1/agent/tickets/{id}/attachments/{attachment}`: the file, as a download that no
/// browser renders in the console's origin (the type was checked by its bytes; the rest is the
/// sender's, so nothing is sniffed or run).
pub async fn download(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let (ticket, _) = readable(&call, &agent).await?;
    let wanted = call.param("attachment")?;
    let row = rows(&call, &ticket.id, Some(&wanted)).await?.pop().ok_or(ApiError::NotFound("no such attachment"))?;
    let object = call.env.bucket(BUCKET)?.get(&row.key).execute().await?.ok_or_else(|| ApiError::Internal(format!("attachment {} is missing from R2", row.id)))?;
    let bytes = object.body().ok_or_else(|| ApiError::Internal(format!("attachment {} has no body", row.id)))?.bytes().await?;
    let headers = Headers::new();
    headers.set("content-type", &row.content_type)?;
    headers.set("content-disposition", &format!("attachment; filename*=UTF-8''{}", encode(&row.filename)))?;
    headers.set("x-content-type-options", "nosniff")?;
    headers.set("content-security-policy", "default-src 'none'; sandbox")?;
    headers.set("cache-control", "private, no-store")?;
    Ok(Response::from_bytes(bytes)?.with_headers(headers))
}

/// RFC 5987 percent-encoding for a header's `filename*`.
fn encode(name: &str) -> String {
    name.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
