//! The bytes between `faq build` and every reader. FORMAT.md describes them; this module holds
//! the constants both sides agree on, the parts' header, and the one error type of the reader.

mod bytes;
mod read;
mod terms;
pub mod tree;

pub(crate) use bytes::Cursor;
#[cfg(feature = "build")]
pub(crate) use bytes::{put_str, put_varint};
pub(crate) use terms::Terms;
pub(crate) use read::{read_bodies, read_core, read_docs_chunk, read_postings_chunk, Core, DocsChunk, PostingsChunk, Impacts};
#[cfg(feature = "build")]
pub(crate) use read::zigzag;

use std::fmt;

/// First bytes of a `<locale>.core` file: what every search needs.
pub const CORE_MAGIC: &[u8; 8] = b"GXFAQCOR";
/// First bytes of a `<locale>.p<n>` file: the posting lists of a range of terms.
pub const POSTINGS_MAGIC: &[u8; 8] = b"GXFAQPST";
/// First bytes of a `<locale>.d<n>` file: titles, snippets and related articles of a range of
/// articles.
pub const DOCS_MAGIC: &[u8; 8] = b"GXFAQDOC";
/// First bytes of a `<locale>.bodies` file.
pub const BODIES_MAGIC: &[u8; 8] = b"GXFAQBDY";
/// Bumped on every change a reader of the previous version would misread. Version 3 splits
/// the index into a core and chunks fetched on demand; version 5 stores the dictionary in runs,
/// without the pinyin of bigrams (readers derive it); version 6 checks chunks against a hash
/// tree's root instead of a hash per chunk.
pub const FORMAT_VERSION: u16 = 6;
/// magic, version, reserved, build id, part number, payload length, payload crc32.
pub const HEADER_LEN: usize = 8 + 2 + 2 + 8 + 4 + 4 + 4;
/// Bytes of a SHA-256 kept: of the bodies file, of a chunk (a leaf of its kind's hash tree), of
/// a tree's node. 16 hex digits in a published name.
pub const HASH_LEN: usize = 8;

/// One part of a locale's index besides its core. The core lists every part; a reader asks for
/// the ones a search needs ([`crate::Missing`]) and is handed their bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartId {
    /// The posting lists of the n-th range of terms.
    Postings(u32),
    /// Titles, snippets and related articles of the n-th range of articles.
    Docs(u32),
    /// Every article's sanitised HTML.
    Bodies,
}

impl PartId {
    /// What names the part after its locale: `p3`, `d0`, `bodies`.
    pub fn kind(self) -> String {
        match self {
            PartId::Postings(n) => format!("p{n}"),
            PartId::Docs(n) => format!("d{n}"),
            PartId::Bodies => "bodies".to_string(),
        }
    }

    /// The file `faq build` writes it to: `zh-cn.p3`, `zh-cn.d0`, `zh-cn.bodies`.
    pub fn file_name(self, locale: &str) -> String {
        format!("{locale}.{}", self.kind())
    }
}

/// The name a file of an index is published under, for good: `<locale>.<hex>.<kind>`, where
/// `kind` is `core` or a [`PartId::kind`] and `hex` is 16 hex digits: of the build id for a
/// chunk (a build's chunks are all new: each carries the build id), else of the file's SHA-256
/// (the core keeps the bodies'). `scripts/publish-index.sh` names them the same.
pub fn published_name(locale: &str, hash_hex: &str, kind: &str) -> String {
    format!("{locale}.{hash_hex}.{kind}")
}

/// The name a locale's newest core is served at whatever its content (`zh-cn.core`): short-lived
/// and revalidated, so a reader needs nothing else to start, and the core names every other part.
pub fn current_core_name(locale: &str) -> String {
    format!("{locale}.core")
}

/// Why bytes could not be read as an index part. Every malformed input ends here; the reader
/// never panics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    /// Not an index part at all, or a part of another kind than the one asked for.
    BadMagic,
    /// Written by a newer (or older) `faq build` than this reader understands.
    UnsupportedVersion(u16),
    /// The file ends before its header says it does.
    Truncated,
    /// The bytes changed after they were written, or they are not the part the core names.
    ChecksumMismatch,
    /// A part written by another build than the core's (content changed in between).
    OtherBuild,
    /// The checksum held but the content is inconsistent (a writer bug or a forged file).
    Corrupt(&'static str),
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::BadMagic => write!(f, "not the help-center index part asked for (bad magic number)"),
            IndexError::UnsupportedVersion(v) => {
                write!(f, "index format version {v} is not supported (this reader reads {FORMAT_VERSION})")
            }
            IndexError::Truncated => write!(f, "index part is truncated"),
            IndexError::ChecksumMismatch => write!(f, "index part checksum mismatch (not the part the core names)"),
            IndexError::OtherBuild => write!(f, "index part belongs to another build of the index"),
            IndexError::Corrupt(what) => write!(f, "index is corrupt: {what}"),
        }
    }
}

