//! Here are queries that must find their article, tell me how well an index answers them and
//! what a change made worse.
//!
//! The one scoring of "this query should find this article": `faq eval` scores the labelled dev
//! queries with it, and a publish at the edge runs each locale's regression queries against the
//! index it is about to switch to and the one users have now ([`Comparison`]). A query's rank is
//! where its article comes in a search of [`SEARCHED`] results; MRR@5 counts 1/rank for ranks up
//! to [`CUTOFF`] and nothing below, so a query "got worse" exactly when its share of MRR@5 fell.
//!
//! ```
//! # #[cfg(feature = "build")] {
//! use faq_data::regression::{Comparison, Expected};
//! let content = faq_data::build::Content::example();
//! let index = faq_data::build::write_locale(&content.locales[0]).unwrap().open().unwrap();
//! let queries = [Expected { query: "cancel auto renewal", article: "1001" }];
//! let same = Comparison::run(&index, &index, &queries).unwrap();
//! assert_eq!((same.mrr_before, same.mrr_after), (1.0, 1.0));
//! assert!(!same.dropped() && same.worse().next().is_none());
//! # }
//! ```

use crate::{Index, Missing, SearchOptions, SearchResponse};

/// Ranks beyond this count nothing towards MRR@5.
pub const CUTOFF: usize = 5;
/// How many results a search for a regression query asks for: a rank past the cutoff is still
/// worth showing an editor (6 is nearer than "not found").
pub const SEARCHED: usize = 10;

/// A query and the article it should find first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Expected<'a> {
    pub query: &'a str,
    pub article: &'a str,
}

/// Where `article` comes (1 = first) among what a search found, if at all.
pub fn rank_of(found: &SearchResponse, article: &str) -> Option<usize> {
    found.results.iter().position(|h| h.id == article).map(|p| p + 1)
}

/// 1/rank within the cutoff, else 0.
pub fn reciprocal_rank(rank: Option<usize>) -> f64 {
    rank.filter(|&r| r <= CUTOFF).map_or(0.0, |r| 1.0 / r as f64)
}

/// The mean reciprocal rank at 5 of some ranks (0 for none).
pub fn mrr(ranks: impl IntoIterator<Item = Option<usize>>) -> f64 {
    let (sum, n) = ranks.into_iter().fold((0.0, 0usize), |(sum, n), r| (sum + reciprocal_rank(r), n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// The rank of `expected.article` when `index` is searched for `expected.query`.
pub fn rank(index: &Index, expected: &Expected) -> Result<Option<usize>, Missing> {
    let found = index.search(expected.query, &SearchOptions { limit: SEARCHED, category: None })?;
    Ok(rank_of(&found, expected.article))
}

/// One query's rank in the index users have (`before`) and in the one being published (`after`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RankChange {
    pub before: Option<usize>,
    pub after: Option<usize>,
}

impl RankChange {
    /// Its share of MRR@5 fell.
    pub fn worse(&self) -> bool {
        reciprocal_rank(self.after) < reciprocal_rank(self.before)
    }
}

/// The regression queries run against two indexes of a locale.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub mrr_before: f64,
    pub mrr_after: f64,
    /// One per query, in the order given.
    pub changes: Vec<RankChange>,
}

impl Comparison {
    /// Every query against `before` and `after`, which must have every part a search needs.
    pub fn run(before: &Index, after: &Index, queries: &[Expected]) -> Result<Comparison, Missing> {
        let changes = queries.iter().map(|q| Ok(RankChange { before: rank(before, q)?, after: rank(after, q)? })).collect::<Result<Vec<_>, Missing>>()?;
        Ok(Comparison::of(changes))
    }

    /// The figures of ranks already found.
    pub fn of(changes: Vec<RankChange>) -> Comparison {
        Comparison { mrr_before: mrr(changes.iter().map(|c| c.before)), mrr_after: mrr(changes.iter().map(|c| c.after)), changes }
    }

    /// Whether MRR@5 is lower after. Each query's share moves in steps of at least
    /// 1/(5·6·n), far above the float error of summing them, so equal sets compare equal.
    pub fn dropped(&self) -> bool {
        self.mrr_after < self.mrr_before - 1e-9
    }

    /// The positions (in the order given) of the queries that got worse.
    pub fn worse(&self) -> impl Iterator<Item = usize> + '_ {
        self.changes.iter().enumerate().filter(|(_, c)| c.worse()).map(|(i, _)| i)
    }
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::build::{write_locale, Content};

    fn change(before: Option<usize>, after: Option<usize>) -> RankChange {
        RankChange { before, after }
    }

    #[test]
    fn only_ranks_within_five_count_and_each_counts_one_over_its_rank() {
        assert_eq!(reciprocal_rank(Some(1)), 1.0);
        assert_eq!(reciprocal_rank(Some(4)), 0.25);
        assert_eq!(reciprocal_rank(Some(6)), 0.0);
        assert_eq!(reciprocal_rank(None), 0.0);
        assert_eq!(mrr([Some(1), Some(2), None, Some(9)]), 0.375);
        assert_eq!(mrr([]), 0.0);
    }

    #[test]
    fn a_query_is_worse_when_its_share_falls_not_when_it_moves_outside_the_cutoff() {
        assert!(change(Some(1), Some(2)).worse());
        assert!(change(Some(5), None).worse());
        assert!(!change(Some(7), None).worse(), "it counted nothing before either");
        assert!(!change(None, Some(3)).worse());
        assert!(!change(Some(2), Some(2)).worse());
    }

    #[test]
    fn a_drop_is_the_mean_falling_and_names_the_queries_behind_it() {
        let c = Comparison::of(vec![change(Some(1), Some(1)), change(Some(1), Some(3)), change(None, Some(1))]);
        assert!((c.mrr_before - 2.0 / 3.0).abs() < 1e-12 && (c.mrr_after - (1.0 + 1.0 / 3.0 + 1.0) / 3.0).abs() < 1e-12);
        assert!(!c.dropped(), "one query gained more than the other lost");
        assert_eq!(c.worse().collect::<Vec<_>>(), [1]);
        let d = Comparison::of(vec![change(Some(1), Some(1)), change(Some(2), None)]);
        assert!(d.dropped());
        assert_eq!(d.worse().collect::<Vec<_>>(), [1]);
    }

    #[test]
    fn an_article_losing_the_words_a_query_needs_shows_as_worse_against_the_index_before() {
        let content = Content::example();
        let before = write_locale(&content.locales[0]).unwrap().open().unwrap();
        let mut edited = content.locales[0].clone();
        let article = &mut edited.categories[0].sections[0].articles[0];
        assert_eq!(article.id, "1001");
        article.title = "Membership settings".into();
        article.questions.clear();
        article.keywords.clear();
        article.body_html = "<p>Open the membership page.</p>".into();
        // Another article now answers the words the query uses.
        let other = &mut edited.categories[0].sections[0].articles[2];
        other.title = "Cancel auto renewal and charges".into();
        let after = write_locale(&edited).unwrap().open().unwrap();
        let queries = [Expected { query: "cancel auto renewal", article: "1001" }, Expected { query: "refund", article: "1002" }];
        let c = Comparison::run(&before, &after, &queries).unwrap();
        assert_eq!(c.changes[0].before, Some(1));
        assert!(c.changes[0].worse() && c.dropped(), "{c:?}");
        assert_eq!(c.worse().collect::<Vec<_>>(), [0]);
    }
}
