//! What the requester wrote this time: a mail reply carries the whole history below it ("On …
//! wrote:", "> …" lines, Outlook's "From: …" block, "-----Original Message-----") and a
//! signature ("-- ", "Sent from my iPhone"). The ticket already has the history; an agent wants
//! the new words only.

/// The new words of a reply's plain text, history and signature cut off, trimmed.
pub fn new_words(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if starts_history(trimmed, lines.get(i + 1).map(|l| l.trim())) || is_signature(line) {
            break;
        }
        if trimmed.starts_with('>') {
            continue;
        }
        kept.push(line.trim_end());
    }
    kept.join("\n").trim().to_string()
}

/// Whether `line` (with the line after it) starts the quoted history.
fn starts_history(line: &str, next: Option<&str>) -> bool {
    let lower = line.to_lowercase();
    let wrote = (lower.starts_with("on ") && (lower.ends_with("wrote:") || next.is_some_and(|n| n.to_lowercase().ends_with("wrote:"))))
        || (line.starts_with('在') && (line.ends_with("写道：") || line.ends_with("写道:")));
    let separator = lower.starts_with("-----original message-----")
        || line.starts_with("----- 原始邮件 -----")
        || line.starts_with("------------------ 原始邮件 ------------------")
        || (line.len() >= 20 && line.chars().all(|c| c == '_'));
    // Outlook's quoted header block: "From: …" followed by "Sent:"/"Date:"/"To:" (or 发件人/发送时间).
    let header_block = (lower.starts_with("from:") || line.starts_with("发件人："))
        && next.is_some_and(|n| {
            let n = n.to_lowercase();
            n.starts_with("sent:") || n.starts_with("date:") || n.starts_with("to:") || n.starts_with("发送时间：") || n.starts_with("收件人：")
        });
    wrote || separator || header_block
}

fn is_signature(line: &str) -> bool {
    let trimmed = line.trim();
    line == "-- " || line == "--" || trimmed.starts_with("Sent from my ") || trimmed.starts_with("发自我的") || trimmed.starts_with("Get Outlook for ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gmail_history_and_quotes_are_cut() {
        let text = "It works now, thanks!\n\nOn Mon, 7 Dec 2026 at 10:00, Galaxy Video <support@galaxy-video.test> wrote:\n> Please clear the cache.\n> Regards";
        assert_eq!(new_words(text), "It works now, thanks!");
    }

    #[test]
    fn a_wrote_line_split_in_two_is_cut_whole() {
        let text = "Fine.\r\nOn Mon, 7 Dec 2026 at 10:00, Galaxy Video\r\n<support@galaxy-video.test> wrote:\r\n> old";
        assert_eq!(new_words(text), "Fine.");
    }

    #[test]
    fn chinese_clients_and_signatures() {
        assert_eq!(new_words("可以了\n\n发自我的iPhone\n\n在 2026年12月7日 10:00，星河视频 写道：\n> 请清除缓存"), "可以了");
        assert_eq!(new_words("还是不行\n------------------ 原始邮件 ------------------\n发件人: 星河视频"), "还是不行");
        assert_eq!(new_words("Still broken.\n-- \nLin\nACME Corp"), "Still broken.");
    }

    #[test]
    fn outlook_history_is_cut() {
        let text = "New words here.\n\n________________________________\nFrom: Galaxy Video\nSent: Monday\nOld words";
        assert_eq!(new_words(text), "New words here.");
        let header_only = "Answer.\nFrom: Galaxy Video <support@galaxy-video.test>\nSent: Monday\nOld";
        assert_eq!(new_words(header_only), "Answer.");
    }

    #[test]
    fn inline_words_between_quotes_are_kept_and_plain_text_untouched() {
        assert_eq!(new_words("> question one\nanswer one\n> question two\nanswer two"), "answer one\nanswer two");
        assert_eq!(new_words("From: the start of a sentence is fine\nand more"), "From: the start of a sentence is fine\nand more");
        assert_eq!(new_words(""), "");
    }
}
