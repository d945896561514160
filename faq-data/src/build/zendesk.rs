//! A Zendesk Help Center export (`categories`, `sections`, `articles`, as its API returns
//! them) → [`Content`], and [`Content`] → a content folder (`faq import`).

use std::fs;
use std::path::Path;

use serde::{Deserialize, Deserializer};

use super::tree::tree_files;
use super::{ArticleSource, CategorySource, Content, LocaleContent, SectionSource};

#[derive(Deserialize)]
struct Export {
    categories: Vec<ZCategory>,
    sections: Vec<ZSection>,
    articles: Vec<ZArticle>,
}

#[derive(Deserialize)]
struct ZCategory {
    #[serde(deserialize_with = "id")]
    id: String,
    name: String,
    locale: String,
    #[serde(default)]
    position: u32,
}

#[derive(Deserialize)]
struct ZSection {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(deserialize_with = "id")]
    category_id: String,
    name: String,
    #[serde(default)]
    position: Option<u32>,
}

#[derive(Deserialize)]
struct ZArticle {
    #[serde(deserialize_with = "id")]
    id: String,
    #[serde(deserialize_with = "id")]
    section_id: String,
    locale: String,
    title: String,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    label_names: Vec<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    promoted: bool,
    #[serde(default)]
    vote_sum: i64,
    #[serde(default)]
    updated_at: Option<String>,
}

/// Zendesk ids are numbers; keep them as the decimal strings users see in URLs.
fn id<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(u64),
        Text(String),
    }
    Ok(match Id::deserialize(d)? {
        Id::Number(n) => n.to_string(),
        Id::Text(s) => s,
    })
}

/// Something in an export that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// `article` or `section`.
    pub kind: &'static str,
    pub id: String,
    /// The article's title or the section's name.
    pub title: String,
    pub reason: String,
}

/// Parses an export, with what it leaves out: drafts (only published articles are imported), an
/// article whose section or a section whose category the export does not hold, an article in
/// another locale than its section's category. Sections keep the export's order when it has no
/// positions.
pub fn parse_export(json: &str) -> Result<(Content, Vec<Skipped>), serde_json::Error> {
    let export: Export = serde_json::from_str(json)?;
    let mut skipped = Vec::new();
    let category_locale = |id: &str| export.categories.iter().find(|c| c.id == id).map(|c| c.locale.to_lowercase());
    for s in &export.sections {
        if category_locale(&s.category_id).is_none() {
            skipped.push(Skipped { kind: "section", id: s.id.clone(), title: s.name.clone(), reason: format!("its category {} is not in the export", s.category_id) });
        }
    }
    for a in &export.articles {
        let skip = |reason: String| Skipped { kind: "article", id: a.id.clone(), title: a.title.clone(), reason };
        let section_locale = export.sections.iter().find(|s| s.id == a.section_id).map(|s| category_locale(&s.category_id));
        match section_locale {
            _ if a.draft => skipped.push(skip("a draft in the export: only published articles are imported".into())),
            None | Some(None) => skipped.push(skip(format!("its section {} is not in the export", a.section_id))),
            Some(Some(locale)) if locale != a.locale.to_lowercase() => {
                skipped.push(skip(format!("written in {} but its section is in the {locale} help center", a.locale)))
            }
            Some(Some(_)) => {}
        }
    }
    let mut locales: Vec<LocaleContent> = Vec::new();
    for c in &export.categories {
        let locale = c.locale.to_lowercase();
        let sections = export
            .sections
            .iter()
            .filter(|s| s.category_id == c.id)
            .enumerate()
            .map(|(i, s)| SectionSource {
                id: s.id.clone(),
                name: s.name.clone(),
                position: s.position.unwrap_or(i as u32 + 1),
                articles: export
                    .articles
                    .iter()
                    .filter(|a| a.section_id == s.id && !a.draft && a.locale.to_lowercase() == locale)
                    .map(|a| ArticleSource {
                        id: a.id.clone(),
                        title: a.title.clone(),
                        questions: Vec::new(),
                        keywords: a.label_names.clone(),
                        promoted: a.promoted,
                        votes: a.vote_sum,
                        updated: a.updated_at.clone(),
                        body_html: a.body.clone().unwrap_or_default(),
                        markdown: None,
                        origin: None,
                    })
                    .collect(),
            })
            .collect();
        let category = CategorySource { id: c.id.clone(), name: c.name.clone(), position: c.position, sections };
        match locales.iter_mut().find(|l| l.locale == locale) {
            Some(l) => l.categories.push(category),
            None => locales.push(LocaleContent { locale, categories: vec![category], data: Default::default() }),
        }
    }
    Ok((Content { locales }, skipped))
}

/// Writes content as a folder an editor can work in ([`tree_files`]); returns how many articles
/// were written. Existing `_data` folders (editor vocabulary) are left alone.
pub fn write_tree(content: &Content, out: &Path) -> std::io::Result<usize> {
    let files = tree_files(content).map_err(std::io::Error::other)?;
    for (path, text) in &files {
        let path = out.join(path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(path, text)?;
    }
    Ok(content.locales.iter().flat_map(|l| &l.categories).flat_map(|c| &c.sections).map(|s| s.articles.len()).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_skipped_and_ids_become_strings() {
        let json = r#"{"categories":[{"id":1,"name":"C","locale":"en-US","position":1}],
            "sections":[{"id":2,"category_id":1,"name":"S","locale":"en-us"}],
            "articles":[{"id":3,"section_id":2,"locale":"en-us","title":"T","body":"<p>b</p>","draft":false},
                        {"id":4,"section_id":2,"locale":"en-us","title":"D","body":"<p>d</p>","draft":true}]}"#;
        let (content, skipped) = parse_export(json).unwrap();
        let articles = &content.locales[0].categories[0].sections[0].articles;
        assert_eq!(content.locales[0].locale, "en-us");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].id, "3");
        assert_eq!(skipped.len(), 1);
        assert_eq!((skipped[0].id.as_str(), skipped[0].title.as_str()), ("4", "D"));
        assert!(skipped[0].reason.contains("draft"));
    }

    #[test]
    fn what_has_no_place_is_reported_with_its_reason() {
        let json = r#"{"categories":[{"id":1,"name":"C","locale":"en-us","position":1}],
            "sections":[{"id":2,"category_id":1,"name":"S"},{"id":5,"category_id":9,"name":"Orphan"}],
            "articles":[{"id":3,"section_id":2,"locale":"zh-cn","title":"Wrong locale","body":"<p>b</p>"},
                        {"id":6,"section_id":5,"locale":"en-us","title":"In the orphan","body":"<p>b</p>"},
                        {"id":7,"section_id":77,"locale":"en-us","title":"Nowhere","body":"<p>b</p>"}]}"#;
        let (content, skipped) = parse_export(json).unwrap();
        assert!(content.locales[0].categories[0].sections[0].articles.is_empty());
        let reasons: Vec<(&str, &str)> = skipped.iter().map(|s| (s.id.as_str(), s.reason.as_str())).collect();
        assert_eq!(
            reasons,
            [
                ("5", "its category 9 is not in the export"),
                ("3", "written in zh-cn but its section is in the en-us help center"),
                ("6", "its section 5 is not in the export"),
                ("7", "its section 77 is not in the export"),
            ]
        );
    }
}
