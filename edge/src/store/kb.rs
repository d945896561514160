//! The knowledge base in D1 (migrations 0008, 0009): articles with their working copy, versions,
//! categories and sections, vocabularies and each locale's publication. Conditional writes are
//! followed by [`guard`], so a batch whose condition no longer holds changes nothing.

use std::collections::BTreeMap;

use faq_data::FORMAT_VERSION;
use kb::compile::LiveArticle;
use kb::translation::Link;
use serde::Deserialize;
use wire::analytics::ArticleStats;
use wire::kb::{Article, ArticleDraft, ArticleStatus, Category, Publication, ReviewNote, Section, Version, Vocabulary};
use worker::wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use super::{int, name, opt_text};
use crate::api::ApiError;

/// Fails its batch (which D1 then rolls back whole) when the statement before it changed no row.
pub fn guard(db: &D1Database) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare("INSERT OR REPLACE INTO kb_write_guard (id, ok) VALUES (1, changes())"))
}

/// Whether a batch failed on its [`guard`]: a condition no longer held, nothing was written.
pub fn guard_failed(error: &worker::Error) -> bool {
    error.to_string().contains("CHECK constraint failed")
}

#[derive(Deserialize)]
pub(super) struct ArticleRow {
    id: String,
    locale: String,
    draft: String,
    status: ArticleStatus,
    revision: f64,
    live_version: Option<f64>,
    updated_at: f64,
    updated_by: String,
    author_id: Option<String>,
    sent_back: Option<String>,
}

impl ArticleRow {
    pub(super) fn article(self) -> Result<Article, ApiError> {
        Ok(Article {
            id: self.id,
            locale: self.locale,
            draft: serde_json::from_str(&self.draft)?,
            status: self.status,
            revision: self.revision as i64,
            live_version: self.live_version.map(|v| v as i64),
            updated_at: self.updated_at as i64,
            updated_by: self.updated_by,
            author_id: self.author_id,
            sent_back: self.sent_back.map(|note| serde_json::from_str::<ReviewNote>(&note)).transpose()?,
        })
    }
}

pub(super) const ARTICLE: &str = "SELECT id, locale, draft, status, revision, live_version, updated_at, updated_by, author_id, sent_back FROM kb_articles";

pub async fn article(db: &D1Database, site: &str, id: &str) -> Result<Option<Article>, ApiError> {
    let row = db.prepare(format!("{ARTICLE} WHERE site = ?1 AND id = ?2")).bind(&[site.into(), id.into()])?.first::<ArticleRow>(None).await?;
    row.map(ArticleRow::article).transpose()
}

/// A locale's articles, by title.
pub async fn articles(db: &D1Database, site: &str, locale: &str) -> Result<Vec<Article>, ApiError> {
    let rows = db.prepare(format!("{ARTICLE} WHERE site = ?1 AND locale = ?2 ORDER BY json_extract(draft, '$.title'), id")).bind(&[site.into(), locale.into()])?.all().await?.results::<ArticleRow>()?;
    rows.into_iter().map(ArticleRow::article).collect()
}

pub fn insert_article(db: &D1Database, site: &str, a: &Article) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO kb_articles (site, id, locale, draft, section_id, translation_of, status, revision, live_version, updated_at, updated_by, author_id, sent_back)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )
        .bind(&article_values(site, a)?)?)
}

/// Stores `a` if the stored revision is still `base_revision`; follow it with [`guard`].
pub fn update_article(db: &D1Database, site: &str, a: &Article, base_revision: i64) -> Result<D1PreparedStatement, ApiError> {
    let mut values = article_values(site, a)?;
    values.push(int(base_revision));
    Ok(db
        .prepare(
            "UPDATE kb_articles SET locale = ?3, draft = ?4, section_id = ?5, translation_of = ?6, status = ?7, revision = ?8, live_version = ?9,
             updated_at = ?10, updated_by = ?11, author_id = ?12, sent_back = ?13 WHERE site = ?1 AND id = ?2 AND revision = ?14",
        )
        .bind(&values)?)
}

fn article_values(site: &str, a: &Article) -> Result<Vec<JsValue>, ApiError> {
    Ok(vec![
        site.into(),
        a.id.as_str().into(),
        a.locale.as_str().into(),
        serde_json::to_string(&a.draft)?.into(),
        a.draft.section_id.as_str().into(),
        opt_text(&a.draft.translation_of),
        name(&a.status)?.into(),
        int(a.revision),
        a.live_version.map_or(JsValue::NULL, int),
        int(a.updated_at),
        a.updated_by.as_str().into(),
        opt_text(&a.author_id),
        a.sent_back.as_ref().map(serde_json::to_string).transpose()?.map_or(JsValue::NULL, JsValue::from),
    ])
}

#[derive(Deserialize)]
struct VersionRow {
    number: f64,
    at: f64,
    author_id: Option<String>,
    author_name: String,
    article: String,
}

