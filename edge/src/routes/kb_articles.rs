//! The knowledge base's articles: list, read, create, save a draft (a stale save is a 409 with
//! both versions), ask for review, send back with a comment, publish (for an article in review:
//! its approval, by another editor than its last author), archive, versions and rollback. The rules are `kb`'s; a publish is
//! `help_center::publish`'s; every change is audited in the batch that makes it.

use kb::article::{self, check_draft, check_locale, Edit};
use kb::translation::check_link;
use wire::kb::{Article, ArticleAction, ArticleDraft, ArticleList, ArticleSave, ArticleStatsList, GuardReport, NewArticle, Published, Rollback, SendBack, VersionList, STATS_DAYS};
use wire::team::AuditAction;
use worker::{D1PreparedStatement, Request, Response};

use crate::api::caller::{agent_site, random_hex, Agent};
use crate::api::{json, query, reply, ApiError, Call};
use crate::help_center::publish::{self, Publisher};
use crate::routes::kb_settings;
use crate::store::audit::{self, Actor};
use crate::store::kb as store;

fn edit<'a>(call: &Call, agent: &'a Agent) -> Edit<'a> {
    Edit { at: call.now, by: &agent.name, by_id: &agent.id }
}

async fn stored(call: &Call, agent: &Agent) -> Result<Article, ApiError> {
    store::article(&call.db, &agent.site, &call.param("id")?).await?.ok_or(ApiError::NotFound("no such article"))
}

/// The draft checked against the limits, its section and its translation link.
async fn checked(call: &Call, agent: &Agent, own_id: Option<&str>, locale: &str, draft: &ArticleDraft) -> Result<ArticleDraft, ApiError> {
    let section_locale = store::section_locale(&call.db, &agent.site, &draft.section_id).await?;
    let draft = check_draft(draft, locale, section_locale.as_deref())?;
    if let Some(link) = &draft.translation_of {
        let chain = store::translation_chain(&call.db, &agent.site, link).await?;
        check_link(own_id, locale, Some(link), &chain)?;
    }
    Ok(draft)
}

/// An audit record's detail with the publish guard's figures.
fn with_guard<'a>(detail: &[(&'a str, String)], guard: &GuardReport) -> Vec<(&'a str, String)> {
    let mut all = detail.to_vec();
    all.extend(publish::guard_detail(guard));
    all
}

fn record(req: &Request, call: &Call, agent: &Agent, action: AuditAction, a: &Article, detail: &[(&str, String)]) -> Result<D1PreparedStatement, ApiError> {
    let actor = Actor::of(req, &agent.site, Some(&agent.id), &agent.name)?;
    let mut pairs = vec![("title", a.draft.title.clone()), ("locale", a.locale.clone()), ("revision", a.revision.to_string())];
    pairs.extend(detail.iter().cloned());
    audit::record(&call.db, &actor, call.now, action, Some(&a.id), &audit::detail(&pairs))
}

/// `GET /api/v1/kb/articles?locale=`
pub async fn list(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let locale = query(&req, "locale")?.ok_or_else(|| ApiError::invalid("locale", "name the locale whose articles to list"))?;
    check_locale(&locale, &agent_site(&agent)?.locales)?;
    reply(200, &ArticleList { articles: store::articles(&call.db, &agent.site, &locale).await? })
}

/// `GET /api/v1/kb/stats?locale=`: each article's views and helpful votes in the widget lately.
pub async fn stats(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let locale = query(&req, "locale")?.ok_or_else(|| ApiError::invalid("locale", "name the locale whose articles to count"))?;
    check_locale(&locale, &agent_site(&agent)?.locales)?;
    let (from, to) = (desk::analytics::day_of(call.now - (STATS_DAYS - 1) * 86_400_000), desk::analytics::day_of(call.now));
    let articles = store::article_stats(&call.db, &agent.site, &locale, &from, &to).await?;
    reply(200, &ArticleStatsList { from, to, articles })
}

