//! `GET /api/v1/audit?from=&to=&action=&actor=&before=` (admin): the audit log, newest first, a
//! page at a time. The console filters it and exports it as CSV.

use wire::team::{AuditAction, AuditPage};
use worker::{Request, Response};

use crate::api::caller::Agent;
use crate::api::{given, query, reply, ApiError, Call};
use crate::store::audit::{self, Filter};

const PAGE: u32 = 100;

pub async fn list(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let millis = |name: &str| -> Result<Option<i64>, ApiError> {
        // `from=` is refused like any other non-number, not read as no bound.
        given(&req, name)?.map(|v| v.parse::<i64>().ok().filter(|t| *t >= 0).ok_or_else(|| ApiError::invalid(name, "must be milliseconds since the epoch"))).transpose()
    };
    let action = match query(&req, "action")? {
        Some(name) => Some(serde_json::from_value::<AuditAction>(serde_json::Value::String(name)).map_err(|_| ApiError::invalid("action", "is not an audited action"))?),
        None => None,
    };
    let filter = Filter { from: millis("from")?, to: millis("to")?, action, actor: query(&req, "actor")?, before: millis("before")? };
    let mut entries = audit::page(&call.db, &agent.site, &filter, PAGE + 1).await?;
    let next_before = (entries.len() > PAGE as usize).then(|| {
        entries.truncate(PAGE as usize);
        entries.last().map(|e| e.seq)
    });
    reply(200, &AuditPage { entries, next_before: next_before.flatten() })
}
