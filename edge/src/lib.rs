//! The edge worker: maps HTTP and D1 onto the help desk's rules (`desk`), speaking the `wire`
//! types. Static files (the demo page, the widget bundle) are served by the assets binding before
//! this code runs; only `/api/*` and the help center's files (`/index/*`) reach it.
//!
//! **Architecture Invariant:** handlers parse, call `desk` (tickets) or the chat Durable Objects
//! (which follow `livechat`), and map results and errors to responses; every rule about tickets
//! lives in `desk`, every rule about the chat line in `livechat`.

use worker::*;

mod api;
mod chat;
mod cron;
mod health;
mod help_center;
mod mail;
mod routes;
mod sites;
mod store;
mod triage;
mod views;

use api::{cors, handle, signed_in, ApiError, Limit};
use desk::team::Ability;
use routes::{agent, analytics, audit, callbacks, chat_rating, chat_sockets, chats, collaborators, events, kb_articles, kb_images, kb_io, kb_queries, kb_settings, kb_tree, last_answer, mail_links, mail_log, requesters, staffing, tasks, team, tickets};

#[event(fetch)]
async fn fetch(req: Request, env: Env, ctx: Context) -> Result<Response> {
    // An agent's write may have answered or solved a ticket: mail the requester now, after the
    // answer, rather than at the next cron run.
    let mail_pass = mail::outbox::wakes(&req).then(|| env.clone());
    let response = answer(req, env).await;
    if let Some(env) = mail_pass {
        ctx.wait_until(async move { mail::outbox::run_logged(&env).await });
    }
    response
}

