//! Linked tasks (`desk::task`): a case's owner asks another department a question on the case;
//! that department finds it in its queue, reads the case through it and answers on its internal
//! thread. Every write is audited in the same batch, guarded by the version it read, and applied
//! again to what is stored when another writer came first.

use desk::task::{self, Reach, Task, TaskAction};
use desk::team::Member;
use wire::tasks::{NewTask, TaskAssignment, TaskQueue, TaskStatus};
use wire::team::AuditAction;
use wire::tickets::NewMessage;
use worker::wasm_bindgen::JsValue;
use worker::{D1PreparedStatement, Request, Response};

use super::agent::{in_scope, one_of, scope_clause};
use crate::api::caller::{self, random_hex, Agent};
use crate::api::{given, json, query, reply, ApiError, Call};
use crate::store::{audit, kb, people, tasks, tickets};

/// How often a change is applied again after losing a race to another writer.
const ATTEMPTS: usize = 4;

/// `POST /api/v1/agent/tickets/{id}/tasks`: only whoever works the case's department opens one.
pub async fn open(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let site = caller::agent_site(&agent)?;
    let request: NewTask = json(&mut req).await?;
    let mut ticket = in_scope(&call, &agent).await?;
    if let Some(id) = request.assignee.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        if !works(&call, &agent, id, request.department.trim()).await? {
            return Err(ApiError::invalid("assignee", "must be an active person who works the department asked"));
        }
    }
    let actor = audit::Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    for _ in 0..ATTEMPTS {
        let read_version = ticket.version;
        let task = Task::open(random_hex()?, site, &mut ticket, &agent.name, &request, call.now)?;
        let detail = audit::detail(&[("case", format!("#{}", ticket.number)), ("department", task.department.clone())]);
        let batch = vec![
            tickets::update(&call.db, &ticket, read_version)?,
            kb::guard(&call.db)?,
            tasks::insert(&call.db, &task)?,
            audit::record(&call.db, &actor, call.now, AuditAction::TaskOpened, Some(&task.id), &detail)?,
        ];
        if tasks::commit(&call.db, batch).await? {
            return reply(201, &tasks::view(&call.db, &task, call.now).await?);
        }
        ticket = in_scope(&call, &agent).await?;
    }
    Err(ApiError::Contended)
}

/// `POST /api/v1/agent/tasks/{id}/messages`: either side, on the internal thread.
pub async fn message(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let NewMessage { text } = json(&mut req).await?;
    change(&req, &call, &agent, TaskAction::Message, AuditAction::TaskMessagePosted, |task, _| Ok((Some((task.message(&text)?, false)), Vec::new()))).await
}

/// `POST /api/v1/agent/tasks/{id}/answer`: the asked department's answer closes the task.
pub async fn answer(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let NewMessage { text } = json(&mut req).await?;
    change(&req, &call, &agent, TaskAction::Answer, AuditAction::TaskAnswered, |task, now| Ok((Some((task.answer(&text, now)?, true)), Vec::new()))).await
}

/// `POST /api/v1/agent/tasks/{id}/cancel`: the case's owner withdraws the question.
pub async fn cancel(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    change(&req, &call, &agent, TaskAction::Cancel, AuditAction::TaskCancelled, |task, now| {
        task.cancel(now)?;
        Ok((None, Vec::new()))
    })
    .await
}

/// `PATCH /api/v1/agent/tasks/{id}`: who of the asked department works it. Anyone takes a task
/// or leaves it; handing it to someone else is a lead's (as for cases).
pub async fn assign(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let TaskAssignment { assignee } = json(&mut req).await?;
    let assignee = Some(assignee.trim().to_string()).filter(|a| !a.is_empty());
    let person = match assignee.as_deref() {
        None => None,
        Some(id) => Some(person(&call, &agent, id).await?.ok_or_else(|| ApiError::invalid("assignee", "is not an active person of this site"))?),
    };
    change(&req, &call, &agent, TaskAction::Assign, AuditAction::TaskAssigned, |task, _| {
        if let Some((id, person)) = assignee.as_deref().zip(person.as_ref()) {
            if !agent.member.may_assign(&task.department, Some((id, person))) {
                return Err(ApiError::invalid("assignee", "must be yourself, or someone who works this department when you lead it"));
            }
        }
        task.assign(assignee.clone())?;
        Ok((None, vec![("assignee", assignee.clone().unwrap_or_default())]))
    })
    .await
}

