//! The agent console's routes (`Authorization: Bearer <agent token>`): who signed in, the site's
//! tickets with filters and search, one ticket with its whole log and context, replies, internal
//! notes, changes of status, priority, department and assignee, and bulk close.

use desk::limits::{self, BULK_IDS};
use desk::{DeskError, Event, Ticket};
use serde::de::{DeserializeOwned, IgnoredAny};
use wire::agent::{AgentProfile, AgentTicketList, BulkClose, BulkCloseResult, SignedIn, TicketUpdate};
use wire::tickets::NewMessage;
use worker::wasm_bindgen::JsValue;
use worker::{Request, Response};

use crate::api::caller::{self, Agent};
use crate::api::{json, query, reply, ApiError, Call};
use crate::store::tickets::{self, Writes};
use crate::views;

/// `GET /api/v1/agent/me`: the agent, the site's departments and its agents.
pub async fn me(req: Request, call: Call) -> Result<Response, ApiError> {
    let agent = caller::agent(&req, &call).await?;
    let site = caller::agent_site(&agent)?;
    let agents = call
        .db
        .prepare("SELECT id, name, department FROM agents WHERE site = ?1 ORDER BY name, id")
        .bind(&[agent.site.as_str().into()])?
        .all()
        .await?
        .results::<AgentProfile>()?;
    let me = agents.iter().find(|a| a.id == agent.id).cloned().ok_or_else(|| ApiError::Internal(format!("agent {} vanished", agent.id)))?;
    reply(200, &SignedIn { agent: me, site: site.id.clone(), departments: site.departments.clone(), agents })
}

/// `GET /api/v1/agent/tickets?status=&priority=&department=&assignee=&channel=&sla_breached=&q=&limit=`
pub async fn list(req: Request, call: Call) -> Result<Response, ApiError> {
    let agent = caller::agent(&req, &call).await?;
    let mut filter = vec!["site = ?1".to_string()];
    let mut binds: Vec<JsValue> = vec![agent.site.as_str().into()];
    // Breached as the sweep flagged it, so the list agrees with each ticket's own view.
    match query(&req, "sla_breached")?.as_deref() {
        None => {}
        Some("true") => filter.push("(first_response_breached = 1 OR resolution_breached = 1)".into()),
        Some("false") => filter.push("first_response_breached = 0 AND resolution_breached = 0".into()),
        Some(_) => return Err(ApiError::invalid("sla_breached", "must be true or false")),
    }
    let mut add = |clause: &str, value: String| {
        binds.push(value.into());
        filter.push(clause.replace('?', &format!("?{}", binds.len())));
    };
    for column in ["status", "priority", "department", "assignee", "channel"] {
        if let Some(value) = query(&req, column)? {
            let value = if column == "assignee" && value == "me" { agent.id.clone() } else { value };
            add(&format!("{column} = ?"), value);
        }
    }
    if let Some(q) = query(&req, "q")? {
        limits::at_most("q", &q, limits::QUERY)?;
        // LIKE wildcards in the search text are matched literally.
        let pattern = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        // `add` numbers both placeholders alike, so one bind serves both.
        add("(subject LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\')", pattern);
    }
    let limit = match query(&req, "limit")? {
        Some(l) => l.parse::<u32>().ok().filter(|l| (1..=200).contains(l)).ok_or_else(|| ApiError::invalid("limit", "must be 1 to 200"))?,
        None => 50,
    };
    let found = tickets::select(&call.db, &filter.join(" AND "), &binds, limit).await?;
    reply(200, &AgentTicketList { tickets: found.iter().map(views::agent_summary).collect() })
}

/// `GET /api/v1/agent/tickets/{id}`
pub async fn get(req: Request, call: Call) -> Result<Response, ApiError> {
    let agent = caller::agent(&req, &call).await?;
    let ticket = of_site(&call, &agent).await?;
    agent_view(&call, &ticket).await
}

/// `POST /api/v1/agent/tickets/{id}/replies`
pub async fn reply_to(req: Request, call: Call) -> Result<Response, ApiError> {
    change(req, call, |t, agent, m: &NewMessage, now| t.agent_reply(&agent.name, &m.text, now)).await
}

