//! The HTTP side of the API: one adapter every route goes through (rate limit, error mapping),
//! body and query parsing, CORS, and who the caller is. Handlers live beside, one file per
//! resource.

mod body;
pub mod caller;
pub mod cors;
mod error;
pub mod kdf;
mod throttle;

use std::future::Future;

use desk::team::Ability;

use worker::{D1Database, Date, Env, Request, Response, RouteContext};

pub use body::{given, json, optional_json, query, reply, upload};
pub use error::ApiError;
pub use throttle::Limit;

/// What a handler gets besides the request: the environment, the database, the time and the
/// route parameters.
pub struct Call {
    pub env: Env,
    pub db: D1Database,
    /// Milliseconds since the epoch, read once per request.
    pub now: i64,
    ctx: RouteContext<()>,
}

impl Call {
    pub fn param(&self, name: &str) -> Result<String, ApiError> {
        self.ctx.param(name).cloned().ok_or(ApiError::NotFound("no such route"))
    }
}

/// Runs a handler under its route's rate limit and turns every `ApiError` into its response.
pub async fn handle<F, Fut>(req: Request, ctx: RouteContext<()>, limit: Limit, handler: F) -> worker::Result<Response>
where
    F: FnOnce(Request, Call) -> Fut,
    Fut: Future<Output = Result<Response, ApiError>>,
{
    let outcome = async {
        let call = Call { db: ctx.env.d1("DB")?, env: ctx.env.clone(), now: Date::now().as_millis() as i64, ctx };
        throttle::check(&call, &req, limit).await?;
        handler(req, call).await
    };
    Ok(outcome.await.unwrap_or_else(ApiError::into_response))
}

/// Runs a route of the team: under the agents' rate limit, for a signed-in person whose role and
/// credential allow `ability` (401 without a valid credential, 403 without the right). Every
/// agent route goes through here, so a route cannot forget to check.
pub async fn team<F, Fut>(req: Request, ctx: RouteContext<()>, ability: Ability, handler: F) -> worker::Result<Response>
where
    F: FnOnce(Request, Call, caller::Agent) -> Fut,
    Fut: Future<Output = Result<Response, ApiError>>,
{
    handle(req, ctx, Limit::Agent, |req, call| async move {
        let agent = caller::agent(&req, &call).await?;
        agent.require(ability)?;
        handler(req, call, agent).await
    })
    .await
}

/// Runs a route any signed-in person of the team may call (who they are, signing out).
pub async fn signed_in<F, Fut>(req: Request, ctx: RouteContext<()>, handler: F) -> worker::Result<Response>
where
    F: FnOnce(Request, Call, caller::Agent) -> Fut,
    Fut: Future<Output = Result<Response, ApiError>>,
{
    handle(req, ctx, Limit::Agent, |req, call| async move {
        let agent = caller::agent(&req, &call).await?;
        handler(req, call, agent).await
    })
    .await
}
