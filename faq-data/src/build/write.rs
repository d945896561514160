//! articles → bytes: a core and chunks. Writes the sections in the order `format::read` reads
//! them; FORMAT.md is the description both follow.

use std::collections::BTreeMap;
use std::fmt;

use unicode_normalization::UnicodeNormalization;

use super::{pinyin_table, plain_text, sanitize, ArticleSource, CategorySource, LocaleContent, SectionSource};
use crate::analyze::{Lexicon, TermKind};
use crate::format::tree::{tree, Hash};
use crate::format::{part_hash, payload_crc, put_str, put_varint, zigzag, Field, Header, PartId, BODIES_MAGIC, CORE_MAGIC, DOCS_MAGIC, FIELDS, FORMAT_VERSION, POSTINGS_MAGIC};
use crate::search::rank::{self, Weights};
use crate::{Index, IndexError};
use sha2::{Digest, Sha256};
use crate::normalize::is_cjk;
use crate::escalation::model::Model;
use crate::Reason;

/// Characters of body text kept in the search part for result snippets.
const SNIPPET_CHARS: usize = 240;
/// Related articles kept per article.
const RELATED: usize = 5;

/// Raw bytes a chunk grows to before the next one starts (a posting list or an article is
/// never split). FORMAT.md gives the measurement behind the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub postings_chunk: usize,
    pub docs_chunk: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout { postings_chunk: 8 * 1024, docs_chunk: 16 * 1024 }
    }
}

/// The parts of one locale, and what went into them.
pub struct BuiltIndex {
    /// `<locale>.core`: what every search needs; it names every other part (FORMAT.md).
    pub core: Vec<u8>,
    /// `<locale>.p<n>`: posting lists of ranges of terms.
    pub postings: Vec<Vec<u8>>,
    /// `<locale>.d<n>`: titles, snippets and related articles of ranges of articles.
    pub docs: Vec<Vec<u8>>,
    /// `<locale>.bodies`: sanitised article bodies, loaded when an article is opened.
    pub bodies: Vec<u8>,
    pub articles: usize,
    pub terms: usize,
    pub sizes: SectionSizes,
}

impl BuiltIndex {
    /// Every part besides the core, with its id.
    pub fn parts(&self) -> Vec<(PartId, &[u8])> {
        let postings = self.postings.iter().enumerate().map(|(n, p)| (PartId::Postings(n as u32), p.as_slice()));
        let docs = self.docs.iter().enumerate().map(|(n, d)| (PartId::Docs(n as u32), d.as_slice()));
        postings.chain(docs).chain([(PartId::Bodies, self.bodies.as_slice())]).collect()
    }

    /// The whole index read back, every part attached.
    pub fn open(&self) -> Result<Index, IndexError> {
        let mut index = Index::from_core(self.core.clone())?;
        for (part, bytes) in self.parts() {
            index.add_part(part, bytes.to_vec())?;
        }
        Ok(index)
    }
}

/// Bytes per section of the core, and of the chunks altogether, for the build summary.
#[derive(Debug, Clone, Default)]
pub struct SectionSizes {
    pub categories: usize,
    pub lexicon: usize,
    pub cues: usize,
    pub dictionary: usize,
    pub postings: usize,
    pub docs: usize,
}

#[derive(Debug)]
pub enum BuildError {
    TooLarge(&'static str),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::TooLarge(what) => write!(f, "{what} does not fit the index format"),
        }
    }
}

impl std::error::Error for BuildError {}

/// One article ready for indexing.
struct Prepared<'a> {
    source: &'a ArticleSource,
    category: usize,
    section: usize,
    body: String,
    text: String,
}

/// Compiles one locale into its parts, with the default chunk sizes.
pub fn write_locale(content: &LocaleContent) -> Result<BuiltIndex, BuildError> {
    write_locale_with(content, Layout::default())
}

/// Compiles one locale into its parts.
pub fn write_locale_with(content: &LocaleContent, layout: Layout) -> Result<BuiltIndex, BuildError> {
    write_locale_weighted(content, layout, &Weights::SHIPPED)
}

