//! The audit log in D1: one row per action, appended in the same batch as the change it records
//! (so a change is never without its record, nor a record without its change), read newest first.
//! The table refuses updates and deletes (migration 0007).

use std::collections::BTreeMap;

use serde::Deserialize;
use wire::team::{AuditAction, AuditEntry};
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement, Request};

use super::{int, name, opt_text};
use crate::api::ApiError;

/// Who acted, and from where.
pub struct Actor {
    pub site: String,
    pub id: Option<String>,
    pub name: String,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

impl Actor {
    /// The caller of `req`, named `name` (a person of the team, or what they claimed to be).
    pub fn of(req: &Request, site: &str, id: Option<&str>, name: &str) -> Result<Actor, ApiError> {
        let headers = req.headers();
        // Cloudflare sets the client's address; a local run has none.
        let ip = headers.get("cf-connecting-ip")?;
        let user_agent = headers.get("user-agent")?.map(|ua| ua.chars().take(200).collect());
        Ok(Actor { site: site.to_string(), id: id.map(str::to_string), name: name.to_string(), ip, user_agent })
    }
}

/// The statement that records `action` on `target` with `detail`.
pub fn record(db: &D1Database, actor: &Actor, at: i64, action: AuditAction, target: Option<&str>, detail: &BTreeMap<String, String>) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO audit_log (site, at, actor_id, actor_name, action, target, detail, ip, user_agent)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .bind(&[
            actor.site.as_str().into(),
            int(at),
            opt_text(&actor.id),
            actor.name.as_str().into(),
            name(&action)?.into(),
            target.map_or(JsValue::NULL, JsValue::from_str),
            serde_json::to_string(detail)?.into(),
            opt_text(&actor.ip),
            opt_text(&actor.user_agent),
        ])?)
}

/// Records one action on its own (when there is no other write to join).
pub async fn append(db: &D1Database, actor: &Actor, at: i64, action: AuditAction, target: Option<&str>, detail: &BTreeMap<String, String>) -> Result<(), ApiError> {
    record(db, actor, at, action, target, detail)?.run().await?;
    Ok(())
}

/// One detail pair, for the common case.
pub fn detail(pairs: &[(&str, String)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}

#[derive(Deserialize)]
struct Row {
    seq: f64,
    at: f64,
    actor_id: Option<String>,
    actor_name: String,
    action: AuditAction,
    target: Option<String>,
    detail: String,
    ip: Option<String>,
}

/// What an admin filters the log by.
pub struct Filter {
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub action: Option<AuditAction>,
    pub actor: Option<String>,
    /// Only entries older than this `seq` (the next page).
    pub before: Option<i64>,
}

/// A page of the site's log, newest first.
pub async fn page(db: &D1Database, site: &str, filter: &Filter, limit: u32) -> Result<Vec<AuditEntry>, ApiError> {
    let mut clauses = vec!["site = ?1".to_string()];
    let mut binds: Vec<JsValue> = vec![site.into()];
    let mut add = |clause: &str, value: JsValue| {
        binds.push(value);
        clauses.push(clause.replace('?', &format!("?{}", binds.len())));
    };
    if let Some(from) = filter.from {
        add("at >= ?", int(from));
    }
    if let Some(to) = filter.to {
        add("at < ?", int(to));
    }
    if let Some(action) = filter.action {
        add("action = ?", name(&action)?.into());
    }
    if let Some(actor) = &filter.actor {
        add("actor_id = ?", actor.as_str().into());
    }
    if let Some(before) = filter.before {
        add("seq < ?", int(before));
    }
    let sql = format!(
        "SELECT seq, at, actor_id, actor_name, action, target, detail, ip FROM audit_log WHERE {} ORDER BY seq DESC LIMIT {limit}",
        clauses.join(" AND ")
    );
    let rows = db.prepare(sql).bind(&binds)?.all().await?.results::<Row>()?;
    rows.into_iter()
        .map(|r| {
            Ok(AuditEntry {
                seq: r.seq as i64,
                at: r.at as i64,
                actor_id: r.actor_id,
                actor_name: r.actor_name,
                action: r.action,
                target: r.target,
                detail: serde_json::from_str(&r.detail)?,
                ip: r.ip,
            })
        })
        .collect()
}
