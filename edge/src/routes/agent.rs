//! The agent console's routes (`Authorization: Bearer <token>`, checked by `api::team`): who
//! signed in, the tickets of the departments the person sees with filters and search, one ticket
//! with its whole log and context, replies, internal notes, changes of status, priority,
//! department and assignee, and bulk close. A ticket outside the person's departments (that they
//! neither collaborate on nor are asked about by a task, `desk::task::reach`) is "not found",
//! exactly like one that does not exist; reading one of a restricted department is audited.

use desk::limits::{self, BULK_IDS};
use desk::task::{self, Reach};
use desk::team::{Member, Scope};
use desk::{DeskError, Event, Ticket};
use serde::de::DeserializeOwned;
use wire::team::AuditAction;
use wire::agent::{AgentProfile, AgentTicketList, BulkClose, BulkCloseResult, SignedIn, TicketUpdate};
use wire::tickets::{Channel, NewMessage, Priority, Status};
use worker::wasm_bindgen::JsValue;
use worker::{Request, Response};

use crate::api::caller::{self, Agent};
use crate::api::{given, json, query, reply, ApiError, Call};
use crate::store::tickets::{self, Writes};
use crate::store::{audit, kb, people, staffing, tasks};
use crate::views;

/// `GET /api/v1/agent/me`: the person, what they may do and see, the site's departments and its
/// people (to name assignees and offer transfers).
pub async fn me(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let site = caller::agent_site(&agent)?;
    let agents = call
        .db
        .prepare("SELECT id, name, department FROM agents WHERE site = ?1 AND active = 1 ORDER BY name, id")
        .bind(&[agent.site.as_str().into()])?
        .all()
        .await?
        .results::<AgentProfile>()?;
    let me = AgentProfile { id: agent.id.clone(), name: agent.name.clone(), department: agent.department.clone() };
    let scope = agent.scope().of(&site.departments).into_iter().cloned().collect();
    reply(200, &SignedIn { agent: me, site: site.id.clone(), departments: site.departments.clone(), agents, roles: agent.member.roles.clone(), scope, department_names: site.department_names.clone() })
}

/// `GET /api/v1/agent/tickets?status=&priority=&department=&assignee=&channel=&sla_breached=&q=&limit=`
pub async fn list(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let mut filter = vec!["site = ?1".to_string()];
    let mut binds: Vec<JsValue> = vec![agent.site.as_str().into()];
    if let Some(clause) = scope_clause(&agent, &mut binds) {
        // The cases of other departments they collaborate on are theirs to list too.
        binds.push(agent.id.as_str().into());
        filter.push(format!("({clause} OR id IN (SELECT ticket_id FROM case_collaborators WHERE agent_id = ?{}))", binds.len()));
    }
    // Breached as the sweep flagged it, so the list agrees with each ticket's own view.
    match given(&req, "sla_breached")?.as_deref() {
        None => {}
        Some("true") => filter.push("(first_response_breached = 1 OR resolution_breached = 1)".into()),
        Some("false") => filter.push("first_response_breached = 0 AND resolution_breached = 0".into()),
        Some(_) => return Err(ApiError::invalid("sla_breached", "must be true or false")),
    }
    let mut add = |clause: &str, value: String| {
        binds.push(value.into());
        filter.push(clause.replace('?', &format!("?{}", binds.len())));
    };
    for column in ["status", "priority", "channel"] {
        if let Some(value) = given(&req, column)? {
            let value = match column {
                "status" => one_of::<Status>(column, value)?,
                "priority" => one_of::<Priority>(column, value)?,
                _ => one_of::<Channel>(column, value)?,
            };
            add(&format!("{column} = ?"), value);
        }
    }
    // Free text: blank means no filter.
    for column in ["department", "assignee"] {
        if let Some(value) = query(&req, column)? {
            let value = if column == "assignee" && value == "me" { agent.id.clone() } else { value };
            add(&format!("{column} = ?"), value);
        }
    }
    if let Some(q) = query(&req, "q")? {
        limits::at_most("q", &q, limits::QUERY)?;
        // `instr`, not LIKE: D1 refuses LIKE patterns over 50 bytes, shorter than a search may be,
        // and the text has no wildcards to escape. Case-folded as LIKE would (ASCII letters).
        // `add` numbers both placeholders alike, so one bind serves both.
        add("(instr(lower(subject), lower(?)) > 0 OR instr(lower(description), lower(?)) > 0)", q);
    }
    let limit = match given(&req, "limit")? {
        Some(l) => l.parse::<u32>().ok().filter(|l| (1..=200).contains(l)).ok_or_else(|| ApiError::invalid("limit", "must be 1 to 200"))?,
        None => 50,
    };
    let found = tickets::select(&call.db, &filter.join(" AND "), &binds, limit).await?;
    reply(200, &AgentTicketList { tickets: found.iter().map(views::agent_summary).collect() })
}