/// Compiles one locale into its parts, its fields weighed by `weights` (the eval tries others).
pub fn write_locale_weighted(content: &LocaleContent, layout: Layout, weights: &Weights) -> Result<BuiltIndex, BuildError> {
    let mut categories: Vec<&CategorySource> = content.categories.iter().collect();
    categories.sort_by_key(|c| c.position);
    let sections: Vec<Vec<&SectionSource>> = categories
        .iter()
        .map(|c| {
            let mut s: Vec<&SectionSource> = c.sections.iter().collect();
            s.sort_by_key(|s| s.position);
            s
        })
        .collect();
    // Section by section, so that a section's articles are one run of article numbers.
    let mut docs = Vec::new();
    for (ci, category_sections) in sections.iter().enumerate() {
        for (si, s) in category_sections.iter().enumerate() {
            for a in &s.articles {
                let body = sanitize(&a.body_html);
                let text = plain_text(&body);
                docs.push(Prepared { source: a, category: ci, section: si, body, text });
            }
        }
    }
    let doc_count = u32::try_from(docs.len()).map_err(|_| BuildError::TooLarge("the article count"))?;

    let nfkc = |s: &str| s.nfkc().collect::<String>();
    let all_text = docs.iter().flat_map(|d| {
        [d.source.title.as_str(), d.text.as_str()].into_iter().chain(d.source.questions.iter().map(String::as_str)).chain(d.source.keywords.iter().map(String::as_str))
    });
    let (syllables, pinyin) = pinyin_table::table(all_text.chain(content.data.synonyms.iter().flatten().map(String::as_str)));
    let stop_words = content.data.stop_words.iter().map(|w| nfkc(w).to_lowercase()).collect();
    let lexicon = Lexicon::new(stop_words, content.data.synonyms.clone(), syllables, pinyin);

    // term → (article, tf per field)
    let mut postings: BTreeMap<String, Vec<(u32, [u16; FIELDS])>> = BTreeMap::new();
    let mut field_len = Vec::with_capacity(docs.len());
    for (n, d) in docs.iter().enumerate() {
        let s = d.source;
        let section = sections[d.category][d.section];
        let fields: [(Field, String, bool); FIELDS] = [
            (Field::Title, nfkc(&s.title), true),
            (Field::Questions, nfkc(&s.questions.join("\n")), true),
            (Field::Keywords, nfkc(&format!("{}\n{}", s.keywords.join("\n"), section.name)), true),
            (Field::Body, nfkc(&d.text), false),
        ];
        let mut lens = [0u32; FIELDS];
        let mut tfs: BTreeMap<String, [u16; FIELDS]> = BTreeMap::new();
        for (field, text, initials) in fields {
            let analysis = lexicon.analyze(&text, initials);
            lens[field as usize] = analysis.terms.iter().filter(|t| matches!(t.kind, TermKind::Han | TermKind::Word)).count() as u32;
            for term in analysis.terms {
                let tf = &mut tfs.entry(term.text).or_default()[field as usize];
                *tf = tf.saturating_add(1);
            }
        }
        field_len.push(lens);
        for (term, tf) in tfs {
            postings.entry(term).or_default().push((n as u32, tf));
        }
    }
    let mut field_avg = [0f32; FIELDS];
    for f in 0..FIELDS {
        field_avg[f] = field_len.iter().map(|l| l[f] as f32).sum::<f32>() / docs.len().max(1) as f32;
    }
    let max_votes = docs.iter().map(|d| d.source.votes).max().unwrap_or(0);
    let prior: Vec<f32> = docs.iter().map(|d| rank::popularity(d.source.votes, d.source.promoted, max_votes)).collect();

    // The dictionary: the terms in order, each as the bytes it shares with the previous term
    // and the rest, with its article count, in three runs (lengths, then text, then counts):
    // brotli packs each run better alone (FORMAT.md). Readers walk it with fst's automata
    // (FORMAT.md says why there is no fst). Posting lists go to chunks of about
    // `layout.postings_chunk` bytes.
    let mut lengths = Vec::new();
    let mut text = Vec::new();
    let mut article_counts = Vec::new();
    let mut previous_term: &[u8] = &[];
    let mut postings_chunks: Vec<(usize, Vec<u8>)> = Vec::new();
    for (term, list) in &postings {
        let term = term.as_bytes();
        let shared = previous_term.iter().zip(term).take_while(|(a, b)| a == b).count();
        put_varint(&mut lengths, shared as u64);
        put_varint(&mut lengths, (term.len() - shared) as u64);
        text.extend_from_slice(&term[shared..]);
        put_varint(&mut article_counts, list.len() as u64);
        previous_term = term;
        if postings_chunks.last().is_none_or(|(_, bytes)| bytes.len() >= layout.postings_chunk) {
            postings_chunks.push((0, Vec::new()));
        }
        let (terms, out) = postings_chunks.last_mut().expect("a chunk was just pushed");
        *terms += 1;
        put_varint(out, list.len() as u64);
        let mut previous = 0;
        for (doc, tf) in list {
            put_varint(out, u64::from(doc - previous));
            previous = *doc;
            let impact = rank::impact(weights, tf, &field_len[*doc as usize], &field_avg, prior[*doc as usize]);
            out.push(impact);
        }
    }
    let mut dictionary = Vec::new();
    put_varint(&mut dictionary, postings.len() as u64);
    dictionary.extend_from_slice(&lengths);
    dictionary.extend_from_slice(&text);
    dictionary.extend_from_slice(&article_counts);

    let related = related_articles(&docs, &content.locale);
    let mut docs_chunks: Vec<(usize, Vec<u8>)> = Vec::new();
    for (n, d) in docs.iter().enumerate() {
        if docs_chunks.last().is_none_or(|(_, bytes)| bytes.len() >= layout.docs_chunk) {
            docs_chunks.push((0, Vec::new()));
        }
        let (count, out) = docs_chunks.last_mut().expect("a chunk was just pushed");
        *count += 1;
        encode_doc(out, d, &related[n]);
    }

    let mut bodies = Vec::new();
    bodies.extend_from_slice(BODIES_MAGIC);
    bodies.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bodies.extend_from_slice(&0u16.to_le_bytes());
    put_varint(&mut bodies, docs.len() as u64);
    for d in &docs {
        put_str(&mut bodies, &d.body);
    }

    // The build id: the hash of what the chunks mean (the dictionary they are numbered by, their
    // lengths and payloads, the bodies), so a chunk of another build is told apart from a
    // damaged one, and a chunk's published name (its build id and number) is its content.
    let mut hasher = Sha256::new();
    hasher.update(&dictionary);
    postings_chunks.iter().chain(&docs_chunks).for_each(|(_, payload)| {
        hasher.update((payload.len() as u64).to_le_bytes());
        hasher.update(payload);
    });
    hasher.update(&bodies);
    let mut build = [0u8; 8];
    build.copy_from_slice(&hasher.finalize()[..8]);

    let (postings_files, postings_root) = seal_chunks(&postings_chunks, POSTINGS_MAGIC, build)?;
    let (docs_files, docs_root) = seal_chunks(&docs_chunks, DOCS_MAGIC, build)?;

    let mut meta = Vec::new();
    put_str(&mut meta, &content.locale);
    put_varint(&mut meta, u64::from(doc_count));
    let mut promoted: Vec<usize> = (0..docs.len()).filter(|&n| docs[n].source.promoted).collect();
    promoted.sort_by_key(|&n| -docs[n].source.votes);
    promoted.truncate(crate::FEATURED_ARTICLES);
    let mut promoted_bytes = Vec::new();
    put_varint(&mut promoted_bytes, promoted.len() as u64);
    promoted.iter().for_each(|&n| put_varint(&mut promoted_bytes, n as u64));
    let sections_bytes = [
        meta,
        encode_categories(&categories, &sections),
        promoted_bytes,
        encode_lexicon(&lexicon, &content.data.synonyms),
        encode_escalation(content.data.cues.lists(), content.data.writing_model.as_ref()),
        dictionary,
        chunk_table(&postings_chunks, postings_root),
        chunk_table(&docs_chunks, docs_root),
        part_hash(&bodies).to_vec(),
    ];
    let sizes = SectionSizes {
        categories: sections_bytes[1].len(),
        lexicon: sections_bytes[3].len(),
        cues: sections_bytes[4].len(),
        dictionary: sections_bytes[5].len(),
        postings: postings_files.iter().map(Vec::len).sum(),
        docs: docs_files.iter().map(Vec::len).sum(),
    };
    let mut payload = Vec::new();
    for section in &sections_bytes {
        let len = u32::try_from(section.len()).map_err(|_| BuildError::TooLarge("a section"))?;
        payload.extend_from_slice(&len.to_le_bytes());
        payload.extend_from_slice(section);
    }
    let core = seal(&payload, CORE_MAGIC, build, 0)?;
    Ok(BuiltIndex { core, postings: postings_files, docs: docs_files, bodies, articles: docs.len(), terms: postings.len(), sizes })
}