async fn answer(req: Request, env: Env) -> Result<Response> {
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

/// Every API route, one per line: its method, path, and who may call it — `handle` with a rate
/// limit for the public routes (requesters prove who they are inside), `team` with the ability a
/// person of the team needs, `signed_in` for anyone of the team. edge/tests/access.test.mjs reads
/// this table: a route missing from its role matrix fails the tests.
async fn route(req: Request, env: Env) -> Result<Response> {
    use Ability::*;
    use Limit::*;
    Router::new()
        .get_async("/api/v1/health", |r, c| handle(r, c, Unmetered, health::get))
        .post_async("/api/v1/tickets", |r, c| handle(r, c, TicketCreate, tickets::create))
        .get_async("/api/v1/tickets", |r, c| handle(r, c, RequesterRead, tickets::list))
        .get_async("/api/v1/tickets/export", |r, c| handle(r, c, RequesterRead, requesters::export_mine))
        .get_async("/api/v1/tickets/last-answer", |r, c| handle(r, c, RequesterRead, last_answer::get))
        .get_async("/api/v1/tickets/:id", |r, c| handle(r, c, RequesterRead, tickets::get))
        .post_async("/api/v1/tickets/:id/messages", |r, c| handle(r, c, RequesterWrite, tickets::message))
        .post_async("/api/v1/tickets/:id/reopen", |r, c| handle(r, c, RequesterWrite, tickets::reopen))
        .post_async("/api/v1/tickets/:id/csat", |r, c| handle(r, c, RequesterWrite, tickets::rate))
        .post_async("/api/v1/tickets/:id/follow-up", |r, c| handle(r, c, RequesterWrite, tickets::follow_up))
        .post_async("/api/v1/chats", |r, c| handle(r, c, ChatCreate, chats::open))
        .get_async("/api/v1/chats/:id/socket", |r, c| handle(r, c, ChatSocket, chat_sockets::user))
        .post_async("/api/v1/chats/:id/csat", |r, c| handle(r, c, RequesterWrite, chat_rating::rate))
        .post_async("/api/v1/chats/:id/transcript", |r, c| handle(r, c, RequesterWrite, mail::requests::transcript))
        .post_async("/api/v1/callbacks", |r, c| handle(r, c, TicketCreate, callbacks::request))
        .post_async("/api/v1/events", |r, c| handle(r, c, Events, events::record))
        .post_async("/api/v1/mail/access", |r, c| handle(r, c, RequesterWrite, mail_links::access))
        .get_async("/api/v1/mail/unsubscribe", |r, c| handle(r, c, RequesterRead, mail_links::unsubscribe_page))
        .post_async("/api/v1/mail/unsubscribe", |r, c| handle(r, c, RequesterWrite, mail_links::unsubscribe))
        .get_async("/api/v1/mail/follow-up", |r, c| handle(r, c, RequesterRead, mail_links::follow_up_page))
        .post_async("/api/v1/mail/follow-up", |r, c| handle(r, c, RequesterWrite, mail_links::follow_up))
        .post_async("/api/v1/team/sign-in", |r, c| handle(r, c, SignIn, team::sign_in))
        .post_async("/api/v1/team/invitations/accept", |r, c| handle(r, c, SignIn, team::accept))
        .post_async("/api/v1/team/sign-out", |r, c| signed_in(r, c, team::sign_out))
        .get_async("/api/v1/agent/me", |r, c| signed_in(r, c, agent::me))
        .get_async("/api/v1/agent/tickets", |r, c| api::team(r, c, WorkCases, agent::list))
        .post_async("/api/v1/agent/tickets/bulk-close", |r, c| api::team(r, c, WorkCases, agent::bulk_close))
        .get_async("/api/v1/agent/tickets/:id", |r, c| api::team(r, c, WorkCases, agent::get))
        .patch_async("/api/v1/agent/tickets/:id", |r, c| api::team(r, c, WorkCases, agent::update))
        .post_async("/api/v1/agent/tickets/:id/replies", |r, c| api::team(r, c, WorkCases, agent::reply_to))
        .post_async("/api/v1/agent/tickets/:id/notes", |r, c| api::team(r, c, WorkCases, agent::note))
        .get_async("/api/v1/agent/tickets/:id/mails", |r, c| api::team(r, c, WorkCases, mail_log::list))
        .get_async("/api/v1/agent/tickets/:id/attachments", |r, c| api::team(r, c, WorkCases, mail::attachments::list))
        .get_async("/api/v1/agent/tickets/:id/attachments/:attachment", |r, c| api::team(r, c, WorkCases, mail::attachments::download))
        .post_async("/api/v1/agent/tickets/:id/mail-links/revoke", |r, c| api::team(r, c, WorkCases, mail_log::revoke_links))
        .post_async("/api/v1/agent/tickets/:id/tasks", |r, c| api::team(r, c, WorkCases, tasks::open))
        .post_async("/api/v1/agent/tickets/:id/collaborators", |r, c| api::team(r, c, WorkCases, collaborators::add))
        .delete_async("/api/v1/agent/tickets/:id/collaborators/:agent", |r, c| api::team(r, c, WorkCases, collaborators::remove))
        .get_async("/api/v1/agent/tasks", |r, c| api::team(r, c, WorkCases, tasks::list))
        .patch_async("/api/v1/agent/tasks/:id", |r, c| api::team(r, c, WorkCases, tasks::assign))
        .post_async("/api/v1/agent/tasks/:id/messages", |r, c| api::team(r, c, WorkCases, tasks::message))
        .post_async("/api/v1/agent/tasks/:id/answer", |r, c| api::team(r, c, WorkCases, tasks::answer))
        .post_async("/api/v1/agent/tasks/:id/cancel", |r, c| api::team(r, c, WorkCases, tasks::cancel))
        .get_async("/api/v1/agent/desk/socket", |r, c| api::team(r, c, WorkCases, chat_sockets::desk))
        .get_async("/api/v1/agent/chats/:id/socket", |r, c| api::team(r, c, WorkCases, chat_sockets::agent))
        .get_async("/api/v1/agent/tickets/:id/socket", |r, c| api::team(r, c, WorkCases, chat_sockets::case))
        .get_async("/api/v1/analytics", |r, c| api::team(r, c, Reports, analytics::report))
        .get_async("/api/v1/analytics/handoffs", |r, c| api::team(r, c, Reports, analytics::handoffs))
        .get_async("/api/v1/staffing/plan", |r, c| api::team(r, c, PlanShifts, staffing::plan))
        .put_async("/api/v1/staffing/plan/:agent_id", |r, c| api::team(r, c, PlanShifts, staffing::set_plan))
        .put_async("/api/v1/staffing/holidays", |r, c| api::team(r, c, PlanShifts, staffing::set_holidays))
        .get_async("/api/v1/staffing/forecast", |r, c| api::team(r, c, PlanShifts, staffing::forecast))
        .get_async("/api/v1/staffing/demand", |r, c| api::team(r, c, PlanShifts, staffing::demand))
        .get_async("/api/v1/team/people", |r, c| api::team(r, c, ManagePeople, team::list))
        .post_async("/api/v1/team/invitations", |r, c| api::team(r, c, ManagePeople, team::invite))
        .patch_async("/api/v1/team/people/:id", |r, c| api::team(r, c, ManagePeople, team::update))
        .post_async("/api/v1/team/people/:id/rotate", |r, c| api::team(r, c, ManagePeople, team::rotate))
        .get_async("/api/v1/team/tokens", |r, c| api::team(r, c, ManagePeople, team::tokens))
        .post_async("/api/v1/team/tokens", |r, c| api::team(r, c, ManagePeople, team::create_token))
        .delete_async("/api/v1/team/tokens/:id", |r, c| api::team(r, c, ManagePeople, team::revoke_token))
        .get_async("/api/v1/team/settings", |r, c| api::team(r, c, ManagePeople, team::settings))
        .put_async("/api/v1/team/settings", |r, c| api::team(r, c, ManagePeople, team::set_settings))
        .get_async("/api/v1/mail/settings", |r, c| api::team(r, c, ManagePeople, mail::settings::get))
        .put_async("/api/v1/mail/settings", |r, c| api::team(r, c, ManagePeople, mail::settings::put))
        .get_async("/api/v1/audit", |r, c| api::team(r, c, ReadAudit, audit::list))
        .get_async("/api/v1/requesters/export", |r, c| api::team(r, c, RequesterData, requesters::export))
        .post_async("/api/v1/requesters/erase", |r, c| api::team(r, c, RequesterData, requesters::erase))
        .get_async("/api/v1/kb/articles", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::list))
        .post_async("/api/v1/kb/articles", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::create))
        .get_async("/api/v1/kb/articles/:id", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::get))
        .put_async("/api/v1/kb/articles/:id", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::save))
        .post_async("/api/v1/kb/articles/:id/publish", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::publish))
        .post_async("/api/v1/kb/articles/:id/review", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::request_review))
        .post_async("/api/v1/kb/articles/:id/send-back", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::send_back))
        .post_async("/api/v1/kb/articles/:id/archive", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::archive))
        .get_async("/api/v1/kb/articles/:id/versions", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::versions))
        .post_async("/api/v1/kb/articles/:id/rollback", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::rollback))
        .get_async("/api/v1/kb/settings", |r, c| api::team(r, c, EditKnowledgeBase, kb_settings::get))
        .put_async("/api/v1/kb/settings", |r, c| api::team(r, c, ManagePeople, kb_settings::put))
        .get_async("/api/v1/kb/stats", |r, c| api::team(r, c, EditKnowledgeBase, kb_articles::stats))
        .post_async("/api/v1/kb/articles/:id/questions", |r, c| api::team(r, c, EditKnowledgeBase, kb_queries::add_question))
        .get_async("/api/v1/kb/articles/:id/feedback", |r, c| api::team(r, c, EditKnowledgeBase, kb_queries::feedback))
        .get_async("/api/v1/kb/regression-queries", |r, c| api::team(r, c, EditKnowledgeBase, kb_queries::list))
        .post_async("/api/v1/kb/regression-queries", |r, c| api::team(r, c, EditKnowledgeBase, kb_queries::add))
        .delete_async("/api/v1/kb/regression-queries/:id", |r, c| api::team(r, c, EditKnowledgeBase, kb_queries::remove))
        .get_async("/api/v1/kb/categories", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::categories))
        .post_async("/api/v1/kb/categories", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::create_category))
        .put_async("/api/v1/kb/categories/order", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::order_categories))
        .patch_async("/api/v1/kb/categories/:id", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::rename_category))
        .delete_async("/api/v1/kb/categories/:id", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::delete_category))
        .put_async("/api/v1/kb/sections/order", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::order_sections))
        .patch_async("/api/v1/kb/sections/:id", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::rename_section))
        .delete_async("/api/v1/kb/sections/:id", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::delete_section))
        .post_async("/api/v1/kb/sections", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::create_section))
        .get_async("/api/v1/kb/vocabulary/:locale", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::vocabulary))
        .put_async("/api/v1/kb/vocabulary/:locale", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::set_vocabulary))
        .get_async("/api/v1/kb/publications", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::publications))
        .post_async("/api/v1/kb/publications/:locale", |r, c| api::team(r, c, EditKnowledgeBase, kb_tree::publish_locale))
        .post_async("/api/v1/kb/imports", |r, c| api::team(r, c, EditKnowledgeBase, kb_io::import))
        .get_async("/api/v1/kb/export", |r, c| api::team(r, c, EditKnowledgeBase, kb_io::export))
        .post_async("/api/v1/kb/images", |r, c| api::team(r, c, EditKnowledgeBase, kb_images::upload))
        // Articles' images, from the help host (a host page's CSP lists it as img-src).
        .get_async("/kb-images/:name", kb_images::serve)
        // The help center's files (the widget's index): published at the edge, else the static build.
        .get_async("/index/manifest.json", help_center::serve::manifest)
        .get_async("/index/parts", help_center::serve::parts)
        .get_async("/index/:name", help_center::serve::file)
        .or_else_any_method("/api/*rest", |_, _| Ok(ApiError::NotFound("no such API route").into_response()))
        .run(req, env)
        .await
}

/// Email Routing hands every mail to a site's addresses here (`src/mail/inbound.rs`).
#[event(email)]
async fn email(message: ForwardableEmailMessage, env: Env, _ctx: Context) -> Result<()> {
    mail::inbound::receive(message, env, Date::now().as_millis() as i64).await;
    Ok(())
}

#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    match cron::sweep(&env, event.schedule() as i64).await {
        Ok(changed) => console_log!("sweep: {changed} tickets changed"),
        Err(error) => console_error!("sweep failed: {error:?}"),
    }
    if let Err(error) = cron::tell_overdue_tasks(&env, event.schedule() as i64).await {
        console_error!("telling overdue tasks failed: {error:?}");
    }
    if let Err(error) = cron::sample_desks(&env, event.schedule() as i64).await {
        console_error!("desk sampling failed: {error:?}");
    }
    match help_center::publish::rebuild_outdated(&env, event.schedule() as i64).await {
        Ok(0) => {}
        Ok(rebuilt) => console_log!("help center: {rebuilt} locales built again in this index format"),
        Err(error) => console_error!("rebuilding outdated help centers failed: {error:?}"),
    }
    mail::outbox::run_at(&env, event.schedule() as i64).await;
}
