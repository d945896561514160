//! The guard rail's regression queries ("this query should find this article": list, add,
//! remove), a search taken from analytics as another way to ask an article, and the widget's
//! "not helpful" votes on an article. The rules are `kb::regression`'s; each change is audited
//! in the batch that makes it.

use kb::article;
use kb::regression::{check_query, with_question};
use wire::kb::{Article, ArticleFeedback, NewQuestion, NewRegressionQuery, QueryOrigin, RegressionQuery, RegressionQueryList, STATS_DAYS};
use wire::team::AuditAction;
use worker::{D1PreparedStatement, Request, Response};

use crate::api::caller::{agent_site, random_hex, Agent};
use crate::api::{json, query, reply, ApiError, Call};
use crate::store::audit::{self, Actor};
use crate::store::kb as articles;
use crate::store::kb_queries as store;

/// How often adding a question is tried again when the article changed in between.
const ATTEMPTS: usize = 4;

fn record(req: &Request, call: &Call, agent: &Agent, action: AuditAction, q: &RegressionQuery) -> Result<D1PreparedStatement, ApiError> {
    let actor = Actor::of(req, &agent.site, Some(&agent.id), &agent.name)?;
    let detail = audit::detail(&[("query", q.query.clone()), ("article", q.articles.join(" ")), ("locale", q.locale.clone())]);
    audit::record(&call.db, &actor, call.now, action, Some(&q.id), &detail)
}

async fn article(call: &Call, agent: &Agent, id: &str) -> Result<Article, ApiError> {
    articles::article(&call.db, &agent.site, id).await?.ok_or(ApiError::NotFound("no such article"))
}

fn new_query(call: &Call, agent: &Agent, locale: &str, query: String, article: &str, origin: QueryOrigin) -> Result<RegressionQuery, ApiError> {
    Ok(RegressionQuery { id: random_hex()?[..16].to_string(), locale: locale.to_string(), query, articles: vec![article.to_string()], origin, added_by: agent.name.clone(), added_at: call.now })
}

/// `GET /api/v1/kb/regression-queries?locale=[&article=]`
pub async fn list(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let locale = query(&req, "locale")?.ok_or_else(|| ApiError::invalid("locale", "name the locale whose regression queries to list"))?;
    article::check_locale(&locale, &agent_site(&agent)?.locales)?;
    let of = query(&req, "article")?;
    reply(200, &RegressionQueryList { queries: store::list(&call.db, &agent.site, &locale, of.as_deref()).await? })
}

/// `POST /api/v1/kb/regression-queries`: `query` should find `article` (in the article's locale).
pub async fn add(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: NewRegressionQuery = json(&mut req).await?;
    let text = check_query(&body.query)?;
    let origin = match body.origin.unwrap_or(QueryOrigin::Editor) {
        QueryOrigin::Content => return Err(ApiError::invalid("origin", "only an import adds the content's own queries")),
        origin => origin,
    };
    let found = articles::article(&call.db, &agent.site, &body.article).await?.ok_or_else(|| ApiError::invalid("article", "no such article"))?;
    let q = new_query(&call, &agent, &found.locale, text, &found.id, origin)?;
    call.db.batch(vec![store::insert(&call.db, &agent.site, &q)?, record(&req, &call, &agent, AuditAction::RegressionQueryAdded, &q)?]).await?;
    reply(201, &q)
}

/// `DELETE /api/v1/kb/regression-queries/{id}`
pub async fn remove(req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let q = store::get(&call.db, &agent.site, &call.param("id")?).await?.ok_or(ApiError::NotFound("no such regression query"))?;
    let batch = vec![store::delete(&call.db, &agent.site, &q.id)?, articles::guard(&call.db)?, record(&req, &call, &agent, AuditAction::RegressionQueryRemoved, &q)?];
    match call.db.batch(batch).await {
        Ok(_) => reply(200, &q),
        Err(e) if articles::guard_failed(&e) => Err(ApiError::NotFound("no such regression query")),
        Err(e) => Err(e.into()),
    }
}

/// `POST /api/v1/kb/articles/{id}/questions`: a search users made becomes another way to ask the
/// article (saved in its working copy, live at its next publish) and one of its regression
/// queries (origin `analytics`), in one write.
pub async fn add_question(mut req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let body: NewQuestion = json(&mut req).await?;
    let id = call.param("id")?;
    for _ in 0..ATTEMPTS {
        let current = article(&call, &agent, &id).await?;
        let draft = with_question(&current.draft, &body.question)?;
        let draft = article::check_draft(&draft, &current.locale, Some(&current.locale))?;
        let edit = article::Edit { at: call.now, by: &agent.name, by_id: &agent.id };
        let saved = article::save(&current, current.revision, draft, edit)?;
        let q = new_query(&call, &agent, &current.locale, check_query(&body.question)?, &current.id, QueryOrigin::Analytics)?;
        let actor = Actor::of(&req, &agent.site, Some(&agent.id), &agent.name)?;
        let saved_detail = audit::detail(&[("title", saved.draft.title.clone()), ("locale", saved.locale.clone()), ("revision", saved.revision.to_string()), ("question", q.query.clone())]);
        let batch = vec![
            articles::update_article(&call.db, &agent.site, &saved, current.revision)?,
            articles::guard(&call.db)?,
            audit::record(&call.db, &actor, call.now, AuditAction::ArticleSaved, Some(&saved.id), &saved_detail)?,
            store::insert(&call.db, &agent.site, &q)?,
            record(&req, &call, &agent, AuditAction::RegressionQueryAdded, &q)?,
        ];
        match call.db.batch(batch).await {
            Ok(_) => return reply(200, &saved),
            // Saved by someone else in between: add it to what they saved.
            Err(e) if articles::guard_failed(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ApiError::Contended)
}

/// `GET /api/v1/kb/articles/{id}/feedback`: the widget's "not helpful" votes, lately.
pub async fn feedback(_req: Request, call: Call, agent: Agent) -> Result<Response, ApiError> {
    let found = article(&call, &agent, &call.param("id")?).await?;
    let from = desk::analytics::day_of(call.now - (STATS_DAYS - 1) * 86_400_000);
    reply(200, &ArticleFeedback { votes: store::not_helpful(&call.db, &agent.site, &found.id, &from).await? })
}
