//! A content folder → [`Content`]. The layout an editor works in:
//!
//! ```text
//! content/<locale>/_data/{stopwords.txt, synonyms.txt, cues.toml}
//! content/<locale>/<category>/_category.toml          id, name, position
//! content/<locale>/<category>/<section>/_section.toml id, name, position
//! content/<locale>/<category>/<section>/<article>.md  TOML front matter between `+++` lines, then the body
//! ```
//!
//! Folder names are for people; ids, names and order come from the TOML files.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{ArticleSource, CategorySource, Content, EditorData, LocaleContent, SectionSource};

/// Something wrong in the content, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    /// 1-based; 0 when the whole file is meant.
    pub line: usize,
    pub message: String,
}

impl Problem {
    pub fn new(path: &Path, line: usize, message: impl Into<String>) -> Problem {
        Problem { path: path.to_path_buf(), line, message: message.into() }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
    }
}

/// `_category.toml` and `_section.toml`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    pub id: String,
    pub name: String,
    pub position: u32,
}

/// The front matter of an article file.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub promoted: bool,
    #[serde(default)]
    pub votes: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// `markdown` (the default) or `html` (imported bodies, kept verbatim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

pub const FRONT_MATTER_FENCE: &str = "+++";

/// Where a content folder's files are read from: the disk ([`load_dir`]), or the files of an
/// uploaded archive held in memory ([`load_files`]). The loader is the same for both.
trait Folder {
    /// The folders directly inside `dir`, sorted.
    fn subdirs(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>>;
    /// The files directly inside `dir`, sorted.
    fn files(&self, dir: &Path) -> Vec<PathBuf>;
    fn read(&self, path: &Path) -> std::io::Result<String>;
}

struct Disk;

impl Folder for Disk {
    fn subdirs(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let mut dirs: Vec<PathBuf> = fs::read_dir(dir)?.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
        dirs.sort();
        Ok(dirs)
    }

    fn files(&self, dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(dir).map(|entries| entries.flatten().map(|e| e.path()).filter(|p| p.is_file()).collect()).unwrap_or_default();
        files.sort();
        files
    }

    fn read(&self, path: &Path) -> std::io::Result<String> {
        fs::read_to_string(path)
    }
}

/// Files by their path inside the folder (`en-us/01-account/_category.toml`).
impl Folder for BTreeMap<PathBuf, String> {
    fn subdirs(&self, dir: &Path) -> std::io::Result<Vec<PathBuf>> {
        let mut dirs: Vec<PathBuf> = self
            .keys()
            .filter_map(|path| path.strip_prefix(dir).ok())
            .filter_map(|rest| {
                let mut parts = rest.components();
                let first = parts.next()?;
                parts.next().map(|_| dir.join(first))
            })
            .collect();
        dirs.dedup();
        Ok(dirs)
    }

    fn files(&self, dir: &Path) -> Vec<PathBuf> {
        self.keys().filter(|path| path.parent() == Some(dir)).cloned().collect()
    }

