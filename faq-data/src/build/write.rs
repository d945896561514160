//! articles → bytes. Writes the sections in the order `format::read` reads them; FORMAT.md
//! is the description both follow.

use std::collections::BTreeMap;
use std::fmt;

use unicode_normalization::UnicodeNormalization;

use super::{pinyin_table, plain_text, sanitize, ArticleSource, CategorySource, LocaleContent, SectionSource};
use crate::analyze::{Lexicon, TermKind};
use crate::format::{put_str, put_varint, zigzag, Field, Header, BODIES_MAGIC, FIELDS, FORMAT_VERSION};
use crate::normalize::is_cjk;
use crate::Reason;

/// Characters of body text kept in the search part for result snippets.
const SNIPPET_CHARS: usize = 240;
/// Related articles kept per article.
const RELATED: usize = 5;

/// The two files of one locale, and what went into them.
pub struct BuiltIndex {
    /// `<locale>.idx`: everything search needs.
    pub index: Vec<u8>,
    /// `<locale>.bodies`: sanitised article bodies, loaded when an article is opened.
    pub bodies: Vec<u8>,
    pub articles: usize,
    pub terms: usize,
    pub sizes: SectionSizes,
}

/// Bytes per section of the search part, for the build summary.
#[derive(Debug, Clone, Default)]
pub struct SectionSizes {
    pub meta: usize,
    pub categories: usize,
    pub articles: usize,
    pub lexicon: usize,
    pub cues: usize,
    pub dictionary: usize,
    pub postings: usize,
}

#[derive(Debug)]
pub enum BuildError {
    /// The fst builder refused the terms (should not happen: they are sorted and unique).
    Dictionary(fst::Error),
    TooLarge(&'static str),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Dictionary(e) => write!(f, "term dictionary: {e}"),
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

/// Compiles one locale into index and bodies bytes.
pub fn write_locale(content: &LocaleContent) -> Result<BuiltIndex, BuildError> {
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

    // The dictionary: the terms in order, each as the bytes it shares with the previous term
    // and the rest, with its postings offset as the step from the previous one. Readers build
    // their fst from it (FORMAT.md says why).
    let mut postings_bytes = Vec::new();
    let mut dictionary = Vec::new();
    put_varint(&mut dictionary, postings.len() as u64);
    let mut previous_term: &[u8] = &[];
    let mut previous_offset = 0u64;
    for (term, list) in &postings {
        let term = term.as_bytes();
        let shared = previous_term.iter().zip(term).take_while(|(a, b)| a == b).count();
        put_varint(&mut dictionary, shared as u64);
        put_varint(&mut dictionary, (term.len() - shared) as u64);
        dictionary.extend_from_slice(&term[shared..]);
        let offset = postings_bytes.len() as u64;
        put_varint(&mut dictionary, offset - previous_offset);
        previous_term = term;
        previous_offset = offset;
        put_varint(&mut postings_bytes, list.len() as u64);
        let mut previous = 0;
        for (doc, tf) in list {
            put_varint(&mut postings_bytes, u64::from(doc - previous));
            previous = *doc;
            let mask = (0..FIELDS).filter(|&f| tf[f] > 0).fold(0u8, |m, f| m | 1 << f);
            postings_bytes.push(mask);
            for &t in tf.iter().filter(|&&t| t > 0) {
                put_varint(&mut postings_bytes, u64::from(t));
            }
        }
    }

    let related = related_articles(&docs, &content.locale);
    let mut meta = Vec::new();
    put_str(&mut meta, &content.locale);
    for avg in field_avg {
        meta.extend_from_slice(&avg.to_le_bytes());
    }
    let sections_bytes = [
        meta,
        encode_categories(&categories, &sections),
        encode_docs(&docs, &field_len, &related),
        encode_lexicon(&lexicon, &content.data.synonyms),
        encode_cues(content.data.cues.lists()),
        dictionary,
        postings_bytes,
    ];
    let sizes = SectionSizes {
        meta: sections_bytes[0].len(),
        categories: sections_bytes[1].len(),
        articles: sections_bytes[2].len(),
        lexicon: sections_bytes[3].len(),
        cues: sections_bytes[4].len(),
        dictionary: sections_bytes[5].len(),
        postings: sections_bytes[6].len(),
    };
    let mut payload = Vec::new();
    for section in &sections_bytes {
        let len = u32::try_from(section.len()).map_err(|_| BuildError::TooLarge("a section"))?;
        payload.extend_from_slice(&len.to_le_bytes());
        payload.extend_from_slice(section);
    }

    let mut bodies = Vec::new();
    bodies.extend_from_slice(BODIES_MAGIC);
    bodies.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    bodies.extend_from_slice(&0u16.to_le_bytes());
    put_varint(&mut bodies, docs.len() as u64);
    for d in &docs {
        put_str(&mut bodies, &d.body);
    }

    let too_large = |_| BuildError::TooLarge("the index");
    let header = Header {
        payload_len: u32::try_from(payload.len()).map_err(too_large)?,
        payload_crc: crc32fast::hash(&payload),
        bodies_len: u32::try_from(bodies.len()).map_err(too_large)?,
        bodies_crc: crc32fast::hash(&bodies),
    };
    let mut index = header.encode();
    index.extend_from_slice(&payload);
    Ok(BuiltIndex { index, bodies, articles: docs.len(), terms: postings.len(), sizes })
}

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
        }
    }
    out
}

fn encode_docs(docs: &[Prepared], field_len: &[[u32; FIELDS]], related: &[Vec<u32>]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, docs.len() as u64);
    for (n, d) in docs.iter().enumerate() {
        let s = d.source;
        put_str(&mut out, &s.id);
        put_str(&mut out, &s.title);
        put_varint(&mut out, d.category as u64);
        put_varint(&mut out, d.section as u64);
        out.push(u8::from(s.promoted));
        put_varint(&mut out, zigzag(s.votes));
        for len in field_len[n] {
            put_varint(&mut out, u64::from(len));
        }
        for list in [&s.questions, &s.keywords] {
            put_varint(&mut out, list.len() as u64);
            list.iter().for_each(|q| put_str(&mut out, q));
        }
        let snippet: String = d.text.replace('\n', " ").chars().take(SNIPPET_CHARS).collect();
        put_str(&mut out, &snippet);
        put_varint(&mut out, related[n].len() as u64);
        related[n].iter().for_each(|&r| put_varint(&mut out, u64::from(r)));
    }
    out
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
    put_varint(&mut out, lexicon.pinyin.len() as u64);
    let mut previous = 0u32;
    for &(c, syllable) in &lexicon.pinyin {
        put_varint(&mut out, u64::from(c as u32 - previous));
        previous = c as u32;
        put_varint(&mut out, u64::from(syllable));
    }
    out
}

fn encode_cues(lists: &[(Reason, Vec<String>)]) -> Vec<u8> {
    let mut out = Vec::new();
    put_varint(&mut out, lists.len() as u64);
    for (reason, cues) in lists {
        out.push(reason.code());
        put_varint(&mut out, cues.len() as u64);
        cues.iter().for_each(|c| put_str(&mut out, c));
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
