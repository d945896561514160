//! The knowledge base read and written whole, for an import and an export: what is stored under
//! an import's ids (a few queries for all of them, not one per article), categories and sections
//! stored over the ones of the same id, and every locale's working copies.

use std::collections::BTreeMap;

use kb::compile::LiveArticle;
use kb::import::{Imported, Stored};
use serde::Deserialize;
use wire::kb::{Category, Section};
use worker::{D1Database, D1PreparedStatement};

use super::int;
use super::kb::{ArticleRow, ARTICLE};
use crate::api::ApiError;

/// What the site holds under the ids of one locale's imported records.
pub async fn stored(db: &D1Database, site: &str, imported: &Imported) -> Result<Stored, ApiError> {
    #[derive(Deserialize)]
    struct Owner {
        id: String,
        locale: String,
    }
    #[derive(Deserialize)]
    struct Newest {
        article_id: String,
        n: f64,
    }
    let ids = |list: Vec<&String>| serde_json::to_string(&list);
    let category_ids = ids(imported.categories.iter().map(|c| &c.id).collect())?;
    let section_ids = ids(imported.categories.iter().flat_map(|c| &c.sections).map(|s| &s.id).collect())?;
    let article_ids = ids(imported.articles.iter().map(|(id, _, _)| id).collect())?;
    let owners = |sql: &str, list: &str| db.prepare(sql).bind(&[site.into(), list.into()]);
    let categories = owners("SELECT id, locale FROM kb_categories WHERE site = ?1 AND id IN (SELECT value FROM json_each(?2))", &category_ids)?.all().await?.results::<Owner>()?;
    let sections = owners(
        "SELECT s.id, c.locale FROM kb_sections s JOIN kb_categories c ON c.site = s.site AND c.id = s.category_id
         WHERE s.site = ?1 AND s.id IN (SELECT value FROM json_each(?2))",
        &section_ids,
    )?
    .all()
    .await?
    .results::<Owner>()?;
    let articles = owners(&format!("{ARTICLE} WHERE site = ?1 AND id IN (SELECT value FROM json_each(?2))"), &article_ids)?.all().await?.results::<ArticleRow>()?;
    let newest: BTreeMap<String, i64> = owners("SELECT article_id, MAX(number) AS n FROM kb_versions WHERE site = ?1 AND article_id IN (SELECT value FROM json_each(?2)) GROUP BY article_id", &article_ids)?
        .all()
        .await?
        .results::<Newest>()?
        .into_iter()
        .map(|v| (v.article_id, v.n as i64))
        .collect();
    let mut stored = Stored {
        category_locales: categories.into_iter().map(|o| (o.id, o.locale)).collect(),
        section_locales: sections.into_iter().map(|o| (o.id, o.locale)).collect(),
        ..Stored::default()
    };
    for row in articles {
        let article = row.article()?;
        let number = newest.get(&article.id).copied().unwrap_or(0);
        stored.articles.insert(article.id.clone(), (article, number));
    }
    Ok(stored)
}

/// A category stored as the import has it: new, or renamed and moved.
pub fn put_category(db: &D1Database, site: &str, c: &Category) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO kb_categories (site, id, locale, name, position) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (site, id) DO UPDATE SET name = excluded.name, position = excluded.position",
        )
        .bind(&[site.into(), c.id.as_str().into(), c.locale.as_str().into(), c.name.as_str().into(), int(c.position)])?)
}

pub fn put_section(db: &D1Database, site: &str, s: &Section) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare(
            "INSERT INTO kb_sections (site, id, category_id, name, position) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (site, id) DO UPDATE SET category_id = excluded.category_id, name = excluded.name, position = excluded.position",
        )
        .bind(&[site.into(), s.id.as_str().into(), s.category_id.as_str().into(), s.name.as_str().into(), int(s.position)])?)
}

/// An imported article's popularity (the ranking's prior).
pub fn set_votes(db: &D1Database, site: &str, id: &str, votes: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare("UPDATE kb_articles SET votes = ?3 WHERE site = ?1 AND id = ?2").bind(&[site.into(), id.into(), int(votes)])?)
}

/// Each article of `locale` an editor still works on (archived ones left out): its working copy
/// and votes, by id.
pub async fn working_copies(db: &D1Database, site: &str, locale: &str) -> Result<Vec<LiveArticle>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        id: String,
        draft: String,
        votes: f64,
    }
    let rows = db
        .prepare("SELECT id, draft, votes FROM kb_articles WHERE site = ?1 AND locale = ?2 AND status != 'archived' ORDER BY id")
        .bind(&[site.into(), locale.into()])?
        .all()
        .await?
        .results::<Row>()?;
    rows.into_iter().map(|r| Ok(LiveArticle { id: r.id, article: serde_json::from_str(&r.draft)?, votes: r.votes as i64 })).collect()
}
