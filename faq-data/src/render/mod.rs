//! An article's body as the help center publishes it (feature `render`): Markdown through
//! [`markdown_to_html`], then every body through [`sanitize`]'s allow-list. The one rendering,
//! used by `faq build`, the edge's publish (through `kb`) and the console's live preview, so an
//! editor sees exactly what users will get.

mod sanitize;

pub use sanitize::{plain_text, sanitize};

/// An article body written in Markdown, as HTML (not yet sanitised: the builder sanitises every
/// body, Markdown or imported HTML alike).
pub fn markdown_to_html(body: &str) -> String {
    let mut html = String::new();
    let parser = pulldown_cmark::Parser::new_ext(body, pulldown_cmark::Options::ENABLE_TABLES);
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

/// What a published article shows for `body`: Markdown rendered (unless `markdown` is false: HTML
/// kept as written, as imports are), then sanitised — the builder's two steps, in its order.
pub fn published_html(body: &str, markdown: bool) -> String {
    if markdown {
        sanitize(&markdown_to_html(body))
    } else {
        sanitize(body)
    }
}

/// The address of every image in `html` (the sanitiser's output, whose tags and attributes are
/// regular), in order: what an import copies and what the editor flags when it is not the help
/// host's own.
pub fn image_sources(html: &str) -> Vec<String> {
    let mut sources = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<img ") {
        let tag = &rest[start..];
        let end = tag.find('>').unwrap_or(tag.len());
        if let Some(at) = tag[..end].find(" src=\"") {
            let value = &tag[at + 6..end];
            if let Some(close) = value.find('"') {
                sources.push(value[..close].replace("&amp;", "&"));
            }
        }
        rest = &tag[end..];
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_rendered_then_cleaned() {
        let html = published_html("Open **Me**\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))", true);
        assert!(html.contains("<strong>Me</strong>"), "{html}");
        assert!(!html.contains("script") && !html.contains("javascript"), "{html}");
        assert_eq!(published_html("<p onclick=\"x()\">Hi</p>", false), "<p>Hi</p>");
    }

    #[test]
    fn image_sources_are_listed_in_order() {
        let html = published_html("![menu](https://x.example/a.png?w=1&h=2) and <img alt=\"b\" src=\"/kb-images/b.png\">\n\n![](javascript:alert(1))", true);
        assert_eq!(image_sources(&html), ["https://x.example/a.png?w=1&h=2", "/kb-images/b.png"]);
    }
}
