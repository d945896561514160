//! bytes → the parts of an [`Index`](crate::Index). Each section is length-prefixed and read in
//! the order `build::write` writes it; every count and offset is checked against the bytes
//! that are really there, the term dictionary is a checked list (searched by walking it, never
//! through an fst taken from a file: [`Terms`]), and a chunk is accepted only if it is the very
//! file the build wrote (its path leads to the root the core keeps).

use std::ops::Range;

use super::terms::Terms;
use super::tree::{root_from, Hash};
use super::{check_magic_and_version, part_hash, Cursor, Header, IndexError, BODIES_MAGIC, CORE_MAGIC, DOCS_MAGIC, HASH_LEN, HEADER_LEN, POSTINGS_MAGIC};
use crate::analyze::Lexicon;
use crate::escalation::{model::Model, signals};
use crate::index::{Category, Doc, Section};
use crate::sort::sort_by;
use crate::triage::{Cues, Reason};

/// A kind of chunk as the core lists it: the first term (or article) of each chunk, and the root
/// of the chunks' hash tree.
pub(crate) struct ChunkTable {
    pub firsts: Vec<u32>,
    pub root: Hash,
}

/// The articles of one section: a run of article numbers (articles are stored section by
/// section, in display order).
#[derive(Debug, Clone)]
pub(crate) struct Span {
    pub category: usize,
    pub section: usize,
    pub docs: Range<u32>,
}

/// Everything in a `.core` file, decoded and checked.
pub(crate) struct Core {
    pub build: [u8; 8],
    pub locale: String,
    pub doc_count: u32,
    pub categories: Vec<Category>,
    /// One per section, in display order; together they cover every article once.
    pub spans: Vec<Span>,
    /// Promoted articles, most popular first.
    pub promoted: Vec<u32>,
    pub lexicon: Lexicon,
    pub cues: Cues,
    /// The writing signals' model, heard when the cues are silent (none in an index built
    /// without it).
    pub writing_model: Option<Model>,
    /// Term → its number (terms are numbered in byte order).
    pub terms: Terms,
    /// Articles per term.
    pub df: Vec<u32>,
    pub postings: ChunkTable,
    pub docs: ChunkTable,
    pub bodies: Hash,
}

pub(crate) fn read_core(bytes: &[u8]) -> Result<Core, IndexError> {
    let (header, payload) = Header::decode(bytes, CORE_MAGIC)?;
    let mut c = Cursor::new(payload);
    let mut meta = c.section()?;
    let locale = meta.string()?;
    let doc_count = meta.bounded(u32::MAX as usize, "article count")? as u32;
    let (categories, spans) = read_categories(&mut c.section()?, doc_count)?;
    let mut promoted_section = c.section()?;
    let n = promoted_section.count("promoted articles")?;
    let promoted = (0..n).map(|_| doc_number(&mut promoted_section, doc_count, "promoted article")).collect::<Result<_, _>>()?;
    let lexicon = read_lexicon(&mut c.section()?)?;
    let (cues, writing_model) = read_escalation(&mut c.section()?)?;
    let (terms, df) = read_dictionary(&mut c.section()?, doc_count)?;
    let postings = read_chunk_table(&mut c.section()?, df.len(), "postings chunks")?;
    let docs = read_chunk_table(&mut c.section()?, doc_count as usize, "article chunks")?;
    let bodies = hash(&mut c.section()?)?;
    Ok(Core { build: header.build, locale, doc_count, categories, spans, promoted, lexicon, cues, writing_model, terms, df, postings, docs, bodies })
}

fn hash(c: &mut Cursor) -> Result<Hash, IndexError> {
    let mut out = [0u8; HASH_LEN];
    out.copy_from_slice(c.take(HASH_LEN)?);
    Ok(out)
}

fn doc_number(c: &mut Cursor, docs: u32, what: &'static str) -> Result<u32, IndexError> {
    Ok(c.bounded((docs as usize).checked_sub(1).ok_or(IndexError::Corrupt(what))?, what)? as u32)
}