/// A part file: the header (build id, number, payload length and checksum), then the payload.
fn seal(payload: &[u8], magic: &[u8; 8], build: [u8; 8], number: u32) -> Result<Vec<u8>, BuildError> {
    let payload_len = u32::try_from(payload.len()).map_err(|_| BuildError::TooLarge("a part"))?;
    let mut out = Header { build, number, payload_len, payload_crc: payload_crc(payload) }.encode(magic);
    out.extend_from_slice(payload);
    Ok(out)
}

/// The chunk files of one kind, each ending with its path in the kind's hash tree, and the
/// tree's root.
fn seal_chunks(chunks: &[(usize, Vec<u8>)], magic: &[u8; 8], build: [u8; 8]) -> Result<(Vec<Vec<u8>>, Hash), BuildError> {
    let mut files: Vec<Vec<u8>> = chunks.iter().enumerate().map(|(n, (_, payload))| seal(payload, magic, build, n as u32)).collect::<Result<_, _>>()?;
    let leaves: Vec<Hash> = files.iter().map(|file| part_hash(file)).collect();
    let (root, paths) = tree(&leaves);
    files.iter_mut().zip(paths).for_each(|(file, path)| file.extend_from_slice(&path));
    Ok((files, root))
}

/// Per chunk, how many terms or articles it holds; then the root of the chunks' hash tree.
fn chunk_table(chunks: &[(usize, Vec<u8>)], root: Hash) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, chunks.len() as u64);
    chunks.iter().for_each(|(count, _)| put_varint(&mut out, *count as u64));
    out.extend_from_slice(&root);
    out
}

