//! `GET /api/v1/tickets/last-answer?site=`: when an agent last answered any of the caller's
//! tickets, so the widget's launcher can show a badge for an answer the user has not seen. One
//! indexed read, asked once per page load by the loader, before the app loads.

use serde::{Deserialize, Serialize};
use worker::{Request, Response};

use crate::api::caller::{self, NO_IDENTITY};
use crate::api::{reply, ApiError, Call};

#[derive(Serialize)]
struct LastAnswer {
    /// Milliseconds since the epoch; null when no agent has answered yet.
    last_answer_at: Option<i64>,
}

pub async fn get(req: Request, call: Call) -> Result<Response, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        at: Option<f64>,
    }
    let site = caller::site(&req)?;
    let who = caller::requester(&req, &call, site).await?.known()?;
    let (column, value) = who.owner_column().ok_or(ApiError::Unauthorized(NO_IDENTITY))?;
    let row = call
        .db
        .prepare(format!(
            "SELECT MAX(e.at) AS at FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id
             WHERE t.site = ?1 AND t.{column} = ?2 AND e.actor_kind = 'agent' AND e.type = 'message' AND e.internal = 0"
        ))
        .bind(&[site.id.as_str().into(), value.into()])?
        .first::<Row>(None)
        .await?;
    reply(200, &LastAnswer { last_answer_at: row.and_then(|r| r.at).map(|at| at as i64) })
}
