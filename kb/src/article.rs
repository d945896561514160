//! An article's life: a draft is checked, saved over the revision it was edited from (or refused
//! as a conflict that hands back what is stored), put up for review (another editor than its last
//! author approves it by publishing, or sends it back with a comment), published as a new
//! version, archived, or rolled back to an earlier version, which is published again as the
//! newest.

use wire::kb::{Article, ArticleDraft, ArticleStatus, ReviewNote, Version};
use wire::limits;

use crate::KbError;

/// Who changes an article (their id and name), and when (milliseconds since the epoch).
#[derive(Debug, Clone, Copy)]
pub struct Edit<'a> {
    pub at: i64,
    pub by: &'a str,
    pub by_id: &'a str,
}

/// A draft with its text trimmed and blank questions and keywords dropped, if it keeps to the
/// limits and its section is in the article's locale. `section_locale` is the locale of the
/// section the draft names, `None` when there is no such section.
pub fn check_draft(draft: &ArticleDraft, locale: &str, section_locale: Option<&str>) -> Result<ArticleDraft, KbError> {
    let title = draft.title.trim().to_string();
    if title.is_empty() {
        return Err(KbError::invalid("article.title", "an article needs a title"));
    }
    within("article.title", &title, limits::ARTICLE_TITLE)?;
    let questions = entries("article.questions", &draft.questions, limits::ARTICLE_QUESTIONS, limits::ARTICLE_TITLE)?;
    let keywords = entries("article.keywords", &draft.keywords, limits::ARTICLE_KEYWORDS, limits::ARTICLE_KEYWORD)?;
    if draft.body.trim().is_empty() {
        return Err(KbError::invalid("article.body", "an article needs a body"));
    }
    within("article.body", &draft.body, limits::ARTICLE_BODY)?;
    match section_locale {
        None => return Err(KbError::invalid("article.section_id", format!("there is no section `{}`", draft.section_id))),
        Some(other) if other != locale => {
            return Err(KbError::invalid("article.section_id", format!("section `{}` belongs to the {other} help center, not {locale}", draft.section_id)))
        }
        Some(_) => {}
    }
    Ok(ArticleDraft { title, questions, keywords, ..draft.clone() })
}

/// The locale must be one the site serves.
pub fn check_locale(locale: &str, site_locales: &[String]) -> Result<(), KbError> {
    if site_locales.iter().any(|l| l == locale) {
        Ok(())
    } else {
        Err(KbError::invalid("locale", format!("this site's help center has no locale `{locale}` ({})", site_locales.join(", "))))
    }
}

fn within(field: &str, text: &str, max: usize) -> Result<(), KbError> {
    let n = text.chars().count();
    if n > max {
        return Err(KbError::invalid(field, format!("at most {max} characters ({n} given)")));
    }
    Ok(())
}

fn entries(field: &str, list: &[String], count: usize, each: usize) -> Result<Vec<String>, KbError> {
    let kept: Vec<String> = list.iter().map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).collect();
    if kept.len() > count {
        return Err(KbError::invalid(field, format!("at most {count} entries ({} given)", kept.len())));
    }
    for entry in &kept {
        within(field, entry, each)?;
    }
    Ok(kept)
}

/// A new article: a draft at revision 1, not yet live.
pub fn create(id: &str, locale: &str, draft: ArticleDraft, edit: Edit) -> Article {
    Article {
        id: id.to_string(),
        locale: locale.to_string(),
        draft,
        status: ArticleStatus::Draft,
        revision: 1,
        live_version: None,
        updated_at: edit.at,
        updated_by: edit.by.to_string(),
        author_id: Some(edit.by_id.to_string()),
        sent_back: None,
    }
}

/// Refuses a change made on a revision that is no longer the stored one.
fn fresh(current: &Article, base_revision: i64) -> Result<(), KbError> {
    if current.revision == base_revision {
        Ok(())
    } else {
        Err(KbError::Conflict(Box::new(current.clone())))
    }
}

fn next(current: &Article, edit: Edit) -> Article {
    Article { revision: current.revision + 1, updated_at: edit.at, updated_by: edit.by.to_string(), ..current.clone() }
}

/// The working copy replaced by `draft` (already checked). What users see does not change until
/// a publish; an archived article saved again is a draft again.
pub fn save(current: &Article, base_revision: i64, draft: ArticleDraft, edit: Edit) -> Result<Article, KbError> {
    fresh(current, base_revision)?;
    Ok(Article { draft, status: ArticleStatus::Draft, author_id: Some(edit.by_id.to_string()), ..next(current, edit) })
}

