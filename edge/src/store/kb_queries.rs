//! The guard rail's regression queries in D1 (migration 0012), and the widget's votes on an
//! article, which the editor lists beside them.

use serde::Deserialize;
use wire::kb::{FeedbackVote, QueryOrigin, RegressionQuery};
use worker::{D1Database, D1PreparedStatement};

use super::{int, name};
use crate::api::ApiError;

#[derive(Deserialize)]
struct Row {
    id: String,
    locale: String,
    query: String,
    articles: String,
    origin: QueryOrigin,
    added_by: String,
    added_at: f64,
}

impl Row {
    fn query(self) -> Result<RegressionQuery, ApiError> {
        Ok(RegressionQuery {
            id: self.id,
            locale: self.locale,
            query: self.query,
            articles: serde_json::from_str(&self.articles)?,
            origin: self.origin,
            added_by: self.added_by,
            added_at: self.added_at as i64,
        })
    }
}

/// A locale's regression queries (only `article`'s, if named), newest first.
pub async fn list(db: &D1Database, site: &str, locale: &str, article: Option<&str>) -> Result<Vec<RegressionQuery>, ApiError> {
    let rows = db
        .prepare(
            "SELECT id, locale, query, articles, origin, added_by, added_at FROM kb_regression_queries
             WHERE site = ?1 AND locale = ?2 AND (?3 IS NULL OR article_id = ?3) ORDER BY added_at DESC, id",
        )
        .bind(&[site.into(), locale.into(), article.map_or(worker::wasm_bindgen::JsValue::NULL, Into::into)])?
        .all()
        .await?
        .results::<Row>()?;
    rows.into_iter().map(Row::query).collect()
}

pub async fn get(db: &D1Database, site: &str, id: &str) -> Result<Option<RegressionQuery>, ApiError> {
    let row = db
        .prepare("SELECT id, locale, query, articles, origin, added_by, added_at FROM kb_regression_queries WHERE site = ?1 AND id = ?2")
        .bind(&[site.into(), id.into()])?
        .first::<Row>(None)
        .await?;
    row.map(Row::query).transpose()
}

pub fn insert(db: &D1Database, site: &str, q: &RegressionQuery) -> Result<D1PreparedStatement, ApiError> {
    let first = q.articles.first().ok_or_else(|| ApiError::Internal("a regression query names its article".into()))?;
    Ok(db
        .prepare(
            "INSERT INTO kb_regression_queries (site, id, locale, query, articles, article_id, origin, added_by, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .bind(&[
            site.into(),
            q.id.as_str().into(),
            q.locale.as_str().into(),
            q.query.as_str().into(),
            serde_json::to_string(&q.articles)?.into(),
            first.as_str().into(),
            name(&q.origin)?.into(),
            q.added_by.as_str().into(),
            int(q.added_at),
        ])?)
}

/// Follow it with `store::kb::guard`: removing one already gone stores nothing.
pub fn delete(db: &D1Database, site: &str, id: &str) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare("DELETE FROM kb_regression_queries WHERE site = ?1 AND id = ?2").bind(&[site.into(), id.into()])?)
}

/// The widget's "not helpful" votes on an article since day `from`, and what readers wrote it
/// lacked, newest first.
pub async fn not_helpful(db: &D1Database, site: &str, article: &str, from: &str) -> Result<Vec<FeedbackVote>, ApiError> {
    #[derive(Deserialize)]
    struct Vote {
        at: f64,
        locale: String,
        comment: Option<String>,
    }
    let rows = db
        .prepare(
            "SELECT at, locale, comment FROM widget_events
             WHERE site = ?1 AND article = ?2 AND day >= ?3 AND (type = 'helpful_vote' AND helpful = 0 OR type = 'article_comment')
             ORDER BY at DESC LIMIT 200",
        )
        .bind(&[site.into(), article.into(), from.into()])?
        .all()
        .await?
        .results::<Vote>()?;
    Ok(rows.into_iter().map(|v| FeedbackVote { at: v.at as i64, locale: v.locale, comment: v.comment }).collect())
}
