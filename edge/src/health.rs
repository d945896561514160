//! `GET /api/v1/health`: is the worker up, and can it read its database?

use serde::{Deserialize, Serialize};
use worker::{Request, Response};

use crate::api::{reply, ApiError, Call};

#[derive(Serialize)]
struct Health {
    status: &'static str,
    d1: &'static str,
    migrations: u32,
}

#[derive(Deserialize)]
struct MigrationCount {
    applied: u32,
}

pub async fn get(_req: Request, call: Call) -> Result<Response, ApiError> {
    // wrangler records applied migrations in `d1_migrations`; reading it proves D1 answers
    // and that the schema was applied.
    let count = call.db.prepare("SELECT COUNT(*) AS applied FROM d1_migrations").first::<MigrationCount>(None).await;
    match count {
        Ok(Some(row)) => reply(200, &Health { status: "ok", d1: "ok", migrations: row.applied }),
        Ok(None) | Err(_) => Err(ApiError::Unavailable("the database did not answer")),
    }
}
