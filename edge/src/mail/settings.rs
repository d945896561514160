//! A site's mail settings in D1 (`mail_settings`), and the admin's routes over them:
//! `GET`/`PUT /api/v1/mail/settings`. `mail::settings::check` is the gate; what it refuses is a
//! 400 naming the field, and nothing is written.

use mail::settings::{check, Settings};
use wire::mail::{MailSettings, MailSettingsView};
use wire::team::AuditAction;
use worker::{D1Database, Request, Response};

use super::configured_address;
use crate::api::caller::Agent;
use crate::api::{json, reply, ApiError, Call};
use crate::sites;
use crate::store::audit::{self, Actor};
use crate::store::int;

/// The site's settings as stored (checked when written), or the defaults.
pub async fn load(db: &D1Database, site: &str) -> Result<Settings, ApiError> {
    let stored = db.prepare("SELECT settings FROM mail_settings WHERE site = ?1").bind(&[site.into()])?.first::<String>(Some("settings")).await?;
    match stored {
        Some(text) => Ok(check(&serde_json::from_str::<MailSettings>(&text)?)?),
        None => Ok(Settings::default()),
    }
}

/// `GET /api/v1/mail/settings`
pub async fn get(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    reply(200, &view(&call, &agent.site, load(&call.db, &agent.site).await?)?)
}

/// `PUT /api/v1/mail/settings`: replaces the site's settings; audited in the same batch.
pub async fn put(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let sent: MailSettings = json(&mut req).await?;
    let settings = check(&sent)?;
    let before = load(&call.db, &agent.site).await?;
    let write = call
        .db
        .prepare(
            "INSERT INTO mail_settings (site, settings, updated_at, updated_by) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (site) DO UPDATE SET settings = ?2, updated_at = ?3, updated_by = ?4",
        )
        .bind(&[agent.site.as_str().into(), serde_json::to_string(settings.value())?.into(), int(call.now), agent.id.as_str().into()])?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let changed = changes(before.value(), settings.value());
    call.db.batch(vec![write, audit::record(&call.db, &actor, call.now, AuditAction::MailSettingsChanged, None, &audit::detail(&changed))?]).await?;
    reply(200, &view(&call, &agent.site, settings)?)
}

fn view(call: &Call, site: &str, settings: Settings) -> Result<MailSettingsView, ApiError> {
    let site = sites::all().get(site).ok_or(ApiError::NotFound("no such site"))?;
    Ok(MailSettingsView { settings: settings.value().clone(), configured_address: configured_address(&call.env, site)?.map(|a| a.address()) })
}

/// What the audit log says changed: each part, before → after.
fn changes(before: &MailSettings, after: &MailSettings) -> Vec<(&'static str, String)> {
    let shown = |value: &Option<String>| value.clone().unwrap_or_else(|| "default".into());
    let kinds = |s: &MailSettings| s.events.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ");
    let mut changed = Vec::new();
    if before.support_address != after.support_address {
        changed.push(("support_address", format!("{} → {}", shown(&before.support_address), shown(&after.support_address))));
    }
    if before.sender_name != after.sender_name {
        changed.push(("sender_name", format!("{} → {}", shown(&before.sender_name), shown(&after.sender_name))));
    }
    if before.events != after.events {
        changed.push(("events", format!("{} → {}", kinds(before), kinds(after))));
    }
    if before.wording != after.wording {
        changed.push(("wording", format!("{} → {} lines", before.wording.len(), after.wording.len())));
    }
    changed
}
