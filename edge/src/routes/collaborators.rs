//! Collaborators: the case's own department adds people of other departments to a case; they
//! read it (a restricted case's read audited as any) and write internal notes on it
//! (`desk::task::reach`). Each addition and removal is audited in the batch that makes it.

use desk::task;
use wire::tasks::NewCollaborator;
use wire::team::AuditAction;
use worker::{Request, Response};

use super::agent::{agent_view, in_scope};
use crate::api::caller::Agent;
use crate::api::{json, ApiError, Call};
use crate::store::{audit, kb, people, tasks};

/// `POST /api/v1/agent/tickets/{id}/collaborators`
pub async fn add(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let NewCollaborator { agent_id } = json(&mut req).await?;
    let ticket = in_scope(&call, &agent).await?;
    let agent_id = agent_id.trim().to_string();
    let person = people::by_id(&call.db, &agent.site, &agent_id).await?.filter(|p| p.person.active);
    let person = person.ok_or_else(|| ApiError::invalid("agent_id", "is not an active person of this site"))?;
    let member = desk::team::Member { id: person.person.id.clone(), roles: person.person.roles.clone(), departments: person.person.departments.clone() };
    task::may_collaborate(&member, &ticket.department)?;
    let actor = audit::Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("case", format!("#{}", ticket.number)), ("person", person.person.name.clone())]);
    // Someone added already: the guard fails the batch, and nothing (no second record) is written.
    tasks::commit(
        &call.db,
        vec![
            tasks::add_collaborator(&call.db, &ticket.id, &agent_id, &agent.name, call.now)?,
            kb::guard(&call.db)?,
            audit::record(&call.db, &actor, call.now, AuditAction::CollaboratorAdded, Some(&ticket.id), &detail)?,
        ],
    )
    .await?;
    agent_view(&call, &agent, &ticket).await
}

/// `DELETE /api/v1/agent/tickets/{id}/collaborators/{agent}`
pub async fn remove(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let ticket = in_scope(&call, &agent).await?;
    let agent_id = call.param("agent")?;
    let actor = audit::Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("case", format!("#{}", ticket.number)), ("person", agent_id.clone())]);
    tasks::commit(
        &call.db,
        vec![
            tasks::remove_collaborator(&call.db, &ticket.id, &agent_id)?,
            kb::guard(&call.db)?,
            audit::record(&call.db, &actor, call.now, AuditAction::CollaboratorRemoved, Some(&ticket.id), &detail)?,
        ],
    )
    .await?;
    agent_view(&call, &agent, &ticket).await
}
