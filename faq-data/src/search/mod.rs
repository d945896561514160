//! Here is what a user typed, give me the articles that answer it, and say how sure we are.
//!
//! query text → [`query`] (the analyzer's terms plus typo corrections, completions and pinyin
//! readings) → [`rank`] (BM25F, coverage, popularity) → a [`Verdict`] and the triage.

mod query;
mod rank;
mod snippet;
mod typo;
mod verdict;

use std::ops::Range;

use crate::index::Index;
use crate::triage::Triage;

pub use verdict::Verdict;
pub(crate) use rank::{field_factors, popularity};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    /// Most results returned.
    pub limit: usize,
    /// Only articles of this category (its id or its name).
    pub category: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, category: None }
    }
}

/// A piece of article text with byte ranges to highlight.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub category: String,
    pub section: String,
    pub score: f32,
    /// Share of the query (weighted by rarity) this article matched, 0..=1.
    pub coverage: f32,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResponse {
    pub verdict: Verdict,
    /// Offer a human right away (same as `triage.escalate`).
    pub escalate: bool,
    pub triage: Triage,
    pub results: Vec<Hit>,
}

impl Index {
    /// Searches this help center.
    ///
    /// ```
    /// # #[cfg(feature = "build")] {
    /// use faq_data::{Index, SearchOptions, Verdict};
    /// let content = faq_data::build::Content::example();
    /// let index = Index::from_bytes(faq_data::build::write_locale(&content.locales[0]).unwrap().index).unwrap();
    /// let found = index.search("how to canc", &SearchOptions::default());
    /// assert_eq!(found.results[0].title, "Cancel auto-renewal");
    /// let nothing = index.search("weather in Paris tomorrow", &SearchOptions::default());
    /// assert_eq!(nothing.verdict, Verdict::Unsure);
    /// # }
    /// ```
    pub fn search(&self, text: &str, options: &SearchOptions) -> SearchResponse {
        let (triage, feeling) = self.judge(text);
        let query = query::build_query(self, text, &feeling);
        let category = options.category.as_deref().and_then(|c| {
            self.categories.iter().position(|cat| cat.id == c || cat.name == c)
        });
        if options.category.is_some() && category.is_none() {
            return SearchResponse { verdict: Verdict::Unsure, escalate: triage.escalate, triage, results: Vec::new() };
        }
        let ranked = rank::rank(self, &query, options.limit.max(2), |d| category.is_none_or(|c| self.docs[d as usize].category == c));
        let verdict = verdict::judge(&query, &ranked);
        let results = ranked
            .iter()
            .take(options.limit)
            .map(|s| {
                let d = &self.docs[s.doc as usize];
                let category = &self.categories[d.category];
                Hit {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    category: category.name.clone(),
                    section: category.sections[d.section].name.clone(),
                    score: s.score,
                    coverage: s.coverage,
                    snippet: snippet::cut(&d.snippet, &query.needles),
                }
            })
            .collect();
        SearchResponse { verdict, escalate: triage.escalate, triage, results }
    }
}