/// Categories and sections in display order, each section with its article count (its
/// articles are the next run of article numbers).
fn encode_categories(categories: &[&CategorySource], sections: &[Vec<&SectionSource>]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, categories.len() as u64);
    for (c, sections) in categories.iter().zip(sections) {
        put_str(&mut out, &c.id);
        put_str(&mut out, &c.name);
        out.extend_from_slice(&c.position.to_le_bytes());
        put_varint(&mut out, sections.len() as u64);
        for s in sections {
            put_str(&mut out, &s.id);
            put_str(&mut out, &s.name);
            out.extend_from_slice(&s.position.to_le_bytes());
            put_varint(&mut out, s.articles.len() as u64);
        }
    }
    out
}

fn encode_doc(out: &mut Vec<u8>, d: &Prepared, related: &[u32]) {
    let s = d.source;
    put_str(out, &s.id);
    put_str(out, &s.title);
    out.push(u8::from(s.promoted));
    put_varint(out, zigzag(s.votes));
    for list in [&s.questions, &s.keywords] {
        put_varint(out, list.len() as u64);
        list.iter().for_each(|q| put_str(out, q));
    }
    let snippet: String = d.text.replace('\n', " ").chars().take(SNIPPET_CHARS).collect();
    put_str(out, &snippet);
    put_varint(out, related.len() as u64);
    related.iter().for_each(|&r| put_varint(out, u64::from(r)));
}

