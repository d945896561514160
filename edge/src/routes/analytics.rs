//! `GET /api/v1/analytics?from=YYYY-MM-DD&to=YYYY-MM-DD` (leads and admins): the numbers per day,
//! ticket figures of the departments the reader sees; `GET /api/v1/analytics/handoffs` (the same
//! range): how the cases opened then moved between those departments.

use desk::analytics::day_range;
use desk::handoffs;
use desk::team::Scope;
use wire::analytics::{AnalyticsReport, HandoffReport};
use worker::{Request, Response};

use crate::api::caller::Agent;
use crate::api::{query, reply, ApiError, Call};
use crate::store::{analytics, handoffs as rows};

/// The checked `from` and `to` of a report, and its bounds as instants.
fn range(req: &Request) -> Result<(String, String, (i64, i64)), ApiError> {
    let from = query(req, "from")?.ok_or_else(|| ApiError::invalid("from", "is required"))?;
    let to = query(req, "to")?.ok_or_else(|| ApiError::invalid("to", "is required"))?;
    let bounds = day_range(&from, &to)?;
    Ok((from, to, bounds))
}

pub async fn report(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let (from, to, bounds) = range(&req)?;
    let departments = match agent.scope() {
        Scope::Everything => None,
        Scope::Departments(mine) => Some(mine),
    };
    let days = analytics::days(&call.db, &agent.site, &from, &to, bounds, departments.as_deref()).await?;
    reply(200, &AnalyticsReport { from, to, days })
}

pub async fn handoffs(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let (from, to, bounds) = range(&req)?;
    let (cases, tasks) = rows::trails(&call.db, &agent.site, bounds).await?;
    let scope = agent.scope();
    let folded = handoffs::report(&cases, &tasks, call.now, |department| scope.includes(department));
    reply(200, &HandoffReport { from, to, cases: folded.cases, handoffs: folded.handoffs, handoffs_mean: folded.handoffs_mean, departments: folded.departments })
}
