//! Idempotency keys for the requester's writes: the first request with a key files the ticket
//! (or writes the message, the rating …), every retry with the same key and body gets the
//! result back without writing again. Keys are kept for a day (the sweep deletes older ones).

use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

use super::{int, opt_text};
use crate::api::ApiError;

/// How long a key protects against duplicates.
pub const KEEP_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Deserialize)]
pub struct Remembered {
    pub request_digest: String,
    pub ticket_id: String,
    pub requester_id: Option<String>,
}

pub async fn lookup(db: &D1Database, site: &str, key: &str) -> Result<Option<Remembered>, ApiError> {
    Ok(db
        .prepare("SELECT request_digest, ticket_id, requester_id FROM idempotency_keys WHERE site = ?1 AND key = ?2")
        .bind(&[site.into(), key.into()])?
        .first::<Remembered>(None)
        .await?)
}

/// Part of the creating batch: if a concurrent request took the key first, the primary key
/// fails the whole batch and nothing of this request is written.
pub fn remember(db: &D1Database, site: &str, key: &str, request_digest: &str, ticket_id: &str, requester_id: &Option<String>, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO idempotency_keys (site, key, request_digest, ticket_id, requester_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&[site.into(), key.into(), request_digest.into(), ticket_id.into(), opt_text(requester_id), int(now)])?)
}