impl VersionRow {
    fn version(self) -> Result<Version, ApiError> {
        Ok(Version { number: self.number as i64, at: self.at as i64, author_id: self.author_id, author_name: self.author_name, article: serde_json::from_str(&self.article)? })
    }
}

pub fn insert_version(db: &D1Database, site: &str, article_id: &str, v: &Version) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("INSERT INTO kb_versions (site, article_id, number, at, author_id, author_name, article) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(&[site.into(), article_id.into(), int(v.number), int(v.at), opt_text(&v.author_id), v.author_name.as_str().into(), serde_json::to_string(&v.article)?.into()])?)
}

/// An article's versions, newest first.
pub async fn versions(db: &D1Database, site: &str, article_id: &str) -> Result<Vec<Version>, ApiError> {
    let rows = db
        .prepare("SELECT number, at, author_id, author_name, article FROM kb_versions WHERE site = ?1 AND article_id = ?2 ORDER BY number DESC")
        .bind(&[site.into(), article_id.into()])?
        .all()
        .await?
        .results::<VersionRow>()?;
    rows.into_iter().map(VersionRow::version).collect()
}

pub async fn version(db: &D1Database, site: &str, article_id: &str, number: i64) -> Result<Option<Version>, ApiError> {
    let row = db
        .prepare("SELECT number, at, author_id, author_name, article FROM kb_versions WHERE site = ?1 AND article_id = ?2 AND number = ?3")
        .bind(&[site.into(), article_id.into(), int(number)])?
        .first::<VersionRow>(None)
        .await?;
    row.map(VersionRow::version).transpose()
}

/// The number the article's next version takes.
pub async fn next_version(db: &D1Database, site: &str, article_id: &str) -> Result<i64, ApiError> {
    let last = db.prepare("SELECT MAX(number) AS n FROM kb_versions WHERE site = ?1 AND article_id = ?2").bind(&[site.into(), article_id.into()])?.first::<f64>(Some("n")).await?;
    Ok(last.map_or(0, |n| n as i64) + 1)
}

/// What users of `locale` should see: each live article's live version, by id.
pub async fn live_articles(db: &D1Database, site: &str, locale: &str) -> Result<Vec<LiveArticle>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
        article: String,
        votes: f64,
    }
    let rows = db
        .prepare(
            "SELECT a.id, v.article, a.votes FROM kb_articles a JOIN kb_versions v ON v.site = a.site AND v.article_id = a.id AND v.number = a.live_version
             WHERE a.site = ?1 AND a.locale = ?2 ORDER BY a.id",
        )
        .bind(&[site.into(), locale.into()])?
        .all()
        .await?
        .results::<Row>()?;
    rows.into_iter().map(|r| Ok(LiveArticle { id: r.id, article: serde_json::from_str::<ArticleDraft>(&r.article)?, votes: r.votes as i64 })).collect()
}

/// An article's popularity (0 for a new one).
pub async fn votes(db: &D1Database, site: &str, id: &str) -> Result<i64, ApiError> {
    let votes = db.prepare("SELECT votes FROM kb_articles WHERE site = ?1 AND id = ?2").bind(&[site.into(), id.into()])?.first::<f64>(Some("votes")).await?;
    Ok(votes.map_or(0, |v| v as i64))
}

/// The articles `link` leads to by translation links, `link` first (empty if there is none).
pub async fn translation_chain(db: &D1Database, site: &str, link: &str) -> Result<Vec<Link>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
        locale: String,
    }
    // Bounded: a chain longer than a site has locales is refused by kb::translation anyway.
    let rows = db
        .prepare(
            "WITH RECURSIVE chain (id, locale, next, depth) AS (
               SELECT id, locale, translation_of, 0 FROM kb_articles WHERE site = ?1 AND id = ?2
               UNION ALL
               SELECT a.id, a.locale, a.translation_of, c.depth + 1 FROM kb_articles a JOIN chain c ON a.site = ?1 AND a.id = c.next WHERE c.depth < 16)
             SELECT id, locale FROM chain ORDER BY depth",
        )
        .bind(&[site.into(), link.into()])?
        .all()
        .await?
        .results::<Row>()?;
    Ok(rows.into_iter().map(|r| (r.id, r.locale)).collect())
}