/// Checks that `bytes` is chunk `number` of `table` as the build wrote it (same build, same
/// number, and its path after the payload leads from its hash to the table's root) and returns
/// its payload.
fn chunk_payload<'a>(bytes: &'a [u8], magic: &[u8; 8], core: &Core, table: &ChunkTable, number: u32) -> Result<&'a [u8], IndexError> {
    let (header, payload) = Header::decode(bytes, magic)?;
    if header.build != core.build {
        return Err(IndexError::OtherBuild);
    }
    let (file, path) = bytes.split_at(HEADER_LEN + payload.len());
    if header.number != number || root_from(part_hash(file), number, table.firsts.len() as u32, path)? != table.root {
        return Err(IndexError::ChecksumMismatch);
    }
    Ok(payload)
}

/// One range of terms' posting lists, checked: every list has the length the core says, its
/// articles exist and ascend, and every impact is above zero.
pub(crate) struct PostingsChunk {
    pub bytes: Vec<u8>,
    /// Where each term's list starts in `bytes`, for the chunk's terms in order.
    pub offsets: Vec<u32>,
}

pub(crate) fn read_postings_chunk(bytes: &[u8], core: &Core, number: u32) -> Result<PostingsChunk, IndexError> {
    let at = number as usize;
    let first = *core.postings.firsts.get(at).ok_or(IndexError::Corrupt("no such postings chunk"))?;
    let payload = chunk_payload(bytes, POSTINGS_MAGIC, core, &core.postings, number)?;
    let end = core.postings.firsts.get(at + 1).copied().unwrap_or(core.df.len() as u32);
    let mut c = Cursor::new(payload);
    let mut offsets = Vec::with_capacity((end - first) as usize);
    for term in first..end {
        offsets.push((payload.len() - c.remaining()) as u32);
        let n = c.count("posting list length")?;
        if n != core.df[term as usize] as usize {
            return Err(IndexError::Corrupt("posting list length differs from the core's"));
        }
        let mut doc = 0u32;
        for i in 0..n {
            let delta = c.bounded(u32::MAX as usize, "posting delta")? as u32;
            if i > 0 && delta == 0 {
                return Err(IndexError::Corrupt("postings out of order"));
            }
            doc = doc.checked_add(delta).ok_or(IndexError::Corrupt("posting delta"))?;
            if doc >= core.doc_count {
                return Err(IndexError::Corrupt("posting for an unknown article"));
            }
            if c.u8()? == 0 {
                return Err(IndexError::Corrupt("posting without impact"));
            }
        }
    }
    if c.remaining() != 0 {
        return Err(IndexError::Corrupt("bytes after the last posting list"));
    }
    Ok(PostingsChunk { bytes: payload.to_vec(), offsets })
}

/// One range of articles: what lists and results show of them.
pub(crate) struct DocsChunk {
    pub docs: Vec<Doc>,
    /// Places in `docs`, sorted by article id, for `article(id)`.
    pub by_id: Vec<u32>,
}

pub(crate) fn read_docs_chunk(bytes: &[u8], core: &Core, number: u32) -> Result<DocsChunk, IndexError> {
    let at = number as usize;
    let first = *core.docs.firsts.get(at).ok_or(IndexError::Corrupt("no such article chunk"))?;
    let payload = chunk_payload(bytes, DOCS_MAGIC, core, &core.docs, number)?;
    let end = core.docs.firsts.get(at + 1).copied().unwrap_or(core.doc_count);
    let mut c = Cursor::new(payload);
    let mut docs = Vec::with_capacity((end - first) as usize);
    for _ in first..end {
        let id = c.string()?;
        let title = c.string()?;
        let promoted = c.u8()? != 0;
        let votes = unzigzag(c.varint()?);
        let questions = c.strings()?;
        let keywords = c.strings()?;
        let snippet = c.string()?;
        let r = c.count("related")?;
        let related = (0..r).map(|_| doc_number(&mut c, core.doc_count, "related article")).collect::<Result<_, _>>()?;
        docs.push(Doc { id, title, promoted, votes, questions, keywords, snippet, related });
    }
    if c.remaining() != 0 {
        return Err(IndexError::Corrupt("bytes after the last article"));
    }
    let mut by_id: Vec<u32> = (0..docs.len() as u32).collect();
    sort_by(&mut by_id, |&a, &b| docs[a as usize].id.cmp(&docs[b as usize].id));
    Ok(DocsChunk { docs, by_id })
}

