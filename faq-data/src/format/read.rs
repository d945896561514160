//! bytes → the parts of an [`Index`](crate::Index). Each section is length-prefixed and read in
//! the order `build::write` writes it; every count and offset is checked against the bytes
//! that are really there, and the term dictionary's fst is built here, never taken from the
//! file.

use super::{check_magic_and_version, Cursor, Field, Header, IndexError, BODIES_MAGIC, FIELDS, HEADER_LEN};
use crate::analyze::Lexicon;
use crate::index::{Category, Doc, Section};
use crate::triage::{Cues, Reason};

/// Everything in a `.idx` file, decoded and checked.
pub(crate) struct SearchPart {
    pub header: Header,
    pub locale: String,
    pub field_avg: [f32; FIELDS],
    pub categories: Vec<Category>,
    pub docs: Vec<Doc>,
    pub lexicon: Lexicon,
    pub cues: Cues,
    pub terms: fst::Map<Vec<u8>>,
    pub postings: Vec<u8>,
}

pub(crate) fn read_search_part(bytes: &[u8]) -> Result<SearchPart, IndexError> {
    let header = Header::decode(bytes)?;
    let end = HEADER_LEN
        .checked_add(header.payload_len as usize)
        .ok_or(IndexError::Corrupt("payload length overflows"))?;
    if bytes.len() < end {
        return Err(IndexError::Truncated);
    }
    let payload = &bytes[HEADER_LEN..end];
    if crc32fast::hash(payload) != header.payload_crc {
        return Err(IndexError::ChecksumMismatch);
    }
    let mut c = Cursor::new(payload);

    let mut meta = c.section()?;
    let locale = meta.string()?;
    let mut field_avg = [0f32; FIELDS];
    for avg in &mut field_avg {
        *avg = meta.f32()?;
        if !avg.is_finite() || *avg < 0.0 {
            return Err(IndexError::Corrupt("field length average"));
        }
    }
    let categories = read_categories(&mut c.section()?)?;
    let docs = read_docs(&mut c.section()?, &categories)?;
    let lexicon = read_lexicon(&mut c.section()?)?;
    let cues = read_cues(&mut c.section()?)?;
    let terms = read_dictionary(&mut c.section()?)?;
    let mut postings_section = c.section()?;
    let postings = postings_section.take(postings_section.remaining())?.to_vec();
    check_postings(&terms, &postings, docs.len())?;
    Ok(SearchPart { header, locale, field_avg, categories, docs, lexicon, cues, terms, postings })
}

/// Reads a `.bodies` file, which must be the one the index header names.
pub(crate) fn read_bodies(bytes: &[u8], header: &Header, docs: usize) -> Result<Vec<String>, IndexError> {
    check_magic_and_version(bytes, BODIES_MAGIC)?;
    if bytes.len() < header.bodies_len as usize {
        return Err(IndexError::Truncated);
    }
    if bytes.len() != header.bodies_len as usize || crc32fast::hash(bytes) != header.bodies_crc {
        return Err(IndexError::ChecksumMismatch);
    }
    let mut c = Cursor::at(bytes, 12);
    let bodies = c.strings()?;
    if bodies.len() != docs {
        return Err(IndexError::Corrupt("bodies count differs from articles"));
    }
    Ok(bodies)
}

fn read_categories(c: &mut Cursor) -> Result<Vec<Category>, IndexError> {
    let n = c.count("categories")?;
    let mut categories = Vec::with_capacity(n);
    for _ in 0..n {
        let id = c.string()?;
        let name = c.string()?;
        let position = c.u32()?;
        let m = c.count("sections")?;
        let mut sections = Vec::with_capacity(m);
        for _ in 0..m {
            sections.push(Section { id: c.string()?, name: c.string()?, position: c.u32()? });
        }
        categories.push(Category { id, name, position, sections });
    }
    Ok(categories)
}

