//! The team's routes: signing in (email and password, a short-lived bearer session), people
//! (invited by a one-time link, their roles and departments changed, deactivated, their
//! credentials rotated), integration tokens and the site's settings. Every change is audited in
//! the same batch that makes it.

use desk::identity::token_digest;
use desk::password::{self, lock_for};
use desk::team::roles;
use desk::{DeskError, Site};
use wire::team::{
    AcceptInvitation, ApiToken, ApiTokenCreated, ApiTokenList, AuditAction, InvitationCreated, NewApiToken, NewInvitation, PeopleList, Person, PersonUpdate,
    Session, SignIn, SiteSettings,
};
use worker::{D1PreparedStatement, Request, Response};

use crate::api::caller::{self, random_hex, Agent};
use crate::api::{json, kdf, reply, ApiError, Call};
use crate::chat::{stubs, Evict};
use crate::sites;
use crate::store::audit::{self, Actor};
use crate::store::{credentials, int, people};

/// How long an invitation link works.
const INVITATION_MS: i64 = 7 * 24 * 60 * 60 * 1000;
/// A password of this shape is derived when the email is unknown, so that a wrong email takes as
/// long to refuse as a wrong password and does not tell which emails exist.
const DECOY: &str = "pbkdf2-sha256$100000$00000000000000000000000000000000$0000000000000000000000000000000000000000000000000000000000000000";

/// `POST /api/v1/team/sign-in`: a session for the console. Wrong email or password are refused
/// alike (401); an account with too many failures in a row is locked for a while (429), and the
/// client's address has its own budget (the `LIMIT_SIGN_IN` binding).
pub async fn sign_in(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let body: SignIn = json(&mut req).await?;
    let site = sites::all().get(&body.site).ok_or(ApiError::Unauthorized("wrong email or password"))?;
    let email = body.email.trim().to_lowercase();
    let found = people::by_email(&call.db, &site.id, &email).await?;
    let Some(stored) = found.filter(|s| s.person.active) else {
        kdf::verify(&body.password, DECOY).await?;
        let actor = Actor::of(&req, &site.id, None, &email)?;
        audit::append(&call.db, &actor, call.now, AuditAction::SignInFailed, None, &audit::detail(&[("email", email)])).await?;
        return Err(ApiError::Unauthorized("wrong email or password"));
    };
    let person = &stored.person;
    let actor = Actor::of(&req, &site.id, Some(&person.id), &person.name)?;
    if let Some(until) = stored.locked_until.filter(|until| *until > call.now) {
        return Err(ApiError::RateLimited { retry_after_secs: (until - call.now + 999) / 1000 });
    }
    let right = match &stored.password_hash {
        Some(hash) => kdf::verify(&body.password, hash).await?,
        None => false,
    };
    if !right {
        let failures = stored.failed_sign_ins + 1;
        let locked_until = lock_for(failures).map(|lock| call.now + lock);
        let detail = audit::detail(&[("failures", failures.to_string())]);
        call.db
            .batch(vec![people::failed_sign_in(&call.db, &person.id, failures, locked_until)?, audit::record(&call.db, &actor, call.now, AuditAction::SignInFailed, Some(&person.id), &detail)?])
            .await?;
        return Err(ApiError::Unauthorized("wrong email or password"));
    }
    let session = credentials::session(&call.db, &person.id, call.now)?;
    let detail = audit::detail(&[("credential", session.id.clone())]);
    call.db
        .batch(vec![session.statement, people::signed_in(&call.db, &person.id, call.now)?, audit::record(&call.db, &actor, call.now, AuditAction::SignIn, Some(&person.id), &detail)?])
        .await?;
    reply(201, &Session { token: session.token, expires_at: call.now + credentials::SESSION_MS })
}

/// `POST /api/v1/team/sign-out`: ends the credential the request carries.
pub async fn sign_out(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    call.db.prepare("UPDATE credentials SET revoked_at = ?2 WHERE id = ?1").bind(&[agent.credential_id.as_str().into(), int(call.now)])?.run().await?;
    Ok(Response::empty()?.with_status(204))
}

/// `GET /api/v1/team/people`
pub async fn list(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    reply(200, &PeopleList { people: people::list(&call.db, &agent.site).await? })
}