/// The working copy is put up for another editor's review; a save sends it back to draft, a
/// publish approves it.
pub fn request_review(current: &Article, base_revision: i64, edit: Edit) -> Result<Article, KbError> {
    fresh(current, base_revision)?;
    if current.status != ArticleStatus::Draft {
        return Err(KbError::invalid("base_revision", format!("only a draft goes to review; this article is {}", status_name(current.status))));
    }
    Ok(Article { status: ArticleStatus::InReview, sent_back: None, ..next(current, edit) })
}

/// A review's verdict must come from another editor than the one who last wrote the article.
fn reviewer(current: &Article, edit: Edit) -> Result<(), KbError> {
    if current.author_id.as_deref() == Some(edit.by_id) {
        return Err(KbError::OwnWork);
    }
    Ok(())
}

/// The article in review goes back to its author as a draft, with the reviewer's comment.
pub fn send_back(current: &Article, base_revision: i64, comment: &str, edit: Edit) -> Result<Article, KbError> {
    fresh(current, base_revision)?;
    if current.status != ArticleStatus::InReview {
        return Err(KbError::invalid("base_revision", format!("only an article in review is sent back; this article is {}", status_name(current.status))));
    }
    reviewer(current, edit)?;
    let comment = comment.trim();
    if comment.is_empty() {
        return Err(KbError::invalid("comment", "say what the author should change"));
    }
    within("comment", comment, limits::COMMENT)?;
    let note = ReviewNote { by: edit.by.to_string(), at: edit.at, comment: comment.to_string() };
    Ok(Article { status: ArticleStatus::Draft, sent_back: Some(note), ..next(current, edit) })
}

fn status_name(status: ArticleStatus) -> &'static str {
    match status {
        ArticleStatus::Draft => "a draft",
        ArticleStatus::InReview => "in review already",
        ArticleStatus::Published => "published as it stands",
        ArticleStatus::Archived => "archived",
    }
}

/// Whether the site lets an editor publish their own change, or only another editor's approval
/// puts a change live (a site setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Review {
    Optional,
    Required,
}

/// The working copy goes live as version `version` (the article's newest plus one). An article in
/// review is approved so, by another editor than its last author. Where review is required, a
/// draft or an archived article (whose working copy nobody approved) must go through review first;
/// a published one is republished as it stands. A rollback is not held back: the version it puts
/// back was live before.
pub fn publish(current: &Article, base_revision: i64, version: i64, edit: Edit, review: Review) -> Result<Article, KbError> {
    fresh(current, base_revision)?;
    match current.status {
        ArticleStatus::InReview => reviewer(current, edit)?,
        ArticleStatus::Draft | ArticleStatus::Archived if review == Review::Required => return Err(KbError::ReviewRequired),
        _ => {}
    }
    Ok(Article { status: ArticleStatus::Published, live_version: Some(version), sent_back: None, ..next(current, edit) })
}

/// Out of the help center, with its versions kept.
pub fn archive(current: &Article, base_revision: i64, edit: Edit) -> Result<Article, KbError> {
    fresh(current, base_revision)?;
    Ok(Article { status: ArticleStatus::Archived, live_version: None, ..next(current, edit) })
}

/// `old`'s content becomes the working copy and goes live as version `version`, so the history
/// reads forwards. `old.article` must pass [`check_draft`] again: its section may have moved.
pub fn roll_back(current: &Article, base_revision: i64, old: &Version, version: i64, edit: Edit) -> Result<Article, KbError> {
    fresh(current, base_revision)?;
    let author_id = Some(edit.by_id.to_string());
    Ok(Article { draft: old.article.clone(), status: ArticleStatus::Published, live_version: Some(version), author_id, sent_back: None, ..next(current, edit) })
}

