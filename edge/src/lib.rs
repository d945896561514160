//! The edge worker: maps HTTP and D1 onto the help desk's rules. Static files (the demo page,
//! the widget bundle, the indexes) are served by the assets binding before this code runs;
//! only `/api/*` reaches it.

use serde::Serialize;
use worker::*;

mod health;

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    Router::new()
        .get_async("/api/v1/health", health::get)
        .or_else_any_method("/api/*rest", |_, _| error_response(404, "not_found", "no such API route"))
        .run(req, env)
        .await
}

/// Every error leaves the worker in one shape: `{"error": {"code", "message"}}`.
#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorDetail<'a>,
}

#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: &'a str,
}

fn error_response(status: u16, code: &str, message: &str) -> Result<Response> {
    Ok(Response::from_json(&ErrorBody { error: ErrorDetail { code, message } })?.with_status(status))
}
