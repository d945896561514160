//! The requester's routes (`?site=` on each): file a ticket, list mine, read one, write to it,
//! reopen, rate, answer the follow-up. A ticket that is not the caller's is "not found", exactly
//! like one that does not exist.

use desk::identity::{requester_token, token_digest};
use desk::limits::IDEMPOTENCY_KEY;
use desk::{DeskError, Event, Site, Ticket};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wire::tickets::{Callback, Csat, FollowUpAnswer, NewMessage, NewTicket, Reopen, TicketCreated, TicketList};
use worker::{Request, Response};

use super::filing::Filing;
use crate::api::caller::{self, site_secret, Requester};
use crate::api::{json, reply, ApiError, Call};
use crate::store::idempotency::{self, Scope};
use crate::store::tickets::{self, Writes};
use crate::views;

/// `POST /api/v1/tickets`
pub async fn create(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?;
    let key = idempotency_key(&req)?;
    let request: NewTicket = json(&mut req).await?;
    // Only the callback route books a call: a form's context cannot (see `Filing::prepare`).
    file(&call, site, who, key, &request, |request| Ok((request.clone(), None))).await
}

/// Files the ticket `to_ticket` makes of `body` for the caller (with the callback it books, if
/// any), shared by the ticket form and callback requests. With an Idempotency-Key, the same
/// caller's retry of the same body answers with the ticket the first request filed and files
/// nothing.
pub(super) async fn file<B: Serialize>(
    call: &Call,
    site: &Site,
    who: Requester,
    key: Option<String>,
    body: &B,
    to_ticket: impl FnOnce(&B) -> Result<(NewTicket, Option<Callback>), ApiError>,
) -> Result<Response, ApiError> {
    let owner = who.key_owner();
    let scope = Scope { site: &site.id, owner: &owner };
    let digest = token_digest(&serde_json::to_string(body)?);
    // The key is not looked up first: most requests are first tries. A retry is found when
    // `to_ticket` refuses what it accepted the first time (a time no longer ahead) or when the
    // key's primary key fails the batch.
    let (request, callback) = match to_ticket(body) {
        Ok(request) => request,
        Err(refusal) => return replay_or(call, site, &scope, &key, &digest, refusal).await,
    };
    let mut filing = Filing::prepare(call, site, who, &request, callback).await?;
    let (mut batch, insert_at) = filing.statements(&call.db, call.now)?;
    if let Some(key) = &key {
        batch.push(idempotency::remember(&call.db, &scope, key, &digest, &filing.ticket.id, &filing.requester_id(), call.now)?);
    }
    let results = match call.db.batch(batch).await {
        Ok(results) => results,
        Err(error) => return replay_or(call, site, &scope, &key, &digest, error.into()).await,
    };
    filing.numbered(&results, insert_at)?;
    let requester_token = filing.requester_token();
    let visible = filing.events.into_iter().filter(|e| !tickets::internal(&e.change)).collect();
    let created = TicketCreated { ticket: views::detail(&filing.ticket, visible), requester_token };
    reply(201, &created)
}

/// The answer to a retry when the caller's key has filed a ticket, else `error`.
async fn replay_or(call: &Call, site: &Site, scope: &Scope<'_>, key: &Option<String>, digest: &str, error: ApiError) -> Result<Response, ApiError> {
    let Some(key) = key else { return Err(error) };
    match idempotency::lookup(&call.db, scope, key).await? {
        Some(done) => replay(call, site, done, digest).await,
        None => Err(error),
    }
}

/// The answer to a retried creation: the ticket the key made, with the same token (the key is
/// the caller's own, so the token goes back to whoever asked for it the first time).
async fn replay(call: &Call, site: &Site, done: idempotency::Remembered, digest: &str) -> Result<Response, ApiError> {
    if done.request_digest != digest {
        return Err(ApiError::Conflict("this Idempotency-Key was used for a different ticket"));
    }
    let ticket = tickets::load(&call.db, &site.id, &done.ticket_id).await?.ok_or_else(|| ApiError::Internal("idempotency key names a missing ticket".into()))?;
    let events = tickets::events(&call.db, &ticket.id, false).await?;
    let secret = site_secret(call, site)?;
    let requester_token = done.requester_id.map(|id| requester_token(secret.as_bytes(), &id));
    reply(200, &TicketCreated { ticket: views::detail(&ticket, events), requester_token })
}

/// `GET /api/v1/tickets`: the caller's tickets from every channel, newest first.
pub async fn list(req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?.known()?;
    let (column, value) = who.owner_column().ok_or(ApiError::Unauthorized(caller::NO_IDENTITY))?;
    let found = tickets::select(&call.db, &format!("site = ?1 AND {column} = ?2"), &[site.id.as_str().into(), value.into()], 100).await?;
    reply(200, &TicketList { tickets: found.iter().map(views::summary).collect() })
}

/// `GET /api/v1/tickets/{id}`
pub async fn get(req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?.known()?;
    let ticket = owned(&call, site, &who).await?;
    requester_view(&call, &ticket, 200).await
}