fn read_docs(c: &mut Cursor, categories: &[Category]) -> Result<Vec<Doc>, IndexError> {
    let n = c.count("articles")?;
    let mut docs = Vec::with_capacity(n);
    for _ in 0..n {
        let id = c.string()?;
        let title = c.string()?;
        let category = c.bounded(categories.len().saturating_sub(1), "article category")?;
        let sections = &categories.get(category).ok_or(IndexError::Corrupt("article without a category"))?.sections;
        if sections.is_empty() {
            return Err(IndexError::Corrupt("article in a category without sections"));
        }
        let section = c.bounded(sections.len() - 1, "article section")?;
        let promoted = c.u8()? != 0;
        let votes = unzigzag(c.varint()?);
        let mut field_len = [0u32; FIELDS];
        for len in &mut field_len {
            *len = c.bounded(u32::MAX as usize, "field length")? as u32;
        }
        let questions = c.strings()?;
        let keywords = c.strings()?;
        let snippet = c.string()?;
        let r = c.count("related")?;
        let related = (0..r).map(|_| c.bounded(n.saturating_sub(1), "related article").map(|v| v as u32)).collect::<Result<_, _>>()?;
        docs.push(Doc { id, title, category, section, promoted, votes, field_len, questions, keywords, snippet, related });
    }
    Ok(docs)
}

fn read_lexicon(c: &mut Cursor) -> Result<Lexicon, IndexError> {
    let stop_words = c.strings()?;
    let groups = c.count("synonym groups")?;
    let synonyms = (0..groups).map(|_| c.strings()).collect::<Result<Vec<_>, _>>()?;
    let syllables = c.strings()?;
    let n = c.count("pinyin table")?;
    let mut pinyin = Vec::with_capacity(n);
    let mut code = 0u32;
    for _ in 0..n {
        code = code
            .checked_add(c.bounded(0x10FFFF, "pinyin character")? as u32)
            .ok_or(IndexError::Corrupt("pinyin character"))?;
        let ch = char::from_u32(code).ok_or(IndexError::Corrupt("pinyin character"))?;
        let syllable = c.bounded(syllables.len().saturating_sub(1), "pinyin syllable")? as u16;
        if syllables.is_empty() {
            return Err(IndexError::Corrupt("pinyin table without syllables"));
        }
        pinyin.push((ch, syllable));
    }
    Ok(Lexicon::new(stop_words, synonyms, syllables, pinyin))
}

fn read_cues(c: &mut Cursor) -> Result<Cues, IndexError> {
    let n = c.count("cue lists")?;
    let mut cues = Cues::default();
    for _ in 0..n {
        let reason = Reason::from_code(c.u8()?).ok_or(IndexError::Corrupt("unknown escalation reason"))?;
        for cue in c.strings()? {
            cues.add(reason, &cue);
        }
    }
    Ok(cues)
}

/// The term dictionary, built into an fst here rather than read as one: fst's reader trusts its
/// bytes (a forged fst with a fitting checksum panics it), while this list is checked term by
/// term and the builder refuses anything out of order.
fn read_dictionary(c: &mut Cursor) -> Result<fst::Map<Vec<u8>>, IndexError> {
    let n = c.count("terms")?;
    let mut builder = fst::MapBuilder::memory();
    let mut term: Vec<u8> = Vec::new();
    let mut offset = 0u64;
    for _ in 0..n {
        let shared = c.bounded(term.len(), "term shares more than the previous term")?;
        let len = c.count("term longer than the file")?;
        term.truncate(shared);
        term.extend_from_slice(c.take(len)?);
        offset = offset.checked_add(c.varint()?).ok_or(IndexError::Corrupt("postings offset"))?;
        builder.insert(&term, offset).map_err(|_| IndexError::Corrupt("terms out of order"))?;
    }
    let bytes = builder.into_inner().map_err(|_| IndexError::Corrupt("term dictionary"))?;
    fst::Map::new(bytes).map_err(|_| IndexError::Corrupt("term dictionary"))
}

