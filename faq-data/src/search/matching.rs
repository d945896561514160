//! How far a query reaches past its exact words. Judged out of fold by `faq eval --folds K`,
//! which tries other values beside these.

/// Query-side tuning of search.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matching {
    /// Weight of a synonym group the query nearly names (a Chinese member's characters with one
    /// between, or all but one in place), against 1 for an exact member; 0 turns it off.
    pub near: f32,
}

impl Matching {
    pub const DEFAULT: Matching = Matching { near: 0.4 };
    /// Exact words only: what search did before near matches.
    pub const EXACT: Matching = Matching { near: 0.0 };
}
