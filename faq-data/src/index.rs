//! Here is an index core and whichever chunks have arrived, give me its categories, articles
//! and bodies, or say which parts are missing. Searching lives in `search`; this is the
//! reader's public face.

use std::fmt;

use crate::format::{read_bodies, read_core, read_docs_chunk, read_postings_chunk, Core, DocsChunk, Impacts, IndexError, PartId, PostingsChunk};
use crate::sort::sort_by_key;
use crate::triage::{triage_with_feelings, Cues, Triage};
use crate::escalation::by_writing;
use crate::search::readings::Readings;
use std::sync::OnceLock;

/// How many promoted articles the core lists, the most voted first: what a start screen shows.
/// A help center may promote thousands; the rest are known as promoted from their article
/// chunks, and every first answer would carry the whole list.
pub const FEATURED_ARTICLES: usize = 8;

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

/// One article as stored in its docs chunk.
pub(crate) struct Doc {
    pub id: String,
    pub title: String,
    pub promoted: bool,
    pub votes: i64,
    pub questions: Vec<String>,
    pub keywords: Vec<String>,
    /// The start of the body as plain text, for result snippets.
    pub snippet: String,
    pub related: Vec<u32>,
}

/// The parts an answer needs that are not attached yet: fetch them (from memory, Cache
/// Storage, the network or disk), hand them to [`Index::add_part`], and ask again. A search
/// may ask twice: first for the posting lists of its terms, then for the articles it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub parts: Vec<PartId>,
}

impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "index parts not loaded yet: {:?}", self.parts)
    }
}

impl std::error::Error for Missing {}

/// A searchable help center for one locale, read part by part.
///
/// [`Index::from_core`] reads the core: categories, the term dictionary, the editor vocabulary
/// and cues, and the names of every other part. That is enough to triage a message and to plan
/// a search. Whatever else an answer needs, the call says with [`Missing`]; the caller fetches
/// those parts and attaches them with [`Index::add_part`], which accepts only the exact files
/// the core names. The reader itself never does I/O, so the CLI, the widget, the worker and
/// the console share it whatever their storage.
pub struct Index {
    pub(crate) core: Core,
    postings: Vec<Option<PostingsChunk>>,
    docs: Vec<Option<DocsChunk>>,
    bodies: Option<Vec<String>>,
    /// The bigrams' pinyin readings, made from the core when a query first spells pinyin.
    readings: OnceLock<Readings>,
}

impl Index {
    /// Reads a `<locale>.core` file. Any input that is not an intact core is an error, never a
    /// panic.
    pub fn from_core(bytes: Vec<u8>) -> Result<Index, IndexError> {
        let core = read_core(&bytes)?;
        let postings = core.postings.firsts.iter().map(|_| None).collect();
        let docs = core.docs.firsts.iter().map(|_| None).collect();
        Ok(Index { core, postings, docs, bodies: None, readings: OnceLock::new() })
    }

    /// Every part besides the core, postings first, then articles, then bodies.
    pub fn parts(&self) -> Vec<PartId> {
        let postings = (0..self.postings.len() as u32).map(PartId::Postings);
        let docs = (0..self.docs.len() as u32).map(PartId::Docs);
        postings.chain(docs).chain([PartId::Bodies]).collect()
    }

    /// The parts not attached yet.
    pub fn missing_parts(&self) -> Vec<PartId> {
        self.parts().into_iter().filter(|&p| !self.has(p)).collect()
    }

    pub fn has(&self, part: PartId) -> bool {
        match part {
            PartId::Postings(n) => self.postings.get(n as usize).is_some_and(Option::is_some),
            PartId::Docs(n) => self.docs.get(n as usize).is_some_and(Option::is_some),
            PartId::Bodies => self.bodies.is_some(),
        }
    }

    /// The name `part` is published under ([`crate::published_name`]): a reader holding the core
    /// needs no list of names to fetch the rest. A chunk goes by the build id, the bodies by
    /// their hash.
    pub fn published_name(&self, part: PartId) -> Option<String> {
        let key = match part {
            PartId::Postings(n) if (n as usize) < self.postings.len() => self.core.build,
            PartId::Docs(n) if (n as usize) < self.docs.len() => self.core.build,
            PartId::Bodies => self.core.bodies,
            _ => return None,
        };
        Some(crate::published_name(self.locale(), &crate::format::hex(&key), &part.kind()))
    }

