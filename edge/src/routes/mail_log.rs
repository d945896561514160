//! `GET /api/v1/agent/tickets/{id}/mails`: the mails sent about a ticket and what became of
//! each (queued with its next attempt, sent, or failed with the platform's reason), for the
//! console's ticket screen. Whoever may see the ticket may see its mails.

use serde::Deserialize;
use wire::mail::{MailKind, MailStatus, SentMail, TicketMails};
use worker::{Request, Response};

use super::agent::in_scope;
use crate::api::caller::Agent;
use crate::api::{reply, ApiError, Call};

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
