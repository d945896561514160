//! Mails that are not news in the ticket's log but asked for: a chat's transcript, which the
//! user asks for when the chat ends (`POST /api/v1/chats/{id}/transcript`), and the
//! confirmation of a booked callback (written with the callback's ticket, `routes::filing`).
//!
//! Each is a `mail_requests` row keyed by its event id (`transcript:<chat>`,
//! `callback:<ticket>`), so asking twice queues one mail; the outbox pass composes it
//! ([`compose`]: a transcript once the chat's words are in the ticket's log) and sends it as
//! it sends every mail, with the same links, unsubscribe and retries.

use livechat::ChatState;
use mail::notice::{News, Said};
use serde::Deserialize;
use wire::mail::{MailKind, TranscriptRequest};
use wire::tickets::Change;
use worker::{D1Database, D1PreparedStatement, Env, Request, Response};

use super::outbox::{notice, queue};
use super::{public_origin, site_mail};
use crate::api::caller::{self, random_hex};
use crate::api::{json, reply, ApiError, Call};
use crate::chat::stubs;
use crate::store::{chats, int, tickets};

/// Rows one pass composes; the rest wait for the next.
const BATCH: u32 = 50;

/// The statement that asks for a booked callback's confirmation (the ticket's address).
pub fn callback_booked(db: &D1Database, ticket_id: &str, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("INSERT OR IGNORE INTO mail_requests (event_id, ticket_id, kind, at) VALUES ('callback:' || ?1, ?1, 'callback', ?2)")
        .bind(&[ticket_id.into(), int(now)])?)
}

/// `POST /api/v1/chats/{id}/transcript?site=`: the requester who opened the chat asks, once it
/// has ended, for its transcript at `email`. 202 when queued; 200 when it was asked for before
/// (the first address stands); 409 while the chat goes on or when the site mails no transcripts.
pub async fn transcript(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?.known()?;
    let body: TranscriptRequest = json(&mut req).await?;
    let email = desk::limits::email("email", Some(&body.email))?.ok_or_else(|| ApiError::invalid("email", "must not be empty"))?;
    let chat_id = call.param("id")?;
    let chat = chats::load(&call.db, &site.id, &chat_id).await?.ok_or(ApiError::NotFound("no such chat"))?;
    if !who.owns(chat.user_id.as_deref(), chat.token_digest.as_deref()) {
        return Err(ApiError::Forbidden("this chat belongs to another requester"));
    }
    let mails = site_mail(&call.env, &call.db, &site.id).await?.is_some_and(|mail| mail.settings.mails(MailKind::Transcript));
    if !mails {
        return Err(ApiError::Conflict("this help desk does not mail chat transcripts"));
    }
    let meta = stubs::META.call(&stubs::conversation(&call.env, &chat_id)?, &()).await?;
    if !matches!(meta.state, ChatState::Ended { .. }) {
        return Err(ApiError::Conflict("the chat has not ended; ask for its transcript once it has"));
    }
    let asked = call
        .db
        .prepare("INSERT OR IGNORE INTO mail_requests (event_id, ticket_id, kind, chat_id, recipient, at) VALUES ('transcript:' || ?1, ?2, 'transcript', ?1, ?3, ?4)")
        .bind(&[chat_id.as_str().into(), chat.ticket_id.as_str().into(), email.as_str().into(), int(call.now)])?
        .run()
        .await?;
    let queued = asked.meta()?.and_then(|m| m.changes).unwrap_or(0) == 1;
    reply(if queued { 202 } else { 200 }, &TranscriptRequest { email })
}

#[derive(Deserialize)]
struct Asked {
    event_id: String,
    ticket_id: String,
    kind: MailKind,
    chat_id: Option<String>,
    recipient: Option<String>,
    link_generation: Option<f64>,
}