/// `POST /api/v1/team/invitations`: the person is added inactive; the one-time token (for the
/// console to turn into a link) lets them choose a password within a week.
pub async fn invite(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let site = caller::agent_site(&agent)?;
    let body: NewInvitation = json(&mut req).await?;
    let name = desk::limits::required("name", &body.name, desk::limits::NAME)?;
    let email = email(&body.email)?;
    let roles = roles(&body.roles)?;
    let departments = departments(site, &body.departments)?;
    if people::by_email(&call.db, &site.id, &email).await?.is_some() {
        return Err(ApiError::Conflict("someone of this site already has this email"));
    }
    let home_department = departments.first().cloned().unwrap_or_else(|| site.default_department.clone());
    let person = Person { id: format!("agent-{}", random_hex()?), name, email: Some(email), roles, departments, home_department, active: false, invited: true, created_at: call.now, last_sign_in_at: None };
    let actor = Actor::of(&req, &site.id, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("email", person.email.clone().unwrap_or_default()), ("roles", names(&person.roles)?), ("departments", person.departments.join(", "))]);
    let mut batch = people::insert(&call.db, &site.id, &person)?;
    let (token, invitation) = invitation(&call, &person.id, &agent.id)?;
    batch.push(invitation);
    batch.push(audit::record(&call.db, &actor, call.now, AuditAction::Invited, Some(&person.id), &detail)?);
    call.db.batch(batch).await?;
    reply(201, &InvitationCreated { person, token, expires_at: call.now + INVITATION_MS })
}

/// `POST /api/v1/team/invitations/accept`: the invited person's password; the invitation works
/// once (two tabs accepting at once: one wins, the other is refused).
pub async fn accept(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let body: AcceptInvitation = json(&mut req).await?;
    password::check_new(&body.password)?;
    let digest = token_digest(body.token.trim());
    let (person_id, site) = people::invited(&call.db, &digest, call.now).await?.ok_or(ApiError::NotFound("this invitation is unknown, used or expired"))?;
    let hash = kdf::hash(&body.password).await?;
    let person = people::by_id(&call.db, &site, &person_id).await?.ok_or(ApiError::NotFound("this invitation is unknown, used or expired"))?;
    let actor = Actor::of(&req, &site, Some(&person_id), &person.person.name)?;
    // The invitation is used up first; the password is set only if this batch is the one that
    // used it (SQLite's changes() is the previous statement's count), so a second accept at the
    // same moment writes nothing.
    let used = call.db.batch(vec![people::use_invitation(&call.db, &digest, call.now)?, people::set_password_if_just_used(&call.db, &person_id, &hash)?]).await?;
    let changed = used.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).ok_or_else(|| ApiError::Internal("D1 did not say whether the invitation was used".into()))?;
    if changed == 0 {
        return Err(ApiError::NotFound("this invitation is unknown, used or expired"));
    }
    let session = credentials::session(&call.db, &person_id, call.now)?;
    let detail = audit::detail(&[("credential", session.id.clone())]);
    call.db.batch(vec![session.statement, people::signed_in(&call.db, &person_id, call.now)?, audit::record(&call.db, &actor, call.now, AuditAction::InvitationAccepted, Some(&person_id), &detail)?]).await?;
    reply(201, &Session { token: session.token, expires_at: call.now + credentials::SESSION_MS })
}

/// `PATCH /api/v1/team/people/{id}`: name, roles, departments, active. A deactivation revokes
/// every credential and closes the person's sockets before answering. The site keeps at least one
/// active admin.
pub async fn update(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let site = caller::agent_site(&agent)?;
    let body: PersonUpdate = json(&mut req).await?;
    let id = call.param("id")?;
    let before = people::by_id(&call.db, &site.id, &id).await?.ok_or(ApiError::NotFound("no such person"))?.person;
    let mut after = before.clone();
    if let Some(name) = &body.name {
        after.name = desk::limits::required("name", name, desk::limits::NAME)?;
    }
    if let Some(r) = &body.roles {
        after.roles = roles(r)?;
    }
    if let Some(d) = &body.departments {
        after.departments = departments(site, d)?;
        if !after.departments.contains(&after.home_department) {
            after.home_department = after.departments.first().cloned().unwrap_or_else(|| site.default_department.clone());
        }
    }
    if let Some(active) = body.active {
        after.active = active;
    }
    let removes_an_admin = people::is_admin(&before.roles) && before.active && !(people::is_admin(&after.roles) && after.active);
    if removes_an_admin && people::active_admins(&call.db, &site.id).await? <= 1 {
        return Err(ApiError::invalid("roles", "the site must keep at least one active admin"));
    }
    let actor = Actor::of(&req, &site.id, Some(&agent.id), &agent.name)?;
    let mut batch = vec![people::update(&call.db, &after)?];
    if after.departments != before.departments {
        batch.extend(people::set_departments(&call.db, &after.id, &after.departments)?);
    }
    let deactivated = before.active && !after.active;
    if deactivated {
        batch.push(credentials::revoke_all(&call.db, &after.id, call.now)?);
    }
    let action = match (before.active, after.active) {
        (true, false) => AuditAction::Deactivated,
        (false, true) if !before.invited => AuditAction::Reactivated,
        _ => AuditAction::PersonChanged,
    };
    batch.push(audit::record(&call.db, &actor, call.now, action, Some(&after.id), &changes(&before, &after)?)?);
    call.db.batch(batch).await?;
    if deactivated || after.departments != before.departments {
        evict(&call, site, &after.id).await?;
    }
    let stored = people::by_id(&call.db, &site.id, &id).await?.ok_or(ApiError::NotFound("no such person"))?;
    reply(200, &stored.person)
}

