//! The edge worker: maps HTTP and D1 onto the help desk's rules (`desk`), speaking the `wire`
//! types. Static files (the demo page, the widget bundle, the indexes) are served by the assets
//! binding before this code runs; only `/api/*` reaches it.
//!
//! **Architecture Invariant:** handlers parse, call `desk` (tickets) or the chat Durable Objects
//! (which follow `livechat`), and map results and errors to responses; every rule about tickets
//! lives in `desk`, every rule about the chat line in `livechat`.

use worker::*;

mod api;
mod chat;
mod cron;
mod health;
mod routes;
mod sites;
mod store;
mod triage;
mod views;

use api::{cors, handle, ApiError, Limit};
use routes::{agent, analytics, callbacks, chat_rating, chat_sockets, chats, events, tickets};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let url = req.url()?;
    let origin = req.headers().get("origin")?.filter(|o| *o != url.origin().ascii_serialization());
    let Some(origin) = origin else { return route(req, env).await };
    // A cross-origin caller: only the requester routes, only from the site's allowed origins.
    let site = url.query_pairs().find(|(k, _)| k == "site").and_then(|(_, id)| sites::all().get(&id));
    if !cors::allowed(url.path(), site, &origin) {
        return Ok(ApiError::Forbidden("this origin may not call this route").into_response());
    }
    if req.method() == Method::Options {
        return Ok(cors::preflight(&origin).unwrap_or_else(ApiError::into_response));
    }
    Ok(cors::allow(route(req, env).await?, &origin))
}

async fn route(req: Request, env: Env) -> Result<Response> {
    use Limit::*;
    Router::new()
        .get_async("/api/v1/health", |r, c| handle(r, c, Unmetered, health::get))
        .post_async("/api/v1/tickets", |r, c| handle(r, c, TicketCreate, tickets::create))
        .get_async("/api/v1/tickets", |r, c| handle(r, c, RequesterRead, tickets::list))
        .get_async("/api/v1/tickets/:id", |r, c| handle(r, c, RequesterRead, tickets::get))
        .post_async("/api/v1/tickets/:id/messages", |r, c| handle(r, c, RequesterWrite, tickets::message))
        .post_async("/api/v1/tickets/:id/reopen", |r, c| handle(r, c, RequesterWrite, tickets::reopen))
        .post_async("/api/v1/tickets/:id/csat", |r, c| handle(r, c, RequesterWrite, tickets::rate))
        .post_async("/api/v1/tickets/:id/follow-up", |r, c| handle(r, c, RequesterWrite, tickets::follow_up))
        .post_async("/api/v1/chats", |r, c| handle(r, c, ChatCreate, chats::open))
        .get_async("/api/v1/chats/:id/socket", |r, c| handle(r, c, ChatSocket, chat_sockets::user))
        .post_async("/api/v1/chats/:id/csat", |r, c| handle(r, c, RequesterWrite, chat_rating::rate))
        .post_async("/api/v1/callbacks", |r, c| handle(r, c, TicketCreate, callbacks::request))
        .post_async("/api/v1/events", |r, c| handle(r, c, Events, events::record))
        .get_async("/api/v1/agent/me", |r, c| handle(r, c, Agent, agent::me))
        .get_async("/api/v1/agent/tickets", |r, c| handle(r, c, Agent, agent::list))
        .post_async("/api/v1/agent/tickets/bulk-close", |r, c| handle(r, c, Agent, agent::bulk_close))
        .get_async("/api/v1/agent/tickets/:id", |r, c| handle(r, c, Agent, agent::get))
        .patch_async("/api/v1/agent/tickets/:id", |r, c| handle(r, c, Agent, agent::update))
        .post_async("/api/v1/agent/tickets/:id/replies", |r, c| handle(r, c, Agent, agent::reply_to))
        .post_async("/api/v1/agent/tickets/:id/notes", |r, c| handle(r, c, Agent, agent::note))
        .get_async("/api/v1/agent/desk/socket", |r, c| handle(r, c, Agent, chat_sockets::desk))
        .get_async("/api/v1/agent/chats/:id/socket", |r, c| handle(r, c, Agent, chat_sockets::agent))
        .get_async("/api/v1/analytics", |r, c| handle(r, c, Agent, analytics::report))
        .or_else_any_method("/api/*rest", |_, _| Ok(ApiError::NotFound("no such API route").into_response()))
        .run(req, env)
        .await
}

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    match cron::sweep(&env, event.schedule() as i64).await {
        Ok(changed) => console_log!("sweep: {changed} tickets changed"),
        Err(error) => console_error!("sweep failed: {error:?}"),
    }
}