fn encode_lexicon(lexicon: &Lexicon, synonyms: &[Vec<String>]) -> Vec<u8> {
    let mut out = Vec::new();
    let strings = |out: &mut Vec<u8>, list: &[String]| {
        put_varint(out, list.len() as u64);
        list.iter().for_each(|s| put_str(out, s));
    };
    strings(&mut out, &lexicon.stop_words);
    put_varint(&mut out, synonyms.len() as u64);
    synonyms.iter().for_each(|g| strings(&mut out, g));
    strings(&mut out, &lexicon.syllables);
    // The characters, then their syllables: each run packs better alone (FORMAT.md).
    put_varint(&mut out, lexicon.pinyin.len() as u64);
    let mut previous = 0u32;
    for &(c, _) in &lexicon.pinyin {
        put_varint(&mut out, u64::from(c as u32 - previous));
        previous = c as u32;
    }
    lexicon.pinyin.iter().for_each(|&(_, syllable)| put_varint(&mut out, u64::from(syllable)));
    out
}

fn encode_escalation(lists: &[(Reason, Vec<String>)], writing_model: Option<&Model>) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, lists.len() as u64);
    for (reason, cues) in lists {
        out.push(reason.code());
        put_varint(&mut out, cues.len() as u64);
        cues.iter().for_each(|c| put_str(&mut out, c));
    }
    let weights: Vec<(usize, f32)> = writing_model.map(|m| m.weights.iter().copied().enumerate().filter(|(_, w)| *w != 0.0).collect()).unwrap_or_default();
    put_varint(&mut out, weights.len() as u64);
    for (signal, weight) in weights {
        out.push(signal as u8);
        out.extend(weight.to_le_bytes());
    }
    if let Some(model) = writing_model.filter(|m| m.weights.iter().any(|w| *w != 0.0)) {
        out.extend(model.bias.to_le_bytes());
        out.extend(model.threshold.to_le_bytes());
    }
    out
}

/// Articles this one links to, then the articles of its section that share the most keywords
/// and title characters with it.
fn related_articles(docs: &[Prepared], locale: &str) -> Vec<Vec<u32>> {
    let link = format!("/hc/{locale}/articles/");
    let by_id: BTreeMap<&str, u32> = docs.iter().enumerate().map(|(n, d)| (d.source.id.as_str(), n as u32)).collect();
    let words = |d: &Prepared| -> std::collections::BTreeSet<String> {
        d.source.keywords.iter().cloned().chain(d.source.title.chars().filter(|c| is_cjk(*c) || c.is_alphanumeric()).map(String::from)).collect()
    };
    let word_sets: Vec<_> = docs.iter().map(words).collect();
    docs.iter()
        .enumerate()
        .map(|(n, d)| {
            let mut related: Vec<u32> = Vec::new();
            for part in d.body.split(&link).skip(1) {
                let id: String = part.chars().take_while(char::is_ascii_digit).collect();
                if let Some(&r) = by_id.get(id.as_str()) {
                    if r as usize != n && !related.contains(&r) {
                        related.push(r);
                    }
                }
            }
            let mut neighbours: Vec<(usize, u32)> = docs
                .iter()
                .enumerate()
                .filter(|(m, o)| *m != n && o.category == d.category && o.section == d.section)
                .map(|(m, _)| (word_sets[n].intersection(&word_sets[m]).count(), m as u32))
                .collect();
            neighbours.sort_by_key(|&(shared, m)| (std::cmp::Reverse(shared), m));
            for (_, m) in neighbours {
                if related.len() >= RELATED {
                    break;
                }
                if !related.contains(&m) {
                    related.push(m);
                }
            }
            related.truncate(RELATED);
            related
        })
        .collect()
}