/// Reads a `.bodies` file, which must be the one the core names.
pub(crate) fn read_bodies(bytes: &[u8], core: &Core) -> Result<Vec<String>, IndexError> {
    check_magic_and_version(bytes, BODIES_MAGIC)?;
    if part_hash(bytes) != core.bodies {
        return Err(IndexError::ChecksumMismatch);
    }
    let mut c = Cursor::at(bytes, 12);
    let bodies = c.strings()?;
    if bodies.len() != core.doc_count as usize {
        return Err(IndexError::Corrupt("bodies count differs from articles"));
    }
    Ok(bodies)
}

fn read_categories(c: &mut Cursor, doc_count: u32) -> Result<(Vec<Category>, Vec<Span>), IndexError> {
    let n = c.count("categories")?;
    let mut categories = Vec::with_capacity(n);
    let mut spans = Vec::new();
    let mut next = 0u32;
    for category in 0..n {
        let id = c.string()?;
        let name = c.string()?;
        let position = c.u32()?;
        let m = c.count("sections")?;
        let mut sections = Vec::with_capacity(m);
        for section in 0..m {
            sections.push(Section { id: c.string()?, name: c.string()?, position: c.u32()? });
            let count = c.bounded((doc_count - next) as usize, "section holds more articles than the index")? as u32;
            spans.push(Span { category, section, docs: next..next + count });
            next += count;
        }
        categories.push(Category { id, name, position, sections });
    }
    if next != doc_count {
        return Err(IndexError::Corrupt("articles outside every section"));
    }
    Ok((categories, spans))
}

fn read_lexicon(c: &mut Cursor) -> Result<Lexicon, IndexError> {
    let stop_words = c.strings()?;
    let groups = c.count("synonym groups")?;
    let synonyms = (0..groups).map(|_| c.strings()).collect::<Result<Vec<_>, _>>()?;
    let syllables = c.strings()?;
    // The characters, then their syllables.
    let n = c.count("pinyin table")?;
    if n > 0 && syllables.is_empty() {
        return Err(IndexError::Corrupt("pinyin table without syllables"));
    }
    let mut characters = Vec::with_capacity(n);
    let mut code = 0u32;
    for _ in 0..n {
        code = code
            .checked_add(c.bounded(0x10FFFF, "pinyin character")? as u32)
            .ok_or(IndexError::Corrupt("pinyin character"))?;
        characters.push(char::from_u32(code).ok_or(IndexError::Corrupt("pinyin character"))?);
    }
    let mut pinyin = Vec::with_capacity(n);
    for ch in characters {
        pinyin.push((ch, c.bounded(syllables.len().saturating_sub(1), "pinyin syllable")? as u16));
    }
    Ok(Lexicon::new(stop_words, synonyms, syllables, pinyin))
}

fn read_escalation(c: &mut Cursor) -> Result<(Cues, Option<Model>), IndexError> {
    let n = c.count("cue lists")?;
    let mut cues = Cues::default();
    for _ in 0..n {
        let reason = Reason::from_code(c.u8()?).ok_or(IndexError::Corrupt("unknown escalation reason"))?;
        for cue in c.strings()? {
            cues.add(reason, &cue);
        }
    }
    let n = c.bounded(signals::NAMES.len(), "writing model weights")?;
    if n == 0 {
        return Ok((cues, None));
    }
    let mut weights = vec![0.0; signals::NAMES.len()];
    for _ in 0..n {
        let signal = c.u8()? as usize;
        let weight = finite(c)?;
        *weights.get_mut(signal).ok_or(IndexError::Corrupt("unknown writing signal"))? = weight;
    }
    let (bias, threshold) = (finite(c)?, finite(c)?);
    Ok((cues, Some(Model { weights, bias, threshold })))
}

