//! Here is what a user typed, give me the articles that answer it, and say how sure we are.
//!
//! query text → [`query`] (the analyzer's terms plus typo corrections, completions and pinyin
//! readings) → [`rank`] (BM25F, coverage, popularity) → a [`Verdict`] and the triage.

mod matching;
mod query;
pub(crate) mod rank;
pub(crate) mod readings;
mod snippet;
mod typo;
mod verdict;

use std::ops::Range;

use crate::index::{Index, Missing};
use crate::triage::Triage;

pub use matching::Matching;
pub use verdict::{Evidence, Thresholds, Verdict};

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
    /// What the verdict was judged on (for calibration and the bot's own judgement).
    pub evidence: Evidence,
}

impl Index {
    /// Searches this help center, or says which parts the answer still needs ([`Missing`]):
    /// attach them and ask again (at most twice: postings, then articles).
    ///
    /// ```
    /// # #[cfg(feature = "build")] {
    /// use faq_data::{Index, SearchOptions, Verdict};
    /// let content = faq_data::build::Content::example();
    /// let built = faq_data::build::write_locale(&content.locales[0]).unwrap();
    /// let mut index = Index::from_core(built.core.clone()).unwrap();
    /// let options = SearchOptions::default();
    /// let found = loop {
    ///     match index.search("how to canc", &options) {
    ///         Ok(found) => break found,
    ///         Err(missing) => for part in missing.parts {
    ///             let (_, bytes) = built.parts().into_iter().find(|(p, _)| *p == part).unwrap();
    ///             index.add_part(part, bytes.to_vec()).unwrap();
    ///         },
    ///     }
    /// };
    /// assert_eq!(found.results[0].title, "Cancel auto-renewal");
    /// let nothing = index.search("weather in Paris tomorrow", &options).unwrap();
    /// assert_eq!(nothing.verdict, Verdict::Unsure);
    /// # }
    /// ```
    pub fn search(&self, text: &str, options: &SearchOptions) -> Result<SearchResponse, Missing> {
        self.search_with(text, options, &Matching::DEFAULT)
    }

    /// [`Index::search`] with other [`Matching`] (the eval tries some).
    pub fn search_with(&self, text: &str, options: &SearchOptions, matching: &Matching) -> Result<SearchResponse, Missing> {
        let (triage, feeling) = self.judge(text);
        let query = query::build_query(self, text, &feeling, matching.near);
        let category = options.category.as_deref().and_then(|c| {
            self.core.categories.iter().position(|cat| cat.id == c || cat.name == c)
        });
        if options.category.is_some() && category.is_none() {
            return Ok(SearchResponse { verdict: Verdict::Unsure, escalate: triage.escalate, triage, results: Vec::new(), evidence: Evidence::default() });
        }
        let postings = self.missing_postings(query.terms.iter().map(|t| t.term));
        if !postings.is_empty() {
            return Err(Missing { parts: postings });
        }
        let ranked = rank::rank(self, &query, options.limit.max(2), |d| category.is_none_or(|c| self.category_of(d) == c));
        let evidence = Evidence::of(&query, &ranked);
        let verdict = Thresholds::DEFAULT.judge(&evidence);
        let shown: Vec<u32> = ranked.iter().take(options.limit).map(|s| s.doc).collect();
        let docs = self.docs_of(&shown)?;
        let results = ranked
            .iter()
            .zip(docs)
            .map(|(s, (n, d))| {
                let (category, section) = self.span_of(n);
                Hit {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    category: category.name.clone(),
                    section: section.name.clone(),
                    score: s.score,
                    coverage: s.coverage,
                    snippet: snippet::cut(&d.snippet, &query.needles),
                }
            })
            .collect();
        Ok(SearchResponse { verdict, escalate: triage.escalate, triage, results, evidence })
    }
}
