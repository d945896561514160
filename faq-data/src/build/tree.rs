//! [`Content`] → the files of a content folder (the layout [`super::load`] reads), as paths and
//! text, without touching a disk: `faq import` writes them out, the edge's export packs them
//! into an archive ([`super::archive`]). Reading the files back gives the same content.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pinyin::ToPinyin;

use super::load::{FrontMatter, GroupFile, FRONT_MATTER_FENCE};
use super::{Content, EditorData};

/// One file of a content folder: its path inside the folder and its text.
pub type TreeFile = (PathBuf, String);

/// Every file of `content`'s folder: each locale's categories and sections as folders with their
/// TOML file, each article as `<id>.md` (Markdown as written, or imported HTML marked
/// `format = "html"`), and the locale's vocabulary under `_data/` when it has one.
pub fn tree_files(content: &Content) -> Result<Vec<TreeFile>, String> {
    let mut files = Vec::new();
    for locale in &content.locales {
        let root = PathBuf::from(&locale.locale);
        files.extend(data_files(&root.join("_data"), &locale.data)?);
        for c in &locale.categories {
            let c_dir = root.join(folder_name(c.position, &c.name));
            files.push((c_dir.join("_category.toml"), toml(&GroupFile { id: c.id.clone(), name: c.name.clone(), position: c.position })?));
            for s in &c.sections {
                let s_dir = c_dir.join(folder_name(s.position, &s.name));
                files.push((s_dir.join("_section.toml"), toml(&GroupFile { id: s.id.clone(), name: s.name.clone(), position: s.position })?));
                for a in &s.articles {
                    let front = FrontMatter {
                        id: a.id.clone(),
                        title: a.title.clone(),
                        questions: a.questions.clone(),
                        keywords: a.keywords.clone(),
                        promoted: a.promoted,
                        votes: a.votes,
                        updated: a.updated.clone(),
                        format: if a.markdown.is_some() { None } else { Some("html".into()) },
                    };
                    let body = match &a.markdown {
                        Some(markdown) => markdown.clone(),
                        None => format!("{}\n", a.body_html.trim()),
                    };
                    let text = format!("{FRONT_MATTER_FENCE}\n{}{FRONT_MATTER_FENCE}\n{body}", toml(&front)?);
                    files.push((s_dir.join(format!("{}.md", a.id)), text));
                }
            }
        }
    }
    Ok(files)
}

/// `_data/`'s files, each only when its list is not empty (so an import leaves an editor's own
/// vocabulary alone).
fn data_files(dir: &std::path::Path, data: &EditorData) -> Result<Vec<TreeFile>, String> {
    let mut files = Vec::new();
    if !data.stop_words.is_empty() {
        files.push((dir.join("stopwords.txt"), lines(data.stop_words.iter().cloned())));
    }
    if !data.synonyms.is_empty() {
        files.push((dir.join("synonyms.txt"), lines(data.synonyms.iter().map(|group| group.join(" = ")))));
    }
    if !data.cues.is_empty() {
        let lists: BTreeMap<&str, &Vec<String>> = data.cues.lists().iter().filter(|(_, l)| !l.is_empty()).map(|(reason, list)| (reason.name(), list)).collect();
        files.push((dir.join("cues.toml"), toml(&lists)?));
    }
    Ok(files)
}

fn lines(items: impl Iterator<Item = String>) -> String {
    items.map(|line| line + "\n").collect()
}

fn toml<T: serde::Serialize>(value: &T) -> Result<String, String> {
    toml::to_string(value).map_err(|e| e.to_string())
}

/// `03-huiyuan-fuwu`: the position keeps folders in display order; Chinese names become pinyin
/// so paths stay ASCII.
fn folder_name(position: u32, name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        let part = match c.to_pinyin() {
            Some(p) => format!("-{}-", p.plain()),
            None if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
            None => "-".to_string(),
        };
        slug.push_str(&part);
    }
    let slug = slug.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
    format!("{position:02}-{slug}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::load::load_files;
    use crate::Reason;

    #[test]
    fn folder_names_are_ascii_and_ordered() {
        assert_eq!(folder_name(3, "会员服务"), "03-hui-yuan-fu-wu");
        assert_eq!(folder_name(1, "Account management"), "01-account-management");
    }

    /// What the loader reads back, in a form that compares (origins differ: they name files).
    fn summary(content: &Content) -> Vec<String> {
        let mut out = Vec::new();
        for l in &content.locales {
            out.push(format!("locale {} stop {:?} syn {:?} cues {:?}", l.locale, l.data.stop_words, l.data.synonyms, l.data.cues.lists()));
            for c in &l.categories {
                out.push(format!("category {} {} {}", c.id, c.name, c.position));
                for s in &c.sections {
                    out.push(format!("section {} {} {}", s.id, s.name, s.position));
                    for a in &s.articles {
                        out.push(format!("{} {} {:?} {:?} {} {} {:?} {:?} {:?}", a.id, a.title, a.questions, a.keywords, a.promoted, a.votes, a.updated, a.markdown, a.body_html));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn the_files_read_back_as_the_same_content() {
        let mut content = Content::example();
        content.locales[0].data.synonyms = vec![vec!["refund".into(), "money back".into()]];
        let articles = &mut content.locales[0].categories[0].sections[0].articles;
        articles[0].markdown = Some("Open **Me → VIP**.\n\n- then *Manage*\n".into());
        articles[0].body_html = crate::build::load::markdown_to_html(articles[0].markdown.as_deref().unwrap());
        articles[1].questions = vec!["Can I get my money back?".into()];
        articles[1].keywords = vec!["refund".into()];
        articles[1].promoted = true;
        articles[1].votes = 12;
        articles[1].updated = Some("2026-10-18T04:34:54Z".into());
        let files: BTreeMap<PathBuf, String> = tree_files(&content).unwrap().into_iter().collect();
        assert!(files.contains_key(&PathBuf::from("en-us/01-vip-membership/01-auto-renewal/1001.md")), "{:?}", files.keys());
        assert!(files[&PathBuf::from("en-us/01-vip-membership/01-auto-renewal/1002.md")].contains("format = \"html\""));
        let (read, problems) = load_files(&files);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(summary(&read), summary(&content));
        assert_eq!(read.locales[0].data.cues.lists()[0].0, Reason::MoneyLost);
    }

    #[test]
    fn a_broken_file_is_named_by_its_path_in_the_folder() {
        let mut files: BTreeMap<PathBuf, String> = tree_files(&Content::example()).unwrap().into_iter().collect();
        files.insert("en-us/01-vip-membership/01-auto-renewal/9.md".into(), "no front matter".into());
        files.insert("en-us/02-lost/01-x/8.md".into(), "+++\nid = \"8\"\ntitle = \"t\"\n+++\nb".into());
        let (_, problems) = load_files(&files);
        let named: Vec<String> = problems.iter().map(|p| p.path.display().to_string()).collect();
        assert_eq!(named, ["en-us/01-vip-membership/01-auto-renewal/9.md", "en-us/02-lost/01-x/8.md"]);
    }
}
