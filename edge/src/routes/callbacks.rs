//! `POST /api/v1/callbacks?site=`: nobody can chat now, so the user asks to be called back. The
//! request is filed as a ticket on the hotline channel, with the journey that led to it, exactly
//! as the ticket form files one (routing, triage, identity, Idempotency-Key).

use desk::callback;
use wire::tickets::CallbackRequest;
use worker::{Request, Response};

use super::tickets::{file, idempotency_key};
use crate::api::caller;
use crate::api::{json, ApiError, Call};

/// `POST /api/v1/callbacks?site=`
pub async fn request(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?;
    let key = idempotency_key(&req)?;
    let body: CallbackRequest = json(&mut req).await?;
    file(&call, site, who, key, &body, |body| {
        let ticket = callback::ticket_request(site, body, call.now)?;
        let booked = ticket.context.callback.clone();
        Ok((ticket, booked))
    })
    .await
}
