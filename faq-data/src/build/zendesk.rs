//! A Zendesk Help Center export (`categories`, `sections`, `articles`, as its API returns
//! them) → [`Content`], and [`Content`] → a content folder (`faq import`).

use std::fs;
use std::path::Path;

use pinyin::ToPinyin;
use serde::{Deserialize, Deserializer};

use super::load::{FrontMatter, GroupFile, FRONT_MATTER_FENCE};
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

/// Parses an export. Drafts are skipped; sections keep the export's order when it has no
/// positions.
pub fn parse_export(json: &str) -> Result<Content, serde_json::Error> {
    let export: Export = serde_json::from_str(json)?;
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
    Ok(Content { locales })
}

/// Writes content as a folder an editor can work in; returns how many articles were written.
/// Existing `_data` folders (editor vocabulary) are left alone.
pub fn write_tree(content: &Content, out: &Path) -> std::io::Result<usize> {
    let mut written = 0;
    let toml_error = |e: toml::ser::Error| std::io::Error::other(e.to_string());
    for locale in &content.locales {
        for c in &locale.categories {
            let c_dir = out.join(&locale.locale).join(folder_name(c.position, &c.name));
            fs::create_dir_all(&c_dir)?;
            let meta = GroupFile { id: c.id.clone(), name: c.name.clone(), position: c.position };
            fs::write(c_dir.join("_category.toml"), toml::to_string(&meta).map_err(toml_error)?)?;
            for s in &c.sections {
                let s_dir = c_dir.join(folder_name(s.position, &s.name));
                fs::create_dir_all(&s_dir)?;
                let meta = GroupFile { id: s.id.clone(), name: s.name.clone(), position: s.position };
                fs::write(s_dir.join("_section.toml"), toml::to_string(&meta).map_err(toml_error)?)?;
                for a in &s.articles {
                    let front = FrontMatter {
                        id: a.id.clone(),
                        title: a.title.clone(),
                        questions: a.questions.clone(),
                        keywords: a.keywords.clone(),
                        promoted: a.promoted,
                        votes: a.votes,
                        updated: a.updated.clone(),
                        format: Some("html".into()),
                    };
                    let front = toml::to_string(&front).map_err(toml_error)?;
                    let file = format!("{FRONT_MATTER_FENCE}\n{front}{FRONT_MATTER_FENCE}\n{}\n", a.body_html.trim());
                    fs::write(s_dir.join(format!("{}.md", a.id)), file)?;
                    written += 1;
                }
            }
        }
    }
    Ok(written)
}

/// `03-huiyuan-fuwu`: the position keeps folders in display order; Chinese names become pinyin
/// so paths stay ASCII.
fn folder_name(position: u32, name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        let part = match c.to_pinyin() {
            Some(p) => format!("-{}-", p.plain()),
            None if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
            None => "-".to_string(),
        };
        slug.push_str(&part);
    }
    let slug = slug.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
    format!("{position:02}-{slug}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_ascii_and_ordered() {
        assert_eq!(folder_name(3, "会员服务"), "03-hui-yuan-fu-wu");
        assert_eq!(folder_name(1, "Account management"), "01-account-management");
    }

    #[test]
    fn drafts_are_skipped_and_ids_become_strings() {
        let json = r#"{"categories":[{"id":1,"name":"C","locale":"en-US","position":1}],
            "sections":[{"id":2,"category_id":1,"name":"S","locale":"en-us"}],
            "articles":[{"id":3,"section_id":2,"locale":"en-us","title":"T","body":"<p>b</p>","draft":false},
                        {"id":4,"section_id":2,"locale":"en-us","title":"D","body":"<p>d</p>","draft":true}]}"#;
        let content = parse_export(json).unwrap();
        let articles = &content.locales[0].categories[0].sections[0].articles;
        assert_eq!(content.locales[0].locale, "en-us");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].id, "3");
    }
}
