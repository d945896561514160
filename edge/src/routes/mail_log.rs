//! `GET /api/v1/agent/tickets/{id}/mails`: the mails sent about a ticket and what became of
//! each (queued with its next attempt, sent, or failed with the platform's reason), for the
//! console's ticket screen. Whoever may see the ticket may see its mails, and may revoke the
//! links they carried (`POST …/mail-links/revoke`: a mail forwarded to the wrong person).

use serde::Deserialize;
use wire::mail::{MailKind, MailStatus, SentMail, TicketMails};
use wire::team::AuditAction;
use worker::{Request, Response};

use super::agent::in_scope;
use crate::api::caller::Agent;
use crate::api::{reply, ApiError, Call};
use crate::store::audit::{self, Actor};

#[derive(Deserialize)]
struct Row {
    id: String,
    kind: MailKind,
    recipient: String,
    subject: String,
    status: MailStatus,
    attempts: f64,
    last_error: Option<String>,
    created_at: f64,
    sent_at: Option<f64>,
}

pub async fn list(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let ticket = in_scope(&call, &agent).await?;
    let rows = call
        .db
        .prepare("SELECT id, kind, recipient, subject, status, attempts, last_error, created_at, sent_at FROM mails WHERE ticket_id = ?1 ORDER BY created_at DESC, rowid DESC LIMIT 100")
        .bind(&[ticket.id.as_str().into()])?
        .all()
        .await?
        .results::<Row>()?;
    let mails = rows
        .into_iter()
        .map(|r| SentMail {
            id: r.id,
            kind: r.kind,
            recipient: r.recipient,
            subject: r.subject,
            status: r.status,
            attempts: r.attempts as u32,
            last_error: r.last_error,
            created_at: r.created_at as i64,
            sent_at: r.sent_at.map(|t| t as i64),
        })
        .collect();
    reply(200, &TicketMails { mails })
}

/// `POST /api/v1/agent/tickets/{id}/mail-links/revoke`: every link in the mails sent so far
/// about the ticket stops working (`mail::link`: the raised generation refuses them); mails
/// sent later carry new ones. Audited in the same batch; answers the ticket's mails, as `GET`.
pub async fn revoke_links(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let ticket = in_scope(&call, &agent).await?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    call.db
        .batch(vec![
            call.db.prepare("INSERT OR IGNORE INTO mail_threads (ticket_id) VALUES (?1)").bind(&[ticket.id.as_str().into()])?,
            call.db.prepare("UPDATE mail_threads SET link_generation = link_generation + 1 WHERE ticket_id = ?1").bind(&[ticket.id.as_str().into()])?,
            audit::record(&call.db, &actor, call.now, AuditAction::MailLinksRevoked, Some(&ticket.id), &audit::detail(&[("ticket", format!("#{}", ticket.number))]))?,
        ])
        .await?;
    list(req, call, agent).await
}