/// A filter value that must name one of the wire's values (`status=solved`): anything else is
/// refused rather than matching no ticket, so a typo is not mistaken for an empty list.
pub(crate) fn one_of<T: DeserializeOwned>(field: &str, value: String) -> Result<String, ApiError> {
    match serde_json::from_value::<T>(serde_json::Value::String(value.clone())) {
        Ok(_) => Ok(value),
        Err(_) => Err(ApiError::invalid(field, format!("{value:?} is not a {field}"))),
    }
}

/// `GET /api/v1/agent/tickets/{id}`: for the case's own department, its collaborators, and a
/// department a task on it asks (which reads the case, and works only the task).
pub async fn get(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let (ticket, _) = readable(&call, &agent).await?;
    let site = caller::agent_site(&agent)?;
    if site.restricted_departments.contains(&ticket.department) {
        let actor = audit::Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
        let detail = audit::detail(&[("department", ticket.department.clone()), ("number", ticket.number.to_string())]);
        audit::append(&call.db, &actor, call.now, AuditAction::RestrictedCaseRead, Some(&ticket.id), &detail).await?;
    }
    agent_view(&call, &agent, &ticket).await
}

/// `POST /api/v1/agent/tickets/{id}/replies`
pub async fn reply_to(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    change(req, call, agent, false, |t, agent, m: &NewMessage, now| t.agent_reply(&agent.name, &m.text, now)).await
}

/// `POST /api/v1/agent/tickets/{id}/notes`: the case's department and its collaborators.
pub async fn note(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    change(req, call, agent, true, |t, agent, m: &NewMessage, now| t.note(&agent.name, &m.text, now)).await
}

/// `PATCH /api/v1/agent/tickets/{id}`: a transfer may send the case to any department (the
/// person then no longer sees it); an assignee must work the case's department, and only a lead
/// or an admin hands a case to someone else.
pub async fn update(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let site = caller::agent_site(&agent)?;
    let update: TicketUpdate = json(&mut req).await?;
    let mut ticket = in_scope(&call, &agent).await?;
    let department = update.department.clone().unwrap_or_else(|| ticket.department.clone());
    let assignee = match update.assignee.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(id) => {
            let other = people::by_id(&call.db, &agent.site, id).await?.filter(|p| p.person.active);
            let other = other.ok_or_else(|| ApiError::invalid("assignee", "is not an active person of this site"))?;
            let as_member = Member { id: other.person.id.clone(), roles: other.person.roles.clone(), departments: other.person.departments.clone() };
            if !agent.member.may_assign(&department, Some((id, &as_member))) {
                return Err(ApiError::invalid("assignee", "must be yourself, or someone who works this department when you lead it"));
            }
            Some(Some(id.to_string()))
        }
    };
    let asked = tasks::of_ticket(&call.db, &ticket.id).await?;
    let moving_to = update.status.filter(|s| *s != ticket.status);
    let cancelled: Vec<desk::task::Task> = match task::before_status_change(moving_to, &asked.iter().collect::<Vec<_>>(), update.open_tasks) {
        Ok(ids) => asked.into_iter().filter(|t| ids.contains(&t.id)).collect(),
        Err(task::OpenTasksRemain(ids)) => {
            let open: Vec<desk::task::Task> = asked.into_iter().filter(|t| ids.contains(&t.id)).collect();
            return Err(ApiError::OpenTasks(tasks::views(&call.db, &open, call.now).await?));
        }
    };
    let read_version = ticket.version;
    let events = ticket.update(&agent.name, site, &update, assignee, call.now)?;
    if update.priority.is_some() || update.department.is_some() {
        if let Some(hours) = staffing::sla_hours(&call.db, site, &ticket.department).await? {
            ticket.count_sla_in(&hours);
        }
    }
    if cancelled.is_empty() {
        tickets::save(&call.db, &ticket, read_version, &events).await?;
    } else {
        solve_cancelling(&req, &call, &agent, &ticket, read_version, &events, cancelled).await?;
    }
    agent_view(&call, &agent, &ticket).await
}