impl std::error::Error for IndexError {}

/// The fixed-size start of every part but the bodies: which build it belongs to, which part
/// of it it is, and how long and intact its payload is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The same in the core and every chunk of one build (FORMAT.md says how it is made).
    pub build: [u8; 8],
    /// The chunk's number (0 for the core).
    pub number: u32,
    pub payload_len: u32,
    pub payload_crc: u32,
}

impl Header {
    #[cfg(feature = "build")]
    pub(crate) fn encode(&self, magic: &[u8; 8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN);
        out.extend_from_slice(magic);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(&self.build);
        for v in [self.number, self.payload_len, self.payload_crc] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Reads the header of a part that must start with `magic`, checks its payload's length
    /// and checksum, and returns the header with the payload.
    pub(crate) fn decode<'a>(bytes: &'a [u8], magic: &[u8; 8]) -> Result<(Header, &'a [u8]), IndexError> {
        check_magic_and_version(bytes, magic)?;
        if bytes.len() < HEADER_LEN {
            return Err(IndexError::Truncated);
        }
        let word = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        let mut build = [0u8; 8];
        build.copy_from_slice(&bytes[12..20]);
        let header = Header { build, number: word(20), payload_len: word(24), payload_crc: word(28) };
        let end = HEADER_LEN.checked_add(header.payload_len as usize).ok_or(IndexError::Corrupt("payload length overflows"))?;
        if bytes.len() < end {
            return Err(IndexError::Truncated);
        }
        let payload = &bytes[HEADER_LEN..end];
        if payload_crc(payload) != header.payload_crc {
            return Err(IndexError::ChecksumMismatch);
        }
        Ok((header, payload))
    }
}

/// The CRC-32 (ISO-HDLC, as zlib's) a part's header holds of its payload.
pub(crate) fn payload_crc(payload: &[u8]) -> u32 {
    // The 1 KB table is worked out on each call (a microsecond, once per part read) rather than
    // kept in a static: as data it would not compress, and cost the browser module 844 B brotli.
    crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC).checksum(payload)
}

/// The first [`HASH_LEN`] bytes of the SHA-256 of some bytes: a part file, a tree's node.
pub fn part_hash(bytes: &[u8]) -> [u8; HASH_LEN] {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    let mut out = [0u8; HASH_LEN];
    out.copy_from_slice(&digest[..HASH_LEN]);
    out
}

/// Bytes in lower-case hex, as names carry hashes and build ids.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn check_magic_and_version(bytes: &[u8], magic: &[u8; 8]) -> Result<(), IndexError> {
    let n = bytes.len().min(8);
    if bytes[..n] != magic[..n] {
        return Err(IndexError::BadMagic);
    }
    if bytes.len() < 10 {
        return Err(IndexError::Truncated);
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(IndexError::UnsupportedVersion(version));
    }
    Ok(())
}

/// Which part of a document a term occurred in; the ranker weighs them differently (at build
/// time: see `search::rank::impact`).
#[cfg(feature = "build")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Title = 0,
    Questions = 1,
    Keywords = 2,
    Body = 3,
}

#[cfg(feature = "build")]
pub(crate) const FIELDS: usize = 4;

/// A posting's impact (the article's saturated BM25F term frequency times its popularity prior,
/// below 1.2) is one byte on a log scale: code c (1 to 255) stands for
/// `IMPACT_MIN * IMPACT_STEP^(c - 1)`, 1/256 to 1.19 in steps of 2.28 % (FORMAT.md).
pub(crate) const IMPACT_MIN: f32 = 1.0 / 256.0;
pub(crate) const IMPACT_STEP: f32 = 1.0228;

/// What each impact code stands for (code 0 is never written).
pub(crate) fn impact_table() -> [f32; 256] {
    let mut table = [0f32; 256];
    let mut value = IMPACT_MIN;
    for slot in table.iter_mut().skip(1) {
        *slot = value;
        value *= IMPACT_STEP;
    }
    table
}