/// `GET /api/v1/kb/articles/{id}`
pub async fn get(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    reply(200, &stored(&call, &agent).await?)
}

/// `POST /api/v1/kb/articles`: a new draft, with a new stable id.
pub async fn create(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: NewArticle = json(&mut req).await?;
    check_locale(&body.locale, &agent_site(&agent)?.locales)?;
    let draft = checked(&call, &agent, None, &body.locale, &body.article).await?;
    let created = article::create(&random_hex()?[..16], &body.locale, draft, edit(&call, &agent));
    call.db.batch(vec![store::insert_article(&call.db, &agent.site, &created)?, record(&req, &call, &agent, AuditAction::ArticleCreated, &created, &[])?]).await?;
    reply(201, &created)
}

/// `PUT /api/v1/kb/articles/{id}`: the working copy, saved over the revision it was edited from.
pub async fn save(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: ArticleSave = json(&mut req).await?;
    let current = stored(&call, &agent).await?;
    let draft = checked(&call, &agent, Some(&current.id), &current.locale, &body.article).await?;
    let saved = article::save(&current, body.base_revision, draft, edit(&call, &agent)).map_err(|e| ApiError::stale(e, &body.article))?;
    let batch = vec![
        store::update_article(&call.db, &agent.site, &saved, current.revision)?,
        store::guard(&call.db)?,
        record(&req, &call, &agent, AuditAction::ArticleSaved, &saved, &[])?,
    ];
    match call.db.batch(batch).await {
        Ok(_) => reply(200, &saved),
        // Saved by someone else between the read and the write.
        Err(e) if store::guard_failed(&e) => Err(ApiError::Stale { current: Box::new(stored(&call, &agent).await?), yours: Some(body.article) }),
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/v1/kb/articles/{id}/publish`: the working copy goes live as a new version and the
/// locale's help center is built again.
pub async fn publish(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: ArticleAction = json(&mut req).await?;
    let review = kb_settings::review(&call, &agent.site).await?;
    for _ in 0..publish::ATTEMPTS {
        let current = stored(&call, &agent).await?;
        let number = store::next_version(&call.db, &agent.site, &current.id).await?;
        let published = article::publish(&current, body.base_revision, number, edit(&call, &agent), review)?;
        let version = article::version_of(&published, number, Some(&agent.id));
        let then = |guard: &GuardReport| {
            Ok(vec![
                store::update_article(&call.db, &agent.site, &published, current.revision)?,
                store::guard(&call.db)?,
                store::insert_version(&call.db, &agent.site, &published.id, &version)?,
                record(&req, &call, &agent, AuditAction::ArticlePublished, &published, &with_guard(&[("version", number.to_string())], guard))?,
            ])
        };
        if let Some((publication, guard)) = publish::attempt(&Publisher::of(&call), &agent.site, &published.locale, Some(&published), body.confirm_regression, then).await? {
            return reply(200, &Published { article: published, publication, guard: Some(guard) });
        }
    }
    Err(ApiError::Contended)
}

/// `POST /api/v1/kb/articles/{id}/rollback`: an earlier version goes live again, as the newest.
pub async fn rollback(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: Rollback = json(&mut req).await?;
    for _ in 0..publish::ATTEMPTS {
        let current = stored(&call, &agent).await?;
        let old = store::version(&call.db, &agent.site, &current.id, body.version).await?.ok_or(ApiError::NotFound("no such version"))?;
        // Its section must still be one of the locale's.
        checked(&call, &agent, Some(&current.id), &current.locale, &old.article).await?;
        let number = store::next_version(&call.db, &agent.site, &current.id).await?;
        let rolled = article::roll_back(&current, body.base_revision, &old, number, edit(&call, &agent))?;
        let version = article::version_of(&rolled, number, Some(&agent.id));
        let then = |guard: &GuardReport| {
            let detail = with_guard(&[("from_version", old.number.to_string()), ("version", number.to_string())], guard);
            Ok(vec![
                store::update_article(&call.db, &agent.site, &rolled, current.revision)?,
                store::guard(&call.db)?,
                store::insert_version(&call.db, &agent.site, &rolled.id, &version)?,
                record(&req, &call, &agent, AuditAction::ArticleRolledBack, &rolled, &detail)?,
            ])
        };
        if let Some((publication, guard)) = publish::attempt(&Publisher::of(&call), &agent.site, &rolled.locale, Some(&rolled), body.confirm_regression, then).await? {
            return reply(200, &Published { article: rolled, publication, guard: Some(guard) });
        }
    }
    Err(ApiError::Contended)
}

/// `POST /api/v1/kb/articles/{id}/archive`: out of the help center (built again if it was live).
pub async fn archive(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: ArticleAction = json(&mut req).await?;
    for _ in 0..publish::ATTEMPTS {
        let current = stored(&call, &agent).await?;
        let archived = article::archive(&current, body.base_revision, edit(&call, &agent))?;
        let then = |detail: &[(&str, String)]| {
            Ok::<_, ApiError>(vec![
                store::update_article(&call.db, &agent.site, &archived, current.revision)?,
                store::guard(&call.db)?,
                record(&req, &call, &agent, AuditAction::ArticleArchived, &archived, detail)?,
            ])
        };
        let stored_now = if current.live_version.is_some() {
            publish::attempt(&Publisher::of(&call), &agent.site, &archived.locale, Some(&archived), body.confirm_regression, |guard| then(&with_guard(&[], guard))).await?.is_some()
        } else {
            match call.db.batch(then(&[])?).await {
                Ok(_) => true,
                Err(e) if store::guard_failed(&e) => false,
                Err(e) => return Err(e.into()),
            }
        };
        if stored_now {
            return reply(200, &archived);
        }
    }
    Err(ApiError::Contended)
}

/// `POST /api/v1/kb/articles/{id}/review`: the draft is put up for another editor's review.
pub async fn request_review(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: ArticleAction = json(&mut req).await?;
    let current = stored(&call, &agent).await?;
    let asked = article::request_review(&current, body.base_revision, edit(&call, &agent))?;
    store_change(&req, &call, &agent, &current, asked, AuditAction::ArticleReviewRequested, &[]).await
}

/// `POST /api/v1/kb/articles/{id}/send-back`: the article in review goes back to its author with
/// the reviewer's comment (another editor than its last author).
pub async fn send_back(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: SendBack = json(&mut req).await?;
    let current = stored(&call, &agent).await?;
    let back = article::send_back(&current, body.base_revision, &body.comment, edit(&call, &agent))?;
    let comment = back.sent_back.as_ref().map(|n| n.comment.clone()).unwrap_or_default();
    store_change(&req, &call, &agent, &current, back, AuditAction::ArticleSentBack, &[("comment", comment)]).await
}

/// Stores a change that publishes nothing, if the article is still at the revision it was read at.
async fn store_change(req: &Request, call: &Call, agent: &Agent, current: &Article, changed: Article, action: AuditAction, detail: &[(&str, String)]) -> Result<Response, ApiError> {
    let batch = vec![
        store::update_article(&call.db, &agent.site, &changed, current.revision)?,
        store::guard(&call.db)?,
        record(req, call, agent, action, &changed, detail)?,
    ];
    match call.db.batch(batch).await {
        Ok(_) => reply(200, &changed),
        Err(e) if store::guard_failed(&e) => Err(ApiError::Stale { current: Box::new(stored(call, agent).await?), yours: None }),
        Err(e) => Err(e.into()),
    }
}

/// `GET /api/v1/kb/articles/{id}/versions`: newest first.
pub async fn versions(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let article = stored(&call, &agent).await?;
    reply(200, &VersionList { versions: store::versions(&call.db, &agent.site, &article.id).await? })
}
