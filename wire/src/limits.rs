//! How big each field of a request may be: the one list the edge enforces and the clients keep
//! to (the widget cuts its journey to them, forms take them as `maxlength`). Limits count
//! characters, not bytes, so Chinese and English get the same room. edge/openapi.yaml states
//! the same numbers.

/// The largest request body any route reads, in bytes: a full ticket with its context fits well.
pub const MAX_BODY_BYTES: usize = 64 * 1024;
pub const SUBJECT: usize = 200;
/// How much of a first message becomes a subject when none is given.
pub const SUBJECT_FROM_MESSAGE: usize = 80;
/// A ticket's description, a message, a reply, a note.
pub const TEXT: usize = 10_000;
pub const NAME: usize = 100;
pub const EMAIL: usize = 254;
pub const CATEGORY: usize = 100;
/// A satisfaction rating's comment.
pub const COMMENT: usize = 2_000;
/// What a reader writes an article lacked.
pub const FEEDBACK_COMMENT: usize = 500;
pub const SEARCHES: usize = 20;
/// A search query, in the journey, in analytics and in the console's ticket search.
pub const QUERY: usize = 200;
pub const ARTICLES: usize = 50;
pub const ARTICLE_ID: usize = 64;
pub const TRANSCRIPT_LINES: usize = 50;
pub const TRANSCRIPT_LINE: usize = 2_000;
pub const URL: usize = 2_000;
pub const LOCALE: usize = 16;
pub const IDEMPOTENCY_KEY: usize = 100;
pub const USER_ID: usize = 200;
pub const BULK_IDS: usize = 100;
pub const EVENTS_PER_BATCH: usize = 100;
/// A phone number as typed: 6–20 digits with `+`, spaces, `-` and parentheses between them.
pub const PHONE: usize = 30;
/// One live-chat message (the first words to a human included).
pub const CHAT_TEXT: usize = 4_000;
/// A chat message's `client_id`.
pub const CLIENT_ID: usize = 64;
/// A help article's title, and each of its alternative questions.
pub const ARTICLE_TITLE: usize = 200;
pub const ARTICLE_QUESTIONS: usize = 20;
pub const ARTICLE_KEYWORDS: usize = 30;
pub const ARTICLE_KEYWORD: usize = 50;
/// An article's Markdown body: with its other fields the save still fits [`MAX_BODY_BYTES`] in
/// Chinese (three bytes a character).
pub const ARTICLE_BODY: usize = 16_000;
/// An import's upload (a Zendesk export or a folder's archive), in bytes.
pub const IMPORT_BYTES: usize = 8 * 1024 * 1024;
/// Articles one import stores: each is a few D1 statements of the import's one batch.
pub const IMPORT_ARTICLES: usize = 500;
/// An article's image as uploaded, in bytes, and its widest side in pixels (the console shrinks
/// a larger one before sending it).
pub const IMAGE_BYTES: usize = 2 * 1024 * 1024;
pub const IMAGE_SIDE: u32 = 2048;
/// A category's or a section's name.
pub const KB_GROUP_NAME: usize = 100;
/// Each list of a locale's vocabulary (stop words, synonym groups, cues of one reason).
pub const VOCABULARY_ENTRIES: usize = 2_000;
pub const VOCABULARY_WORD: usize = 50;
/// One WebSocket frame, in bytes: a full chat message fits with room to spare.
pub const FRAME_BYTES: usize = 16 * 1024;

/// The subject the user gave, or else the start of their message: its first line, cut to
/// [`SUBJECT_FROM_MESSAGE`] characters with an ellipsis. Used wherever a request may come
/// without a subject (the widget's ticket form, a chat, a callback).
pub fn subject_or_opening(subject: Option<&str>, message: &str) -> String {
    if let Some(subject) = subject.map(str::trim).filter(|s| !s.is_empty()) {
        return subject.to_string();
    }
    let first_line = message.trim().lines().next().unwrap_or_default().trim_end();
    let mut start: String = first_line.chars().take(SUBJECT_FROM_MESSAGE).collect();
    if first_line.chars().count() > SUBJECT_FROM_MESSAGE {
        start.push('…');
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_given_subject_wins_else_the_first_line_cut_with_an_ellipsis() {
        assert_eq!(subject_or_opening(Some("  扣费两次 "), "whatever"), "扣费两次");
        assert_eq!(subject_or_opening(Some("   "), "  VIP 扣了两次\n订单号 123"), "VIP 扣了两次");
        assert_eq!(subject_or_opening(None, "short"), "short");
        let long = "扣".repeat(SUBJECT_FROM_MESSAGE + 1);
        let cut = subject_or_opening(None, &long);
        assert_eq!(cut.chars().count(), SUBJECT_FROM_MESSAGE + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(subject_or_opening(None, &"扣".repeat(SUBJECT_FROM_MESSAGE)).chars().count(), SUBJECT_FROM_MESSAGE);
    }
}
