//! Here are articles, give me bytes the browser can search (feature `build`).
//!
//! Content comes from a folder of Markdown files ([`load`]) or a Zendesk Help Center export
//! ([`zendesk`]); [`write_locale`] compiles one locale into the parts (core, chunks, bodies)
//! that [`crate::Index`] reads. FORMAT.md describes those bytes.

pub mod archive;
mod editor_data;
pub mod lint;
pub mod load;
mod pinyin_table;
pub mod queries;
pub mod tree;
mod write;
pub mod zendesk;

pub use editor_data::EditorData;
pub use load::Problem;
pub use crate::render::{plain_text, sanitize};
pub use write::{write_locale, write_locale_weighted, write_locale_with, BuildError, BuiltIndex, Layout, SectionSizes};
pub use crate::search::rank::Weights;

use std::path::PathBuf;

/// A whole help center: every locale's categories, sections and articles.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub locales: Vec<LocaleContent>,
}

#[derive(Debug, Clone, Default)]
pub struct LocaleContent {
    /// Lower-case, e.g. `zh-cn`.
    pub locale: String,
    pub categories: Vec<CategorySource>,
    pub data: EditorData,
}

#[derive(Debug, Clone, Default)]
pub struct CategorySource {
    pub id: String,
    pub name: String,
    pub position: u32,
    pub sections: Vec<SectionSource>,
}

#[derive(Debug, Clone, Default)]
pub struct SectionSource {
    pub id: String,
    pub name: String,
    pub position: u32,
    pub articles: Vec<ArticleSource>,
}

#[derive(Debug, Clone, Default)]
pub struct ArticleSource {
    pub id: String,
    pub title: String,
    /// Other ways users ask the same question.
    pub questions: Vec<String>,
    pub keywords: Vec<String>,
    pub promoted: bool,
    pub votes: i64,
    pub updated: Option<String>,
    /// HTML as written (sanitised when the index is built).
    pub body_html: String,
    /// The Markdown `body_html` was rendered from, when the article was written in Markdown:
    /// kept so that a folder written back out ([`tree`]) is the one that was read.
    pub markdown: Option<String>,
    /// Where it came from, for lint messages: the file and the line its body starts on.
    pub origin: Option<(PathBuf, usize)>,
}

impl Content {
    /// A tiny English help center, for examples and tests.
    pub fn example() -> Content {
        let article = |id: &str, title: &str, body: &str| ArticleSource {
            id: id.into(),
            title: title.into(),
            body_html: format!("<p>{body}</p>"),
            ..ArticleSource::default()
        };
        let mut data = EditorData::default();
        data.stop_words = ["how", "to", "i", "my", "the", "a"].map(String::from).to_vec();
        data.cues.add(crate::Reason::MoneyLost, "charged*twice");
        Content {
            locales: vec![LocaleContent {
                locale: "en-us".into(),
                categories: vec![CategorySource {
                    id: "1".into(),
                    name: "VIP membership".into(),
                    position: 1,
                    sections: vec![SectionSource {
                        id: "10".into(),
                        name: "Auto-renewal".into(),
                        position: 1,
                        articles: vec![
                            article("1001", "Cancel auto-renewal", "Open Me → VIP → Manage auto-renewal and turn it off."),
                            article("1002", "Refund policy", "Refunds are possible within 7 days if you have not watched VIP content."),
                            article("1003", "Charged twice", "If you were charged twice, contact billing with both receipts."),
                        ],
                    }],
                }],
                data,
            }],
        }
    }
}