/// Views and helpful votes per article of `locale` from the widget's events on days `from`..=`to`.
pub async fn article_stats(db: &D1Database, site: &str, locale: &str, from: &str, to: &str) -> Result<Vec<ArticleStats>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        article: String,
        views: f64,
        helpful: f64,
        not_helpful: f64,
    }
    let rows = db
        .prepare(
            "SELECT article, SUM(type = 'article_view') AS views, SUM(type = 'helpful_vote' AND helpful = 1) AS helpful,
               SUM(type = 'helpful_vote' AND helpful = 0) AS not_helpful
             FROM widget_events WHERE site = ?1 AND locale = ?2 AND day BETWEEN ?3 AND ?4 AND type IN ('article_view', 'helpful_vote') AND article IS NOT NULL
             GROUP BY article ORDER BY views DESC, article",
        )
        .bind(&[site.into(), locale.into(), from.into(), to.into()])?
        .all()
        .await?
        .results::<Row>()?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (helpful, not_helpful) = (r.helpful as u32, r.not_helpful as u32);
            ArticleStats { article: r.article, title: None, views: r.views as u32, helpful, not_helpful, helpful_rate: desk::analytics::rate(helpful, not_helpful) }
        })
        .collect())
}

/// A locale's categories with their sections, in order.
pub async fn categories(db: &D1Database, site: &str, locale: &str) -> Result<Vec<Category>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
        name: String,
        position: f64,
    }
    #[derive(Deserialize)]
    struct SectionRow {
        id: String,
        category_id: String,
        name: String,
        position: f64,
    }
    let rows = db.prepare("SELECT id, name, position FROM kb_categories WHERE site = ?1 AND locale = ?2 ORDER BY position, id").bind(&[site.into(), locale.into()])?.all().await?.results::<Row>()?;
    let sections = db
        .prepare(
            "SELECT s.id, s.category_id, s.name, s.position FROM kb_sections s JOIN kb_categories c ON c.site = s.site AND c.id = s.category_id
             WHERE s.site = ?1 AND c.locale = ?2 ORDER BY s.position, s.id",
        )
        .bind(&[site.into(), locale.into()])?
        .all()
        .await?
        .results::<SectionRow>()?;
    let mut by_category: BTreeMap<String, Vec<Section>> = BTreeMap::new();
    for s in sections {
        by_category.entry(s.category_id.clone()).or_default().push(Section { id: s.id, category_id: s.category_id, name: s.name, position: s.position as i64 });
    }
    Ok(rows
        .into_iter()
        .map(|r| Category { sections: by_category.remove(&r.id).unwrap_or_default(), id: r.id, locale: locale.to_string(), name: r.name, position: r.position as i64 })
        .collect())
}

/// The locale of a category, if there is one with this id.
pub async fn category_locale(db: &D1Database, site: &str, id: &str) -> Result<Option<String>, ApiError> {
    Ok(db.prepare("SELECT locale FROM kb_categories WHERE site = ?1 AND id = ?2").bind(&[site.into(), id.into()])?.first::<String>(Some("locale")).await?)
}

/// The locale of a section (its category's), if there is one with this id.
pub async fn section_locale(db: &D1Database, site: &str, id: &str) -> Result<Option<String>, ApiError> {
    Ok(db
        .prepare("SELECT c.locale FROM kb_sections s JOIN kb_categories c ON c.site = s.site AND c.id = s.category_id WHERE s.site = ?1 AND s.id = ?2")
        .bind(&[site.into(), id.into()])?
        .first::<String>(Some("locale"))
        .await?)
}

pub fn insert_category(db: &D1Database, site: &str, c: &Category) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("INSERT INTO kb_categories (site, id, locale, name, position) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(&[site.into(), c.id.as_str().into(), c.locale.as_str().into(), c.name.as_str().into(), int(c.position)])?)
}

pub fn insert_section(db: &D1Database, site: &str, s: &Section) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("INSERT INTO kb_sections (site, id, category_id, name, position) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(&[site.into(), s.id.as_str().into(), s.category_id.as_str().into(), s.name.as_str().into(), int(s.position)])?)
}

/// Renames a category (`table` `kb_categories`) or section (`kb_sections`); follow it with [`guard`].
pub fn rename(db: &D1Database, table: Group, site: &str, id: &str, name: &str) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare(format!("UPDATE {} SET name = ?3 WHERE site = ?1 AND id = ?2", table.table())).bind(&[site.into(), id.into(), name.into()])?)
}

pub fn reposition(db: &D1Database, table: Group, site: &str, id: &str, position: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare(format!("UPDATE {} SET position = ?3 WHERE site = ?1 AND id = ?2", table.table())).bind(&[site.into(), id.into(), int(position)])?)
}

/// Deletes a category or section only while nothing is inside it (sections; articles of any
/// status), so a race with a new one leaves it in place; follow it with [`guard`].
pub fn delete_empty(db: &D1Database, table: Group, site: &str, id: &str) -> Result<D1PreparedStatement, ApiError> {
    let sql = match table {
        Group::Category => "DELETE FROM kb_categories WHERE site = ?1 AND id = ?2 AND NOT EXISTS (SELECT 1 FROM kb_sections WHERE site = ?1 AND category_id = ?2)",
        Group::Section => "DELETE FROM kb_sections WHERE site = ?1 AND id = ?2 AND NOT EXISTS (SELECT 1 FROM kb_articles WHERE site = ?1 AND section_id = ?2)",
    };
    Ok(db.prepare(sql).bind(&[site.into(), id.into()])?)
}

