//! The live-chat WebSockets (edge/PROTOCOL.md), and the case socket that tells agents who else
//! has a case open. The worker authenticates the caller, checks the
//! chat is theirs, and hands the upgrade to the Durable Object, which keeps the socket
//! (hibernating). Credentials come in the query: browsers cannot set headers on a WebSocket.
//! Every route checks its parameters, the caller and the chat before it asks for the upgrade, so
//! a bad request learns what is wrong with it (4xx) rather than only that it was not a socket.

use livechat::{ChatState, Role};
use worker::{Request, Response};

use crate::api::caller::{self, Agent, Requester};
use crate::api::{ApiError, Call};
use crate::chat::{stubs, DeskAgent, Participant, Visitor};
use crate::routes::agent::readable;
use crate::store::chats;

/// `GET /api/v1/chats/{id}/socket?site=&token=` (or `&userId=&userHash=`): the user's socket.
/// Only the requester who opened the chat may join it.
pub async fn user(req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let who = caller::requester_from_query(&req, &call, site).await?;
    if matches!(who, Requester::Nobody) {
        return Err(ApiError::Unauthorized("send ?token=<requester token>, or ?userId= and ?userHash="));
    }
    let chat_id = call.param("id")?;
    let chat = chats::load(&call.db, &site.id, &chat_id).await?.ok_or(ApiError::NotFound("no such chat"))?;
    if !who.owns(chat.user_id.as_deref(), chat.token_digest.as_deref()) {
        return Err(ApiError::Forbidden("this chat belongs to another requester"));
    }
    let name = chat.name.unwrap_or_else(|| Role::User.as_str().to_string());
    let participant = Participant { role: Role::User, id: chat.ticket_id, name };
    upgrade_requested(&req)?;
    accepted(stubs::CONVERSATION_SOCKET.open(&stubs::conversation(&call.env, &chat_id)?, &participant).await?)
}

/// `GET /api/v1/agent/desk/socket?agent_token=`: an agent's desk (presence, the line, accept,
/// transfer). The agent sees and is offered the chats of their departments (an admin's: all).
pub async fn desk(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let site = caller::agent_site(&agent)?;
    let departments = agent.scope().of(&site.departments).into_iter().cloned().collect();
    let who = DeskAgent { agent: Participant { role: Role::Agent, id: agent.id, name: agent.name }, departments, site: site.id.clone() };
    upgrade_requested(&req)?;
    accepted(stubs::DESK_SOCKET.open(&stubs::desk(&call.env, &site.id)?, &who).await?)
}

/// `GET /api/v1/agent/chats/{id}/socket?agent_token=`: an agent joins a chat assigned to them
/// (by the desk, or accepted from the line).
pub async fn agent(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let chat_id = call.param("id")?;
    chats::load(&call.db, &agent.site, &chat_id).await?.ok_or(ApiError::NotFound("no such chat"))?;
    let conversation = stubs::conversation(&call.env, &chat_id)?;
    let meta = stubs::META.call(&conversation, &()).await?;
    let assigned = matches!(&meta.state, ChatState::WithAgent { agent_id, .. } if *agent_id == agent.id);
    if !assigned {
        return Err(ApiError::Forbidden("this chat is not assigned to you"));
    }
    let participant = Participant { role: Role::Agent, id: agent.id, name: agent.name };
    upgrade_requested(&req)?;
    accepted(stubs::CONVERSATION_SOCKET.open(&conversation, &participant).await?)
}

/// `GET /api/v1/agent/tickets/{id}/socket?agent_token=`: an agent has the case open; the socket
/// tells them who else has (viewing or replying) and takes their `typing`. Only someone who may
/// read the case joins: anyone else is told it does not exist, as on `GET` of the case.
pub async fn case(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let (ticket, _) = readable(&call, &agent).await?;
    let who = Visitor {
        site: agent.site.clone(),
        ticket_id: ticket.id,
        roles: agent.member.roles.clone(),
        departments: agent.member.departments.clone(),
        visit: livechat::here::Visit::new(&agent.id, &agent.name),
        clock: desk::work_time::WorkClock::start(call.now),
    };
    upgrade_requested(&req)?;
    accepted(stubs::CASE_SOCKET.open(&stubs::desk(&call.env, &agent.site)?, &who).await?)
}

/// Socket routes answer plain HTTP with 426, so a mistaken fetch learns what to do; asked last,
/// once the request is otherwise one the route would take.
fn upgrade_requested(req: &Request) -> Result<(), ApiError> {
    let upgrade = req.headers().get("upgrade")?.unwrap_or_default();
    if upgrade.eq_ignore_ascii_case("websocket") {
        Ok(())
    } else {
        Err(ApiError::UpgradeRequired)
    }
}

/// The object's answer: the socket, or a refusal mapped to the API's error shape.
fn accepted(response: Response) -> Result<Response, ApiError> {
    match response.status_code() {
        101 => Ok(response),
        404 => Err(ApiError::NotFound("no such chat")),
        status => Err(ApiError::Internal(format!("chat object answered {status} to a socket request"))),
    }
}