/// `POST /api/v1/team/people/{id}/rotate`: every credential of the person is revoked and their
/// sockets closed; a new one-time link lets them choose a new password.
pub async fn rotate(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let site = caller::agent_site(&agent)?;
    let id = call.param("id")?;
    let person = people::by_id(&call.db, &site.id, &id).await?.ok_or(ApiError::NotFound("no such person"))?.person;
    let actor = Actor::of(&req, &site.id, Some(&agent.id), &agent.name)?;
    let (token, invitation) = invitation(&call, &person.id, &agent.id)?;
    let revoke_invitations = call.db.prepare("UPDATE invitations SET used_at = ?2 WHERE agent_id = ?1 AND used_at IS NULL").bind(&[person.id.as_str().into(), int(call.now)])?;
    call.db
        .batch(vec![
            credentials::revoke_all(&call.db, &person.id, call.now)?,
            call.db.prepare("UPDATE agents SET password_hash = NULL WHERE id = ?1").bind(&[person.id.as_str().into()])?,
            revoke_invitations,
            invitation,
            audit::record(&call.db, &actor, call.now, AuditAction::CredentialsRotated, Some(&person.id), &audit::detail(&[]))?,
        ])
        .await?;
    evict(&call, site, &person.id).await?;
    let person = people::by_id(&call.db, &site.id, &id).await?.ok_or(ApiError::NotFound("no such person"))?.person;
    reply(201, &InvitationCreated { person, token, expires_at: call.now + INVITATION_MS })
}

/// `GET /api/v1/team/tokens`: the site's integration tokens, revoked ones too.
pub async fn tokens(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    reply(200, &ApiTokenList { tokens: credentials::list(&call.db, &agent.site).await? })
}

/// `POST /api/v1/team/tokens`: an integration token acting as the admin who makes it, limited
/// to `scopes`; shown once.
pub async fn create_token(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: NewApiToken = json(&mut req).await?;
    let label = desk::limits::required("label", &body.label, desk::limits::NAME)?;
    if body.scopes.is_empty() {
        return Err(ApiError::invalid("scopes", "must name at least one scope"));
    }
    let issued = credentials::api_token(&call.db, &agent.id, &label, &body.scopes, call.now)?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("label", label.clone()), ("scopes", names(&body.scopes)?)]);
    call.db.batch(vec![issued.statement, audit::record(&call.db, &actor, call.now, AuditAction::TokenCreated, Some(&issued.id), &detail)?]).await?;
    let info = ApiToken { id: issued.id, person_id: agent.id, label, scopes: body.scopes, created_at: call.now, revoked_at: None };
    reply(201, &ApiTokenCreated { token: issued.token, info })
}

/// `DELETE /api/v1/team/tokens/{id}`
pub async fn revoke_token(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let id = call.param("id")?;
    if !credentials::revoke(&call.db, &agent.site, &id, call.now).await? {
        return Err(ApiError::NotFound("no such token, or revoked already"));
    }
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    audit::append(&call.db, &actor, call.now, AuditAction::TokenRevoked, Some(&id), &audit::detail(&[])).await?;
    Ok(Response::empty()?.with_status(204))
}

