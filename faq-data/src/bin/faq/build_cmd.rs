//! `faq build`, `faq import`, `faq lint`: content in, files out.

use std::path::Path;
use std::process::ExitCode;

use faq_data::build::{lint::lint as lint_dir, load::load_dir, write_locale_with, zendesk, Content, EditorData, Layout};

/// A content folder, or a Zendesk export when `source` is a `.json` file.
fn read_source(source: &Path, data: Option<&Path>) -> Result<Content, String> {
    if source.is_dir() {
        let (content, problems) = load_dir(source);
        if !problems.is_empty() {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            return Err(format!("content has problems (see `faq lint`):\n{}", list.join("\n")));
        }
        return Ok(content);
    }
    let json = std::fs::read_to_string(source).map_err(|e| format!("{}: {e}", source.display()))?;
    let (mut content, skipped) = zendesk::parse_export(&json).map_err(|e| format!("{}: {e}", source.display()))?;
    for s in &skipped {
        eprintln!("{}: skipped {} {} ({}): {}", source.display(), s.kind, s.id, s.title, s.reason);
    }
    if let Some(dir) = data {
        for locale in &mut content.locales {
            let mut problems = Vec::new();
            locale.data = EditorData::load(&dir.join(&locale.locale).join("_data"), &mut problems);
            if let Some(p) = problems.first() {
                return Err(p.to_string());
            }
        }
    }
    Ok(content)
}

pub fn build(source: &Path, out: &Path, data: Option<&Path>, layout: Layout) -> Result<ExitCode, String> {
    let content = read_source(source, data)?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for locale in &content.locales {
        eprintln!("building {} …", locale.locale);
        let built = write_locale_with(locale, layout).map_err(|e| format!("{}: {e}", locale.locale))?;
        let core = out.join(format!("{}.core", locale.locale));
        std::fs::write(&core, &built.core).map_err(|e| format!("{}: {e}", core.display()))?;
        for (part, bytes) in built.parts() {
            let path = out.join(part.file_name(&locale.locale));
            std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        let s = &built.sizes;
        println!(
            "{}: {} articles, {} terms; core {} bytes {} (categories {}, lexicon {}, cues {}, dictionary {}); {} postings chunks, {} bytes; {} article chunks, {} bytes; bodies {} bytes",
            locale.locale,
            built.articles,
            built.terms,
            built.core.len(),
            core.display(),
            s.categories,
            s.lexicon,
            s.cues,
            s.dictionary,
            built.postings.len(),
            s.postings,
            built.docs.len(),
            s.docs,
            built.bodies.len(),
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn import(export: &Path, out: &Path) -> Result<ExitCode, String> {
    let content = read_source(export, None)?;
    let written = zendesk::write_tree(&content, out).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("imported {written} articles into {}", out.display());
    Ok(ExitCode::SUCCESS)
}

pub fn lint(dir: &Path) -> Result<ExitCode, String> {
    let problems = lint_dir(dir);
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        println!("no problems");
        Ok(ExitCode::SUCCESS)
    } else {
        println!("{} problem(s)", problems.len());
        Ok(ExitCode::FAILURE)
    }
}
