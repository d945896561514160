//! The help center's knowledge base and its one search engine.
//!
//! Articles are files (or a Zendesk Help Center export); `faq build` compiles each locale into
//! one versioned binary index (`<locale>.idx`) plus its bodies (`<locale>.bodies`). This crate
//! reads those bytes and searches them, the same code natively (CLI, tests, benchmarks), in the
//! browser and in the worker (wasm32, `default-features = false`).
//!
//! ```
//! # #[cfg(feature = "build")] {
//! use faq_data::{Index, SearchOptions};
//! let content = faq_data::build::Content::example();
//! let built = faq_data::build::write_locale(&content.locales[0]).unwrap();
//! let mut index = Index::from_bytes(built.index).unwrap();
//! index.attach_bodies(built.bodies).unwrap();
//! let found = index.search("cancel auto renewal", &SearchOptions::default());
//! assert_eq!(found.results[0].id, "1001");
//! assert!(index.body("1001").unwrap().contains("<p>"));
//! # }
//! ```

mod analyze;
pub mod bot;
mod contract;
pub mod escalation;
mod format;
mod index;
mod normalize;
mod search;
mod stem;
mod triage;

#[cfg(feature = "build")]
pub mod build;

pub use format::{Header, IndexError, BODIES_MAGIC, FORMAT_VERSION, HEADER_LEN, INDEX_MAGIC};
pub use index::{ArticleMeta, Category, Index, Section};
pub use search::{Hit, SearchOptions, SearchResponse, Snippet, Verdict};
pub use triage::{triage, Cues, Reason, Triage};
