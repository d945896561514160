//! A content folder (the layout `faq build` reads) as the knowledge base's records: each locale's
//! categories and sections with their ids, every article as its first published version with its
//! id kept (links and analytics keep working), and the locale's vocabulary. Bodies are the HTML
//! the folder's loader renders (Markdown files rendered, imported HTML as written), so the
//! help center built from the records is the one `faq build` builds.

use faq_data::build::{Content, EditorData};
use crate::article::check_draft;
use wire::kb::{Article, ArticleDraft, ArticleStatus, BodyFormat, Category, Section, Version, Vocabulary};

/// One locale's records.
pub struct Imported {
    pub categories: Vec<Category>,
    /// Each article, its first version and its votes.
    pub articles: Vec<(Article, Version, i64)>,
    pub vocabulary: Vocabulary,
}

/// Every locale of `content`, as published by `by` at `at`; or, when some article breaks the
/// editing rules (an empty title, a body over the limit…), each such article and why, so nothing
/// enters that an editor could not then save.
pub fn records(content: &Content, at: i64, by: &str) -> Result<Vec<(String, Imported)>, Vec<String>> {
    let mut problems = Vec::new();
    let records = content
        .locales
        .iter()
        .map(|locale| {
            let mut articles = Vec::new();
            let categories = locale
                .categories
                .iter()
                .map(|c| Category {
                    id: c.id.clone(),
                    locale: locale.locale.clone(),
                    name: c.name.clone(),
                    position: c.position.into(),
                    sections: c
                        .sections
                        .iter()
                        .map(|s| {
                            for a in &s.articles {
                                let written = ArticleDraft {
                                    title: a.title.clone(),
                                    questions: a.questions.clone(),
                                    keywords: a.keywords.clone(),
                                    body: a.body_html.clone(),
                                    format: BodyFormat::Html,
                                    section_id: s.id.clone(),
                                    promoted: a.promoted,
                                    translation_of: None,
                                };
                                let draft = match check_draft(&written, &locale.locale, Some(&locale.locale)) {
                                    Ok(draft) => draft,
                                    Err(e) => {
                                        problems.push(format!("{} article {}: {e}", locale.locale, a.id));
                                        continue;
                                    }
                                };
                                let article = Article {
                                    id: a.id.clone(),
                                    locale: locale.locale.clone(),
                                    draft: draft.clone(),
                                    status: ArticleStatus::Published,
                                    revision: 1,
                                    live_version: Some(1),
                                    updated_at: at,
                                    updated_by: by.to_string(),
                                    // An import is nobody's own work: any editor may review it.
                                    author_id: None,
                                    sent_back: None,
                                };
                                articles.push((article, Version { number: 1, at, author_id: None, author_name: by.to_string(), article: draft }, a.votes));
                            }
                            Section { id: s.id.clone(), category_id: c.id.clone(), name: s.name.clone(), position: s.position.into() }
                        })
                        .collect(),
                })
                .collect();
            (locale.locale.clone(), Imported { categories, articles, vocabulary: vocabulary(&locale.data) })
        })
        .collect();
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

fn vocabulary(data: &EditorData) -> Vocabulary {
    Vocabulary {
        stop_words: data.stop_words.clone(),
        synonyms: data.synonyms.clone(),
        cues: data.cues.lists().iter().map(|(reason, list)| (reason.name().to_string(), list.clone())).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{locale_content, LiveArticle};
    use faq_data::{Index, SearchOptions};

    #[test]
    fn the_imported_records_build_the_same_search_as_the_folder() {
        let mut content = Content::example();
        content.locales[0].categories[0].sections[0].articles[1].votes = 40;
        let (locale, imported) = records(&content, 5, "import").unwrap().remove(0);
        assert_eq!(imported.articles.len(), 3);
        let live: Vec<LiveArticle> = imported.articles.iter().map(|(a, v, votes)| LiveArticle { id: a.id.clone(), article: v.article.clone(), votes: *votes }).collect();
        let rebuilt = locale_content(&locale, &imported.categories, &live, &imported.vocabulary).unwrap();
        let from_records = faq_data::build::write_locale(&rebuilt).unwrap().open().unwrap();
        let from_folder = faq_data::build::write_locale(&content.locales[0]).unwrap().open().unwrap();
        for query in ["cancel auto renewal", "refund", "charged twice"] {
            let ids = |index: &Index| index.search(query, &SearchOptions::default()).unwrap().results.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&from_records), ids(&from_folder), "{query}");
        }
        assert_eq!(from_records.triage("I was charged twice").reasons, from_folder.triage("I was charged twice").reasons);
    }

    #[test]
    fn an_article_an_editor_could_not_save_is_named_and_nothing_imported() {
        let mut content = Content::example();
        content.locales[0].categories[0].sections[0].articles[2].title = "  ".into();
        let problems = records(&content, 5, "import").err().expect("refused");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("en-us article 1003: article.title"), "{}", problems[0]);
    }
}
