//! The guard rail: each locale's regression queries ("this query should find this article") and
//! what a publish makes of them. The scoring is faq-data's (`faq_data::regression`, which `faq
//! eval` uses too); here are the rules around it: what a query may be, which queries a publish
//! runs (those whose article is in the index being published: an archived article's queries
//! have nothing to find), the report an editor reads, and the content's labelled queries as a
//! fresh import's first regression queries.

use faq_data::build::queries::LabelledQuery;
use faq_data::regression::{Comparison, Expected, RankChange};
use faq_data::{Index, Missing};
use wire::kb::{ArticleDraft, GuardReport, QueryOrigin, RegressionQuery, WorseQuery};
use wire::limits;

use crate::KbError;

/// A query as stored: trimmed, not blank, no longer than a search the widget sends.
pub fn check_query(query: &str) -> Result<String, KbError> {
    let query = query.trim();
    if query.is_empty() {
        return Err(KbError::invalid("query", "write the query users search for"));
    }
    if query.chars().count() > limits::QUERY {
        return Err(KbError::invalid("query", format!("at most {} characters", limits::QUERY)));
    }
    Ok(query.to_string())
}

/// The draft with `question` as one more way to ask it (unless it already asks that, in any
/// case); the caller checks the draft against the limits as for any save.
pub fn with_question(draft: &ArticleDraft, question: &str) -> Result<ArticleDraft, KbError> {
    let question = check_query(question).map_err(|e| match e {
        KbError::Invalid { message, .. } => KbError::invalid("question", message),
        other => other,
    })?;
    let folded = question.to_lowercase();
    let mut draft = draft.clone();
    if draft.title.to_lowercase() != folded && !draft.questions.iter().any(|q| q.to_lowercase() == folded) {
        draft.questions.push(question);
    }
    Ok(draft)
}

/// Runs the queries whose first article is in `after` against `before` (the index users have)
/// and `after` (the one being published). Both need every part a search reads.
pub fn guard(before: &Index, after: &Index, queries: &[RegressionQuery]) -> Result<(GuardReport, bool), Missing> {
    let mut run = Vec::new();
    for q in queries {
        if let Some(article) = q.articles.first() {
            if after.article(article)?.is_some() {
                run.push(Expected { query: &q.query, article });
            }
        }
    }
    let comparison = Comparison::run(before, after, &run)?;
    let rank = |r: Option<usize>| r.map(|r| r as u32);
    let worse = comparison
        .worse()
        .map(|i| {
            let RankChange { before, after } = comparison.changes[i];
            WorseQuery { query: run[i].query.to_string(), article: run[i].article.to_string(), before: rank(before), after: rank(after) }
        })
        .collect();
    let report = GuardReport { queries: run.len() as u32, mrr_before: comparison.mrr_before, mrr_after: comparison.mrr_after, worse };
    Ok((report, comparison.dropped()))
}

/// The content's labelled queries that name articles, as the first regression queries of their
/// locales (kept under their own ids, so importing again replaces rather than repeats them).
pub fn from_content(labelled: &[LabelledQuery], at: i64, by: &str) -> Vec<RegressionQuery> {
    labelled
        .iter()
        .filter_map(|q| {
            let articles = q.relevant();
            let query = check_query(&q.q).ok()?;
            (!articles.is_empty()).then(|| RegressionQuery { id: q.id.clone(), locale: q.locale.clone(), query, articles, origin: QueryOrigin::Content, added_by: by.to_string(), added_at: at })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use faq_data::build::{write_locale, Content};

    fn query(q: &str, article: &str) -> RegressionQuery {
        RegressionQuery { id: q.into(), locale: "en-us".into(), query: q.into(), articles: vec![article.into()], origin: QueryOrigin::Editor, added_by: "Ed".into(), added_at: 1 }
    }

    fn draft() -> ArticleDraft {
        ArticleDraft { title: "Refund policy".into(), questions: vec!["Can I get my money back".into()], keywords: vec![], body: "x".into(), format: Default::default(), section_id: "10".into(), promoted: false, translation_of: None }
    }

    #[test]
    fn a_query_is_trimmed_and_neither_blank_nor_longer_than_a_search() {
        assert_eq!(check_query("  refund  ").unwrap(), "refund");
        assert!(matches!(check_query(" "), Err(KbError::Invalid { field, .. }) if field == "query"));
        assert!(check_query(&"a".repeat(limits::QUERY + 1)).is_err());
    }

    #[test]
    fn a_question_is_added_once() {
        assert_eq!(with_question(&draft(), " refund after 10 days ").unwrap().questions, ["Can I get my money back", "refund after 10 days"]);
        assert_eq!(with_question(&draft(), "can i get my MONEY back").unwrap(), draft());
        assert_eq!(with_question(&draft(), "refund policy").unwrap(), draft(), "the title asks it already");
        assert!(matches!(with_question(&draft(), ""), Err(KbError::Invalid { field, .. }) if field == "question"));
    }

    #[test]
    fn a_publish_that_buries_an_article_reports_the_query_and_the_drop() {
        let content = Content::example();
        let before = write_locale(&content.locales[0]).unwrap().open().unwrap();
        let mut edited = content.locales[0].clone();
        let articles = &mut edited.categories[0].sections[0].articles;
        articles[0].title = "Membership settings".into();
        articles[0].questions.clear();
        articles[0].keywords.clear();
        articles[2].title = "Cancel auto renewal and charges".into();
        let after = write_locale(&edited).unwrap().open().unwrap();
        let queries = [query("cancel auto renewal", "1001"), query("refund", "1002"), query("gone", "9999")];
        let (report, dropped) = guard(&before, &after, &queries).unwrap();
        assert!(dropped);
        assert_eq!(report.queries, 2, "the query of an article not published is not run");
        assert!(report.mrr_after < report.mrr_before);
        assert_eq!(report.worse.len(), 1);
        assert_eq!((report.worse[0].query.as_str(), report.worse[0].article.as_str(), report.worse[0].before), ("cancel auto renewal", "1001", Some(1)));
        let (same, dropped) = guard(&before, &before, &queries).unwrap();
        assert!(!dropped && same.worse.is_empty() && same.mrr_before == same.mrr_after);
    }

    #[test]
    fn the_contents_queries_that_name_articles_seed_their_locales() {
        let path = faq_data::build::queries::path_in(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../faq-data/content"));
        let labelled = faq_data::build::queries::load(&path).unwrap();
        let seeded = from_content(&labelled, 7, "import");
        let in_scope = labelled.iter().filter(|q| !q.relevant().is_empty()).count();
        assert_eq!(seeded.len(), in_scope);
        assert!(seeded.iter().all(|q| q.origin == QueryOrigin::Content && q.added_at == 7 && !q.articles.is_empty()));
        assert!(seeded.iter().any(|q| q.locale == "zh-cn") && seeded.iter().any(|q| q.locale == "en-us"));
    }
}