/// Stores a solve (or close) with the cancellation of the case's open tasks, in one batch: each
/// cancellation guarded by the task's version, the case by its own, so a task answered or a
/// case changed meanwhile writes nothing (409, as any lost race of a `PATCH`).
async fn solve_cancelling(req: &Request, call: &Call, agent: &Agent, ticket: &Ticket, read_version: i64, events: &[Event], open: Vec<desk::task::Task>) -> Result<(), ApiError> {
    let actor = audit::Actor::of(req, &agent.site, Some(&agent.id), &agent.name)?;
    let mut batch = tickets::append(&call.db, &ticket.id, read_version, events)?;
    for mut open_task in open {
        let task_version = open_task.version;
        open_task.cancel(call.now)?;
        batch.push(tasks::update(&call.db, &open_task, task_version)?);
        batch.push(kb::guard(&call.db)?);
        let detail = audit::detail(&[("case", format!("#{}", ticket.number)), ("department", open_task.department.clone()), ("with", ticket.status.as_str().to_string())]);
        batch.push(audit::record(&call.db, &actor, call.now, AuditAction::TaskCancelled, Some(&open_task.id), &detail)?);
    }
    batch.push(tickets::update(&call.db, ticket, read_version)?);
    batch.push(kb::guard(&call.db)?);
    if !tasks::commit(&call.db, batch).await? {
        return Err(ApiError::Conflict("the ticket or its tasks changed meanwhile; reload and retry"));
    }
    Ok(())
}

/// How often bulk close re-reads the tickets another writer changed meanwhile before it reports
/// them as skipped.
const BULK_ROUNDS: usize = 3;

/// `POST /api/v1/agent/tickets/bulk-close`: each ticket closes on its own; an id listed twice
/// counts once. `closed` lists only tickets this request really closed; ids that are not the
/// site's, not in the person's departments, are closed already, or kept changing under it are
/// `skipped`.
pub async fn bulk_close(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let BulkClose { ids } = json(&mut req).await?;
    if ids.is_empty() || ids.len() > BULK_IDS {
        return Err(ApiError::invalid("ids", format!("must list 1 to {BULK_IDS} tickets")));
    }
    let mut pending: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        if !pending.contains(&id) {
            pending.push(id);
        }
    }
    let mut result = BulkCloseResult { closed: Vec::new(), skipped: Vec::new() };
    for _ in 0..BULK_ROUNDS {
        if pending.is_empty() {
            break;
        }
        pending = close_round(&call, &agent, pending, &mut result).await?;
    }
    result.skipped.extend(pending);
    reply(200, &result)
}

/// Closes what it can of `ids` in one transaction and gives back the ids whose ticket changed
/// between reading and writing (their writes did nothing: every statement is version-guarded).
async fn close_round(call: &Call, agent: &Agent, ids: Vec<String>, result: &mut BulkCloseResult) -> Result<Vec<String>, ApiError> {
    let mut batch = Vec::new();
    // Each closing ticket's id and the index of its version-guarded update in the batch.
    let mut updates = Vec::new();
    for id in ids {
        let ticket = tickets::load(&call.db, &agent.site, &id).await?.filter(|t| agent.member.may_see_case(&t.department, false));
        let Some(mut ticket) = ticket else {
            result.skipped.push(id);
            continue;
        };
        // A case with open tasks is not closed in bulk: closing it asks what becomes of them.
        if tasks::open_count(&call.db, &ticket.id).await? > 0 {
            result.skipped.push(id);
            continue;
        }
        let read_version = ticket.version;
        match ticket.close(&agent.name, call.now) {
            Ok(events) => {
                batch.extend(tickets::append(&call.db, &ticket.id, read_version, &events)?);
                updates.push((id, batch.len()));
                batch.push(tickets::update(&call.db, &ticket, read_version)?);
            }
            Err(_) => result.skipped.push(id),
        }
    }
    if batch.is_empty() {
        return Ok(Vec::new());
    }
    let results = call.db.batch(batch).await?;
    let mut changed_meanwhile = Vec::new();
    for (id, at) in updates {
        let meta = results.get(at).map(|r| r.meta()).transpose()?.flatten();
        let changes = meta.and_then(|m| m.changes).ok_or_else(|| ApiError::Internal(format!("D1 did not say whether ticket {id} closed")))?;
        if changes == 1 {
            result.closed.push(id);
        } else {
            changed_meanwhile.push(id);
        }
    }
    Ok(changed_meanwhile)
}

