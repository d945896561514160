//! Checks a content folder the way an editor needs before publishing: broken links between
//! articles, duplicate ids or titles, empty bodies, articles in unknown categories or sections.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::load::{load_dir, Problem};
use super::{plain_text, sanitize};

/// Every problem in the folder, sorted by file and line.
pub fn lint(root: &Path) -> Vec<Problem> {
    let (content, mut problems) = load_dir(root);
    let mut ids: BTreeMap<&str, PathBuf> = BTreeMap::new();
    let known: BTreeMap<&str, BTreeSet<&str>> = content
        .locales
        .iter()
        .map(|l| (l.locale.as_str(), l.categories.iter().flat_map(|c| &c.sections).flat_map(|s| &s.articles).map(|a| a.id.as_str()).collect()))
        .collect();
    for locale in &content.locales {
        let mut titles: BTreeMap<String, PathBuf> = BTreeMap::new();
        for a in locale.categories.iter().flat_map(|c| &c.sections).flat_map(|s| &s.articles) {
            let (path, body_line) = a.origin.clone().unwrap_or_default();
            let raw = std::fs::read_to_string(&path).unwrap_or_default();
            let line_of = |key: &str| raw.lines().position(|l| l.trim_start().starts_with(key)).map_or(1, |n| n + 1);
            if let Some(first) = ids.insert(&a.id, path.clone()) {
                problems.push(Problem::new(&path, line_of("id"), format!("duplicate id {} (also in {})", a.id, first.display())));
            }
            let title = a.title.trim().to_lowercase();
            if title.is_empty() {
                problems.push(Problem::new(&path, line_of("title"), "empty title"));
            } else if let Some(first) = titles.insert(title, path.clone()) {
                problems.push(Problem::new(&path, line_of("title"), format!("duplicate title (also in {})", first.display())));
            }
            if plain_text(&sanitize(&a.body_html)).trim().is_empty() {
                problems.push(Problem::new(&path, body_line, "empty body"));
            }
            let body = raw.lines().skip(body_line.saturating_sub(1));
            for (n, line) in body.enumerate() {
                for (link_locale, id) in article_links(line) {
                    if !known.get(link_locale).is_some_and(|ids| ids.contains(id)) {
                        problems.push(Problem::new(&path, body_line + n, format!("link to unknown article {id}")));
                    }
                }
            }
        }
    }
    problems.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    problems
}

/// `(locale, id)` of every `/hc/<locale>/articles/<id>` link in a line.
fn article_links(line: &str) -> Vec<(&str, &str)> {
    let mut links = Vec::new();
    for (at, _) in line.match_indices("/hc/") {
        let rest = &line[at + 4..];
        let Some((locale, rest)) = rest.split_once('/') else { continue };
        let Some(rest) = rest.strip_prefix("articles/") else { continue };
        let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if end > 0 {
            links.push((locale, &rest[..end]));
        }
    }
    links
}

#[cfg(test)]
mod tests {
    use super::article_links;

    #[test]
    fn finds_article_links() {
        let line = r#"<a href="https://help.galaxy.example/hc/zh-cn/articles/4435050-x">a</a> /hc/en-us/articles/12"#;
        assert_eq!(article_links(line), vec![("zh-cn", "4435050"), ("en-us", "12")]);
    }
}
