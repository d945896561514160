//! The team in D1: people (`agents` rows), the departments they belong to, their passwords and
//! sign-in failures, and the invitations that bring them in.

use serde::Deserialize;
use wire::team::{Person, Role};
use worker::{D1Database, D1PreparedStatement};

use super::{int, opt_text};
use crate::api::ApiError;

const SELECT: &str = "SELECT a.id, a.name, a.email, a.roles, a.department, a.active, a.created_at, a.last_sign_in_at,
    a.password_hash, a.failed_sign_ins, a.locked_until,
    (SELECT json_group_array(d.department) FROM agent_departments d WHERE d.agent_id = a.id) AS departments,
    EXISTS (SELECT 1 FROM invitations i WHERE i.agent_id = a.id AND i.used_at IS NULL) AS invited
  FROM agents a";

#[derive(Deserialize)]
struct Row {
    id: String,
    name: String,
    email: Option<String>,
    roles: String,
    department: String,
    active: f64,
    created_at: f64,
    last_sign_in_at: Option<f64>,
    password_hash: Option<String>,
    failed_sign_ins: f64,
    locked_until: Option<f64>,
    departments: String,
    invited: f64,
}

/// A person with what sign-in needs besides what the console shows.
pub struct Stored {
    pub person: Person,
    pub password_hash: Option<String>,
    pub failed_sign_ins: u32,
    pub locked_until: Option<i64>,
}

impl Row {
    fn into_stored(self) -> Result<Stored, ApiError> {
        let mut departments: Vec<String> = serde_json::from_str(&self.departments)?;
        departments.sort();
        Ok(Stored {
            person: Person {
                id: self.id,
                name: self.name,
                email: self.email,
                roles: serde_json::from_str(&self.roles)?,
                departments,
                home_department: self.department,
                active: self.active != 0.0,
                invited: self.invited != 0.0,
                created_at: self.created_at as i64,
                last_sign_in_at: self.last_sign_in_at.map(|t| t as i64),
            },
            password_hash: self.password_hash,
            failed_sign_ins: self.failed_sign_ins as u32,
            locked_until: self.locked_until.map(|t| t as i64),
        })
    }
}

/// The site's people, by name.
pub async fn list(db: &D1Database, site: &str) -> Result<Vec<Person>, ApiError> {
    let rows = db.prepare(format!("{SELECT} WHERE a.site = ?1 ORDER BY a.name, a.id")).bind(&[site.into()])?.all().await?.results::<Row>()?;
    rows.into_iter().map(|r| Ok(r.into_stored()?.person)).collect()
}

pub async fn by_id(db: &D1Database, site: &str, id: &str) -> Result<Option<Stored>, ApiError> {
    let row = db.prepare(format!("{SELECT} WHERE a.site = ?1 AND a.id = ?2")).bind(&[site.into(), id.into()])?.first::<Row>(None).await?;
    row.map(Row::into_stored).transpose()
}

pub async fn by_email(db: &D1Database, site: &str, email: &str) -> Result<Option<Stored>, ApiError> {
    let row = db.prepare(format!("{SELECT} WHERE a.site = ?1 AND a.email = ?2")).bind(&[site.into(), email.into()])?.first::<Row>(None).await?;
    row.map(Row::into_stored).transpose()
}

/// The statements that add a person (inactive until their invitation is accepted).
pub fn insert(db: &D1Database, site: &str, person: &Person) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let mut statements = vec![db
        .prepare(
            "INSERT INTO agents (id, site, name, email, roles, department, token_digest, active, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'none:' || ?1, 0, ?7)",
        )
        .bind(&[
            person.id.as_str().into(),
            site.into(),
            person.name.as_str().into(),
            opt_text(&person.email),
            serde_json::to_string(&person.roles)?.into(),
            person.home_department.as_str().into(),
            int(person.created_at),
        ])?];
    statements.extend(set_departments(db, &person.id, &person.departments)?);
    Ok(statements)
}

