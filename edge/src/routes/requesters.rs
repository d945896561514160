//! One requester's data: everything about them exported as JSON (by an admin, or by the
//! requester themself from the widget), or their personal data erased (by an admin, on request).
//! Both are audited.

use desk::erasure::Erase;
use desk::limits::{ARTICLE_ID, USER_ID};
use desk::Ticket;
use wire::team::{AuditAction, Erased, Erasure, ExportedTicket, RequesterExport, RequesterRef};
use worker::wasm_bindgen::JsValue;
use worker::{Request, Response};

use crate::api::caller::{self, Agent, Requester};
use crate::api::{json, query, reply, ApiError, Call};
use crate::chat::stubs;
use crate::store::audit::{self, Actor};
use crate::store::{erasure, tickets};
use crate::views;

/// Most tickets one export or erasure covers (a requester with more is a bulk job, not a request).
const MOST_TICKETS: u32 = 500;
/// How often an erasure is tried again on tickets that changed while it was written.
const ERASE_ATTEMPTS: usize = 3;

/// `GET /api/v1/requesters/export?user_id=` or `?ticket_id=` (admin): every ticket of the
/// requester with its whole log, internal notes included, and what the widget sent with it.
pub async fn export(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let requester = match (query(&req, "user_id")?, query(&req, "ticket_id")?) {
        (Some(user_id), None) => RequesterRef::User { user_id },
        (None, Some(ticket_id)) => RequesterRef::OfTicket { ticket_id },
        _ => return Err(ApiError::BadRequest("send either user_id or ticket_id".into())),
    };
    let found = of_requester(&call, &agent.site, &requester).await?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("tickets", found.len().to_string())]);
    audit::append(&call.db, &actor, call.now, AuditAction::RequesterExported, Some(&target(&requester)), &detail).await?;
    reply(200, &exported(&call, requester, found, true).await?)
}

/// `GET /api/v1/tickets/export?site=` (the requester, verified or by token): "download my data",
/// the same export without agents' internal notes.
pub async fn export_mine(req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?.known()?;
    let (column, value) = who.owner_column().ok_or(ApiError::Unauthorized(caller::NO_IDENTITY))?;
    let found = tickets::select(&call.db, &format!("site = ?1 AND {column} = ?2"), &[site.id.as_str().into(), value.into()], MOST_TICKETS).await?;
    let requester = match &who {
        Requester::User(user_id) => RequesterRef::User { user_id: user_id.clone() },
        _ => RequesterRef::OfTicket { ticket_id: found.first().map(|t| t.id.clone()).unwrap_or_default() },
    };
    reply(200, &exported(&call, requester, found, false).await?)
}

/// `POST /api/v1/requesters/erase` (admin): the requester's name, email, phone, journey and
/// chat name go from every ticket and transcript; their words too with `messages: true`.
pub async fn erase(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: Erasure = json(&mut req).await?;
    let found = of_requester(&call, &agent.site, &body.requester).await?;
    let erase = Erase { messages: body.messages };
    let chats = erasure::chats(&call.db, &found.iter().map(|t| t.id.clone()).collect::<Vec<_>>()).await?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("tickets", found.len().to_string()), ("chats", chats.len().to_string()), ("messages", body.messages.to_string())]);
    // One transaction per attempt; a ticket someone wrote to meanwhile is erased again as it is
    // then, so the answer comes only once every ticket is.
    let mut pending = found.clone();
    for _ in 0..ERASE_ATTEMPTS {
        if pending.is_empty() {
            break;
        }
        let mut batch = Vec::new();
        let mut erasings = Vec::new();
        for ticket in pending.drain(..) {
            let erasing = erasure::ticket(&call.db, ticket.clone(), erase, call.now).await?;
            erasings.push((ticket, batch.len(), erasing.update_at()));
            batch.extend(erasing.statements);
        }
        let results = call.db.batch(batch).await?;
        for (ticket, offset, update_at) in erasings {
            if !erasure::written(&results, offset + update_at)? {
                pending.push(tickets::load(&call.db, &agent.site, &ticket.id).await?.ok_or(ApiError::NotFound("no such ticket"))?);
            }
        }
    }
    if !pending.is_empty() {
        return Err(ApiError::Contended);
    }
    audit::append(&call.db, &actor, call.now, AuditAction::RequesterErased, Some(&target(&body.requester)), &detail).await?;
    for chat_id in &chats {
        stubs::ERASE.call(&stubs::conversation(&call.env, chat_id)?, &crate::chat::EraseChat { messages: erase.messages }).await?;
    }
    if erase.messages {
        crate::mail::attachments::erase(&call.env, &call.db, &found.iter().map(|t| t.id.clone()).collect::<Vec<_>>()).await?;
    }
    reply(200, &Erased { requester: body.requester, tickets: found.iter().map(views::summary).collect(), chats: chats.len() as u32 })
}

/// The requester's tickets on the site: the verified user's, or every ticket filed with the
/// token of the named ticket's requester (or that ticket alone, filed by a verified user).
async fn of_requester(call: &Call, site: &str, requester: &RequesterRef) -> Result<Vec<Ticket>, ApiError> {
    let (field, id, longest) = match requester {
        RequesterRef::User { user_id } => ("requester.user_id", user_id, USER_ID),
        RequesterRef::OfTicket { ticket_id } => ("requester.ticket_id", ticket_id, ARTICLE_ID),
    };
    if id.trim().is_empty() || id.chars().count() > longest {
        return Err(ApiError::invalid(field, format!("must be 1 to {longest} characters")));
    }
    let (filter, value): (&str, JsValue) = match requester {
        RequesterRef::User { user_id } => ("site = ?1 AND user_id = ?2", user_id.as_str().into()),
        RequesterRef::OfTicket { ticket_id } => {
            let ticket = tickets::load(&call.db, site, ticket_id).await?.ok_or(ApiError::NotFound("no such ticket"))?;
            match (ticket.requester.user_id, ticket.requester.token_digest) {
                (Some(user_id), _) => ("site = ?1 AND user_id = ?2", user_id.into()),
                (None, Some(digest)) => ("site = ?1 AND token_digest = ?2", digest.into()),
                (None, None) => ("site = ?1 AND id = ?2", ticket.id.into()),
            }
        }
    };
    tickets::select(&call.db, filter, &[site.into(), value], MOST_TICKETS).await
}

async fn exported(call: &Call, requester: RequesterRef, found: Vec<Ticket>, with_internal: bool) -> Result<RequesterExport, ApiError> {
    let mut out = Vec::with_capacity(found.len());
    for ticket in found {
        let events = tickets::events(&call.db, &ticket.id, with_internal).await?;
        out.push(ExportedTicket {
            name: ticket.requester.name.clone(),
            email: ticket.requester.email.clone(),
            context: ticket.context.clone(),
            ticket: views::detail(&ticket, events),
        });
    }
    Ok(RequesterExport { requester, exported_at: call.now, tickets: out })
}

/// How the audit log names a requester.
fn target(requester: &RequesterRef) -> String {
    match requester {
        RequesterRef::User { user_id } => format!("user:{user_id}"),
        RequesterRef::OfTicket { ticket_id } => format!("ticket:{ticket_id}"),
    }
}
