//! Little-endian varints and length-prefixed strings, written by the builder and read back by a
//! cursor that reports running out of bytes instead of panicking.

use super::IndexError;

#[cfg(any(feature = "build", test))]
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[cfg(feature = "build")]
pub(crate) fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A read position in a byte slice.
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, pos: 0 }
    }

    pub(crate) fn at(bytes: &'a [u8], pos: usize) -> Self {
        Cursor { bytes, pos }
    }

    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    pub(crate) fn take(&mut self, n: usize) -> Result<&'a [u8], IndexError> {
        if n > self.remaining() {
            return Err(IndexError::Truncated);
        }
        let slice = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(slice)
    }

    pub(crate) fn u8(&mut self) -> Result<u8, IndexError> {
        Ok(self.take(1)?[0])
    }

    pub(crate) fn u32(&mut self) -> Result<u32, IndexError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub(crate) fn varint(&mut self) -> Result<u64, IndexError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7F) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(IndexError::Corrupt("varint longer than 64 bits"))
    }

    /// A varint that must fit a `usize` no larger than `max`.
    pub(crate) fn bounded(&mut self, max: usize, what: &'static str) -> Result<usize, IndexError> {
        let v = self.varint()?;
        if v > max as u64 {
            return Err(IndexError::Corrupt(what));
        }
        Ok(v as usize)
    }

    /// A count of items that each take at least one byte: more than the bytes left is a lie.
    pub(crate) fn count(&mut self, what: &'static str) -> Result<usize, IndexError> {
        let max = self.remaining();
        self.bounded(max, what)
    }

    pub(crate) fn str(&mut self) -> Result<&'a str, IndexError> {
        let len = self.count("string longer than the file")?;
        std::str::from_utf8(self.take(len)?).map_err(|_| IndexError::Corrupt("string is not UTF-8"))
    }

    pub(crate) fn string(&mut self) -> Result<String, IndexError> {
        self.str().map(str::to_string)
    }

    pub(crate) fn strings(&mut self) -> Result<Vec<String>, IndexError> {
        let n = self.count("string list longer than the file")?;
        (0..n).map(|_| self.string()).collect()
    }

    /// A section: a u32 length, then that many bytes.
    pub(crate) fn section(&mut self) -> Result<Cursor<'a>, IndexError> {
        let len = self.u32()? as usize;
        Ok(Cursor::new(self.take(len)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            put_varint(&mut out, v);
        }
        let mut c = Cursor::new(&out);
        for v in [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            assert_eq!(c.varint().unwrap(), v);
        }
        assert_eq!(c.remaining(), 0);
        assert_eq!(c.varint(), Err(IndexError::Truncated));
    }

    #[test]
    fn lying_lengths_are_errors() {
        let mut out = Vec::new();
        put_varint(&mut out, 1000);
        out.extend_from_slice(b"abc");
        assert!(Cursor::new(&out).str().is_err());
        assert!(Cursor::new(&[0xFF; 11]).varint().is_err());
    }
}
