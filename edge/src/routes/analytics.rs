//! `GET /api/v1/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD` (agent): the site's numbers per day.

use desk::analytics::day_range;
use wire::analytics::AnalyticsReport;
use worker::{Request, Response};

use crate::api::{caller, query, reply, ApiError, Call};
use crate::store::analytics;

pub async fn report(req: Request, call: Call) -> Result<Response, ApiError> {
    let agent = caller::agent(&req, &call).await?;
    let from = query(&req, "from")?.ok_or_else(|| ApiError::invalid("from", "is required"))?;
    let to = query(&req, "to")?.ok_or_else(|| ApiError::invalid("to", "is required"))?;
    let bounds = day_range(&from, &to)?;
    let days = analytics::days(&call.db, &agent.site, &from, &to, bounds).await?;
    reply(200, &AnalyticsReport { from, to, days })
}