fn finite(c: &mut Cursor) -> Result<f32, IndexError> {
    Some(f32::from_bits(c.u32()?)).filter(|f| f.is_finite()).ok_or(IndexError::Corrupt("writing model number is not finite"))
}

/// The term dictionary: the front-coded list, checked term by term (each sorts after the one
/// before); searches walk it ([`Terms`]).
fn read_dictionary(c: &mut Cursor, doc_count: u32) -> Result<(Terms, Vec<u32>), IndexError> {
    let n = c.count("terms")?;
    // Three runs (FORMAT.md): per term the bytes it shares with the one before and the length
    // of the rest; then the rests, one after the other; then the article counts.
    let mut lengths = Vec::with_capacity(n);
    let mut text_len = 0usize;
    let mut last_len = 0;
    for _ in 0..n {
        let shared = c.bounded(last_len, "term shares more than the previous term")?;
        let len = c.count("term longer than the file")?;
        text_len = text_len.checked_add(len).ok_or(IndexError::Corrupt("term dictionary"))?;
        lengths.push((shared, len));
        last_len = shared + len;
    }
    let mut text = Cursor::new(c.take(text_len)?);
    let mut terms = Terms::with_capacity(n);
    for (shared, len) in lengths {
        terms.push(shared, text.take(len)?)?;
    }
    let mut df = Vec::with_capacity(n);
    for _ in 0..n {
        let articles = c.bounded(doc_count as usize, "term in more articles than the index has")? as u32;
        if articles == 0 {
            return Err(IndexError::Corrupt("term in no article"));
        }
        df.push(articles);
    }
    Ok((terms, df))
}

/// A chunk table: per chunk the number of items (terms or articles) it holds, at least one;
/// then the root of the chunks' hash tree. Together the chunks hold all `items`.
fn read_chunk_table(c: &mut Cursor, items: usize, what: &'static str) -> Result<ChunkTable, IndexError> {
    let n = c.count(what)?;
    let mut firsts = Vec::with_capacity(n);
    let mut first = 0usize;
    for _ in 0..n {
        let count = c.bounded(items - first, what)?;
        if count == 0 {
            return Err(IndexError::Corrupt("empty chunk"));
        }
        firsts.push(first as u32);
        first += count;
    }
    if first != items {
        return Err(IndexError::Corrupt("chunks do not cover the index"));
    }
    Ok(ChunkTable { firsts, root: hash(c)? })
}

/// Walks a posting list that [`read_postings_chunk`] has already checked, without checking it
/// again: search decodes millions of postings a second through this. It stays panic-free on
/// any bytes (a short list just ends), but only checked lists give meaningful results.
pub(crate) struct Impacts<'a> {
    bytes: &'a [u8],
    pos: usize,
    left: usize,
    doc: u32,
}

impl<'a> Impacts<'a> {
    /// A list with no postings (a term whose chunk is not attached).
    pub(crate) fn empty() -> Self {
        Impacts { bytes: &[], pos: 0, left: 0, doc: 0 }
    }

    pub(crate) fn at(bytes: &'a [u8], offset: usize) -> Self {
        let mut list = Impacts { bytes, pos: offset, left: 0, doc: 0 };
        list.left = list.varint() as usize;
        list
    }

    #[inline(always)]
    fn varint(&mut self) -> u64 {
        let mut value = 0u64;
        let mut shift = 0;
        while let Some(&byte) = self.bytes.get(self.pos) {
            self.pos += 1;
            value |= u64::from(byte & 0x7F) << (shift & 63);
            if byte & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        value
    }

    /// The next article and its impact code.
    #[inline(always)]
    pub(crate) fn next_posting(&mut self) -> Option<(u32, u8)> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        self.doc = self.doc.wrapping_add(self.varint() as u32);
        let impact = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some((self.doc, impact))
    }
}

#[cfg(feature = "build")]
pub(crate) fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

#[cfg(all(test, feature = "build"))]
mod tests {
    use super::*;
    use crate::build::{write_locale, write_locale_with, BuiltIndex, Content, Layout};
    use crate::format::{payload_crc, PartId, HEADER_LEN};
    use crate::Index;

