//! An inbound mail read into what the desk needs: who wrote, the subject, their new words
//! (history and signature cut, HTML turned into text), and which of our mails or tickets it
//! answers — or why it is ignored: automatic replies, bounces, mailing lists and our own mail
//! coming back (a loop). Any bytes at all give an answer, never a panic (`fuzz/`).

use mail_parser::{HeaderValue, MessageParser, MimeHeaders};
use wire::limits;

use crate::address::{Reference, SupportAddress};
use crate::attachment::Attachment;
use crate::quote::new_words;

/// The largest mail read; Email Routing takes up to 25 MiB, a support request needs far less.
pub const MAX_BYTES: usize = 1024 * 1024;
/// New tickets that senders unknown to a site (no ticket with their address) may file by mail
/// per [`UNKNOWN_SENDER_WINDOW_MS`], unless the deployment sets its own number
/// (`MAIL_UNKNOWN_SENDER_TICKETS`); the rest are refused, so a spam run or a loop with a
/// stranger fills no queue. Known senders are never limited.
pub const UNKNOWN_SENDER_TICKETS: u32 = 20;
pub const UNKNOWN_SENDER_WINDOW_MS: i64 = 60 * 60 * 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inbound {
    /// The sender's address, lower case.
    pub from: String,
    pub name: Option<String>,
    /// At most `wire::limits::SUBJECT` characters; "(no subject)" words when blank.
    pub subject: String,
    /// The new words, at most `wire::limits::TEXT` characters; never empty.
    pub text: String,
    pub message_id: Option<String>,
    /// Our mails and tickets named in `In-Reply-To` and `References`, nearest first.
    pub references: Vec<Reference>,
    /// `zh-cn` when the words are Chinese, else `en-us`.
    pub locale: &'static str,
    /// The files it carried, as sent (`crate::attachment` decides which are kept).
    pub attachments: Vec<Attachment>,
}

/// Why a mail files nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ignored {
    TooLarge,
    Unreadable,
    /// `Auto-Submitted`, `Precedence: bulk|junk|list|auto_reply`, `X-Autoreply`, a list, a bounce.
    Automatic,
    /// One of our own mails, or mail from our own address.
    Loop,
    NoSender,
    NoWords,
}

/// Reads `raw`, an RFC 5322 message sent to `support`'s domain.
pub fn read(raw: &[u8], support: &SupportAddress) -> Result<Inbound, Ignored> {
    if raw.len() > MAX_BYTES {
        return Err(Ignored::TooLarge);
    }
    let message = MessageParser::default().parse(raw).ok_or(Ignored::Unreadable)?;
    let header = |name: &str| message.header_raw(name).map(|v| v.trim().to_ascii_lowercase());
    let automatic = header("auto-submitted").is_some_and(|v| v != "no")
        || header("precedence").is_some_and(|v| ["bulk", "junk", "list", "auto_reply"].iter().any(|p| v.starts_with(p)))
        || ["x-autoreply", "x-autorespond", "list-id", "list-unsubscribe"].iter().any(|h| message.header_raw(*h).is_some())
        || header("return-path").is_some_and(|v| v == "<>");
    if automatic {
        return Err(Ignored::Automatic);
    }
    let message_id = message.message_id().map(str::to_string);
    if message_id.as_deref().is_some_and(|id| support.sent_by_us(id)) {
        return Err(Ignored::Loop);
    }
    let sender = message.from().and_then(|a| a.first()).ok_or(Ignored::NoSender)?;
    let from = sender.address().map(|a| a.trim().to_ascii_lowercase()).filter(|a| a.contains('@') && a.len() <= limits::EMAIL).ok_or(Ignored::NoSender)?;
    if from.ends_with(&format!("@{}", support.address().rsplit_once('@').map(|(_, d)| d).unwrap_or_default())) {
        return Err(Ignored::Loop);
    }
    if from.starts_with("mailer-daemon@") || from.starts_with("postmaster@") {
        return Err(Ignored::Automatic);
    }
    let body = message.body_text(0).map(|t| t.into_owned()).unwrap_or_default();
    let text = clip(&new_words(&body), limits::TEXT);
    if text.is_empty() {
        return Err(Ignored::NoWords);
    }
    let mut references = Vec::new();
    for value in [message.in_reply_to(), message.references()] {
        for id in ids(value) {
            if let Some(reference) = support.reference(id) {
                if !references.contains(&reference) {
                    references.push(reference);
                }
            }
        }
    }
    let subject = clip(message.subject().unwrap_or_default().trim(), limits::SUBJECT);
    let locale = if text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) { "zh-cn" } else { "en-us" };
    let name = sender.name().map(|n| clip(n.trim(), limits::NAME)).filter(|n| !n.is_empty());
    let attachments = message.attachments().map(|part| Attachment { name: part.attachment_name().map(str::to_string), bytes: part.contents().to_vec() }).collect();
    Ok(Inbound { from, name, subject, text, message_id, references, locale, attachments })
}

