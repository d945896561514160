//! The help center's knowledge base and its one search engine.
//!
//! Articles are files (or a Zendesk Help Center export); `faq build` compiles each locale into
//! a versioned binary index in parts: a small core (`<locale>.core`), posting-list chunks
//! (`<locale>.p<n>`), article chunks (`<locale>.d<n>`) and the bodies (`<locale>.bodies`). This
//! crate reads those bytes and searches them, the same code natively (CLI, tests, benchmarks),
//! in the browser and in the worker (wasm32, `default-features = false`); the caller fetches
//! the parts a search says it needs.
//!
//! ```
//! # #[cfg(feature = "build")] {
//! use faq_data::{Index, SearchOptions};
//! let content = faq_data::build::Content::example();
//! let built = faq_data::build::write_locale(&content.locales[0]).unwrap();
//! let index = built.open().unwrap(); // the core with every part attached
//! let found = index.search("cancel auto renewal", &SearchOptions::default()).unwrap();
//! assert_eq!(found.results[0].id, "1001");
//! assert!(index.body("1001").unwrap().unwrap().contains("<p>"));
//! # }
//! ```

mod analyze;
pub mod bot;
mod contract;
pub mod escalation;
mod format;
mod index;
mod normalize;
pub mod regression;
mod search;
pub mod sort;
mod stem;
mod triage;

#[cfg(feature = "build")]
pub mod build;
#[cfg(feature = "render")]
pub mod render;

pub use format::tree::tree as hash_tree;
pub use format::{current_core_name, hex, part_hash, published_name, IndexError, PartId, BODIES_MAGIC, CORE_MAGIC, DOCS_MAGIC, FORMAT_VERSION, HASH_LEN, HEADER_LEN, POSTINGS_MAGIC};
pub use index::{ArticleMeta, Category, Index, Missing, Section, FEATURED_ARTICLES};
pub use search::{Evidence, Hit, Matching, SearchOptions, SearchResponse, Snippet, Thresholds, Verdict};
pub use triage::{triage, Cues, Reason, Triage};
