//! Chats in D1: which ticket a chat files into, and so whose chat it is.

use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

use super::int;
use crate::api::ApiError;

/// A chat with the owner of its ticket.
#[derive(Deserialize)]
pub struct Chat {
    pub ticket_id: String,
    pub user_id: Option<String>,
    pub token_digest: Option<String>,
    /// The requester's name, as they gave it.
    pub name: Option<String>,
}

/// Part of the batch that files the chat's ticket, so a chat never exists without one.
/// `department` is where it waits (staffing's demand; a transfer moves it).
pub fn insert(db: &D1Database, id: &str, site: &str, ticket_id: &str, department: &str, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("INSERT INTO chats (id, site, ticket_id, department, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(&[id.into(), site.into(), ticket_id.into(), department.into(), int(now)])?)
}

/// One chat of a site, or none.
pub async fn load(db: &D1Database, site: &str, id: &str) -> Result<Option<Chat>, ApiError> {
    Ok(db
        .prepare(
            "SELECT c.ticket_id, t.user_id, t.token_digest, t.name FROM chats c JOIN tickets t ON t.id = c.ticket_id
             WHERE c.id = ?1 AND c.site = ?2",
        )
        .bind(&[id.into(), site.into()])?
        .first::<Chat>(None)
        .await?)
}