/// How many new tickets unknown senders may file per window: the deployment's number when it
/// is a whole number, else [`UNKNOWN_SENDER_TICKETS`].
pub fn unknown_sender_limit(configured: Option<&str>) -> u32 {
    configured.and_then(|v| v.trim().parse().ok()).unwrap_or(UNKNOWN_SENDER_TICKETS)
}

/// Whether one more mail from an unknown sender may file a ticket, when `filed` did in the
/// window already.
pub fn unknown_sender_admitted(filed: u32, limit: u32) -> bool {
    filed < limit
}

/// The category a mail is filed under: a mail names none, so it goes to the site's default
/// department, under the first of its categories there written in the mail's language (Chinese
/// names for `zh-cn`); the edge's triage may still raise it or send it elsewhere.
pub fn category<'a>(categories: impl IntoIterator<Item = (&'a str, &'a str)>, default_department: &str, locale: &str) -> Option<&'a str> {
    let chinese = |name: &str| name.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let want_chinese = locale.starts_with("zh");
    let routed: Vec<&str> = categories.into_iter().filter(|(_, department)| *department == default_department).map(|(name, _)| name).collect();
    routed.iter().find(|name| chinese(name) == want_chinese).or(routed.first()).copied()
}

/// The Message-IDs of an `In-Reply-To` or `References` header, last (nearest) first.
fn ids<'a>(value: &'a HeaderValue<'a>) -> Vec<&'a str> {
    match value {
        HeaderValue::Text(id) => vec![id.as_ref()],
        HeaderValue::TextList(list) => list.iter().rev().map(|id| id.as_ref()).collect(),
        _ => Vec::new(),
    }
}