/// Walks every posting list once, so that search never meets a bad offset or article number.
fn check_postings(terms: &fst::Map<Vec<u8>>, postings: &[u8], docs: usize) -> Result<(), IndexError> {
    use fst::Streamer;
    let mut stream = terms.stream();
    while let Some((_, offset)) = stream.next() {
        let offset = usize::try_from(offset).map_err(|_| IndexError::Corrupt("postings offset"))?;
        if offset >= postings.len() {
            return Err(IndexError::Corrupt("postings offset"));
        }
        let mut c = Cursor::at(postings, offset);
        let mut list = PostingsReader::new(&mut c)?;
        while let Some(p) = list.next(&mut c)? {
            if p.doc as usize >= docs {
                return Err(IndexError::Corrupt("posting for an unknown article"));
            }
            if p.tf.iter().all(|&tf| tf == 0) {
                return Err(IndexError::Corrupt("posting without occurrences"));
            }
        }
    }
    Ok(())
}

/// One article's term frequencies for one term.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Posting {
    pub doc: u32,
    pub tf: [u16; FIELDS],
}

/// Decodes a posting list: a count, then per article a doc-number delta, a field bit mask and a
/// term frequency per field present.
pub(crate) struct PostingsReader {
    left: usize,
    doc: u32,
    first: bool,
}

impl PostingsReader {
    pub(crate) fn new(c: &mut Cursor) -> Result<Self, IndexError> {
        let left = c.count("posting list length")?;
        Ok(PostingsReader { left, doc: 0, first: true })
    }

    pub(crate) fn next(&mut self, c: &mut Cursor) -> Result<Option<Posting>, IndexError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let delta = c.bounded(u32::MAX as usize, "posting delta")? as u32;
        if !self.first && delta == 0 {
            return Err(IndexError::Corrupt("postings out of order"));
        }
        self.doc = self.doc.checked_add(delta).ok_or(IndexError::Corrupt("posting delta"))?;
        self.first = false;
        let mask = c.u8()?;
        let mut tf = [0u16; FIELDS];
        for field in Field::ALL {
            if mask & (1 << field as u8) != 0 {
                tf[field as usize] = c.bounded(u16::MAX as usize, "term frequency")? as u16;
            }
        }
        Ok(Some(Posting { doc: self.doc, tf }))
    }
}

/// Walks a posting list that [`read_search_part`] has already checked, without checking it
/// again: search decodes millions of postings a second through this. It stays panic-free on
/// any bytes (a short list just ends), but only checked lists give meaningful results.
pub(crate) struct CheckedPostings<'a> {
    bytes: &'a [u8],
    pos: usize,
    left: usize,
    doc: u32,
}

impl<'a> CheckedPostings<'a> {
    pub(crate) fn at(bytes: &'a [u8], offset: usize) -> Self {
        let mut list = CheckedPostings { bytes, pos: offset, left: 0, doc: 0 };
        list.left = list.varint() as usize;
        list
    }

