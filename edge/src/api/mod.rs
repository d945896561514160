//! The HTTP side of the API: one adapter every route goes through (rate limit, error mapping),
//! body and query parsing, CORS, and who the caller is. Handlers live beside, one file per
//! resource.

mod body;
pub mod caller;
pub mod cors;
mod error;
mod throttle;

use std::future::Future;

use worker::{D1Database, Date, Env, Request, Response, RouteContext};

pub use body::{given, json, query, reply};
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
