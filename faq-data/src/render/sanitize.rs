//! Bodies are HTML from editors or from a Zendesk export; the widget renders them, so they are
//! cleaned to a small allow-list once, at build time.

use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};

/// Keeps p, lists, strong/em, links (http(s) or relative), tables, images with alt text and br.
/// Article links (`https://help.galaxy.example/hc/<locale>/articles/<id>`) stay as they are:
/// the widget opens them in place.
pub fn sanitize(html: &str) -> String {
    let tags: HashSet<&str> =
        ["p", "ul", "ol", "li", "strong", "em", "a", "table", "thead", "tbody", "tr", "th", "td", "img", "br"].into();
    Builder::default()
        .tags(tags)
        .tag_attributes([("a", ["href"].into()), ("img", ["src", "alt"].into())].into())
        .generic_attributes(HashSet::new())
        .url_schemes(["http", "https"].into())
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some("noopener"))
        .clean(html)
        .to_string()
}

/// The text of an HTML body, blocks separated by newlines, for indexing and snippets.
pub fn plain_text(html: &str) -> String {
    let mut spaced = html.to_string();
    for tag in ["</p>", "</li>", "</td>", "</th>", "</tr>", "<br>", "<br/>", "<br />"] {
        spaced = spaced.replace(tag, &format!("{tag}\n"));
    }
    let text = Builder::empty().clean(&spaced).to_string();
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_allow_list_and_article_links() {
        let html = r#"<p onclick="x()">Hi <script>alert(1)</script><a href="https://help.galaxy.example/hc/zh-cn/articles/4435050">link</a> <a href="javascript:alert(1)">bad</a></p><img src="https://x.example/a.png" alt="menu"><h2>t</h2>"#;
        let clean = sanitize(html);
        assert!(clean.contains(r#"href="https://help.galaxy.example/hc/zh-cn/articles/4435050""#));
        assert!(clean.contains(r#"alt="menu""#));
        assert!(!clean.contains("script") && !clean.contains("onclick") && !clean.contains("javascript"));
        assert!(!clean.contains("<h2>"));
    }

    #[test]
    fn plain_text_separates_blocks_and_unescapes() {
        assert_eq!(plain_text("<p>A &amp; B</p><ol><li>one</li><li>two</li></ol>"), "A & B\none\ntwo");
    }
}