/// The version a publish or rollback stores: `article` as it just went live as `number`.
pub fn version_of(article: &Article, number: i64, author_id: Option<&str>) -> Version {
    Version {
        number,
        at: article.updated_at,
        author_id: author_id.map(str::to_string),
        author_name: article.updated_by.clone(),
        article: article.draft.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn draft(title: &str) -> ArticleDraft {
        ArticleDraft {
            title: title.into(),
            questions: vec![],
            keywords: vec![],
            body: "Open **Me → VIP** and turn it off.".into(),
            format: Default::default(),
            section_id: "10".into(),
            promoted: false,
            translation_of: None,
        }
    }

    const ADA: Edit = Edit { at: 1_000, by: "Ada", by_id: "ada" };
    const BO: Edit = Edit { at: 2_000, by: "Bo", by_id: "bo" };

    #[test]
    fn a_draft_is_trimmed_and_blank_entries_dropped() {
        let mut d = draft("  Cancel auto-renewal ");
        d.questions = vec![" how do I stop paying ".into(), "  ".into()];
        d.keywords = vec!["".into(), "renewal".into()];
        let checked = check_draft(&d, "en-us", Some("en-us")).unwrap();
        assert_eq!(checked.title, "Cancel auto-renewal");
        assert_eq!(checked.questions, vec!["how do I stop paying"]);
        assert_eq!(checked.keywords, vec!["renewal"]);
    }

    #[test]
    fn each_broken_rule_names_its_field() {
        let field = |d: &ArticleDraft, section: Option<&str>| match check_draft(d, "en-us", section) {
            Err(KbError::Invalid { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(field(&draft(" "), Some("en-us")), "article.title");
        assert_eq!(field(&draft(&"x".repeat(limits::ARTICLE_TITLE + 1)), Some("en-us")), "article.title");
        let mut long = draft("t");
        long.body = "字".repeat(limits::ARTICLE_BODY + 1);
        assert_eq!(field(&long, Some("en-us")), "article.body");
        let mut at_limit = draft("t");
        at_limit.body = "字".repeat(limits::ARTICLE_BODY);
        assert!(check_draft(&at_limit, "en-us", Some("en-us")).is_ok());
        let mut many = draft("t");
        many.questions = (0..=limits::ARTICLE_QUESTIONS).map(|i| format!("q{i}")).collect();
        assert_eq!(field(&many, Some("en-us")), "article.questions");
        assert_eq!(field(&draft("t"), None), "article.section_id");
        assert_eq!(field(&draft("t"), Some("zh-cn")), "article.section_id");
        assert!(check_locale("fr-fr", &["zh-cn".into(), "en-us".into()]).is_err());
    }

    #[test]
    fn a_stale_save_conflicts_and_hands_back_what_is_stored() {
        let a = create("a1", "en-us", draft("One"), ADA);
        let by_ada = save(&a, 1, draft("Two"), ADA).unwrap();
        assert_eq!((by_ada.revision, by_ada.draft.title.as_str()), (2, "Two"));
        // Bo opened revision 1 too.
        match save(&by_ada, 1, draft("Three"), BO) {
            Err(KbError::Conflict(current)) => assert_eq!(*current, by_ada),
            other => panic!("expected a conflict, got {other:?}"),
        }
        assert!(matches!(publish(&by_ada, 1, 1, BO, Review::Optional), Err(KbError::Conflict(_))));
        assert!(matches!(archive(&by_ada, 1, BO), Err(KbError::Conflict(_))));
    }

    #[test]
    fn publish_save_archive_and_rollback_move_the_live_version() {
        let a = create("a1", "en-us", draft("One"), ADA);
        let live = publish(&a, 1, 1, BO, Review::Optional).unwrap();
        assert_eq!((live.status, live.live_version, live.revision, live.updated_by.as_str()), (ArticleStatus::Published, Some(1), 2, "Bo"));
        let v1 = version_of(&live, 1, Some("bo"));
        assert_eq!((v1.number, v1.article.title.as_str(), v1.author_name.as_str()), (1, "One", "Bo"));
        let edited = save(&live, 2, draft("Two"), ADA).unwrap();
        // Saving does not change what users see.
        assert_eq!((edited.status, edited.live_version), (ArticleStatus::Draft, Some(1)));
        let second = publish(&edited, 3, 2, ADA, Review::Optional).unwrap();
        let back = roll_back(&second, 4, &v1, 3, BO).unwrap();
        assert_eq!((back.draft.title.as_str(), back.live_version, back.status), ("One", Some(3), ArticleStatus::Published));
        let gone = archive(&back, 5, BO).unwrap();
        assert_eq!((gone.status, gone.live_version), (ArticleStatus::Archived, None));
        let again = save(&gone, 6, draft("Back"), ADA).unwrap();
        assert_eq!(again.status, ArticleStatus::Draft);
    }

    #[test]
    fn a_review_verdict_comes_from_another_editor_than_the_last_author() {
        let a = create("a1", "en-us", draft("One"), ADA);
        assert_eq!(a.author_id.as_deref(), Some("ada"));
        let asked = request_review(&a, 1, ADA).unwrap();
        assert_eq!(publish(&asked, 2, 1, ADA, Review::Optional), Err(KbError::OwnWork), "Ada cannot approve her own article");
        assert_eq!(send_back(&asked, 2, "fine by me", ADA), Err(KbError::OwnWork));
        assert!(matches!(send_back(&asked, 2, "  ", BO), Err(KbError::Invalid { field, .. }) if field == "comment"));
        assert!(matches!(send_back(&asked, 2, &"x".repeat(limits::COMMENT + 1), BO), Err(KbError::Invalid { field, .. }) if field == "comment"));
        let back = send_back(&asked, 2, " Add the iOS steps. ", BO).unwrap();
        assert_eq!(back.status, ArticleStatus::Draft);
        let note = back.sent_back.clone().unwrap();
        assert_eq!((note.by.as_str(), note.comment.as_str()), ("Bo", "Add the iOS steps."));
        assert_eq!(back.author_id.as_deref(), Some("ada"), "sending back does not make Bo an author");
        assert!(matches!(send_back(&back, 3, "again", BO), Err(KbError::Invalid { .. })), "not in review");
        let fixed = save(&back, 3, draft("One, with iOS"), ADA).unwrap();
        assert!(fixed.sent_back.is_some(), "the comment stays while the author works on it");
        let again = request_review(&fixed, 4, ADA).unwrap();
        assert!(again.sent_back.is_none());
        let approved = publish(&again, 5, 1, BO, Review::Optional).unwrap();
        assert_eq!((approved.status, approved.author_id.as_deref()), (ArticleStatus::Published, Some("ada")));
        // Bo edits it himself: now only someone else may approve it.
        let by_bo = request_review(&save(&approved, 6, draft("Two"), BO).unwrap(), 7, BO).unwrap();
        assert_eq!(publish(&by_bo, 8, 2, BO, Review::Optional), Err(KbError::OwnWork));
        assert!(publish(&by_bo, 8, 2, ADA, Review::Optional).is_ok());
        // Outside review, an author publishes their own draft.
        assert!(publish(&create("a2", "en-us", draft("Three"), ADA), 1, 1, ADA, Review::Optional).is_ok());
    }

    #[test]
    fn a_draft_goes_to_review_a_save_sends_it_back_and_a_publish_approves_it() {
        let a = create("a1", "en-us", draft("One"), ADA);
        let asked = request_review(&a, 1, ADA).unwrap();
        assert_eq!((asked.status, asked.revision), (ArticleStatus::InReview, 2));
        assert!(matches!(request_review(&asked, 2, ADA), Err(KbError::Invalid { .. })), "in review already");
        let back = save(&asked, 2, draft("One, fixed"), BO).unwrap();
        assert_eq!(back.status, ArticleStatus::Draft);
        let again = request_review(&back, 3, ADA).unwrap();
        // Bo wrote the last change: Ada approves it.
        let approved = publish(&again, 4, 1, ADA, Review::Optional).unwrap();
        assert_eq!(approved.status, ArticleStatus::Published);
        assert!(matches!(request_review(&approved, 5, ADA), Err(KbError::Invalid { .. })), "nothing to review");
    }

    #[test]
    fn where_review_is_required_only_an_approval_puts_a_change_live() {
        let a = create("a1", "en-us", draft("One"), ADA);
        assert_eq!(publish(&a, 1, 1, ADA, Review::Required), Err(KbError::ReviewRequired), "a draft waits for review");
        let asked = request_review(&a, 1, ADA).unwrap();
        assert_eq!(publish(&asked, 2, 1, ADA, Review::Required), Err(KbError::OwnWork), "not by its author");
        let live = publish(&asked, 2, 1, BO, Review::Required).unwrap();
        assert_eq!(publish(&live, 3, 2, ADA, Review::Required).map(|p| p.status), Ok(ArticleStatus::Published), "republished as it stands");
        let edited = save(&live, 3, draft("One, changed"), ADA).unwrap();
        assert_eq!(publish(&edited, 4, 2, BO, Review::Required), Err(KbError::ReviewRequired), "an edit of a live article too");
        let archived = archive(&live, 3, ADA).unwrap();
        assert_eq!(publish(&archived, 4, 2, ADA, Review::Required), Err(KbError::ReviewRequired), "an archived working copy was never approved");
        let v1 = version_of(&live, 1, Some("bo"));
        let back = roll_back(&archived, 4, &v1, 2, ADA).unwrap();
        assert_eq!(back.status, ArticleStatus::Published, "a rollback puts back what was live");
    }
}