    /// The example help center in many small chunks.
    fn built() -> BuiltIndex {
        write_locale_with(&Content::example().locales[0], Layout { postings_chunk: 40, docs_chunk: 40 }).unwrap()
    }

    /// The core's sections, to tamper with one.
    fn core_sections(core: &[u8]) -> (Header, Vec<Vec<u8>>) {
        let (header, payload) = Header::decode(core, CORE_MAGIC).unwrap();
        let mut c = Cursor::new(payload);
        let sections = (0..9).map(|_| c.section().map(|mut s| s.take(s.remaining()).unwrap().to_vec())).collect::<Result<_, _>>().unwrap();
        (header, sections)
    }

    /// A part made of this payload, with a header whose length and checksum fit it.
    fn reseal(header: Header, magic: &[u8; 8], payload: &[u8]) -> Vec<u8> {
        let header = Header { payload_len: payload.len() as u32, payload_crc: payload_crc(payload), ..header };
        let mut bytes = header.encode(magic);
        bytes.extend_from_slice(payload);
        bytes
    }

    fn reassemble(header: Header, sections: &[Vec<u8>]) -> Vec<u8> {
        let mut payload = Vec::new();
        for s in sections {
            payload.extend_from_slice(&(s.len() as u32).to_le_bytes());
            payload.extend_from_slice(s);
        }
        reseal(header, CORE_MAGIC, &payload)
    }

    #[test]
    fn the_example_has_several_chunks_of_each_kind() {
        let built = built();
        assert!(built.postings.len() > 3 && built.docs.len() > 1);
        assert!(reassemble(core_sections(&built.core).0, &core_sections(&built.core).1) == built.core);
    }

    /// The index_decoder fuzz target once forged an fst whose checksum held but whose nodes
    /// did not, and fst panicked walking it. The dictionary is a checked term list.
    #[test]
    fn a_bad_term_list_is_corrupt_not_a_panic() {
        let built = built();
        let (header, sections) = core_sections(&built.core);
        // Two terms: lengths (shared, rest) of each, then the rests, then the article counts.
        let mut out_of_order = sections.clone();
        out_of_order[5] = vec![2, 0, 1, 0, 1, b'b', b'a', 1, 1];
        assert_eq!(read_core(&reassemble(header, &out_of_order)).err(), Some(IndexError::Corrupt("terms out of order")));

        let mut overlong = sections.clone();
        overlong[5] = vec![1, 5, 1, b'a', 1];
        assert_eq!(read_core(&reassemble(header, &overlong)).err(), Some(IndexError::Corrupt("term shares more than the previous term")));

        let mut garbage = sections;
        garbage[5] = vec![0xFF; 40];
        assert!(read_core(&reassemble(header, &garbage)).is_err());
    }

    #[test]
    fn articles_outside_every_section_are_corrupt() {
        let built = built();
        let (header, mut sections) = core_sections(&built.core);
        sections[1] = vec![0];
        assert_eq!(read_core(&reassemble(header, &sections)).err(), Some(IndexError::Corrupt("articles outside every section")));
    }

    #[test]
    fn a_chunk_from_another_build_is_told_apart() {
        let built = built();
        let mut content = Content::example();
        content.locales[0].categories[0].sections[0].articles[0].body_html = "<p>Open Settings and stop it.</p>".into();
        let other = write_locale_with(&content.locales[0], Layout { postings_chunk: 40, docs_chunk: 40 }).unwrap();
        let mut index = Index::from_core(built.core.clone()).unwrap();
        assert_eq!(index.add_part(PartId::Docs(0), other.docs[0].clone()), Err(IndexError::OtherBuild));
        assert_eq!(index.add_part(PartId::Postings(0), other.postings[0].clone()), Err(IndexError::OtherBuild));
        assert_eq!(index.add_part(PartId::Bodies, other.bodies.clone()), Err(IndexError::ChecksumMismatch));
        assert!(!index.has(PartId::Docs(0)) && !index.has(PartId::Postings(0)) && !index.has(PartId::Bodies));
    }

