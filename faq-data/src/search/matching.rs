//! How far a query reaches past its exact words, and what a thin match does next. Both are
//! judged out of fold by `faq eval --folds K`, which tries other values beside these.

/// Query-side tuning of search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matching {
    /// Weight of a synonym group the query nearly names (a Chinese member's characters with one
    /// between, or all but one in place), against 1 for an exact member; 0 turns it off.
    pub near: f32,
    /// Below this coverage of the query by the best article, the full query matched little:
    /// search again without its least informative words ([`Matching::relax_keep`]). 0 never.
    pub relax_below: f32,
    /// When relaxing, a word stays if its idf is at least this share of the query's rarest word.
    pub relax_keep: f32,
}

impl Matching {
    pub const DEFAULT: Matching = Matching { near: 0.4, relax_below: 0.0, relax_keep: 0.0 };
    /// Exact words only, never relaxed: what search did before either existed.
    pub const EXACT: Matching = Matching { near: 0.0, relax_below: 0.0, relax_keep: 0.0 };
}
