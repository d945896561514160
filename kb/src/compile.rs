//! A locale's published articles → faq-data's `LocaleContent`, the input `faq build` gives the
//! builder for a content folder: the same categories and sections in order, each live version's
//! Markdown rendered by the same function, the vocabulary as `_data/` would hold it. The builder
//! (`faq_data::build::write_locale`) sanitises and indexes it; nothing here knows the index format.

use faq_data::build::load::markdown_to_html;
use faq_data::build::{ArticleSource, CategorySource, LocaleContent, SectionSource};
use wire::kb::{ArticleDraft, BodyFormat, Category, Vocabulary};

use crate::{vocabulary, KbError};

/// An article's live version.
#[derive(Debug, Clone)]
pub struct LiveArticle {
    pub id: String,
    pub article: ArticleDraft,
    /// How popular it is (the ranking's prior): an import's vote count, else 0.
    pub votes: i64,
}

/// The builder input of `locale`: every category with its sections, the live articles placed in
/// their sections (a section's articles in the order given), and the vocabulary.
pub fn locale_content(locale: &str, categories: &[Category], live: &[LiveArticle], vocabulary: &Vocabulary) -> Result<LocaleContent, KbError> {
    let position = |p: i64| p.clamp(0, u32::MAX as i64) as u32;
    let mut content = LocaleContent {
        locale: locale.to_string(),
        categories: categories
            .iter()
            .filter(|c| c.locale == locale)
            .map(|c| CategorySource {
                id: c.id.clone(),
                name: c.name.clone(),
                position: position(c.position),
                sections: c.sections.iter().map(|s| SectionSource { id: s.id.clone(), name: s.name.clone(), position: position(s.position), articles: Vec::new() }).collect(),
            })
            .collect(),
        data: vocabulary::editor_data(vocabulary),
    };
    for a in live {
        let section = content
            .categories
            .iter_mut()
            .flat_map(|c| c.sections.iter_mut())
            .find(|s| s.id == a.article.section_id)
            .ok_or_else(|| KbError::invalid("article.section_id", format!("article `{}` is in section `{}`, which the {locale} help center does not have", a.id, a.article.section_id)))?;
        section.articles.push(ArticleSource {
            id: a.id.clone(),
            title: a.article.title.clone(),
            questions: a.article.questions.clone(),
            keywords: a.article.keywords.clone(),
            promoted: a.article.promoted,
            votes: a.votes,
            body_html: match a.article.format {
                BodyFormat::Markdown => markdown_to_html(&a.article.body),
                BodyFormat::Html => a.article.body.clone(),
            },
            // Kept for an export, which writes the article back as it was written.
            markdown: (a.article.format == BodyFormat::Markdown).then(|| a.article.body.clone()),
            ..ArticleSource::default()
        });
    }
    Ok(content)
}

#[cfg(test)]
mod tests {
    use super::*;
    use faq_data::{Reason, SearchOptions};
    use wire::kb::Section;

    fn tree() -> Vec<Category> {
        let section = |id: &str, name: &str| Section { id: id.into(), category_id: "1".into(), name: name.into(), position: 1 };
        vec![
            Category { id: "1".into(), locale: "en-us".into(), name: "VIP membership".into(), position: 1, sections: vec![section("10", "Auto-renewal")] },
            Category { id: "2".into(), locale: "zh-cn".into(), name: "会员服务".into(), position: 1, sections: vec![] },
        ]
    }

    fn live(id: &str, title: &str, body: &str) -> LiveArticle {
        LiveArticle {
            id: id.into(),
            article: ArticleDraft { title: title.into(), questions: vec![], keywords: vec![], body: body.into(), format: BodyFormat::Markdown, section_id: "10".into(), promoted: false, translation_of: None },
            votes: 0,
        }
    }

    #[test]
    fn the_builder_indexes_what_is_live_with_its_markdown_rendered_and_sanitised() {
        let vocabulary = Vocabulary { cues: [("money_lost".to_string(), vec!["charged*twice".to_string()])].into(), ..Vocabulary::default() };
        let articles = [live("a1", "Cancel auto-renewal", "Open **Me → VIP** <script>alert(1)</script>"), live("a2", "Refund policy", "Within 7 days.")];
        let content = locale_content("en-us", &tree(), &articles, &vocabulary).unwrap();
        assert_eq!(content.categories.len(), 1, "only the locale's own categories");
        let built = faq_data::build::write_locale(&content).unwrap();
        let index = built.open().unwrap();
        assert_eq!(index.search("cancel auto renewal", &SearchOptions::default()).unwrap().results[0].id, "a1");
        let body = index.body("a1").unwrap().unwrap();
        assert!(body.contains("<strong>Me → VIP</strong>") && !body.contains("<script"), "{body}");
        assert_eq!(index.triage("I was charged twice").reasons, vec![Reason::MoneyLost]);
    }

    #[test]
    fn an_html_body_is_kept_as_written_until_the_builder_sanitises_it() {
        let mut imported = live("z1", "Imported", "<p>Line one\n\n    not code</p><script>x()</script>");
        imported.article.format = BodyFormat::Html;
        let content = locale_content("en-us", &tree(), &[imported], &Vocabulary::default()).unwrap();
        assert_eq!(content.categories[0].sections[0].articles[0].body_html, "<p>Line one\n\n    not code</p><script>x()</script>");
        let built = faq_data::build::write_locale(&content).unwrap();
        let index = built.open().unwrap();
        let body = index.body("z1").unwrap().unwrap();
        assert!(!body.contains("<pre") && !body.contains("<script"), "{body}");
    }

    #[test]
    fn an_article_in_a_missing_section_is_named() {
        let mut stray = live("a9", "Lost", "Nowhere");
        stray.article.section_id = "99".into();
        assert!(matches!(locale_content("en-us", &tree(), &[stray], &Vocabulary::default()), Err(KbError::Invalid { message, .. }) if message.contains("a9")));
    }
}