/// `GET /api/v1/team/settings`
pub async fn settings(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    reply(200, &site_settings(&call, &agent.site).await?)
}

/// `PUT /api/v1/team/settings`: the retention of closed tickets' personal data (days; none: kept).
pub async fn set_settings(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: SiteSettings = json(&mut req).await?;
    if body.retention_days.is_some_and(|d| !(30..=3650).contains(&d)) {
        return Err(ApiError::invalid("retention_days", "must be 30 to 3650 days"));
    }
    let before = site_settings(&call, &agent.site).await?;
    let days = body.retention_days.map_or(worker::wasm_bindgen::JsValue::NULL, |d| int(i64::from(d)));
    let write = call
        .db
        .prepare("INSERT INTO site_settings (site, retention_days, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (site) DO UPDATE SET retention_days = ?2, updated_at = ?3")
        .bind(&[agent.site.as_str().into(), days, int(call.now)])?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let shown = |s: &SiteSettings| s.retention_days.map_or("kept".to_string(), |d| format!("{d} days"));
    let detail = audit::detail(&[("retention", format!("{} → {}", shown(&before), shown(&body)))]);
    call.db.batch(vec![write, audit::record(&call.db, &actor, call.now, AuditAction::SettingsChanged, None, &detail)?]).await?;
    reply(200, &body)
}

/// The site's settings as stored, or the defaults.
pub async fn site_settings(call: &Call, site: &str) -> Result<SiteSettings, ApiError> {
    #[derive(serde::Deserialize)]
    struct Row {
        retention_days: Option<f64>,
    }
    let row = call.db.prepare("SELECT retention_days FROM site_settings WHERE site = ?1").bind(&[site.into()])?.first::<Row>(None).await?;
    Ok(SiteSettings { retention_days: row.and_then(|r| r.retention_days).map(|d| d as u32) })
}

/// A fresh invitation for `person_id`: its token and the statement that stores its digest.
fn invitation(call: &Call, person_id: &str, by: &str) -> Result<(String, D1PreparedStatement), ApiError> {
    let token = format!("{}{}", random_hex()?, random_hex()?);
    let statement = people::invite(&call.db, &token_digest(&token), person_id, by, call.now, call.now + INVITATION_MS)?;
    Ok((token, statement))
}

/// Closes the person's desk and chat sockets now (their next frame would fail anyway: every
/// socket route checks the credential, and the desk no longer offers them chats).
async fn evict(call: &Call, site: &Site, person_id: &str) -> Result<(), ApiError> {
    stubs::EVICT.call(&stubs::desk(&call.env, &site.id)?, &Evict { agent_id: person_id.to_string() }).await?;
    Ok(())
}

fn email(email: &str) -> Result<String, ApiError> {
    let email = desk::limits::required("email", email, desk::limits::EMAIL)?.to_lowercase();
    if !email.contains('@') || email.contains(char::is_whitespace) {
        return Err(DeskError::invalid("email", "must be an email address").into());
    }
    Ok(email)
}

/// The site's departments among `chosen`, each once, in the site's order.
fn departments(site: &Site, chosen: &[String]) -> Result<Vec<String>, ApiError> {
    if let Some(unknown) = chosen.iter().find(|d| !site.has_department(d)) {
        return Err(ApiError::invalid("departments", format!("{unknown} is not a department of this site")));
    }
    Ok(site.departments.iter().filter(|d| chosen.contains(d)).cloned().collect())
}

/// A list of wire enums as their names, for the audit log.
fn names<T: serde::Serialize>(values: &[T]) -> Result<String, ApiError> {
    Ok(values.iter().map(crate::store::name).collect::<Result<Vec<_>, _>>()?.join(", "))
}

/// What changed between two versions of a person, as `field: before → after`.
fn changes(before: &Person, after: &Person) -> Result<std::collections::BTreeMap<String, String>, ApiError> {
    let mut changed = Vec::new();
    if before.name != after.name {
        changed.push(("name", format!("{} → {}", before.name, after.name)));
    }
    if before.roles != after.roles {
        changed.push(("roles", format!("{} → {}", names(&before.roles)?, names(&after.roles)?)));
    }
    if before.departments != after.departments {
        changed.push(("departments", format!("{} → {}", before.departments.join(", "), after.departments.join(", "))));
    }
    if before.active != after.active {
        changed.push(("active", format!("{} → {}", before.active, after.active)));
    }
    Ok(audit::detail(&changed))
}
