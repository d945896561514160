//! Here is an index file, give me its categories, articles and bodies. Searching lives in
//! `search`; this is the reader's public face.

use crate::analyze::Lexicon;
use crate::format::{read_bodies, read_search_part, Header, IndexError, FIELDS};
use crate::triage::{triage_with_feelings, Cues, Triage};

/// A help-center category with its sections, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: String,
    pub name: String,
    pub position: u32,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    pub name: String,
    pub position: u32,
}

/// What a list or an article view needs to show an article, without its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
    pub id: String,
    pub title: String,
    pub category_id: String,
    pub category: String,
    pub section_id: String,
    pub section: String,
    /// Other ways users ask this question.
    pub questions: Vec<String>,
    pub keywords: Vec<String>,
    pub promoted: bool,
    pub votes: i64,
}

/// One article as stored in the search part.
pub(crate) struct Doc {
    pub id: String,
    pub title: String,
    pub category: usize,
    pub section: usize,
    pub promoted: bool,
    pub votes: i64,
    /// Indexed terms per field, for BM25F length normalisation.
    pub field_len: [u32; FIELDS],
    pub questions: Vec<String>,
    pub keywords: Vec<String>,
    /// The start of the body as plain text, for result snippets.
    pub snippet: String,
    pub related: Vec<u32>,
}

/// A searchable help center for one locale.
///
/// Load the search part (`<locale>.idx`) with [`Index::from_bytes`]; it is enough for search,
/// categories and article lists. Bodies (`<locale>.bodies`) can come later through
/// [`Index::attach_bodies`], so the widget shows results before the larger file arrives.
pub struct Index {
    pub(crate) header: Header,
    pub(crate) locale: String,
    pub(crate) categories: Vec<Category>,
    pub(crate) docs: Vec<Doc>,
    /// Article numbers sorted by id, for `article(id)`.
    by_id: Vec<u32>,
    pub(crate) lexicon: Lexicon,
    pub(crate) cues: Cues,
    pub(crate) terms: fst::Map<Vec<u8>>,
    pub(crate) postings: Vec<u8>,
    /// Per article and field, the BM25F weight over the length normalisation.
    pub(crate) field_factor: Vec<[f32; FIELDS]>,
    /// Per article, the popularity prior the ranker multiplies by.
    pub(crate) popularity: Vec<f32>,
    bodies: Option<Vec<String>>,
}

impl Index {
    /// Reads a `<locale>.idx` file. Any input that is not an intact index is an error, never a
    /// panic.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Index, IndexError> {
        let part = read_search_part(&bytes)?;
        let mut by_id: Vec<u32> = (0..part.docs.len() as u32).collect();
        by_id.sort_by(|&a, &b| part.docs[a as usize].id.cmp(&part.docs[b as usize].id));
        let field_factor = crate::search::field_factors(&part.docs, &part.field_avg);
        let popularity = crate::search::popularity(&part.docs);
        Ok(Index {
            popularity,
            header: part.header,
            locale: part.locale,
            categories: part.categories,
            docs: part.docs,
            by_id,
            lexicon: part.lexicon,
            cues: part.cues,
            terms: part.terms,
            postings: part.postings,
            field_factor,
            bodies: None,
        })
    }

    /// Adds the article bodies from the `<locale>.bodies` file written with this index. A bodies
    /// file from another build is a [`IndexError::ChecksumMismatch`].
    pub fn attach_bodies(&mut self, bytes: Vec<u8>) -> Result<(), IndexError> {
        self.bodies = Some(read_bodies(&bytes, &self.header, self.docs.len())?);
        Ok(())
    }

    pub fn has_bodies(&self) -> bool {
        self.bodies.is_some()
    }

    /// The header of the search part: how many bytes the bodies file has and its checksum.
    pub fn header(&self) -> Header {
        self.header
    }

    /// The locale, lower-case (`zh-cn`, `en-us`).
    pub fn locale(&self) -> &str {
        &self.locale
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Categories and their sections, in display order.
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Articles of a section (by section id), most popular first.
    pub fn articles_in(&self, section_id: &str) -> Vec<ArticleMeta> {
        let mut docs: Vec<&Doc> = self
            .docs
            .iter()
            .filter(|d| self.categories[d.category].sections[d.section].id == section_id)
            .collect();
        docs.sort_by_key(|d| (!d.promoted, -d.votes));
        docs.into_iter().map(|d| self.meta(d)).collect()
    }

    /// Promoted articles, most popular first: the widget's start screen.
    pub fn promoted(&self) -> Vec<ArticleMeta> {
        let mut docs: Vec<&Doc> = self.docs.iter().filter(|d| d.promoted).collect();
        docs.sort_by_key(|d| -d.votes);
        docs.into_iter().map(|d| self.meta(d)).collect()
    }

    pub fn article(&self, id: &str) -> Option<ArticleMeta> {
        self.doc_number(id).map(|n| self.meta(&self.docs[n]))
    }

    /// The sanitised HTML body, once [`Index::attach_bodies`] has run.
    pub fn body(&self, id: &str) -> Option<&str> {
        let n = self.doc_number(id)?;
        self.bodies.as_ref()?.get(n).map(String::as_str)
    }

    /// Articles an editor linked from this one, then neighbours in its section.
    pub fn related(&self, id: &str) -> Vec<ArticleMeta> {
        let Some(n) = self.doc_number(id) else { return Vec::new() };
        self.docs[n].related.iter().map(|&r| self.meta(&self.docs[r as usize])).collect()
    }

    /// Judges a message with this locale's cue lists (the ones compiled into the index).
    /// Chinese cue phrases also match homophones through the index's pinyin table, unless the
    /// characters heard are themselves a pair the articles use.
    pub fn triage(&self, text: &str) -> Triage {
        self.judge(text).0
    }

    /// The triage, and which characters of `text` are words of feeling rather than topic.
    pub(crate) fn judge(&self, text: &str) -> (Triage, Vec<bool>) {
        triage_with_feelings(text, &self.cues, |c| self.lexicon.syllable_of(c), |pair| self.terms.contains_key(pair))
    }

    pub fn cues(&self) -> &Cues {
        &self.cues
    }

    /// How many distinct terms the dictionary holds.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    pub(crate) fn doc_number(&self, id: &str) -> Option<usize> {
        let at = self.by_id.binary_search_by(|&n| self.docs[n as usize].id.as_str().cmp(id)).ok()?;
        Some(self.by_id[at] as usize)
    }

    pub(crate) fn meta(&self, d: &Doc) -> ArticleMeta {
        let category = &self.categories[d.category];
        let section = &category.sections[d.section];
        ArticleMeta {
            id: d.id.clone(),
            title: d.title.clone(),
            category_id: category.id.clone(),
            category: category.name.clone(),
            section_id: section.id.clone(),
            section: section.name.clone(),
            questions: d.questions.clone(),
            keywords: d.keywords.clone(),
            promoted: d.promoted,
            votes: d.votes,
        }
    }
}
