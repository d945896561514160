//! Which of an inbound mail's attachments the desk keeps: files whose first bytes say they are
//! one of a few harmless types (the name and the declared type are the sender's word, the bytes
//! are not), each within a size cap, together within a cap per mail. The rest are dropped, and
//! the agent reads why in a note on the ticket ([`note`]).

/// The largest file kept. A mail is at most `inbound::MAX_BYTES` (1 MiB) before its base64 is
/// decoded, so these caps matter for the sum; they are kept apart so each refusal says which.
pub const FILE_BYTES: usize = 512 * 1024;
/// The most kept from one mail, all files together.
pub const MAIL_BYTES: usize = 768 * 1024;
/// The most files kept from one mail.
pub const FILES: usize = 5;
/// The longest file name kept (characters); longer ones are cut.
const NAME_CHARS: usize = 120;

/// The types kept, told by their magic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileType {
    Png,
    Jpeg,
    Gif,
    Webp,
    Pdf,
}

impl FileType {
    /// What the bytes are, if one of the kept types.
    pub fn of(bytes: &[u8]) -> Option<FileType> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(FileType::Png)
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(FileType::Jpeg)
        } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
            Some(FileType::Gif)
        } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
            Some(FileType::Webp)
        } else if bytes.starts_with(b"%PDF-") {
            Some(FileType::Pdf)
        } else {
            None
        }
    }

    /// The Content-Type it is served with.
    pub fn media_type(self) -> &'static str {
        match self {
            FileType::Png => "image/png",
            FileType::Jpeg => "image/jpeg",
            FileType::Gif => "image/gif",
            FileType::Webp => "image/webp",
            FileType::Pdf => "application/pdf",
        }
    }
}

/// An attachment as the mail carried it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The sender's file name, if any.
    pub name: Option<String>,
    pub bytes: Vec<u8>,
}

/// A file the desk keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub filename: String,
    pub file_type: FileType,
    pub bytes: Vec<u8>,
}

/// Why a file was dropped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// Not one of the kept types.
    Type,
    /// Over [`FILE_BYTES`].
    FileSize,
    /// The files before it filled [`MAIL_BYTES`].
    MailSize,
    /// [`FILES`] were kept already.
    Count,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dropped {
    pub filename: String,
    pub size: usize,
    pub why: Why,
}

/// Sorts a mail's attachments, in order, into kept and dropped.
pub fn sort(attachments: Vec<Attachment>) -> (Vec<Kept>, Vec<Dropped>) {
    let (mut kept, mut dropped): (Vec<Kept>, Vec<Dropped>) = (Vec::new(), Vec::new());
    let mut total = 0;
    for (i, attachment) in attachments.into_iter().enumerate() {
        let filename = filename(attachment.name.as_deref(), i);
        let size = attachment.bytes.len();
        let why = match FileType::of(&attachment.bytes) {
            None => Some(Why::Type),
            Some(_) if size > FILE_BYTES => Some(Why::FileSize),
            Some(_) if total + size > MAIL_BYTES => Some(Why::MailSize),
            Some(_) if kept.len() == FILES => Some(Why::Count),
            Some(file_type) => {
                total += size;
                kept.push(Kept { filename: filename.clone(), file_type, bytes: attachment.bytes });
                None
            }
        };
        if let Some(why) = why {
            dropped.push(Dropped { filename, size, why });
        }
    }
    (kept, dropped)
}

/// A name safe to show and to offer as a download: no path, no control characters, not blank.
fn filename(name: Option<&str>, index: usize) -> String {
    let base = name.unwrap_or_default().rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control() && *c != '"').take(NAME_CHARS).collect();
    let clean = clean.trim();
    if clean.is_empty() { format!("attachment-{}", index + 1) } else { clean.to_string() }
}

/// The agents' note on the ticket about the files not kept (English, as the desk's other
/// automatic notes are).
pub fn note(dropped: &[Dropped]) -> Option<String> {
    if dropped.is_empty() {
        return None;
    }
    let kib = |bytes: usize| bytes.div_ceil(1024);
    let lines: Vec<String> = dropped
        .iter()
        .map(|d| {
            let why = match d.why {
                Why::Type => "not a kept type (PNG, JPEG, GIF, WebP or PDF, told by its content)".to_string(),
                Why::FileSize => format!("{} KiB, over the {} KiB a file may have", kib(d.size), kib(FILE_BYTES)),
                Why::MailSize => format!("{} KiB, over the {} KiB kept from one mail", kib(d.size), kib(MAIL_BYTES)),
                Why::Count => format!("more than {FILES} files in one mail"),
            };
            format!("- {}: {why}", d.filename)
        })
        .collect();
    Some(format!("Attachments of this mail not kept (ask the requester for them another way):\n{}", lines.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(size: usize) -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        bytes.resize(size, 0);
        bytes
    }

    fn file(name: &str, bytes: Vec<u8>) -> Attachment {
        Attachment { name: Some(name.into()), bytes }
    }

    #[test]
    fn types_are_told_by_their_bytes_not_their_names() {
        assert_eq!(FileType::of(&png(20)), Some(FileType::Png));
        assert_eq!(FileType::of(&[0xFF, 0xD8, 0xFF, 0xE0]), Some(FileType::Jpeg));
        assert_eq!(FileType::of(b"GIF89a..."), Some(FileType::Gif));
        assert_eq!(FileType::of(b"RIFF\0\0\0\0WEBPVP8 "), Some(FileType::Webp));
        assert_eq!(FileType::of(b"%PDF-1.7"), Some(FileType::Pdf));
        for other in [&b"MZ\x90\0"[..], b"PK\x03\x04", b"<html>", b"", b"RIFF\0\0\0\0WAVE"] {
            assert_eq!(FileType::of(other), None);
        }
        let (kept, dropped) = sort(vec![file("photo.png", b"MZ\x90\0 an exe".to_vec())]);
        assert!(kept.is_empty());
        assert_eq!(dropped, vec![Dropped { filename: "photo.png".into(), size: 11, why: Why::Type }]);
    }

    #[test]
    fn files_over_a_cap_are_dropped_in_order() {
        let mut mail = vec![file("big.png", png(FILE_BYTES + 1)), file("a.png", png(400 * 1024)), file("b.png", png(400 * 1024))];
        mail.extend((0..6).map(|i| file(&format!("s{i}.png"), png(100))));
        let (kept, dropped) = sort(mail);
        assert_eq!(kept.iter().map(|k| k.filename.as_str()).collect::<Vec<_>>(), ["a.png", "s0.png", "s1.png", "s2.png", "s3.png"]);
        assert_eq!(dropped.iter().map(|d| (d.filename.as_str(), d.why)).collect::<Vec<_>>(), [("big.png", Why::FileSize), ("b.png", Why::MailSize), ("s4.png", Why::Count), ("s5.png", Why::Count)]);
        let note = note(&dropped).unwrap();
        assert!(note.contains("- big.png: 513 KiB, over the 512 KiB a file may have") && note.contains("- b.png: 400 KiB, over the 768 KiB kept from one mail"), "{note}");
        assert_eq!(super::note(&[]), None);
    }

    #[test]
    fn names_lose_paths_and_control_characters() {
        assert_eq!(filename(Some("C:\\Users\\lin\\shot.png"), 0), "shot.png");
        assert_eq!(filename(Some("../../etc/passwd"), 0), "passwd");
        assert_eq!(filename(Some("a\r\nb\".png"), 0), "ab.png");
        assert_eq!(filename(None, 2), "attachment-3");
        assert_eq!(filename(Some("  "), 0), "attachment-1");
    }
}
