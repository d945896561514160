//! A content folder or an export (faq-data's `Content`, the layout `faq build` reads) as the
//! knowledge base's records, and what storing them changes: each locale's categories and
//! sections with their ids, every article with its id kept (links and analytics keep working) as
//! a new article, a new revision of the stored one, or left alone when nothing changed, and the
//! locale's vocabulary. Bodies keep the form they were written in (Markdown, or imported HTML as
//! written), so the help center built from the records is the one `faq build` builds.

use std::collections::BTreeMap;

use faq_data::build::{Content, EditorData};
use wire::kb::{Article, ArticleDraft, ArticleStatus, BodyFormat, Category, Section, Version, Vocabulary};

use crate::article::{self, check_draft, version_of, Edit, Review};
use crate::tree::check_name;
use crate::KbError;
use wire::limits;
pub use faq_data::build::zendesk::Skipped;

/// One locale's records.
pub struct Imported {
    pub categories: Vec<Category>,
    /// Each article: its id, its content (checked as an editor's save is) and its votes.
    pub articles: Vec<(String, ArticleDraft, i64)>,
    pub vocabulary: Vocabulary,
}

/// Every locale of `content`, with each article an editor could not save as it stands (an empty
/// title, a body over the limit…) left out and named with the reason.
pub fn records(content: &Content) -> (Vec<(String, Imported)>, Vec<Skipped>) {
    let mut skipped = Vec::new();
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
                                let (body, format) = match &a.markdown {
                                    Some(markdown) => (markdown.clone(), BodyFormat::Markdown),
                                    None => (a.body_html.clone(), BodyFormat::Html),
                                };
                                let written = ArticleDraft {
                                    title: a.title.clone(),
                                    questions: a.questions.clone(),
                                    keywords: a.keywords.clone(),
                                    body,
                                    format,
                                    section_id: s.id.clone(),
                                    promoted: a.promoted,
                                    translation_of: None,
                                };
                                match check_id(&a.id).and_then(|()| check_draft(&written, &locale.locale, Some(&locale.locale))) {
                                    Ok(draft) => articles.push((a.id.clone(), draft, a.votes)),
                                    Err(e) => skipped.push(Skipped { kind: "article", id: a.id.clone(), title: a.title.clone(), reason: e.to_string() }),
                                }
                            }
                            Section { id: s.id.clone(), category_id: c.id.clone(), name: s.name.clone(), position: s.position.into() }
                        })
                        .collect(),
                })
                .collect();
            (locale.locale.clone(), Imported { categories, articles, vocabulary: vocabulary(&locale.data) })
        })
        .collect();
    (records, skipped)
}

/// An article's id is kept, and goes into links: letters, digits, `-` and `_`.
fn check_id(id: &str) -> Result<(), KbError> {
    if id.is_empty() || id.len() > limits::ARTICLE_ID || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        return Err(KbError::invalid("article.id", format!("an id is 1 to {} letters, digits, - or _", limits::ARTICLE_ID)));
    }
    Ok(())
}

fn vocabulary(data: &EditorData) -> Vocabulary {
    Vocabulary {
        stop_words: data.stop_words.clone(),
        synonyms: data.synonyms.clone(),
        cues: data.cues.lists().iter().map(|(reason, list)| (reason.name().to_string(), list.clone())).collect(),
    }
}

/// What the knowledge base holds already under an import's ids.
#[derive(Default)]
pub struct Stored {
    /// The locale of each stored category and section among the imported ones, by id.
    pub category_locales: BTreeMap<String, String>,
    pub section_locales: BTreeMap<String, String>,
    /// Each stored article among the imported ones, with the number of its newest version (0:
    /// never published).
    pub articles: BTreeMap<String, (Article, i64)>,
}

/// What storing one locale's records does.
#[derive(Default)]
pub struct Plan {
    /// Categories and sections to store (new, or renamed and moved to the import's place).
    pub categories: Vec<Category>,
    /// New articles, each with its first version when published, and its votes.
    pub created: Vec<(Article, Option<Version>, i64)>,
    /// Stored articles changed: the article, the revision it was read at, its new version when
    /// published.
    pub updated: Vec<(Article, i64, Option<Version>)>,
    /// Stored articles the import would not change.
    pub unchanged: Vec<Article>,
    pub skipped: Vec<Skipped>,
}

