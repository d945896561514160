//! Here is a locale's knowledge base, give every widget its help center: a publish compiles the
//! locale's live articles with faq-data's own builder (the code `faq build` runs), stores every
//! file it emits in R2 under a content-hash name and switches the locale's publication in D1
//! (`publish.rs`); the worker serves those files and `manifest.json` at the paths the widget
//! reads, falling back to the static build for a locale never published, or published in an
//! index format this worker's widgets cannot read until the scheduled sweep builds it again
//! (`serve.rs`, `publish::rebuild_outdated`). Before a
//! switch, the locale's regression queries run against both indexes (`guard.rs`): a publish that
//! lowers MRR@5 waits for the editor's confirmation. Articles' images live beside them in R2,
//! named by their content (`images.rs`).

mod files;
mod guard;
pub mod images;
pub mod publish;
pub mod serve;

pub use files::IMMUTABLE;