    fn read(&self, path: &Path) -> std::io::Result<String> {
        self.get(path).cloned().ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"))
    }
}

/// Reads a content folder. Problems (unreadable files, articles outside a known section) are
/// returned alongside whatever could be read.
pub fn load_dir(root: &Path) -> (Content, Vec<Problem>) {
    load(&Disk, root)
}

/// Reads a content folder whose files are in memory (an uploaded archive's), keyed by their path
/// inside it; problems name those paths.
pub fn load_files(files: &BTreeMap<PathBuf, String>) -> (Content, Vec<Problem>) {
    load(files, Path::new(""))
}

fn load(folder: &dyn Folder, root: &Path) -> (Content, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut content = Content::default();
    for locale_dir in subdirs(folder, root, &mut problems) {
        let locale = file_name(&locale_dir).to_lowercase();
        let data_dir = locale_dir.join("_data");
        let data = EditorData::read(&data_dir, |name| folder.read(&data_dir.join(name)).ok(), &mut problems);
        let mut categories = Vec::new();
        for category_dir in subdirs(folder, &locale_dir, &mut problems).into_iter().filter(|d| !file_name(d).starts_with('_')) {
            let Some(meta) = group_file(folder, &category_dir.join("_category.toml"), &mut problems) else {
                report_orphans(folder, &category_dir, "unknown category: the folder has no _category.toml", &mut problems);
                continue;
            };
            let mut category = CategorySource { id: meta.id, name: meta.name, position: meta.position, sections: Vec::new() };
            for stray in article_files(folder, &category_dir) {
                problems.push(Problem::new(&stray, 0, "article outside a section folder"));
            }
            for section_dir in subdirs(folder, &category_dir, &mut problems) {
                let Some(meta) = group_file(folder, &section_dir.join("_section.toml"), &mut problems) else {
                    report_orphans(folder, &section_dir, "unknown section: the folder has no _section.toml", &mut problems);
                    continue;
                };
                let articles = article_files(folder, &section_dir).iter().filter_map(|p| read_article(folder, p, &mut problems)).collect();
                category.sections.push(SectionSource { id: meta.id, name: meta.name, position: meta.position, articles });
            }
            categories.push(category);
        }
        content.locales.push(LocaleContent { locale, categories, data });
    }
    (content, problems)
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn subdirs(folder: &dyn Folder, dir: &Path, problems: &mut Vec<Problem>) -> Vec<PathBuf> {
    folder.subdirs(dir).unwrap_or_else(|e| {
        problems.push(Problem::new(dir, 0, format!("cannot read folder: {e}")));
        Vec::new()
    })
}

fn article_files(folder: &dyn Folder, dir: &Path) -> Vec<PathBuf> {
    folder.files(dir).into_iter().filter(|p| p.extension().is_some_and(|x| x == "md")).collect()
}

fn report_orphans(folder: &dyn Folder, dir: &Path, message: &str, problems: &mut Vec<Problem>) {
    let mut files = article_files(folder, dir);
    for sub in folder.subdirs(dir).unwrap_or_default() {
        files.extend(article_files(folder, &sub));
    }
    for f in files {
        problems.push(Problem::new(&f, 0, message));
    }
}

fn group_file(folder: &dyn Folder, path: &Path, problems: &mut Vec<Problem>) -> Option<GroupFile> {
    let text = folder.read(path).ok()?;
    toml::from_str(&text).map_err(|e| problems.push(Problem::new(path, toml_line(&text, &e), e.message().to_string()))).ok()
}

fn toml_line(text: &str, e: &toml::de::Error) -> usize {
    e.span().map_or(0, |span| text[..span.start.min(text.len())].matches('\n').count() + 1)
}

/// Splits an article file into front matter and body; the body's first line number comes along.
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix(FRONT_MATTER_FENCE)?.strip_prefix('\n').or_else(|| text.strip_prefix("+++\r\n"))?;
    let end = rest.find("\n+++")?;
    let front = &rest[..end + 1];
    let after = &rest[end + 4..];
    let body = after.strip_prefix("\r\n").or_else(|| after.strip_prefix('\n')).unwrap_or(after);
    let body_line = front.matches('\n').count() + 3;
    Some((front, body, body_line))
}

pub use crate::render::markdown_to_html;

fn read_article(folder: &dyn Folder, path: &Path, problems: &mut Vec<Problem>) -> Option<ArticleSource> {
    let text = folder.read(path).map_err(|e| problems.push(Problem::new(path, 0, format!("cannot read: {e}")))).ok()?;
    let Some((front, body, body_line)) = split_front_matter(&text) else {
        problems.push(Problem::new(path, 1, "missing front matter: the file must start with a +++ line"));
        return None;
    };
    let meta: FrontMatter = toml::from_str(front)
        .map_err(|e| problems.push(Problem::new(path, toml_line(front, &e) + 1, e.message().to_string())))
        .ok()?;
    let (body_html, markdown) = match meta.format.as_deref() {
        None | Some("markdown") => (markdown_to_html(body), Some(body.to_string())),
        Some("html") => (body.trim_end().to_string(), None),
        Some(other) => {
            problems.push(Problem::new(path, 1, format!("unknown body format `{other}` (markdown or html)")));
            return None;
        }
    };
    Some(ArticleSource {
        id: meta.id,
        title: meta.title,
        questions: meta.questions,
        keywords: meta.keywords,
        promoted: meta.promoted,
        votes: meta.votes,
        updated: meta.updated,
        body_html,
        markdown,
        origin: Some((path.to_path_buf(), body_line)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_and_body_line() {
        let (front, body, line) = split_front_matter("+++\nid = \"1\"\ntitle = \"t\"\n+++\nHello\n").unwrap();
        assert_eq!(front, "id = \"1\"\ntitle = \"t\"\n");
        assert_eq!(body, "Hello\n");
        assert_eq!(line, 5);
    }
}
