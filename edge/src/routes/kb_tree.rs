//! The knowledge base's tree (categories and sections), each locale's vocabulary and its
//! publications: what a locale's help center is made of besides its articles.

use kb::article::check_locale;
use kb::{tree, vocabulary};
use wire::kb::{CategoryTree, NewCategory, NewSection, PublicationList, Vocabulary};
use wire::team::AuditAction;
use worker::{Request, Response};

use crate::api::caller::{agent_site, random_hex, Agent};
use crate::api::{json, query, reply, ApiError, Call};
use crate::help_center::publish;
use crate::store::audit::{self, Actor};
use crate::store::kb as store;

/// The locale a path or query names, if the site has it.
fn locale_of(agent: &Agent, locale: Option<String>) -> Result<String, ApiError> {
    let locale = locale.ok_or_else(|| ApiError::invalid("locale", "name the locale"))?;
    check_locale(&locale, &agent_site(agent)?.locales)?;
    Ok(locale)
}

/// `GET /api/v1/kb/categories?locale=`
pub async fn categories(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let locale = locale_of(&agent, query(&req, "locale")?)?;
    reply(200, &CategoryTree { categories: store::categories(&call.db, &agent.site, &locale).await? })
}

/// `POST /api/v1/kb/categories`
pub async fn create_category(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: NewCategory = json(&mut req).await?;
    let category = tree::category(&random_hex()?[..12], &body, &agent_site(&agent)?.locales)?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("name", category.name.clone()), ("locale", category.locale.clone())]);
    call.db
        .batch(vec![store::insert_category(&call.db, &agent.site, &category)?, audit::record(&call.db, &actor, call.now, AuditAction::CategoryCreated, Some(&category.id), &detail)?])
        .await?;
    reply(201, &category)
}

/// `POST /api/v1/kb/sections`: in a category that exists.
pub async fn create_section(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: NewSection = json(&mut req).await?;
    let category_locale = store::category_locale(&call.db, &agent.site, &body.category_id).await?;
    let section = tree::section(&random_hex()?[..12], &body, category_locale.as_deref())?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("name", section.name.clone()), ("category", section.category_id.clone())]);
    call.db
        .batch(vec![store::insert_section(&call.db, &agent.site, &section)?, audit::record(&call.db, &actor, call.now, AuditAction::SectionCreated, Some(&section.id), &detail)?])
        .await?;
    reply(201, &section)
}

/// `GET /api/v1/kb/vocabulary/{locale}`
pub async fn vocabulary(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let locale = locale_of(&agent, Some(call.param("locale")?))?;
    reply(200, &store::vocabulary(&call.db, &agent.site, &locale).await?)
}

/// `PUT /api/v1/kb/vocabulary/{locale}`: used from the locale's next publish on.
pub async fn set_vocabulary(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let locale = locale_of(&agent, Some(call.param("locale")?))?;
    let body: Vocabulary = json(&mut req).await?;
    let checked = vocabulary::check(&body)?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    let counts = [
        ("locale", locale.clone()),
        ("stop_words", checked.stop_words.len().to_string()),
        ("synonyms", checked.synonyms.len().to_string()),
        ("cues", checked.cues.values().map(Vec::len).sum::<usize>().to_string()),
    ];
    call.db
        .batch(vec![
            store::put_vocabulary(&call.db, &agent.site, &locale, &checked, call.now)?,
            audit::record(&call.db, &actor, call.now, AuditAction::VocabularyChanged, Some(&locale), &audit::detail(&counts))?,
        ])
        .await?;
    reply(200, &checked)
}

/// `GET /api/v1/kb/publications`: what each locale published at the edge serves now.
pub async fn publications(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    reply(200, &PublicationList { publications: store::publications(&call.db, &agent.site).await? })
}

/// `POST /api/v1/kb/publications/{locale}`: the locale built again from what is live and its
/// current vocabulary.
pub async fn publish_locale(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let locale = locale_of(&agent, Some(call.param("locale")?))?;
    let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
    for _ in 0..publish::ATTEMPTS {
        let detail = audit::detail(&[("locale", locale.clone())]);
        let then = vec![audit::record(&call.db, &actor, call.now, AuditAction::HelpCenterPublished, Some(&locale), &detail)?];
        if let Some(publication) = publish::attempt(&call, &agent.site, &locale, None, then).await? {
            return reply(200, &publication);
        }
    }
    Err(ApiError::Contended)
}