/// Reads the body, applies one agent operation (a reply or a note: they add to the ticket,
/// whatever else changed meanwhile) to a ticket the person works (`note`: or collaborates on)
/// and stores it; a race lost to another writer is applied again to the ticket as it is then.
async fn change<T, F>(mut req: Request, call: Call, agent: Agent, note: bool, apply: F) -> Result<Response, ApiError>
where
    T: DeserializeOwned,
    F: Fn(&mut Ticket, &Agent, &T, i64) -> Result<Vec<Event>, DeskError>,
{
    let body: T = json(&mut req).await?;
    let ticket = match readable(&call, &agent).await? {
        (ticket, reach) if reach == Reach::Owner || (note && reach.may_note()) => ticket,
        _ => return Err(ApiError::NotFound("no such ticket")),
    };
    let (ticket, _) = tickets::apply(&call.db, ticket, |ticket, _| Ok(Writes { events: apply(ticket, &agent, &body, call.now)?, also: None })).await?;
    agent_view(&call, &agent, &ticket).await
}

/// The ticket of the route's id and how the person reaches it, if they may read it: through its
/// department, as a collaborator, or through a task (not cancelled) asked of one of theirs.
pub(crate) async fn readable(call: &Call, agent: &Agent) -> Result<(Ticket, Reach), ApiError> {
    let ticket = tickets::load(&call.db, &agent.site, &call.param("id")?).await?.ok_or(ApiError::NotFound("no such ticket"))?;
    let reach = reach(call, agent, &ticket).await?.ok_or(ApiError::NotFound("no such ticket"))?;
    Ok((ticket, reach))
}

/// How the person reaches `ticket`, if at all.
async fn reach(call: &Call, agent: &Agent, ticket: &Ticket) -> Result<Option<Reach>, ApiError> {
    Ok(tasks::CaseAccess::of(&call.db, ticket).await?.reach(&agent.member))
}

/// The ticket of the route's id, if the person may work it (its department is theirs).
pub(crate) async fn in_scope(call: &Call, agent: &Agent) -> Result<Ticket, ApiError> {
    tickets::load(&call.db, &agent.site, &call.param("id")?)
        .await?
        .filter(|t| agent.member.may_see_case(&t.department, false))
        .ok_or(ApiError::NotFound("no such ticket"))
}

/// The `department IN (…)` clause that keeps a list to the person's departments (binding them
/// after `binds`), or none for someone who sees everything.
pub(crate) fn scope_clause(agent: &Agent, binds: &mut Vec<JsValue>) -> Option<String> {
    let Scope::Departments(mine) = agent.scope() else { return None };
    if mine.is_empty() {
        return Some("0".into());
    }
    let placeholders: Vec<String> = mine
        .iter()
        .map(|d| {
            binds.push(d.as_str().into());
            format!("?{}", binds.len())
        })
        .collect();
    Some(format!("department IN ({})", placeholders.join(", ")))
}

/// The ticket with every event and the requester's other tickets on any channel (of the
/// departments the person sees).
pub(crate) async fn agent_view(call: &Call, agent: &Agent, ticket: &Ticket) -> Result<Response, ApiError> {
    let events = tickets::events(&call.db, &ticket.id, true).await?;
    let owner = match (&ticket.requester.user_id, &ticket.requester.token_digest) {
        (Some(user), _) => Some(("user_id", user)),
        (None, Some(digest)) => Some(("token_digest", digest)),
        (None, None) => None,
    };
    let others = match owner {
        Some((column, value)) => {
            let mut binds: Vec<JsValue> = vec![ticket.site.as_str().into(), value.as_str().into()];
            let mut filter = format!("site = ?1 AND {column} = ?2");
            if let Some(clause) = scope_clause(agent, &mut binds) {
                filter = format!("{filter} AND {clause}");
            }
            tickets::select(&call.db, &filter, &binds, 20).await?
        }
        None => Vec::new(),
    };
    let asked = tasks::views(&call.db, &tasks::of_ticket(&call.db, &ticket.id).await?, call.now).await?;
    let access = tasks::CaseAccess::of(&call.db, ticket).await?;
    let reached = access.reach(&agent.member);
    let sharing = views::Sharing {
        tasks: asked,
        collaborators: access.collaborators().to_vec(),
        through_task: reached == Some(Reach::Helper),
        collaborator: reached == Some(Reach::Collaborator),
    };
    reply(200, &views::for_agent(ticket, events, &others, sharing))
}
