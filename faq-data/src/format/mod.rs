//! The bytes between `faq build` and every reader. FORMAT.md describes them; this module holds
//! the constants both sides agree on, the header, and the one error type of the reader.

mod bytes;
mod read;

pub(crate) use bytes::Cursor;
#[cfg(feature = "build")]
pub(crate) use bytes::{put_str, put_varint};
pub(crate) use read::{read_bodies, read_search_part, CheckedPostings};
#[cfg(feature = "build")]
pub(crate) use read::zigzag;

use std::fmt;

/// First bytes of a `<locale>.idx` file.
pub const INDEX_MAGIC: &[u8; 8] = b"GXFAQIDX";
/// First bytes of a `<locale>.bodies` file.
pub const BODIES_MAGIC: &[u8; 8] = b"GXFAQBDY";
/// Bumped on every change a reader of the previous version would misread. Version 2 stores the
/// term dictionary as a front-coded term list instead of fst bytes.
pub const FORMAT_VERSION: u16 = 2;
/// magic, version, reserved, payload length, payload crc32, bodies length, bodies crc32.
pub const HEADER_LEN: usize = 8 + 2 + 2 + 4 + 4 + 4 + 4;

/// Why bytes could not be read as an index. Every malformed input ends here; the reader never
/// panics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexError {
    /// Not an index (or bodies) file at all.
    BadMagic,
    /// Written by a newer (or older) `faq build` than this reader understands.
    UnsupportedVersion(u16),
    /// The file ends before its header says it does.
    Truncated,
    /// The bytes changed after they were written, or the bodies belong to another index.
    ChecksumMismatch,
    /// The checksum held but the content is inconsistent (a writer bug or a forged file).
    Corrupt(&'static str),
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IndexError::BadMagic => write!(f, "not a help-center index (bad magic number)"),
            IndexError::UnsupportedVersion(v) => {
                write!(f, "index format version {v} is not supported (this reader reads {FORMAT_VERSION})")
            }
            IndexError::Truncated => write!(f, "index file is truncated"),
            IndexError::ChecksumMismatch => write!(f, "index checksum mismatch"),
            IndexError::Corrupt(what) => write!(f, "index is corrupt: {what}"),
        }
    }
}

impl std::error::Error for IndexError {}

/// The fixed-size start of a `.idx` file: enough to know how long the search part is and
/// which bodies file belongs to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    pub payload_len: u32,
    pub payload_crc: u32,
    pub bodies_len: u32,
    pub bodies_crc: u32,
}

impl Header {
    #[cfg(feature = "build")]
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN);
        out.extend_from_slice(INDEX_MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        for v in [self.payload_len, self.payload_crc, self.bodies_len, self.bodies_crc] {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Reads the header at the start of `bytes` (at least [`HEADER_LEN`] bytes).
    pub fn decode(bytes: &[u8]) -> Result<Header, IndexError> {
        check_magic_and_version(bytes, INDEX_MAGIC)?;
        if bytes.len() < HEADER_LEN {
            return Err(IndexError::Truncated);
        }
        let word = |at: usize| u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        Ok(Header { payload_len: word(12), payload_crc: word(16), bodies_len: word(20), bodies_crc: word(24) })
    }
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

/// Which part of a document a term occurred in; the ranker weighs them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Title = 0,
    Questions = 1,
    Keywords = 2,
    Body = 3,
}

pub(crate) const FIELDS: usize = 4;

impl Field {
    pub(crate) const ALL: [Field; FIELDS] = [Field::Title, Field::Questions, Field::Keywords, Field::Body];
}
