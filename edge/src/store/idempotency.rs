//! Idempotency keys for the requester's writes: the first request with a key files the ticket
//! (or writes the message, the rating …), every retry with the same key and body gets the
//! result back without writing again. A key belongs to the caller who sent it (their verified
//! user id, their requester token, or "nobody yet" for a first ticket), so another caller who
//! sends the same key and body is a different request, never handed the first one's ticket.
//! Keys are kept for a day (the sweep deletes older ones).

use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

use super::{int, opt_text};
use crate::api::ApiError;

/// How long a key protects against duplicates.
pub const KEEP_MS: i64 = 24 * 60 * 60 * 1000;

/// Whose keys these are: one site's caller (see `Requester::key_owner`).
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub site: &'a str,
    pub owner: &'a str,
}

#[derive(Deserialize)]
pub struct Remembered {
    pub request_digest: String,
    pub ticket_id: String,
    pub requester_id: Option<String>,
}

pub async fn lookup(db: &D1Database, scope: &Scope<'_>, key: &str) -> Result<Option<Remembered>, ApiError> {
    Ok(db
        .prepare("SELECT request_digest, ticket_id, requester_id FROM idempotency_keys WHERE site = ?1 AND owner = ?2 AND key = ?3")
        .bind(&[scope.site.into(), scope.owner.into(), key.into()])?
        .first::<Remembered>(None)
        .await?)
}

/// Part of the creating batch: if a concurrent request took the key first, the primary key
/// fails the whole batch and nothing of this request is written.
pub fn remember(db: &D1Database, scope: &Scope<'_>, key: &str, request_digest: &str, ticket_id: &str, requester_id: &Option<String>, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO idempotency_keys (site, owner, key, request_digest, ticket_id, requester_id, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )
        .bind(&[scope.site.into(), scope.owner.into(), key.into(), request_digest.into(), ticket_id.into(), opt_text(requester_id), int(now)])?)
}

/// Part of a change's batch: the key is remembered only if the ticket still has the version the
/// change was made on, i.e. only if the change itself is written. A lost race remembers
/// nothing, so the client's retry is applied, not answered from a write that never happened.
pub fn remember_change(db: &D1Database, scope: &Scope<'_>, key: &str, request_digest: &str, ticket_id: &str, read_version: i64, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO idempotency_keys (site, owner, key, request_digest, ticket_id, requester_id, created_at)
             SELECT ?1, ?2, ?3, ?4, ?5, NULL, ?6 WHERE EXISTS (SELECT 1 FROM tickets WHERE id = ?5 AND version = ?7)",
        )
        .bind(&[scope.site.into(), scope.owner.into(), key.into(), request_digest.into(), ticket_id.into(), int(now), int(read_version)])?)
}