/// The statements that replace a person's departments.
pub fn set_departments(db: &D1Database, id: &str, departments: &[String]) -> Result<Vec<D1PreparedStatement>, ApiError> {
    let mut statements = vec![db.prepare("DELETE FROM agent_departments WHERE agent_id = ?1").bind(&[id.into()])?];
    for department in departments {
        statements.push(db.prepare("INSERT INTO agent_departments (agent_id, department) VALUES (?1, ?2)").bind(&[id.into(), department.as_str().into()])?);
    }
    Ok(statements)
}

/// The statement that writes a person's name, roles, home department and whether they are active.
pub fn update(db: &D1Database, person: &Person) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("UPDATE agents SET name = ?2, roles = ?3, department = ?4, active = ?5 WHERE id = ?1")
        .bind(&[person.id.as_str().into(), person.name.as_str().into(), serde_json::to_string(&person.roles)?.into(), person.home_department.as_str().into(), int(i64::from(person.active))])?)
}

/// The statement that records a failed sign-in (and the lock it earned, if any).
pub fn failed_sign_in(db: &D1Database, id: &str, failures: u32, locked_until: Option<i64>) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("UPDATE agents SET failed_sign_ins = ?2, locked_until = ?3 WHERE id = ?1")
        .bind(&[id.into(), int(i64::from(failures)), locked_until.map_or(worker::wasm_bindgen::JsValue::NULL, int)])?)
}

/// The statement that records a successful sign-in.
pub fn signed_in(db: &D1Database, id: &str, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare("UPDATE agents SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = ?2 WHERE id = ?1").bind(&[id.into(), int(now)])?)
}

/// Whether `roles` names anyone's role among admins (the last admin cannot be removed).
pub fn is_admin(roles: &[Role]) -> bool {
    roles.contains(&Role::Admin)
}

/// How many active admins the site has.
pub async fn active_admins(db: &D1Database, site: &str) -> Result<u32, ApiError> {
    #[derive(Deserialize)]
    struct Count {
        admins: f64,
    }
    let count = db
        .prepare("SELECT COUNT(*) AS admins FROM agents WHERE site = ?1 AND active = 1 AND EXISTS (SELECT 1 FROM json_each(roles) WHERE value = 'admin')")
        .bind(&[site.into()])?
        .first::<Count>(None)
        .await?;
    Ok(count.map_or(0, |c| c.admins as u32))
}

/// The statement that stores an invitation's token digest.
pub fn invite(db: &D1Database, digest: &str, person_id: &str, created_by: &str, now: i64, expires_at: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("INSERT INTO invitations (token_digest, agent_id, created_by, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(&[digest.into(), person_id.into(), created_by.into(), int(now), int(expires_at)])?)
}

/// The person an unused, unexpired invitation is for.
pub async fn invited(db: &D1Database, digest: &str, now: i64) -> Result<Option<(String, String)>, ApiError> {
    #[derive(Deserialize)]
    struct Invited {
        agent_id: String,
        site: String,
    }
    let found = db
        .prepare(
            "SELECT i.agent_id, a.site FROM invitations i JOIN agents a ON a.id = i.agent_id
             WHERE i.token_digest = ?1 AND i.used_at IS NULL AND i.expires_at > ?2",
        )
        .bind(&[digest.into(), int(now)])?
        .first::<Invited>(None)
        .await?;
    Ok(found.map(|i| (i.agent_id, i.site)))
}

/// The statement that uses up an invitation, once: it changes no row if it was used meanwhile.
pub fn use_invitation(db: &D1Database, digest: &str, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare("UPDATE invitations SET used_at = ?2 WHERE token_digest = ?1 AND used_at IS NULL").bind(&[digest.into(), int(now)])?)
}

/// The statement that sets an invited person's password and activates them, only when the
/// statement before it in the same batch ([`use_invitation`]) changed a row: SQLite's
/// `changes()` is the count of the connection's previous statement, and a batch runs its
/// statements in order on one connection.
pub fn set_password_if_just_used(db: &D1Database, id: &str, password_hash: &str) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("UPDATE agents SET password_hash = ?2, active = 1, failed_sign_ins = 0, locked_until = NULL WHERE id = ?1 AND changes() = 1")
        .bind(&[id.into(), password_hash.into()])?)
}