/// `POST /api/v1/tickets/{id}/messages`
pub async fn message(req: Request, call: Call) -> Result<Response, ApiError> {
    change(req, call, |t, m: &NewMessage, now| t.requester_message(&m.text, now)).await
}

/// `POST /api/v1/tickets/{id}/reopen`
pub async fn reopen(req: Request, call: Call) -> Result<Response, ApiError> {
    change(req, call, |t, r: &Reopen, now| t.reopen(&r.text, now)).await
}

/// `POST /api/v1/tickets/{id}/csat`
pub async fn rate(req: Request, call: Call) -> Result<Response, ApiError> {
    change(req, call, |t, c: &Csat, now| t.rate(c, now)).await
}

/// `POST /api/v1/tickets/{id}/follow-up`
pub async fn follow_up(req: Request, call: Call) -> Result<Response, ApiError> {
    change(req, call, |t, a: &FollowUpAnswer, now| t.answer_follow_up(a.still_solved, a.comment.as_deref(), now)).await
}

/// Reads the body and applies one requester operation to the caller's ticket.
async fn change<T, F>(mut req: Request, call: Call, apply: F) -> Result<Response, ApiError>
where
    T: DeserializeOwned + Serialize,
    F: Fn(&mut Ticket, &T, i64) -> Result<Vec<Event>, DeskError>,
{
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?.known()?;
    let key = idempotency_key(&req)?;
    let body: T = json(&mut req).await?;
    let ticket = owned(&call, site, &who).await?;
    write_change(&call, &who, &req.path(), key, ticket, body, apply).await
}

/// Applies one requester operation (the body sent to `path`) to `ticket` and stores it in one
/// batch; a race lost to another writer is applied again to the ticket as it is then
/// (`tickets::apply`). A 200 means stored. With an Idempotency-Key (the widget's outbox sends
/// one), the same caller's retry answers with the ticket as it is and writes nothing twice; the
/// key is remembered in the same batch as the change, so a change that was not written leaves
/// no key behind.
pub(super) async fn write_change<T, F>(call: &Call, who: &Requester, path: &str, key: Option<String>, ticket: Ticket, body: T, apply: F) -> Result<Response, ApiError>
where
    T: Serialize,
    F: Fn(&mut Ticket, &T, i64) -> Result<Vec<Event>, DeskError>,
{
    let digest = token_digest(&format!("{path}\n{}", serde_json::to_string(&body)?));
    let owner = who.key_owner();
    let (site, ticket_id) = (ticket.site.clone(), ticket.id.clone());
    let scope = Scope { site: &site, owner: &owner };
    let remembered = |key: Option<String>| async move {
        match key {
            Some(key) => idempotency::lookup(&call.db, &scope, &key).await,
            None => Ok(None),
        }
    };
    if let Some(done) = remembered(key.clone()).await? {
        return replayed_change(call, &site, &ticket_id, &done, &digest).await;
    }
    let written = tickets::apply(&call.db, ticket, |ticket, read_version| {
        let events = apply(ticket, &body, call.now)?;
        let also = key.as_ref().map(|k| idempotency::remember_change(&call.db, &scope, k, &digest, &ticket.id, read_version, call.now)).transpose()?;
        Ok(Writes { events, also })
    })
    .await;
    match written {
        Ok((ticket, _)) => requester_view(call, &ticket, 200).await,
        // A concurrent retry with the same key got there first: answer as it was answered.
        Err(error) => match remembered(key).await? {
            Some(done) => replayed_change(call, &site, &ticket_id, &done, &digest).await,
            None => Err(error),
        },
    }
}

/// The answer to a retried change: the ticket as it is now, if the key was used for this very
/// request.
async fn replayed_change(call: &Call, site: &str, ticket_id: &str, done: &idempotency::Remembered, digest: &str) -> Result<Response, ApiError> {
    if done.request_digest != digest || done.ticket_id != ticket_id {
        return Err(ApiError::Conflict("this Idempotency-Key was used for a different request"));
    }
    let current = tickets::load(&call.db, site, ticket_id).await?.ok_or(ApiError::NotFound("no such ticket"))?;
    requester_view(call, &current, 200).await
}

/// The optional `Idempotency-Key` header, 1 to 100 characters.
pub(super) fn idempotency_key(req: &Request) -> Result<Option<String>, ApiError> {
    let key = req.headers().get("idempotency-key")?;
    if key.as_ref().is_some_and(|k| k.is_empty() || k.chars().count() > IDEMPOTENCY_KEY) {
        return Err(ApiError::invalid("Idempotency-Key", format!("must be 1 to {IDEMPOTENCY_KEY} characters")));
    }
    Ok(key)
}

async fn owned(call: &Call, site: &Site, who: &Requester) -> Result<Ticket, ApiError> {
    let id = call.param("id")?;
    tickets::load(&call.db, &site.id, &id)
        .await?
        .filter(|t| who.owns(t.requester.user_id.as_deref(), t.requester.token_digest.as_deref()))
        .ok_or(ApiError::NotFound("no such ticket"))
}

async fn requester_view(call: &Call, ticket: &Ticket, status: u16) -> Result<Response, ApiError> {
    let events = tickets::events(&call.db, &ticket.id, false).await?;
    reply(status, &views::detail(ticket, events))
}
