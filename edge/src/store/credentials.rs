//! Bearer credentials in D1: sign-in sessions (short-lived) and integration tokens (scoped,
//! listed, revocable). Only digests are stored; a token is shown once, when it is made.

use desk::identity::token_digest;
use serde::Deserialize;
use wire::team::{ApiToken, TokenScope};
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::int;
use crate::api::caller::random_hex;
use crate::api::ApiError;

/// How long a console session lasts: a working day, then sign in again.
pub const SESSION_MS: i64 = 12 * 60 * 60 * 1000;

/// Every scope: what a sign-in session carries (the person's role still decides).
pub const ALL_SCOPES: [TokenScope; 4] = [TokenScope::Cases, TokenScope::Reports, TokenScope::People, TokenScope::KnowledgeBase];

/// A new credential: its token (to hand over once), its id, and the statement that stores it.
pub struct Issued {
    pub token: String,
    pub id: String,
    pub statement: D1PreparedStatement,
}

/// A sign-in session for `agent_id`, expiring [`SESSION_MS`] from `now`.
pub fn session(db: &D1Database, agent_id: &str, now: i64) -> Result<Issued, ApiError> {
    issue(db, agent_id, "session", "console sign-in", &ALL_SCOPES, now, Some(now + SESSION_MS))
}

/// An integration token for `agent_id` with `scopes`, valid until revoked.
pub fn api_token(db: &D1Database, agent_id: &str, label: &str, scopes: &[TokenScope], now: i64) -> Result<Issued, ApiError> {
    issue(db, agent_id, "api", label, scopes, now, None)
}

fn issue(db: &D1Database, agent_id: &str, kind: &str, label: &str, scopes: &[TokenScope], now: i64, expires_at: Option<i64>) -> Result<Issued, ApiError> {
    let token = format!("{}{}", random_hex()?, random_hex()?);
    let id = format!("cred-{}", random_hex()?);
    let statement = db
        .prepare(
            "INSERT INTO credentials (token_digest, id, agent_id, kind, label, scopes, created_at, expires_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )
        .bind(&[
            token_digest(&token).into(),
            id.as_str().into(),
            agent_id.into(),
            kind.into(),
            label.into(),
            serde_json::to_string(scopes)?.into(),
            int(now),
            expires_at.map_or(JsValue::NULL, int),
        ])?;
    Ok(Issued { token, id, statement })
}

/// The statement that revokes every credential of a person (deactivation, rotation).
pub fn revoke_all(db: &D1Database, agent_id: &str, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare("UPDATE credentials SET revoked_at = ?2 WHERE agent_id = ?1 AND revoked_at IS NULL").bind(&[agent_id.into(), int(now)])?)
}

/// Revokes one integration token of the site; whether it was there to revoke.
pub async fn revoke(db: &D1Database, site: &str, id: &str, now: i64) -> Result<bool, ApiError> {
    let result = db
        .prepare(
            "UPDATE credentials SET revoked_at = ?3 WHERE id = ?1 AND kind = 'api' AND revoked_at IS NULL
               AND agent_id IN (SELECT id FROM agents WHERE site = ?2)",
        )
        .bind(&[id.into(), site.into(), int(now)])?
        .run()
        .await?;
    let changed = result.meta()?.and_then(|m| m.changes).ok_or_else(|| ApiError::Internal("D1 did not say whether the token was revoked".into()))?;
    Ok(changed > 0)
}

#[derive(Deserialize)]
struct Row {
    id: String,
    agent_id: String,
    label: String,
    scopes: String,
    created_at: f64,
    revoked_at: Option<f64>,
}

/// The site's integration tokens, newest first.
pub async fn list(db: &D1Database, site: &str) -> Result<Vec<ApiToken>, ApiError> {
    let rows = db
        .prepare(
            "SELECT c.id, c.agent_id, c.label, c.scopes, c.created_at, c.revoked_at FROM credentials c JOIN agents a ON a.id = c.agent_id
             WHERE a.site = ?1 AND c.kind = 'api' ORDER BY c.created_at DESC",
        )
        .bind(&[site.into()])?
        .all()
        .await?
        .results::<Row>()?;
    rows.into_iter()
        .map(|r| {
            Ok(ApiToken {
                id: r.id,
                person_id: r.agent_id,
                label: r.label,
                scopes: serde_json::from_str(&r.scopes)?,
                created_at: r.created_at as i64,
                revoked_at: r.revoked_at.map(|t| t as i64),
            })
        })
        .collect()
}
