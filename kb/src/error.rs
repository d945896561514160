use std::fmt;

use wire::kb::Article;

/// Why [`KbError::OwnWork`] refuses.
pub const OWN_WORK: &str = "an article in review is approved or sent back by another editor than the one who last changed it";

/// Why [`KbError::ReviewRequired`] refuses.
pub const REVIEW_REQUIRED: &str = "this site publishes an article only after another editor's review: request review instead";

/// Why the knowledge base refused a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KbError {
    /// A field breaks a rule; `field` names it as the request spells it.
    Invalid { field: String, message: String },
    /// The save was made on an older revision: here is what is stored now.
    Conflict(Box<Article>),
    /// A review's verdict (approve, send back) by the editor who last wrote the article.
    OwnWork,
    /// A publish without review where the site requires it.
    ReviewRequired,
    /// A category or section that is not empty cannot be deleted (why, for people).
    NotEmpty(&'static str),
}

impl KbError {
    pub fn invalid(field: &str, message: impl Into<String>) -> KbError {
        KbError::Invalid { field: field.to_string(), message: message.into() }
    }
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KbError::Invalid { field, message } => write!(f, "{field}: {message}"),
            KbError::Conflict(current) => write!(f, "article {} changed since it was opened (now revision {})", current.id, current.revision),
            KbError::OwnWork => f.write_str(OWN_WORK),
            KbError::ReviewRequired => f.write_str(REVIEW_REQUIRED),
            KbError::NotEmpty(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for KbError {}