/// `POST /api/v1/agent/tickets/{id}/notes`
pub async fn note(req: Request, call: Call) -> Result<Response, ApiError> {
    change(req, call, |t, agent, m: &NewMessage, now| t.note(&agent.name, &m.text, now)).await
}

/// `PATCH /api/v1/agent/tickets/{id}`
pub async fn update(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let agent = caller::agent(&req, &call).await?;
    let site = caller::agent_site(&agent)?;
    let update: TicketUpdate = json(&mut req).await?;
    let assignee = match update.assignee.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(id) => {
            let found = call.db.prepare("SELECT 1 AS found FROM agents WHERE id = ?1 AND site = ?2").bind(&[id.into(), agent.site.as_str().into()])?.first::<IgnoredAny>(None).await?;
            found.ok_or_else(|| ApiError::invalid("assignee", "is not an agent of this site"))?;
            Some(Some(id.to_string()))
        }
    };
    let mut ticket = of_site(&call, &agent).await?;
    let read_version = ticket.version;
    let events = ticket.update(&agent.name, site, &update, assignee, call.now)?;
    tickets::save(&call.db, &ticket, read_version, &events).await?;
    agent_view(&call, &ticket).await
}

/// `POST /api/v1/agent/tickets/bulk-close`: each ticket closes on its own; ids that are not
/// the site's or are closed already are reported as skipped.
pub async fn bulk_close(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let agent = caller::agent(&req, &call).await?;
    let BulkClose { ids } = json(&mut req).await?;
    if ids.is_empty() || ids.len() > BULK_IDS {
        return Err(ApiError::invalid("ids", format!("must list 1 to {BULK_IDS} tickets")));
    }
    let mut result = BulkCloseResult { closed: Vec::new(), skipped: Vec::new() };
    let mut batch = Vec::new();
    for id in ids {
        let ticket = tickets::load(&call.db, &agent.site, &id).await?;
        let Some(mut ticket) = ticket else {
            result.skipped.push(id);
            continue;
        };
        let read_version = ticket.version;
        match ticket.close(&agent.name, call.now) {
            Ok(events) => {
                batch.extend(tickets::append(&call.db, &ticket.id, read_version, &events)?);
                batch.push(tickets::update(&call.db, &ticket, read_version)?);
                result.closed.push(id);
            }
            Err(_) => result.skipped.push(id),
        }
    }
    // All or nothing: one transaction for every ticket closed.
    if !batch.is_empty() {
        call.db.batch(batch).await?;
    }
    reply(200, &result)
}

/// Reads the body, applies one agent operation (a reply or a note: they add to the ticket,
/// whatever else changed meanwhile) to a ticket of the agent's site and stores it; a race lost to
/// another writer is applied again to the ticket as it is then.
async fn change<T, F>(mut req: Request, call: Call, apply: F) -> Result<Response, ApiError>
where
    T: DeserializeOwned,
    F: Fn(&mut Ticket, &Agent, &T, i64) -> Result<Vec<Event>, DeskError>,
{
    let agent = caller::agent(&req, &call).await?;
    let body: T = json(&mut req).await?;
    let ticket = of_site(&call, &agent).await?;
    let (ticket, _) = tickets::apply(&call.db, ticket, |ticket, _| Ok(Writes { events: apply(ticket, &agent, &body, call.now)?, also: None })).await?;
    agent_view(&call, &ticket).await
}

async fn of_site(call: &Call, agent: &Agent) -> Result<Ticket, ApiError> {
    tickets::load(&call.db, &agent.site, &call.param("id")?).await?.ok_or(ApiError::NotFound("no such ticket"))
}

/// The ticket with every event and the requester's other tickets on any channel.
async fn agent_view(call: &Call, ticket: &Ticket) -> Result<Response, ApiError> {
    let events = tickets::events(&call.db, &ticket.id, true).await?;
    let owner = match (&ticket.requester.user_id, &ticket.requester.token_digest) {
        (Some(user), _) => Some(("user_id", user)),
        (None, Some(digest)) => Some(("token_digest", digest)),
        (None, None) => None,
    };
    let others = match owner {
        Some((column, value)) => {
            let filter = format!("site = ?1 AND {column} = ?2");
            tickets::select(&call.db, &filter, &[ticket.site.as_str().into(), value.as_str().into()], 20).await?
        }
        None => Vec::new(),
    };
    reply(200, &views::for_agent(ticket, events, &others))
}
