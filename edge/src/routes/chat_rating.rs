//! `POST /api/v1/chats/{id}/csat?site=`: the user rates a chat once it has ended. The rating is
//! the chat's ticket's CSAT, written like every requester change (one batch, Idempotency-Key).

use livechat::ChatState;
use wire::tickets::Csat;
use worker::{Request, Response};

use super::tickets::{idempotency_key, write_change};
use crate::api::caller;
use crate::api::{json, ApiError, Call};
use crate::chat::stubs;
use crate::store::{chats, tickets};

/// `POST /api/v1/chats/{id}/csat?site=`: only the requester who opened the chat may rate it (403
/// otherwise, as for its socket).
pub async fn rate(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?.known()?;
    let key = idempotency_key(&req)?;
    let body: Csat = json(&mut req).await?;
    let chat_id = call.param("id")?;
    let chat = chats::load(&call.db, &site.id, &chat_id).await?.ok_or(ApiError::NotFound("no such chat"))?;
    if !who.owns(chat.user_id.as_deref(), chat.token_digest.as_deref()) {
        return Err(ApiError::Forbidden("this chat belongs to another requester"));
    }
    // The conversation knows it ended before its transcript reaches the ticket: ask it.
    let meta = stubs::META.call(&stubs::conversation(&call.env, &chat_id)?, &()).await?;
    let ended = matches!(meta.state, ChatState::Ended { .. });
    // The transcript reaches the ticket just after the chat ends, when a user is likely to rate:
    // a rating that loses that race is applied again to the ticket as it is then.
    let ticket = tickets::load(&call.db, &site.id, &chat.ticket_id).await?.ok_or_else(|| ApiError::Internal("a chat names a missing ticket".into()))?;
    write_change(&call, &who, &req.path(), key, ticket, body, |ticket, csat: &Csat, now| ticket.rate_chat(csat, ended, now)).await
}
