//! `POST /api/v1/chats?site=`: a user asks for a human. The desk decides whether they join the
//! line; if so the chat is filed as a ticket (channel `chat`) and its conversation opened, else
//! the user is told at once to leave a ticket or call, never left waiting for nobody.

use livechat::{check_message, Admission, ChatDetails, ChatState, Refusal, Role, WaitingChat};
use wire::chat::{ChatPhase, Speaker};
use wire::chat_admission::{ChatAdmission, ChatOpened, FallbackReason, NewChat, TicketFallback};
use wire::tickets::{Channel, NewTicket};
use desk::{limits, Site};
use worker::{Request, Response};

use super::filing::Filing;
use crate::api::caller::{self, random_hex};
use crate::api::{json, reply, ApiError, Call};
use crate::chat::{stubs, AdmissionQuery, Enqueue, OpenChat, TranscriptLine};
use crate::store::{chats, staffing};

/// The first message's id when the client names none.
const OPENING_ID: &str = "opening";

/// `POST /api/v1/chats?site=`
pub async fn open(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?;
    let body: NewChat = json(&mut req).await?;
    let client_id = body.client_id.clone().unwrap_or_else(|| OPENING_ID.into());
    check_message(&ChatState::Waiting, Role::User, "", &client_id, &body.message).map_err(|refusal| {
        let field = if refusal == Refusal::BadClientId { "client_id" } else { "message" };
        ApiError::invalid(field, refusal.message())
    })?;
    // Routing and triage are the ticket's: the department and priority the chat waits with.
    let mut filing = Filing::prepare(&call, site, who, &ticket_request(&body), None).await?;
    let (department, priority) = (filing.ticket.department.clone(), filing.ticket.priority);

    // Chat is offered only while someone is planned for the department (when the site plans
    // shifts at all): nobody planned is outside hours, whoever happens to be online.
    if !site.chat_open(call.now) || staffing::staffed(&call.db, site, &department, call.now).await? == Some(false) {
        return fallback(site, FallbackReason::OutsideHours, None);
    }
    let desk = stubs::desk(&call.env, &site.id)?;
    match stubs::ADMISSION.call(&desk, &AdmissionQuery { department: department.clone(), priority }).await? {
        Admission::Queue { .. } => {}
        Admission::NoAgentOnline => return fallback(site, FallbackReason::NoAgentOnline, None),
        Admission::WaitTooLong { estimated_wait_secs } => return fallback(site, FallbackReason::WaitTooLong, Some(estimated_wait_secs)),
    }

    let chat_id = random_hex()?;
    let (mut batch, insert_at) = filing.statements(&call.db, call.now)?;
    batch.push(chats::insert(&call.db, &chat_id, &site.id, &filing.ticket.id, &filing.ticket.department, call.now)?);
    let results = call.db.batch(batch).await?;
    filing.numbered(&results, insert_at)?;
    let ticket = &filing.ticket;

    // The conversation exists before the desk can hand it to an agent.
    let opening = OpenChat {
        chat_id: chat_id.clone(),
        site: site.id.clone(),
        ticket_id: ticket.id.clone(),
        transcript: opening_lines(&body, &client_id, call.now as u64),
    };
    stubs::OPEN.call(&stubs::conversation(&call.env, &chat_id)?, &opening).await?;
    let details = ChatDetails {
        ticket_id: ticket.id.clone(),
        reasons: ticket.context.triage.clone(),
        first_message: body.message.trim().to_string(),
        transfer_note: None,
    };
    let waiting = WaitingChat { chat_id: chat_id.clone(), department, priority, since: call.now as u64, details };
    let placed = stubs::ENQUEUE.call(&desk, &Enqueue { chat: waiting }).await?;

    let opened = ChatOpened {
        socket_url: socket_url(&call, &chat_id, &site.id)?,
        chat_id,
        ticket_id: ticket.id.clone(),
        ticket_number: ticket.number,
        state: if placed.agent_name.is_some() { ChatPhase::WithAgent } else { ChatPhase::Waiting },
        position: placed.queue.as_ref().map(|q| q.position),
        estimated_wait_secs: placed.queue.as_ref().and_then(|q| q.estimated_wait_secs),
        agents_online: placed.agents_online,
        requester_token: filing.requester_token(),
    };
    reply(201, &ChatAdmission::Queued(opened))
}

/// The ticket the chat is filed as: the first message is its description.
fn ticket_request(body: &NewChat) -> NewTicket {
    NewTicket {
        subject: limits::subject_or_opening(body.subject.as_deref(), &body.message),
        description: body.message.trim().to_string(),
        category: body.category.clone(),
        name: body.name.clone(),
        email: body.email.clone(),
        channel: Channel::Chat,
        context: body.context.clone(),
    }
}

/// The conversation's first lines: what the bot and the user said before the handoff, then the
/// user's first words to a human. Speakers are the server's labels: `desk` has refused any
/// line that is not the user's or the bot's, and names are given here, not taken from the client.
fn opening_lines(body: &NewChat, client_id: &str, now: u64) -> Vec<TranscriptLine> {
    let user_name = body.name.clone().unwrap_or_else(|| Role::User.as_str().to_string());
    let bot = body.context.bot_transcript.iter().enumerate().map(|(i, line)| {
        let (role, name) = if line.speaker == Speaker::User { (Role::User, user_name.clone()) } else { (Role::Bot, Role::Bot.as_str().to_string()) };
        TranscriptLine { client_id: format!("bot-{i}"), role, name, text: line.text.clone(), at: now }
    });
    let first = TranscriptLine { client_id: client_id.to_string(), role: Role::User, name: user_name.clone(), text: body.message.trim().to_string(), at: now };
    bot.chain(std::iter::once(first)).collect()
}

/// The socket to open, at the deployment's public origin (the `PUBLIC_ORIGIN` var), with `ws`
/// for `http` and `wss` for `https`. Never from the request's Host: a client chooses that, and
/// the answer tells the widget where to send the user's credentials.
fn socket_url(call: &Call, chat_id: &str, site: &str) -> Result<String, ApiError> {
    let origin = call.env.var("PUBLIC_ORIGIN").map(|v| v.to_string()).map_err(|_| ApiError::Internal("the PUBLIC_ORIGIN var is not set".into()))?;
    let url = worker::Url::parse(&origin).map_err(|e| ApiError::Internal(format!("PUBLIC_ORIGIN {origin:?}: {e}")))?;
    let scheme = match url.scheme() {
        "https" => "wss",
        "http" => "ws",
        other => return Err(ApiError::Internal(format!("PUBLIC_ORIGIN has scheme {other}, not http(s)"))),
    };
    let host = url.host_str().ok_or_else(|| ApiError::Internal(format!("PUBLIC_ORIGIN {origin:?} has no host")))?;
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Ok(format!("{scheme}://{host}{port}/api/v1/chats/{chat_id}/socket?site={site}"))
}

/// Nobody can take the chat soon: say so, with the ways that do work.
fn fallback(site: &Site, reason: FallbackReason, estimated_wait_secs: Option<u64>) -> Result<Response, ApiError> {
    let answer = TicketFallback { reason, estimated_wait_secs, business_hours: site.business_hours.clone(), hotline: site.hotline.clone() };
    reply(200, &ChatAdmission::LeaveTicket(answer))
}