    /// Articles in the list.
    pub(crate) fn len(&self) -> usize {
        self.left
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

    /// The next article and its term frequency per field.
    #[inline(always)]
    pub(crate) fn next_posting(&mut self) -> Option<(u32, [u16; FIELDS])> {
        if self.left == 0 || self.pos >= self.bytes.len() {
            return None;
        }
        self.left -= 1;
        self.doc = self.doc.wrapping_add(self.varint() as u32);
        let mask = *self.bytes.get(self.pos)?;
        self.pos += 1;
        let mut tf = [0u16; FIELDS];
        for (f, slot) in tf.iter_mut().enumerate() {
            if mask & (1 << f) != 0 {
                *slot = self.varint() as u16;
            }
        }
        Some((self.doc, tf))
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
    use crate::build::{write_locale, Content};

    /// The payload's sections of a freshly built index, to tamper with one.
    fn sections() -> (Header, Vec<Vec<u8>>) {
        let built = write_locale(&Content::example().locales[0]).unwrap();
        let header = Header::decode(&built.index).unwrap();
        let mut c = Cursor::new(&built.index[HEADER_LEN..]);
        let sections = (0..7).map(|_| c.section().map(|mut s| s.take(s.remaining()).unwrap().to_vec())).collect::<Result<_, _>>().unwrap();
        (header, sections)
    }

    /// An index made of these sections, with a header whose length and checksum fit them.
    fn reassemble(header: Header, sections: &[Vec<u8>]) -> Vec<u8> {
        let mut payload = Vec::new();
        for s in sections {
            payload.extend_from_slice(&(s.len() as u32).to_le_bytes());
            payload.extend_from_slice(s);
        }
        let header = Header { payload_len: payload.len() as u32, payload_crc: crc32fast::hash(&payload), ..header };
        let mut bytes = header.encode();
        bytes.extend_from_slice(&payload);
        bytes
    }

    /// The index_decoder fuzz target once forged an fst whose checksum held but whose nodes
    /// did not, and fst panicked walking it. The dictionary is now a checked term list.
    #[test]
    fn a_bad_term_list_is_corrupt_not_a_panic() {
        let (header, sections) = sections();
        let mut dictionary = Vec::new();
        crate::format::put_varint(&mut dictionary, 2);
        for (shared, term) in [(0, "b"), (0, "a")] {
            crate::format::put_varint(&mut dictionary, shared);
            crate::format::put_str(&mut dictionary, term);
            crate::format::put_varint(&mut dictionary, 0);
        }
        let mut out_of_order = sections.clone();
        out_of_order[5] = dictionary;
        let read = read_search_part(&reassemble(header, &out_of_order));
        assert_eq!(read.err(), Some(IndexError::Corrupt("terms out of order")));

        let mut overlong = sections.clone();
        overlong[5] = vec![1, 5, 1, b'a', 0];
        let read = read_search_part(&reassemble(header, &overlong));
        assert_eq!(read.err(), Some(IndexError::Corrupt("term shares more than the previous term")));

        let mut garbage = sections;
        garbage[5] = vec![0xFF; 40];
        assert!(read_search_part(&reassemble(header, &garbage)).is_err());
    }

    #[test]
    fn the_fast_reader_agrees_with_the_checking_one() {
        use fst::Streamer;
        let built = write_locale(&Content::example().locales[0]).unwrap();
        let part = read_search_part(&built.index).unwrap();
        let mut stream = part.terms.stream();
        let mut lists = 0;
        while let Some((_, offset)) = stream.next() {
            let mut c = Cursor::at(&part.postings, offset as usize);
            let mut checked = PostingsReader::new(&mut c).unwrap();
            let mut fast = CheckedPostings::at(&part.postings, offset as usize);
            let mut n = 0;
            let len = fast.len();
            while let Some(p) = checked.next(&mut c).unwrap() {
                assert_eq!(fast.next_posting(), Some((p.doc, p.tf)));
                n += 1;
            }
            assert_eq!(n, len);
            assert_eq!(fast.next_posting(), None);
            lists += 1;
        }
        assert!(lists > 10);
    }

    #[test]
    fn the_fast_reader_ends_on_short_bytes() {
        let mut list = CheckedPostings::at(&[5, 0, 1], 0);
        assert_eq!(list.next_posting(), Some((0, [0; FIELDS])));
        assert_eq!(list.next_posting(), None);
        assert_eq!(CheckedPostings::at(&[], 7).next_posting(), None);
    }

    #[test]
    fn reassembled_sections_read_back() {
        let (header, sections) = sections();
        assert!(read_search_part(&reassemble(header, &sections)).is_ok());
    }

    /// Found by the `index_decoder` fuzz target: articles in an index with no categories made
    /// the reader index an empty list.
    #[test]
    fn articles_without_categories_are_corrupt_not_a_panic() {
        let (header, mut sections) = sections();
        sections[1] = vec![0];
        let read = read_search_part(&reassemble(header, &sections));
        assert_eq!(read.err(), Some(IndexError::Corrupt("article without a category")));
    }

    #[test]
    fn articles_in_a_category_without_sections_are_corrupt() {
        let (header, mut sections) = sections();
        let mut categories = Vec::new();
        crate::format::put_varint(&mut categories, 1);
        crate::format::put_str(&mut categories, "1");
        crate::format::put_str(&mut categories, "Empty");
        categories.extend_from_slice(&1u32.to_le_bytes());
        crate::format::put_varint(&mut categories, 0);
        sections[1] = categories;
        let read = read_search_part(&reassemble(header, &sections));
        assert_eq!(read.err(), Some(IndexError::Corrupt("article in a category without sections")));
    }
}
