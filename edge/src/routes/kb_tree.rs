//! The knowledge base's tree (categories and sections: created, renamed, reordered a level at a
//! time, deleted only when empty), each locale's vocabulary and its publications: what a locale's
//! help center is made of besides its articles. A change to the tree shows in the help center at
//! the locale's next publish.

use kb::article::check_locale;
use kb::{tree, vocabulary};
use wire::kb::{CategoryTree, GuardReport, NewCategory, NewOrder, NewSection, Publication, PublicationList, PublishLocale, Rename, Vocabulary};
use wire::team::AuditAction;
use worker::{D1PreparedStatement, Request, Response};

use crate::api::caller::{agent_site, random_hex, Agent};
use crate::api::{json, optional_json, query, reply, ApiError, Call};
use crate::help_center::publish::{self, Publisher};
use crate::store::audit::{self, Actor};
use crate::store::kb::{self as store, Group};

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

/// The locale a category or section is in; 404 when there is none.
async fn group_locale(call: &Call, agent: &Agent, group: Group, id: &str) -> Result<String, ApiError> {
    let locale = match group {
        Group::Category => store::category_locale(&call.db, &agent.site, id).await?,
        Group::Section => store::section_locale(&call.db, &agent.site, id).await?,
    };
    locale.ok_or(ApiError::NotFound("no such category or section"))
}

/// Stores `writes` (each conditional one followed by a guard) with the audit record, then
/// answers with the locale's tree; a failed guard is `refused`.
#[allow(clippy::too_many_arguments)]
async fn change_tree(req: &Request, call: &Call, agent: &Agent, locale: &str, mut writes: Vec<D1PreparedStatement>, action: AuditAction, target: &str, detail: &[(&str, String)], refused: ApiError) -> Result<Response, ApiError> {
    let actor = Actor::of(req, &agent.site, Some(&agent.id), &agent.name)?;
    writes.push(audit::record(&call.db, &actor, call.now, action, Some(target), &audit::detail(detail))?);
    match call.db.batch(writes).await {
        Ok(_) => reply(200, &CategoryTree { categories: store::categories(&call.db, &agent.site, locale).await? }),
        Err(e) if store::guard_failed(&e) => Err(refused),
        Err(e) => Err(e.into()),
    }
}

/// `PATCH /api/v1/kb/categories/{id}`, `PATCH /api/v1/kb/sections/{id}`: a new name.
pub async fn rename_category(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    rename_group(Group::Category, req, call, agent).await
}

pub async fn rename_section(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    rename_group(Group::Section, req, call, agent).await
}

async fn rename_group(group: Group, mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: Rename = json(&mut req).await?;
    let name = tree::check_name(&body.name)?;
    let id = call.param("id")?;
    let locale = group_locale(&call, &agent, group, &id).await?;
    let writes = vec![store::rename(&call.db, group, &agent.site, &id, &name)?, store::guard(&call.db)?];
    change_tree(&req, &call, &agent, &locale, writes, AuditAction::TreeChanged, &id, &[("name", name.clone())], ApiError::NotFound("no such category or section")).await
}

pub async fn delete_category(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    delete_group(Group::Category, req, call, agent).await
}

pub async fn delete_section(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    delete_group(Group::Section, req, call, agent).await
}

/// `DELETE /api/v1/kb/categories/{id}`, `DELETE /api/v1/kb/sections/{id}`: only an empty one
/// (409 `conflict` otherwise, nothing changed).
async fn delete_group(group: Group, req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let id = call.param("id")?;
    let locale = group_locale(&call, &agent, group, &id).await?;
    let (inside, not_empty, action) = match group {
        Group::Category => {
            let sections = store::categories(&call.db, &agent.site, &locale).await?.into_iter().find(|c| c.id == id).map_or(0, |c| c.sections.len());
            (sections, tree::CATEGORY_NOT_EMPTY, AuditAction::CategoryDeleted)
        }
        Group::Section => (store::section_articles(&call.db, &agent.site, &id).await?, tree::SECTION_NOT_EMPTY, AuditAction::SectionDeleted),
    };
    tree::deletable(inside, not_empty)?;
    let writes = vec![store::delete_empty(&call.db, group, &agent.site, &id)?, store::guard(&call.db)?];
    // The guard fails only if something was put inside meanwhile (or it went): still not deleted.
    change_tree(&req, &call, &agent, &locale, writes, action, &id, &[("locale", locale.clone())], ApiError::Conflict(not_empty)).await
}

/// `PUT /api/v1/kb/categories/order`: the locale's categories (`parent`), every one, in order.
pub async fn order_categories(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: NewOrder = json(&mut req).await?;
    let locale = locale_of(&agent, Some(body.parent.clone()))?;
    let current: Vec<String> = store::categories(&call.db, &agent.site, &locale).await?.into_iter().map(|c| c.id).collect();
    reorder(&req, &call, &agent, &locale, Group::Category, &current, &body).await
}

/// `PUT /api/v1/kb/sections/order`: a category's (`parent`) sections, every one, in order.
pub async fn order_sections(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: NewOrder = json(&mut req).await?;
    let locale = group_locale(&call, &agent, Group::Category, &body.parent).await?;
    let current: Vec<String> = store::categories(&call.db, &agent.site, &locale)
        .await?
        .into_iter()
        .find(|c| c.id == body.parent)
        .map(|c| c.sections.into_iter().map(|s| s.id).collect())
        .unwrap_or_default();
    reorder(&req, &call, &agent, &locale, Group::Section, &current, &body).await
}

async fn reorder(req: &Request, call: &Call, agent: &Agent, locale: &str, group: Group, current: &[String], body: &NewOrder) -> Result<Response, ApiError> {
    let positions = tree::order(current, &body.ids)?;
    let writes = positions.iter().map(|(id, at)| store::reposition(&call.db, group, &agent.site, id, *at)).collect::<Result<Vec<_>, _>>()?;
    let detail = [("order", body.ids.join(" "))];
    change_tree(req, call, agent, locale, writes, AuditAction::TreeChanged, &body.parent, &detail, ApiError::Internal("a reorder has no guard".into())).await
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
pub async fn publish_locale(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let locale = locale_of(&agent, Some(call.param("locale")?))?;
    let body: PublishLocale = optional_json(&mut req).await?;
    reply(200, &publish_audited(&req, &call, &agent, &locale, body.confirm_regression).await?)
}

/// `locale` built and switched with its audit record (which keeps the guard's figures), again
/// after each lost race; refused with 409 `regression` if the locale's regression queries do
/// worse, unless `confirmed`.
pub async fn publish_audited(req: &Request, call: &Call, agent: &Agent, locale: &str, confirmed: bool) -> Result<Publication, ApiError> {
    let actor = Actor::of(req, &agent.site, Some(&agent.id), &agent.name)?;
    for _ in 0..publish::ATTEMPTS {
        let then = |guard: &GuardReport| {
            let mut detail = vec![("locale", locale.to_string())];
            detail.extend(publish::guard_detail(guard));
            Ok(vec![audit::record(&call.db, &actor, call.now, AuditAction::HelpCenterPublished, Some(locale), &audit::detail(&detail))?])
        };
        if let Some((publication, _)) = publish::attempt(&Publisher::of(call), &agent.site, locale, None, confirmed, then).await? {
            return Ok(publication);
        }
    }
    Err(ApiError::Contended)
}