/// Composes the asked-for mails whose content is ready; drops those that can mail nobody.
pub async fn compose(env: &Env, db: &D1Database, now: i64) -> Result<usize, ApiError> {
    let asked = db
        .prepare(
            "SELECT r.event_id, r.ticket_id, r.kind, r.chat_id, r.recipient, th.link_generation
             FROM mail_requests r LEFT JOIN mail_threads th ON th.ticket_id = r.ticket_id
             WHERE r.mail_id IS NULL ORDER BY r.at LIMIT ?1",
        )
        .bind(&[int(i64::from(BATCH))])?
        .all()
        .await?
        .results::<Asked>()?;
    let mut composed = 0;
    for request in asked {
        match compose_one(env, db, &request, now).await? {
            Some(written) => composed += written,
            None => {
                db.prepare("DELETE FROM mail_requests WHERE event_id = ?1 AND mail_id IS NULL").bind(&[request.event_id.as_str().into()])?.run().await?;
            }
        }
    }
    Ok(composed)
}

/// The mails written for one request (0: not ready yet, or another pass took it), or `None`
/// when it can mail nobody: the ticket or its address is gone, the site stopped mailing that
/// kind, or there is nothing to say.
async fn compose_one(env: &Env, db: &D1Database, request: &Asked, now: i64) -> Result<Option<usize>, ApiError> {
    let Some(ticket) = tickets::select(db, "id = ?1", &[request.ticket_id.as_str().into()], 1).await?.pop() else { return Ok(None) };
    let Some(mail) = site_mail(env, db, &ticket.site).await?.filter(|m| m.settings.mails(request.kind)) else { return Ok(None) };
    let Some(to) = request.recipient.clone().or_else(|| ticket.requester.email.clone()) else { return Ok(None) };
    let news = match request.kind {
        MailKind::Transcript => {
            let Some(chat_id) = &request.chat_id else { return Ok(None) };
            // The transcript reaches the ticket's log in pieces just after the chat ends.
            let meta = stubs::META.call(&stubs::conversation(env, chat_id)?, &()).await?;
            if !meta.transcript_filed {
                return Ok(Some(0));
            }
            let lines = chat_lines(db, &ticket.id, chat_id).await?;
            if lines.is_empty() {
                return Ok(None);
            }
            News::Transcript(lines)
        }
        MailKind::Callback => match &ticket.context.callback {
            Some(booked) => News::Callback { at: booked.at, utc_offset_minutes: booked.utc_offset_minutes, phone: booked.phone.clone() },
            None => return Ok(None),
        },
        MailKind::Reply | MailKind::Solved => return Ok(None),
    };
    let mail_id = random_hex()?;
    let generation = request.link_generation.unwrap_or(0.0) as i64;
    let notice = notice(&mail, &public_origin(env)?, &ticket, &to, request.kind, news, generation, &mail_id, now);
    let statements = vec![
        db.prepare("INSERT OR IGNORE INTO mail_threads (ticket_id) VALUES (?1)").bind(&[ticket.id.as_str().into()])?,
        db.prepare("UPDATE mail_requests SET mail_id = ?1 WHERE event_id = ?2 AND mail_id IS NULL").bind(&[mail_id.as_str().into(), request.event_id.as_str().into()])?,
        queue(db, &mail_id, &ticket, request.kind, &to, &notice, now, ("(SELECT COUNT(*) FROM mail_requests WHERE mail_id = ?1)", 1))?,
    ];
    let results = db.batch(statements).await?;
    Ok(Some(results.get(2).and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0)))
}

/// The chat's lines from the ticket's log (its transcript pieces, in order).
async fn chat_lines(db: &D1Database, ticket_id: &str, chat_id: &str) -> Result<Vec<Said>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        change: String,
    }
    let rows = db
        .prepare("SELECT change FROM ticket_events WHERE ticket_id = ?1 AND internal = 0 ORDER BY seq")
        .bind(&[ticket_id.into()])?
        .all()
        .await?
        .results::<Row>()?;
    let mut lines = Vec::new();
    for row in rows {
        if let Change::Chat { chat_id: id, messages, .. } = serde_json::from_str(&row.change)? {
            if id == chat_id {
                lines.extend(messages.into_iter().map(|m| Said { speaker: m.role, name: m.name, text: m.text }));
            }
        }
    }
    Ok(lines)
}