fn clip(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn support() -> SupportAddress {
        SupportAddress::parse("support@galaxy-video.test").unwrap()
    }

    fn mail(headers: &str, body: &str) -> Vec<u8> {
        format!("From: =?UTF-8?B?5p6X?= <Lin@Example.com>\r\nTo: support@galaxy-video.test\r\nSubject: =?UTF-8?B?6KeG6aKR5LiA55u057yT5Yay?=\r\nMessage-ID: <abc@example.com>\r\n{headers}\r\n{body}").into_bytes()
    }

    #[test]
    fn a_new_mail_reads_into_sender_subject_and_words() {
        let read = read(&mail("", "昨晚开始视频一直缓冲\r\n\r\n发自我的iPhone"), &support()).unwrap();
        assert_eq!(read.from, "lin@example.com");
        assert_eq!(read.name.as_deref(), Some("林"));
        assert_eq!(read.subject, "视频一直缓冲");
        assert_eq!(read.text, "昨晚开始视频一直缓冲");
        assert_eq!(read.message_id.as_deref(), Some("abc@example.com"));
        assert_eq!(read.locale, "zh-cn");
        assert!(read.references.is_empty());
    }

    #[test]
    fn a_reply_names_our_mail_and_thread() {
        let s = support();
        let headers = format!("In-Reply-To: <{}>\r\nReferences: <{}> <other@example.com> <{}>\r\n", s.message_id("m1"), s.thread_id("t1"), s.message_id("m1"));
        let read = read(&mail(&headers, "Thanks, it works.\r\n\r\nOn Mon, Galaxy Video wrote:\r\n> old"), &s).unwrap();
        assert_eq!(read.references, vec![Reference::Mail("m1".into()), Reference::Ticket("t1".into())]);
        assert_eq!(read.text, "Thanks, it works.");
        assert_eq!(read.locale, "en-us");
    }

    #[test]
    fn a_multipart_mail_gives_its_words_and_files() {
        let body = "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee the screenshot\r\n--b\r\nContent-Type: image/png; name=\"shot.png\"\r\nContent-Disposition: attachment; filename=\"shot.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n";
        let read = read(&mail("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n", body), &support()).unwrap();
        assert_eq!(read.text, "see the screenshot");
        assert_eq!(read.attachments, vec![Attachment { name: Some("shot.png".into()), bytes: b"\x89PNG\r\n\x1a\n".to_vec() }]);
    }

    #[test]
    fn html_only_mail_becomes_text() {
        let raw = mail("Content-Type: text/html; charset=utf-8\r\n", "<p>Hello <b>there</b><script>alert(1)</script></p>");
        let read = read(&raw, &support()).unwrap();
        assert!(read.text.contains("Hello there") && !read.text.contains('<'), "{}", read.text);
    }

    #[test]
    fn automatic_mail_and_loops_are_ignored() {
        for headers in ["Auto-Submitted: auto-replied\r\n", "Precedence: bulk\r\n", "X-Autoreply: yes\r\n", "List-Id: <news.example.com>\r\n", "Return-Path: <>\r\n"] {
            assert_eq!(read(&mail(headers, "hi"), &support()), Err(Ignored::Automatic), "{headers}");
        }
        assert!(read(&mail("Auto-Submitted: no\r\n", "hi"), &support()).is_ok());
        let ours = format!("From: support@galaxy-video.test\r\nMessage-ID: <{}>\r\n\r\nhi", support().message_id("m1"));
        assert_eq!(read(ours.as_bytes(), &support()), Err(Ignored::Loop));
        assert_eq!(read(b"From: Support <support+x.y@galaxy-video.test>\r\n\r\nhi", &support()), Err(Ignored::Loop));
        assert_eq!(read(b"From: MAILER-DAEMON@mx.example.com\r\n\r\nhi", &support()), Err(Ignored::Automatic));
    }

    #[test]
    fn mail_without_sender_or_words_files_nothing() {
        assert_eq!(read(b"Subject: x\r\n\r\nhello", &support()), Err(Ignored::NoSender));
        assert_eq!(read(&mail("", "\r\n> only a quote\r\n"), &support()), Err(Ignored::NoWords));
        assert_eq!(read(&vec![b'a'; MAX_BYTES + 1], &support()), Err(Ignored::TooLarge));
    }

    #[test]
    fn long_words_are_clipped_to_the_contract() {
        let read = read(&mail("", &"字".repeat(limits::TEXT + 50)), &support()).unwrap();
        assert_eq!(read.text.chars().count(), limits::TEXT);
    }

    #[test]
    fn a_mail_is_filed_under_the_default_department_in_its_language() {
        let categories = [("Account management", "general"), ("支付问题", "billing"), ("账号管理", "general")];
        assert_eq!(category(categories, "general", "zh-cn"), Some("账号管理"));
        assert_eq!(category(categories, "general", "en-us"), Some("Account management"));
        assert_eq!(category(categories, "billing", "en-us"), Some("支付问题"));
        assert_eq!(category(categories, "nowhere", "en-us"), None);
    }

    #[test]
    fn unknown_senders_file_up_to_the_limit() {
        assert_eq!(unknown_sender_limit(None), UNKNOWN_SENDER_TICKETS);
        assert_eq!(unknown_sender_limit(Some(" 3 ")), 3);
        assert_eq!(unknown_sender_limit(Some("lots")), UNKNOWN_SENDER_TICKETS);
        assert!(unknown_sender_admitted(2, 3));
        assert!(!unknown_sender_admitted(3, 3));
        assert!(!unknown_sender_admitted(0, 0), "0 refuses every unknown sender");
    }

    #[test]
    fn garbage_gives_an_answer() {
        for raw in [&b""[..], b"\0\0\0", b"From:\r\n\r\n", b"Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n--x--", &[0xff, 0xfe, b'\n', b'\n']] {
            let _ = read(raw, &support());
        }
    }
}
