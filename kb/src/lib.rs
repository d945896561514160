//! Here is what an editor wrote, give me what the help center publishes.
//!
//! The knowledge base's rules without a runtime: what a new article or a save must hold
//! ([`article`]), when a save is stale and conflicts, what a publish, an archive and a rollback
//! do to an article and its versions, which translation links are allowed ([`translation`]), a
//! locale's editor vocabulary ([`vocabulary`]), and the builder input of a locale's publish
//! ([`compile`]): faq-data's own `LocaleContent`, which `faq_data::build::write_locale` turns into
//! the index files, and the guard rail a publish runs ([`regression`]). The edge stores articles in D1 and maps its routes onto these functions.
//!
//! Apart from `desk` because it stands on faq-data's builder (Markdown, sanitiser, pinyin), which
//! the console, a `desk` user, must not carry.

pub mod article;
pub mod compile;
pub mod image;
mod error;
pub mod import;
pub mod regression;
pub mod translation;
pub mod tree;
pub mod vocabulary;

pub use error::{KbError, OWN_WORK, REVIEW_REQUIRED};