    /// Attaches a part. Bytes that are not the very file the core names for `part` (another
    /// build's, a damaged or forged one, another part) are an error and change nothing.
    pub fn add_part(&mut self, part: PartId, bytes: Vec<u8>) -> Result<(), IndexError> {
        match part {
            PartId::Postings(n) => {
                let chunk = read_postings_chunk(&bytes, &self.core, n)?;
                self.postings[n as usize] = Some(chunk);
            }
            PartId::Docs(n) => {
                let chunk = read_docs_chunk(&bytes, &self.core, n)?;
                self.docs[n as usize] = Some(chunk);
            }
            PartId::Bodies => self.bodies = Some(read_bodies(&bytes, &self.core)?),
        }
        Ok(())
    }

    pub(crate) fn readings(&self) -> &Readings {
        self.readings.get_or_init(|| Readings::new(&self.core.terms, &self.core.lexicon))
    }

    /// The locale, lower-case (`zh-cn`, `en-us`).
    pub fn locale(&self) -> &str {
        &self.core.locale
    }

    pub fn len(&self) -> usize {
        self.core.doc_count as usize
    }

    pub fn is_empty(&self) -> bool {
        self.core.doc_count == 0
    }

    /// Categories and their sections, in display order.
    pub fn categories(&self) -> &[Category] {
        &self.core.categories
    }

    /// Articles of a section (by section id), most popular first.
    pub fn articles_in(&self, section_id: &str) -> Result<Vec<ArticleMeta>, Missing> {
        let spans = self.core.spans.iter().filter(|s| self.core.categories[s.category].sections[s.section].id == section_id);
        let numbers: Vec<u32> = spans.flat_map(|s| s.docs.clone()).collect();
        let mut docs = self.docs_of(&numbers)?;
        sort_by_key(&mut docs, |(_, d)| (!d.promoted, -d.votes));
        Ok(docs.into_iter().map(|(n, d)| self.meta(n, d)).collect())
    }

    /// The `limit` most popular promoted articles (at most [`FEATURED_ARTICLES`]): the widget's
    /// start screen. Only their chunks are needed (a large help center may promote thousands).
    pub fn promoted(&self, limit: usize) -> Result<Vec<ArticleMeta>, Missing> {
        let top = &self.core.promoted[..limit.min(self.core.promoted.len())];
        Ok(self.docs_of(top)?.into_iter().map(|(n, d)| self.meta(n, d)).collect())
    }

    /// The article with this id. An id no attached chunk holds needs the others: the core does
    /// not index ids.
    pub fn article(&self, id: &str) -> Result<Option<ArticleMeta>, Missing> {
        Ok(self.find(id)?.map(|n| self.meta(n, self.doc(n).expect("found in an attached chunk"))))
    }

    /// The sanitised HTML body; needs the bodies part.
    pub fn body(&self, id: &str) -> Result<Option<&str>, Missing> {
        let Some(n) = self.find(id)? else { return Ok(None) };
        let bodies = self.bodies.as_ref().ok_or(Missing { parts: vec![PartId::Bodies] })?;
        Ok(bodies.get(n as usize).map(String::as_str))
    }

    /// Articles an editor linked from this one, then neighbours in its section.
    pub fn related(&self, id: &str) -> Result<Vec<ArticleMeta>, Missing> {
        let Some(n) = self.find(id)? else { return Ok(Vec::new()) };
        let related = self.doc(n).expect("found in an attached chunk").related.clone();
        Ok(self.docs_of(&related)?.into_iter().map(|(n, d)| self.meta(n, d)).collect())
    }

    /// Judges a message with this locale's cue lists (the ones compiled into the index), and
    /// when none fires, with the index's model of how the message is written. Chinese cue
    /// phrases also match homophones through the index's pinyin table, unless the characters
    /// heard are themselves a pair the articles use. Needs the core only.
    pub fn triage(&self, text: &str) -> Triage {
        self.judge(text).0
    }

    /// The triage, and which characters of `text` are words of feeling rather than topic.
    /// When no cue fires, the index's writing model may still send the message to a person.
    pub(crate) fn judge(&self, text: &str) -> (Triage, Vec<bool>) {
        let (mut triage, feelings) = triage_with_feelings(text, &self.core.cues, |c| self.core.lexicon.syllable_of(c), |pair| self.core.terms.contains_key(pair));
        if !triage.escalate {
            if let Some(reason) = self.core.writing_model.as_ref().and_then(|model| by_writing(model, text)) {
                triage = Triage { escalate: true, reasons: vec![reason] };
            }
        }
        (triage, feelings)
    }