/// `GET /api/v1/agent/tasks?status=&department=&assignee=&overdue=&limit=`: the tasks asked of
/// the person's departments (a lead sees their departments' overdue ones first).
pub async fn list(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let mut filter = vec!["k.site = ?1".to_string()];
    let mut binds: Vec<JsValue> = vec![agent.site.as_str().into()];
    if let Some(clause) = scope_clause(&agent, &mut binds) {
        filter.push(clause.replace("department IN", "k.department IN"));
    }
    if let Some(status) = given(&req, "status")? {
        binds.push(one_of::<TaskStatus>("status", status)?.into());
        filter.push(format!("k.status = ?{}", binds.len()));
    }
    if let Some(department) = query(&req, "department")? {
        binds.push(department.into());
        filter.push(format!("k.department = ?{}", binds.len()));
    }
    if let Some(assignee) = query(&req, "assignee")? {
        binds.push(if assignee == "me" { agent.id.clone() } else { assignee }.into());
        filter.push(format!("k.assignee = ?{}", binds.len()));
    }
    match given(&req, "overdue")?.as_deref() {
        None => {}
        Some("true") => filter.push(format!("k.status = 'open' AND k.due_at < {}", call.now)),
        Some("false") => filter.push(format!("NOT (k.status = 'open' AND k.due_at < {})", call.now)),
        Some(_) => return Err(ApiError::invalid("overdue", "must be true or false")),
    }
    let limit = match given(&req, "limit")? {
        Some(l) => l.parse::<u32>().ok().filter(|l| (1..=200).contains(l)).ok_or_else(|| ApiError::invalid("limit", "must be 1 to 200"))?,
        None => 50,
    };
    reply(200, &TaskQueue { tasks: tasks::queue(&call.db, &filter.join(" AND "), &binds, call.now, limit).await? })
}

/// Whether `id` is an active person of the site who works `department`.
async fn works(call: &Call, agent: &Agent, id: &str, department: &str) -> Result<bool, ApiError> {
    Ok(person(call, agent, id).await?.is_some_and(|m| m.may_see_case(department, false)))
}

async fn person(call: &Call, agent: &Agent, id: &str) -> Result<Option<Member>, ApiError> {
    let found = people::by_id(&call.db, &agent.site, id).await?.filter(|p| p.person.active);
    Ok(found.map(|p| Member { id: p.person.id, roles: p.person.roles, departments: p.person.departments }))
}

/// What a change adds: a message for the thread (its text, whether it is the answer) and the
/// audit record's details.
type Outcome = (Option<(String, bool)>, Vec<(&'static str, String)>);

/// Loads the task the person reaches, checks `action` is theirs, applies `apply` and stores the
/// task's change (guarded by its version) with the message it adds (guarded by the task not
/// being cancelled) and the audit record, again on a fresh read after a lost race.
async fn change<F>(req: &Request, call: &Call, agent: &Agent, action: TaskAction, audited: AuditAction, apply: F) -> Result<Response, ApiError>
where
    F: Fn(&mut Task, i64) -> Result<Outcome, ApiError>,
{
    let actor = audit::Actor::of(req, &agent.site, Some(&agent.id), &agent.name)?;
    for _ in 0..ATTEMPTS {
        let mut task = reachable(call, agent, action).await?;
        let read_version = task.version;
        let (message, detail) = apply(&mut task, call.now)?;
        let changed = task.version != read_version;
        if !changed && message.is_none() {
            return reply(200, &tasks::view(&call.db, &task, call.now).await?);
        }
        let mut detail = detail;
        detail.push(("department", task.department.clone()));
        let mut batch: Vec<D1PreparedStatement> = Vec::new();
        if changed {
            batch.extend([tasks::update(&call.db, &task, read_version)?, kb::guard(&call.db)?]);
        }
        if let Some((text, answer)) = &message {
            batch.extend([tasks::message(&call.db, &task.id, call.now, &agent.name, text, *answer)?, kb::guard(&call.db)?]);
        }
        batch.push(audit::record(&call.db, &actor, call.now, audited, Some(&task.id), &audit::detail(&detail))?);
        if tasks::commit(&call.db, batch).await? {
            return reply(200, &tasks::view(&call.db, &task, call.now).await?);
        }
    }
    Err(ApiError::Contended)
}

/// The task of the route's id, if the person reaches its case (as owner, or as the department
/// asked) — else 404, as for a case — and `action` is theirs (else 403).
async fn reachable(call: &Call, agent: &Agent, action: TaskAction) -> Result<Task, ApiError> {
    let task = tasks::load(&call.db, &agent.site, &call.param("id")?).await?.ok_or(ApiError::NotFound("no such task"))?;
    let case = tickets::load(&call.db, &agent.site, &task.ticket_id).await?.ok_or(ApiError::NotFound("no such task"))?;
    let of_department = agent.member.may_see_case(&task.department, false);
    let collaborator = tasks::collaborators(&call.db, &case.id).await?.contains(&agent.id);
    let reach = task::reach(&agent.member, &case.department, std::iter::once(task.department.as_str()), collaborator).ok_or(ApiError::NotFound("no such task"))?;
    if !task::may(action, reach, of_department) {
        return Err(ApiError::Forbidden(match reach {
            Reach::Owner | Reach::Collaborator => "only the department asked answers or assigns its task",
            Reach::Helper => "only the case's own department cancels its task",
        }));
    }
    Ok(task)
}