/// An import may publish what it stores only where the site does not require review (its
/// articles would go live unapproved); it may always store them as drafts.
pub fn check_publishing(publish: bool, review: Review) -> Result<(), KbError> {
    if publish && review == Review::Required {
        return Err(KbError::ReviewRequired);
    }
    Ok(())
}

/// The changes that store `imported` (the records of `locale`) over `stored`: as drafts, or as
/// published versions when `publish` (which [`check_publishing`] allowed). A stored article keeps its translation link (a folder does
/// not carry one); an id that is taken in another locale is skipped, never moved.
pub fn plan(locale: &str, imported: Imported, stored: &Stored, publish: bool, edit: Edit) -> Plan {
    let mut plan = Plan::default();
    let elsewhere = |kind: &'static str, id: &str, title: &str, other: &str| Skipped {
        kind,
        id: id.to_string(),
        title: title.to_string(),
        reason: format!("the id is taken by a {kind} of the {other} help center"),
    };
    let mut placed_sections = Vec::new();
    for mut category in imported.categories {
        let group = |kind: &'static str, id: &str, name: &str, stored_in: Option<&String>| match (check_name(name), stored_in.filter(|l| *l != locale)) {
            (Err(e), _) => Some(Skipped { kind, id: id.to_string(), title: name.to_string(), reason: e.to_string() }),
            (Ok(_), Some(other)) => Some(elsewhere(kind, id, name, other)),
            (Ok(_), None) => None,
        };
        if let Some(skip) = group("category", &category.id, &category.name, stored.category_locales.get(&category.id)) {
            plan.skipped.push(skip);
            continue;
        }
        category.sections.retain(|s| match group("section", &s.id, &s.name, stored.section_locales.get(&s.id)) {
            Some(skip) => {
                plan.skipped.push(skip);
                false
            }
            None => true,
        });
        placed_sections.extend(category.sections.iter().map(|s| s.id.clone()));
        plan.categories.push(category);
    }
    for (id, mut draft, votes) in imported.articles {
        if !placed_sections.contains(&draft.section_id) {
            plan.skipped.push(Skipped { kind: "article", id, title: draft.title, reason: format!("its section {} was not imported", draft.section_id) });
            continue;
        }
        match stored.articles.get(&id) {
            Some((current, _)) if current.locale != locale => plan.skipped.push(elsewhere("article", &id, &draft.title, &current.locale)),
            Some((current, newest)) => {
                draft.translation_of = current.draft.translation_of.clone();
                let live = current.status == ArticleStatus::Published;
                if current.draft == draft && (live || !publish) {
                    plan.unchanged.push(current.clone());
                    continue;
                }
                let saved = article::save(current, current.revision, draft, edit).expect("saved over the revision just read");
                if publish {
                    let published = article::publish(&saved, saved.revision, newest + 1, edit, Review::Optional).expect("a draft just saved publishes");
                    let version = version_of(&published, newest + 1, Some(edit.by_id));
                    plan.updated.push((published, current.revision, Some(version)));
                } else {
                    plan.updated.push((saved, current.revision, None));
                }
            }
            None => {
                let mut article = article::create(&id, locale, draft, edit);
                // An import is nobody's own work: any editor may review it.
                article.author_id = None;
                let version = publish.then(|| {
                    article.status = ArticleStatus::Published;
                    article.live_version = Some(1);
                    version_of(&article, 1, None)
                });
                plan.created.push((article, version, votes));
            }
        }
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{locale_content, LiveArticle};
    use faq_data::{Index, SearchOptions};

    const ADA: Edit = Edit { at: 5, by: "Ada", by_id: "ada" };

    fn example() -> (String, Imported) {
        let mut content = Content::example();
        content.locales[0].categories[0].sections[0].articles[1].votes = 40;
        let (mut records, skipped) = records(&content);
        assert!(skipped.is_empty());
        records.remove(0)
    }

    #[test]
    fn the_imported_records_build_the_same_search_as_the_folder() {
        let (locale, imported) = example();
        assert_eq!(imported.articles.len(), 3);
        let live: Vec<LiveArticle> = imported.articles.iter().map(|(id, draft, votes)| LiveArticle { id: id.clone(), article: draft.clone(), votes: *votes }).collect();
        let rebuilt = locale_content(&locale, &imported.categories, &live, &imported.vocabulary).unwrap();
        let from_records = faq_data::build::write_locale(&rebuilt).unwrap().open().unwrap();
        let from_folder = faq_data::build::write_locale(&Content::example().locales[0]).unwrap().open().unwrap();
        for query in ["cancel auto renewal", "refund", "charged twice"] {
            let ids = |index: &Index| index.search(query, &SearchOptions::default()).unwrap().results.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&from_records), ids(&from_folder), "{query}");
        }
        assert_eq!(from_records.triage("I was charged twice").reasons, from_folder.triage("I was charged twice").reasons);
    }

    #[test]
    fn an_article_an_editor_could_not_save_is_skipped_with_why() {
        let mut content = Content::example();
        content.locales[0].categories[0].sections[0].articles[2].title = "  ".into();
        let (read, skipped) = records(&content);
        assert_eq!(read[0].1.articles.len(), 2);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].id, "1003");
        assert!(skipped[0].reason.starts_with("article.title"), "{}", skipped[0].reason);
        content.locales[0].categories[0].sections[0].articles[2].title = "Fine".into();
        content.locales[0].categories[0].sections[0].articles[2].id = "../x".into();
        assert!(records(&content).1[0].reason.starts_with("article.id"));
    }

    #[test]
    fn new_articles_are_created_as_drafts_or_published_as_version_one() {
        let (locale, imported) = example();
        let drafts = plan(&locale, imported, &Stored::default(), false, ADA);
        assert_eq!(drafts.created.len(), 3);
        assert!(drafts.created.iter().all(|(a, v, _)| a.status == ArticleStatus::Draft && a.live_version.is_none() && v.is_none() && a.author_id.is_none()));
        assert_eq!(drafts.created[1].2, 40, "votes kept");
        let (locale, imported) = example();
        let published = plan(&locale, imported, &Stored::default(), true, ADA);
        let (article, version, _) = &published.created[0];
        assert_eq!((article.status, article.live_version, version.as_ref().map(|v| v.number)), (ArticleStatus::Published, Some(1), Some(1)));
    }

    #[test]
    fn a_stored_article_gets_a_new_revision_unless_nothing_changed() {
        let (locale, imported) = example();
        let first = plan(&locale, imported, &Stored::default(), true, ADA);
        let mut stored = Stored::default();
        for (a, _, _) in &first.created {
            stored.articles.insert(a.id.clone(), (a.clone(), 1));
        }
        stored.articles.get_mut("1001").unwrap().0.draft.translation_of = Some("zh1".into());
        let (locale, mut imported) = example();
        imported.articles[1].1.title = "Refunds".into();
        imported.articles[0].1.translation_of = None;
        let again = plan(&locale, imported, &stored, true, ADA);
        assert_eq!(again.unchanged.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["1001", "1003"], "the stored link is kept, so 1001 is unchanged");
        let (article, base, version) = &again.updated[0];
        assert_eq!((article.id.as_str(), *base, article.draft.title.as_str(), article.live_version), ("1002", 1, "Refunds", Some(2)));
        assert_eq!(version.as_ref().unwrap().number, 2);
    }

    #[test]
    fn an_id_of_another_locale_is_skipped_not_moved() {
        let (locale, imported) = example();
        let mut stored = Stored::default();
        stored.section_locales.insert("10".into(), "zh-cn".into());
        let plan = plan(&locale, imported, &stored, false, ADA);
        assert!(plan.created.is_empty());
        let why: Vec<&str> = plan.skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(why[0], "the id is taken by a section of the zh-cn help center");
        assert_eq!(why[1], "its section 10 was not imported");
    }

    #[test]
    fn an_import_publishes_only_where_review_is_not_required() {
        assert_eq!(check_publishing(true, Review::Required), Err(KbError::ReviewRequired));
        assert_eq!(check_publishing(false, Review::Required), Ok(()), "drafts go in, for review");
        assert_eq!(check_publishing(true, Review::Optional), Ok(()));
    }
}
