//! The knowledge base's site settings: whether an article goes live only through another
//! editor's review. Editors read them (the console shows what applies); admins change them, and
//! the change is audited in the batch that stores it.

use kb::article::Review;
use wire::kb::KbSettings;
use wire::team::AuditAction;
use worker::{Request, Response};

use crate::api::caller::Agent;
use crate::api::{json, reply, ApiError, Call};
use crate::store::audit::{self, Actor};
use crate::store::int;

/// `GET /api/v1/kb/settings`
pub async fn get(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    reply(200, &stored(&call, &agent.site).await?)
}

/// `PUT /api/v1/kb/settings` (admins).
pub async fn put(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: KbSettings = json(&mut req).await?;
    let before = stored(&call, &agent.site).await?;
    let write = call
        .db
        .prepare("INSERT INTO site_settings (site, kb_review_required, updated_at) VALUES (?1, ?2, ?3) ON CONFLICT (site) DO UPDATE SET kb_review_required = ?2, updated_at = ?3")
        .bind(&[agent.site.as_str().into(), int(i64::from(body.review_required)), int(call.now)])?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let shown = |s: &KbSettings| if s.review_required { "required" } else { "optional" };
    let detail = audit::detail(&[("kb_review", format!("{} → {}", shown(&before), shown(&body)))]);
    call.db.batch(vec![write, audit::record(&call.db, &actor, call.now, AuditAction::SettingsChanged, None, &detail)?]).await?;
    reply(200, &body)
}

/// The site's knowledge-base settings as stored, or the defaults (review optional).
pub async fn stored(call: &Call, site: &str) -> Result<KbSettings, ApiError> {
    #[derive(serde::Deserialize)]
    struct Row {
        kb_review_required: f64,
    }
    let row = call.db.prepare("SELECT kb_review_required FROM site_settings WHERE site = ?1").bind(&[site.into()])?.first::<Row>(None).await?;
    Ok(KbSettings { review_required: row.is_some_and(|r| r.kb_review_required != 0.0) })
}

/// Whether a publish on `site` needs another editor's approval.
pub async fn review(call: &Call, site: &str) -> Result<Review, ApiError> {
    Ok(if stored(call, site).await?.review_required { Review::Required } else { Review::Optional })
}