    pub fn cues(&self) -> &Cues {
        &self.core.cues
    }

    /// How many distinct terms the dictionary holds.
    pub fn term_count(&self) -> usize {
        self.core.df.len()
    }

    /// The postings chunk that holds a term's list.
    pub(crate) fn postings_chunk_of(&self, term: u32) -> usize {
        self.core.postings.firsts.partition_point(|&first| first <= term).saturating_sub(1)
    }

    /// A term's posting list, empty while its chunk is not attached.
    pub(crate) fn impacts(&self, term: u32) -> Impacts<'_> {
        let at = self.postings_chunk_of(term);
        match (self.postings.get(at), self.core.postings.firsts.get(at)) {
            (Some(Some(chunk)), Some(first)) => chunk.offsets.get((term - first) as usize).map_or_else(Impacts::empty, |&o| Impacts::at(&chunk.bytes, o as usize)),
            _ => Impacts::empty(),
        }
    }

    fn docs_chunk_of(&self, doc: u32) -> usize {
        self.core.docs.firsts.partition_point(|&first| first <= doc).saturating_sub(1)
    }

    /// The article numbered `n`, if its chunk is attached.
    pub(crate) fn doc(&self, n: u32) -> Option<&Doc> {
        let at = self.docs_chunk_of(n);
        self.docs.get(at)?.as_ref()?.docs.get((n - self.core.docs.firsts.get(at)?) as usize)
    }

    /// These articles, or the chunks that hold the ones not attached.
    pub(crate) fn docs_of(&self, numbers: &[u32]) -> Result<Vec<(u32, &Doc)>, Missing> {
        let missing = numbers.iter().filter(|&&n| self.doc(n).is_none()).map(|&n| PartId::Docs(self.docs_chunk_of(n) as u32));
        let parts = distinct(missing);
        if !parts.is_empty() {
            return Err(Missing { parts });
        }
        Ok(numbers.iter().filter_map(|&n| Some((n, self.doc(n)?))).collect())
    }

    /// The postings chunks these terms' lists are in that are not attached yet.
    pub(crate) fn missing_postings(&self, terms: impl Iterator<Item = u32>) -> Vec<PartId> {
        distinct(terms.map(|t| PartId::Postings(self.postings_chunk_of(t) as u32)).filter(|&p| !self.has(p)))
    }

    /// The number of the article with this id.
    fn find(&self, id: &str) -> Result<Option<u32>, Missing> {
        for (chunk, first) in self.docs.iter().zip(&self.core.docs.firsts) {
            let Some(chunk) = chunk else { continue };
            if let Ok(at) = chunk.by_id.binary_search_by(|&i| chunk.docs[i as usize].id.as_str().cmp(id)) {
                return Ok(Some(first + chunk.by_id[at]));
            }
        }
        let parts: Vec<PartId> = (0..self.docs.len()).filter(|&n| self.docs[n].is_none()).map(|n| PartId::Docs(n as u32)).collect();
        if parts.is_empty() {
            Ok(None)
        } else {
            Err(Missing { parts })
        }
    }

    /// The category and section an article is filed under.
    pub(crate) fn span_of(&self, doc: u32) -> (&Category, &Section) {
        let at = self.core.spans.partition_point(|s| s.docs.end <= doc);
        let span = &self.core.spans[at.min(self.core.spans.len() - 1)];
        let category = &self.core.categories[span.category];
        (category, &category.sections[span.section])
    }

    pub(crate) fn category_of(&self, doc: u32) -> usize {
        let at = self.core.spans.partition_point(|s| s.docs.end <= doc);
        self.core.spans.get(at).map_or(usize::MAX, |s| s.category)
    }

    pub(crate) fn meta(&self, n: u32, d: &Doc) -> ArticleMeta {
        let (category, section) = self.span_of(n);
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

/// The parts, each once, in the order first met (a handful: a linear scan beats sorting, and
/// keeps a sort's code out of the wasm).
fn distinct(parts: impl Iterator<Item = PartId>) -> Vec<PartId> {
    let mut out: Vec<PartId> = Vec::new();
    for part in parts {
        if !out.contains(&part) {
            out.push(part);
        }
    }
    out
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::build::{write_locale_with, BuiltIndex, Content, Layout};
    use crate::part_hash;

    fn built() -> BuiltIndex {
        write_locale_with(&Content::example().locales[0], Layout { postings_chunk: 40, docs_chunk: 40 }).unwrap()
    }

    fn attach(index: &mut Index, built: &BuiltIndex, parts: &[PartId]) {
        for &part in parts {
            let (_, bytes) = built.parts().into_iter().find(|(p, _)| *p == part).unwrap();
            index.add_part(part, bytes.to_vec()).unwrap();
        }
    }

    #[test]
    fn the_core_alone_triages_and_lists_categories() {
        let index = Index::from_core(built().core).unwrap();
        assert!(index.triage("I was charged twice!").escalate);
        assert_eq!(index.categories()[0].sections[0].id, "10");
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn the_core_names_each_part_as_it_is_published() {
        let built = built();
        let index = Index::from_core(built.core.clone()).unwrap();
        let build = crate::format::hex(&built.core[12..20]);
        for (part, bytes) in built.parts() {
            let hex = if part == PartId::Bodies { crate::format::hex(&part_hash(bytes)) } else { build.clone() };
            assert_eq!(index.published_name(part), Some(format!("en-us.{hex}.{}", part.kind())));
        }
        assert_eq!(index.published_name(PartId::Docs(999)), None);
        assert_eq!(crate::current_core_name("en-us"), "en-us.core");
    }

    #[test]
    fn what_is_not_attached_is_named_not_guessed() {
        let built = built();
        let mut index = Index::from_core(built.core.clone()).unwrap();
        let all_docs: Vec<PartId> = (0..built.docs.len() as u32).map(PartId::Docs).collect();
        assert_eq!(index.article("1002"), Err(Missing { parts: all_docs.clone() }));
        let Err(missing) = index.articles_in("10") else { panic!("articles without their chunks") };
        assert_eq!(missing.parts, all_docs);
        attach(&mut index, &built, &all_docs);
        assert_eq!(index.article("1002").unwrap().unwrap().title, "Refund policy");
        assert_eq!(index.article("404"), Ok(None));
        assert_eq!(index.articles_in("10").unwrap().len(), 3);
        assert_eq!(index.body("1002"), Err(Missing { parts: vec![PartId::Bodies] }));
        attach(&mut index, &built, &[PartId::Bodies]);
        assert!(index.body("1002").unwrap().unwrap().contains("7 days"));
    }

    #[test]
    fn the_start_screen_asks_only_for_the_chunks_of_the_promoted_articles_it_shows() {
        let mut content = Content::example();
        let articles = &mut content.locales[0].categories[0].sections[0].articles;
        articles.iter_mut().for_each(|a| a.promoted = true);
        articles[2].votes = 9;
        let built = write_locale_with(&content.locales[0], Layout { postings_chunk: 40, docs_chunk: 40 }).unwrap();
        assert!(built.docs.len() > 1, "one article chunk each");
        let mut index = Index::from_core(built.core.clone()).unwrap();
        assert_eq!(index.promoted(0), Ok(Vec::new()));
        let Err(missing) = index.promoted(1) else { panic!("a promoted article without its chunk") };
        assert_eq!(missing.parts.len(), 1, "only the most popular one's chunk: {missing:?}");
        attach(&mut index, &built, &missing.parts);
        assert_eq!(index.promoted(1).unwrap()[0].id, "1003");
        assert!(index.promoted(3).is_err(), "the others' chunks are not attached");
    }

    #[test]
    fn a_search_asks_for_its_postings_then_for_the_articles_it_shows() {
        let built = built();
        let mut index = Index::from_core(built.core.clone()).unwrap();
        let options = crate::SearchOptions::default();
        let Err(first) = index.search("refund", &options) else { panic!("searched without postings") };
        assert!(first.parts.iter().all(|p| matches!(p, PartId::Postings(_))));
        assert!(first.parts.len() < built.postings.len(), "only the chunks of the query's terms: {first:?}");
        attach(&mut index, &built, &first.parts);
        let Err(second) = index.search("refund", &options) else { panic!("results without their articles") };
        assert!(second.parts.iter().all(|p| matches!(p, PartId::Docs(_))));
        attach(&mut index, &built, &second.parts);
        assert_eq!(index.search("refund", &options).unwrap().results[0].id, "1002");
    }
}