    /// What a manifest naming the wrong file hands the reader: another chunk of the same build,
    /// or a chunk of the other kind.
    #[test]
    fn the_wrong_chunk_of_the_right_build_is_refused() {
        let built = built();
        let mut index = Index::from_core(built.core.clone()).unwrap();
        assert_eq!(index.add_part(PartId::Postings(0), built.postings[1].clone()), Err(IndexError::ChecksumMismatch));
        assert_eq!(index.add_part(PartId::Postings(0), built.docs[0].clone()), Err(IndexError::BadMagic));
        assert_eq!(index.add_part(PartId::Docs(99), built.docs[0].clone()), Err(IndexError::Corrupt("no such article chunk")));
        assert_eq!(index.add_part(PartId::Postings(0), built.postings[0].clone()), Ok(()));
    }

    /// A chunk whose payload was changed and whose checksum was made to fit, its path kept: the
    /// hash tree's root in the core still refuses it, so a forged chunk cannot change an answer.
    /// Nor can another chunk's path; with none the chunk is cut short.
    #[test]
    fn a_forged_chunk_with_a_fitting_checksum_is_refused() {
        let built = built();
        let (header, payload) = Header::decode(&built.docs[0], DOCS_MAGIC).unwrap();
        let path = &built.docs[0][HEADER_LEN + payload.len()..];
        assert!(!path.is_empty());
        let mut forged = payload.to_vec();
        let at = forged.iter().position(|&b| b == b'C').unwrap();
        forged[at] = b'X';
        let mut bytes = reseal(header, DOCS_MAGIC, &forged);
        bytes.extend_from_slice(path);
        assert!(Header::decode(&bytes, DOCS_MAGIC).is_ok());
        let mut index = Index::from_core(built.core.clone()).unwrap();
        assert_eq!(index.add_part(PartId::Docs(0), bytes), Err(IndexError::ChecksumMismatch));
        let unforged = &built.docs[0][..HEADER_LEN + payload.len()];
        let other_path = &built.docs[1][built.docs[1].len() - path.len()..];
        assert_eq!(index.add_part(PartId::Docs(0), [unforged, other_path].concat()), Err(IndexError::ChecksumMismatch));
        assert_eq!(index.add_part(PartId::Docs(0), unforged.to_vec()), Err(IndexError::Truncated));
        assert_eq!(index.add_part(PartId::Docs(0), built.docs[0].clone()), Ok(()));
    }

    /// A chunk whose content disagrees with the core is corrupt, even where the hash check
    /// is passed (a core written to match a forged chunk).
    #[test]
    fn a_posting_list_of_another_length_is_corrupt() {
        let built = write_locale(&Content::example().locales[0]).unwrap();
        let core = read_core(&built.core).unwrap();
        let (header, payload) = Header::decode(&built.postings[0], POSTINGS_MAGIC).unwrap();
        let mut longer = payload.to_vec();
        longer[0] += 1;
        let bytes = reseal(header, POSTINGS_MAGIC, &longer);
        // One chunk: its hash is the tree's root.
        let core = Core { postings: ChunkTable { firsts: vec![0], root: part_hash(&bytes) }, ..core };
        assert!(matches!(read_postings_chunk(&bytes, &core, 0), Err(IndexError::Corrupt(_))));
    }

    #[test]
    fn truncated_parts_are_errors() {
        let built = built();
        for cut in [0, 5, 9, HEADER_LEN - 1, HEADER_LEN + 1, built.core.len() - 1] {
            assert!(Index::from_core(built.core[..cut].to_vec()).is_err(), "core cut at {cut}");
        }
        let mut index = Index::from_core(built.core.clone()).unwrap();
        let docs = &built.docs[0];
        assert_eq!(index.add_part(PartId::Docs(0), docs[..docs.len() - 1].to_vec()), Err(IndexError::Truncated));
    }

    #[test]
    fn the_fast_reader_ends_on_short_bytes() {
        let mut list = Impacts::at(&[5, 0, 1], 0);
        assert_eq!(list.next_posting(), Some((0, 1)));
        assert_eq!(list.next_posting(), None);
        assert_eq!(Impacts::at(&[], 7).next_posting(), None);
    }
}
