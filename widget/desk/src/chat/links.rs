//! Web links in an agent's chat message (an agent pastes a help article's link, the console
//! inserts one): the text is cut into plain runs and `http(s)://` links, so the view can make
//! the links clickable and show everything else as text. Nothing is ever read as markup, and
//! only these two schemes become links (never `javascript:` or `data:`).

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Link(&'a str),
}

/// Punctuation that ends a sentence rather than a link, when it comes last.
const TRAILING: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '\'', '"'];

/// The text cut into plain runs and links, in order; joined again they give back the text.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    while let Some(found) = next_scheme(&text[at..]) {
        let start = at + found;
        let tail = &text[start..];
        // A link ends at whitespace or at the first character outside ASCII (Chinese text or
        // full-width punctuation right after it), less trailing sentence punctuation.
        let end = tail.find(|c: char| c.is_whitespace() || !c.is_ascii()).unwrap_or(tail.len());
        let link = tail[..end].trim_end_matches(TRAILING);
        let scheme = if tail.as_bytes()[4] == b's' || tail.as_bytes()[4] == b'S' { "https://".len() } else { "http://".len() };
        if link.len() > scheme {
            if start > plain_from {
                out.push(Piece::Text(&text[plain_from..start]));
            }
            out.push(Piece::Link(link));
            plain_from = start + link.len();
            at = plain_from;
        } else {
            // A scheme with nothing after it stays text.
            at = start + scheme;
        }
    }
    if plain_from < text.len() {
        out.push(Piece::Text(&text[plain_from..]));
    }
    out
}

/// The id (still percent-encoded) of the help article a link opens, when the link is this help
/// center's own article page, `{edge}/app?…&article=ID`, as the console inserts it: the widget
/// opens such an article in place instead of in a new tab.
pub fn help_article<'a>(link: &'a str, edge: &str) -> Option<&'a str> {
    let query = link.strip_prefix(edge)?.strip_prefix("/app?")?;
    query.split('&').find_map(|pair| pair.strip_prefix("article=")).filter(|id| !id.is_empty())
}

/// Where the next `http://` or `https://` starts, in any case.
fn next_scheme(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    match (lower.find("http://"), lower.find("https://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Piece::{Link, Text};

    #[test]
    fn an_article_link_after_its_title_is_cut_out() {
        assert_eq!(
            pieces("如何关闭自动续费 https://help.example.com/app?locale=zh-CN&article=42"),
            [Text("如何关闭自动续费 "), Link("https://help.example.com/app?locale=zh-CN&article=42")]
        );
        assert_eq!(pieces("See HTTP://a.example/x."), [Text("See "), Link("HTTP://a.example/x"), Text(".")]);
    }

    #[test]
    fn a_link_stops_at_chinese_text_space_or_sentence_punctuation() {
        assert_eq!(pieces("看这里http://a.example/b，然后重启"), [Text("看这里"), Link("http://a.example/b"), Text("，然后重启")]);
        assert_eq!(pieces("(http://a.example) 和 https://b.example"), [Text("("), Link("http://a.example"), Text(") 和 "), Link("https://b.example")]);
    }

    #[test]
    fn this_help_centers_article_links_are_recognised() {
        let edge = "https://help.example.com";
        assert_eq!(help_article("https://help.example.com/app?locale=zh-CN&article=42", edge), Some("42"));
        assert_eq!(help_article("https://help.example.com/app?article=a%20b&locale=en-US", edge), Some("a%20b"));
        assert_eq!(help_article("https://evil.example/app?article=42", edge), None);
        assert_eq!(help_article("https://help.example.com.evil.example/app?article=42", edge), None);
        assert_eq!(help_article("https://help.example.com/other?article=42", edge), None);
        assert_eq!(help_article("https://help.example.com/app?locale=zh-CN&article=", edge), None);
    }

    #[test]
    fn only_web_schemes_become_links_and_nothing_is_lost() {
        assert_eq!(pieces("javascript:alert(1) <b>x</b>"), [Text("javascript:alert(1) <b>x</b>")]);
        assert_eq!(pieces("https:// and http://"), [Text("https:// and http://")]);
        assert_eq!(pieces(""), []);
        let text = "a https://x.example/1, b http://y.example/2。c";
        let joined: String = pieces(text).iter().map(|p| match p { Text(t) | Link(t) => *t }).collect();
        assert_eq!(joined, text);
    }
}