/// How many articles (of any status) a section holds.
pub async fn section_articles(db: &D1Database, site: &str, id: &str) -> Result<usize, ApiError> {
    let n = db.prepare("SELECT COUNT(*) AS n FROM kb_articles WHERE site = ?1 AND section_id = ?2").bind(&[site.into(), id.into()])?.first::<f64>(Some("n")).await?;
    Ok(n.unwrap_or(0.0) as usize)
}

/// A level of the tree.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Category,
    Section,
}

impl Group {
    fn table(self) -> &'static str {
        match self {
            Group::Category => "kb_categories",
            Group::Section => "kb_sections",
        }
    }
}

/// A locale's vocabulary; empty lists until an editor saves one.
pub async fn vocabulary(db: &D1Database, site: &str, locale: &str) -> Result<Vocabulary, ApiError> {
    let stored = db.prepare("SELECT vocabulary FROM kb_vocabulary WHERE site = ?1 AND locale = ?2").bind(&[site.into(), locale.into()])?.first::<String>(Some("vocabulary")).await?;
    Ok(stored.map(|json| serde_json::from_str(&json)).transpose()?.unwrap_or_default())
}

pub fn put_vocabulary(db: &D1Database, site: &str, locale: &str, v: &Vocabulary, at: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO kb_vocabulary (site, locale, vocabulary, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (site, locale) DO UPDATE SET vocabulary = excluded.vocabulary, updated_at = excluded.updated_at",
        )
        .bind(&[site.into(), locale.into(), serde_json::to_string(v)?.into(), int(at)])?)
}

#[derive(Deserialize)]
struct PublicationRow {
    locale: String,
    generation: f64,
    files: String,
    articles: f64,
    at: f64,
}

impl PublicationRow {
    fn publication(self) -> Result<Publication, ApiError> {
        Ok(Publication { locale: self.locale, generation: self.generation as i64, files: serde_json::from_str(&self.files)?, articles: self.articles as i64, at: self.at as i64 })
    }
}

/// Every locale the site published, in whatever index format it was built.
pub async fn publications(db: &D1Database, site: &str) -> Result<Vec<Publication>, ApiError> {
    select_publications(db, "site = ?1", &[site.into()]).await
}

/// The site's publications this worker can serve: those built in its own index format.
pub async fn servable_publications(db: &D1Database, site: &str) -> Result<Vec<Publication>, ApiError> {
    select_publications(db, "site = ?1 AND format_version = ?2", &[site.into(), FORMAT_VERSION.into()]).await
}

pub async fn publication(db: &D1Database, site: &str, locale: &str) -> Result<Option<Publication>, ApiError> {
    Ok(select_publications(db, "site = ?1 AND locale = ?2", &[site.into(), locale.into()]).await?.pop())
}

async fn select_publications(db: &D1Database, filter: &str, values: &[JsValue]) -> Result<Vec<Publication>, ApiError> {
    let sql = format!("SELECT locale, generation, files, articles, at FROM kb_publications WHERE {filter} ORDER BY locale");
    let rows = db.prepare(sql).bind(values)?.all().await?.results::<PublicationRow>()?;
    rows.into_iter().map(PublicationRow::publication).collect()
}

/// Publications built in another index format than this worker's (site and locale), at most
/// `limit`: the scheduled sweep builds them again.
pub async fn outdated_publications(db: &D1Database, limit: u32) -> Result<Vec<(String, String)>, ApiError> {
    #[derive(Deserialize)]
    struct Outdated {
        site: String,
        locale: String,
    }
    let sql = "SELECT site, locale FROM kb_publications WHERE format_version <> ?1 ORDER BY site, locale LIMIT ?2";
    let rows = db.prepare(sql).bind(&[FORMAT_VERSION.into(), limit.into()])?.all().await?.results::<Outdated>()?;
    Ok(rows.into_iter().map(|row| (row.site, row.locale)).collect())
}

/// Switches the locale to `p`, built in this worker's index format, if its generation is still
/// the one before `p`'s (0: never published); follow it with [`guard`].
pub fn switch_publication(db: &D1Database, site: &str, p: &Publication) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO kb_publications (site, locale, generation, files, articles, at, format_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (site, locale) DO UPDATE SET generation = excluded.generation, files = excluded.files, articles = excluded.articles, at = excluded.at,
               format_version = excluded.format_version
             WHERE kb_publications.generation = excluded.generation - 1",
        )
        .bind(&[site.into(), p.locale.as_str().into(), int(p.generation), serde_json::to_string(&p.files)?.into(), int(p.articles), int(p.at), FORMAT_VERSION.into()])?)
}
