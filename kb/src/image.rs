//! An image an editor uploads for an article: its kind told by its first bytes (PNG, JPEG, GIF,
//! WebP — never by a file name or a declared type, so nothing else is served as an image), and
//! its dimensions read from its header, within the help center's limits. The console shrinks a
//! large image before sending it; the edge only checks, it does not decode.

use wire::limits::IMAGE_SIDE;

use crate::KbError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Gif,
    Webp,
}

impl ImageKind {
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Gif => "gif",
            ImageKind::Webp => "webp",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Gif => "image/gif",
            ImageKind::Webp => "image/webp",
        }
    }

    /// The kind a served name's extension stands for.
    pub fn from_extension(extension: &str) -> Option<ImageKind> {
        [ImageKind::Png, ImageKind::Jpeg, ImageKind::Gif, ImageKind::Webp].into_iter().find(|k| k.extension() == extension)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageInfo {
    pub kind: ImageKind,
    pub width: u32,
    pub height: u32,
}

/// The image's kind and size, if it is a PNG, JPEG, GIF or WebP no wider or taller than
/// [`IMAGE_SIDE`] pixels.
pub fn check_image(bytes: &[u8]) -> Result<ImageInfo, KbError> {
    let info = read_header(bytes).ok_or_else(|| KbError::invalid("image", "only PNG, JPEG, GIF or WebP images, as their content shows"))?;
    if info.width == 0 || info.height == 0 {
        return Err(KbError::invalid("image", "the image has no pixels"));
    }
    if info.width > IMAGE_SIDE || info.height > IMAGE_SIDE {
        return Err(KbError::invalid("image", format!("at most {IMAGE_SIDE}×{IMAGE_SIDE} pixels ({}×{} given): shrink it first", info.width, info.height)));
    }
    Ok(info)
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?)))
}

fn le24(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at + 3)?;
    Some(u32::from(s[0]) | u32::from(s[1]) << 8 | u32::from(s[2]) << 16)
}

fn read_header(b: &[u8]) -> Option<ImageInfo> {
    let info = |kind, width, height| Some(ImageInfo { kind, width, height });
    if b.starts_with(b"\x89PNG\r\n\x1a\n") && b.get(12..16) == Some(b"IHDR") {
        let side = |at: usize| Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?));
        return info(ImageKind::Png, side(16)?, side(20)?);
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        return info(ImageKind::Gif, le16(b, 6)?, le16(b, 8)?);
    }
    if b.starts_with(b"RIFF") && b.get(8..12) == Some(b"WEBP") {
        return match b.get(12..16)? {
            b"VP8 " if b.get(23..26) == Some(&[0x9d, 0x01, 0x2a]) => info(ImageKind::Webp, le16(b, 26)? & 0x3fff, le16(b, 28)? & 0x3fff),
            b"VP8L" if b.get(20) == Some(&0x2f) => {
                let bits = u32::from_le_bytes(b.get(21..25)?.try_into().ok()?);
                info(ImageKind::Webp, (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1)
            }
            b"VP8X" => info(ImageKind::Webp, le24(b, 24)? + 1, le24(b, 27)? + 1),
            _ => None,
        };
    }
    if b.starts_with(&[0xff, 0xd8]) {
        // Markers until a start of frame, which holds the size.
        let mut at = 2;
        loop {
            if *b.get(at)? != 0xff {
                return None;
            }
            let marker = *b.get(at + 1)?;
            match marker {
                0xff => at += 1,
                0x01 | 0xd0..=0xd7 => at += 2,
                0xc0..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => return info(ImageKind::Jpeg, be16(b, at + 7)?, be16(b, at + 5)?),
                0xd9 | 0xda => return None,
                _ => at += 2 + usize::try_from(be16(b, at + 2)?).ok()?,
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
        b.extend(w.to_be_bytes());
        b.extend(h.to_be_bytes());
        b.extend([8, 6, 0, 0, 0]);
        b
    }

    #[test]
    fn each_kind_is_told_by_its_bytes_with_its_size() {
        assert_eq!(check_image(&png(640, 480)).unwrap(), ImageInfo { kind: ImageKind::Png, width: 640, height: 480 });
        let gif = [b"GIF89a".as_slice(), &[0x20, 0x03, 0x58, 0x02]].concat();
        assert_eq!(check_image(&gif).unwrap(), ImageInfo { kind: ImageKind::Gif, width: 800, height: 600 });
        // A JPEG with an APP0 segment before its baseline frame.
        let jpeg = [&[0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46][..], &[0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80]].concat();
        assert_eq!(check_image(&jpeg).unwrap(), ImageInfo { kind: ImageKind::Jpeg, width: 640, height: 480 });
        let mut vp8x = b"RIFF\0\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0".to_vec();
        vp8x.extend([0x7f, 0x02, 0x00, 0xdf, 0x01, 0x00]);
        assert_eq!(check_image(&vp8x).unwrap(), ImageInfo { kind: ImageKind::Webp, width: 640, height: 480 });
        let mut vp8l = b"RIFF\0\0\0\0WEBPVP8L\0\0\0\0\x2f".to_vec();
        vp8l.extend((639u32 | (479 << 14)).to_le_bytes());
        assert_eq!(check_image(&vp8l).unwrap(), ImageInfo { kind: ImageKind::Webp, width: 640, height: 480 });
    }

    #[test]
    fn a_name_or_a_claim_is_not_an_image_and_a_huge_one_is_refused() {
        for not_image in [&b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..], b"GIF8", b"\x89PNG\r\n", b"\xff\xd8\xff\xda", b""] {
            let error = check_image(not_image).unwrap_err();
            assert!(error.to_string().contains("only PNG, JPEG, GIF or WebP"), "{error}");
        }
        let error = check_image(&png(IMAGE_SIDE + 1, 10)).unwrap_err().to_string();
        assert!(error.contains(&format!("{}×10 given", IMAGE_SIDE + 1)), "{error}");
        assert!(check_image(&png(0, 10)).is_err());
    }
}
