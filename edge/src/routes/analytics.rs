//! `GET /api/v1/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD` (leads and admins): the numbers per day,
//! ticket figures of the departments the reader sees.

use desk::analytics::day_range;
use desk::team::Scope;
use wire::analytics::AnalyticsReport;
use worker::{Request, Response};

use crate::api::caller::Agent;
use crate::api::{query, reply, ApiError, Call};
use crate::store::analytics;

pub async fn report(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let from = query(&req, "from")?.ok_or_else(|| ApiError::invalid("from", "is required"))?;
    let to = query(&req, "to")?.ok_or_else(|| ApiError::invalid("to", "is required"))?;
    let bounds = day_range(&from, &to)?;
    let departments = match agent.scope() {
        Scope::Everything => None,
        Scope::Departments(mine) => Some(mine),
    };
    let days = analytics::days(&call.db, &agent.site, &from, &to, bounds, departments.as_deref()).await?;
    reply(200, &AnalyticsReport { from, to, days })
}
