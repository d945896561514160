//! `faq publish DIR --edge URL --token TOKEN`: a content folder sent to an edge's knowledge base
//! through the route the console's import uses (`POST /api/v1/kb/imports?source=folder`), as the
//! same tar archive the edge's export hands out. The edge reads and checks it with this crate's
//! own loader and stores all of it or nothing; this command prints what it answered.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use faq_data::build::archive;
use serde_json::Value;

/// The files of `dir` the loader reads (Markdown, TOML, the vocabulary's text files), by their
/// path inside it; hidden folders such as `.git` are left out.
fn collect(dir: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(at) = pending.pop() {
        let entries = std::fs::read_dir(&at).map_err(|e| format!("{}: {e}", at.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|x| x == "md" || x == "toml" || x == "txt") {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                files.push((path.strip_prefix(dir).expect("found inside the folder").to_path_buf(), text));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// What is asked of the edge besides storing the folder.
pub struct Asked {
    /// Store drafts only.
    pub drafts: bool,
    /// Publish even where a locale's regression queries do worse.
    pub confirm_regression: bool,
}

pub fn publish(dir: &Path, edge: &str, token: &str, asked: Asked) -> Result<ExitCode, String> {
    let files = collect(dir)?;
    if files.is_empty() {
        return Err(format!("{}: no content files (.md, .toml, .txt)", dir.display()));
    }
    let bytes = archive::pack(&files)?;
    let url = format!("{}/api/v1/kb/imports?source=folder&publish={}&confirm_regression={}", edge.trim_end_matches('/'), !asked.drafts, asked.confirm_regression);
    let answer = ureq::post(&url).set("authorization", &format!("Bearer {token}")).set("content-type", "application/x-tar").send_bytes(&bytes);
    match answer {
        Ok(response) => {
            let text = response.into_string().map_err(|e| format!("{edge}: {e}"))?;
            let report: Value = serde_json::from_str(&text).map_err(|e| format!("{edge} answered something that is not an import report: {e}"))?;
            print_report(&report);
            // Stored, but not what was asked: the help center still shows the old articles.
            let unpublished = report["publish_failed"].as_array().is_some_and(|f| !f.is_empty());
            Ok(if unpublished { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Err(ureq::Error::Status(status, response)) => {
            let body: Value = response.into_string().ok().and_then(|text| serde_json::from_str(&text).ok()).unwrap_or(Value::Null);
            let message = body["error"]["message"].as_str().unwrap_or("no explanation given").to_string();
            let problems = body["problems"].as_array().cloned().unwrap_or_default();
            for p in &problems {
                eprintln!("{}:{}: {}", dir.join(p["path"].as_str().unwrap_or("?")).display(), p["line"], p["message"].as_str().unwrap_or(""));
            }
            Err(match status {
                401 => format!("{edge} refused the token (401): {message}"),
                403 => format!("this token may not edit the knowledge base (403: it needs the editor role): {message}"),
                409 if body["error"]["code"] == "review_required" => format!("{edge} requires review before publishing (409): send --drafts, then review in the console"),
                _ => format!("{edge} refused the folder ({status}): {message}"),
            })
        }
        Err(e) => Err(format!("cannot reach {edge}: {e}")),
    }
}

fn print_report(report: &Value) {
    let list = |key: &str| report[key].as_array().cloned().unwrap_or_default();
    for (key, verb) in [("created", "created"), ("updated", "updated"), ("unchanged", "unchanged")] {
        let articles = list(key);
        println!("{verb}: {} article(s)", articles.len());
        if key != "unchanged" {
            for a in &articles {
                println!("  {} {} {}", a["locale"].as_str().unwrap_or(""), a["id"].as_str().unwrap_or(""), a["title"].as_str().unwrap_or(""));
            }
        }
    }
    let skipped = list("skipped");
    println!("skipped: {}", skipped.len());
    for s in &skipped {
        println!("  {} {} ({}): {}", s["kind"].as_str().unwrap_or(""), s["id"].as_str().unwrap_or(""), s["title"].as_str().unwrap_or(""), s["reason"].as_str().unwrap_or(""));
    }
    for p in list("published") {
        println!("published {}: {} articles (generation {})", p["locale"].as_str().unwrap_or(""), p["articles"], p["generation"]);
    }
    for f in list("publish_failed") {
        eprintln!("not published {}: {}", f["locale"].as_str().unwrap_or(""), f["message"].as_str().unwrap_or(""));
        for w in f["guard"]["worse"].as_array().cloned().unwrap_or_default() {
            eprintln!("  worse: {} (rank {} → {})", w["query"].as_str().unwrap_or(""), w["before"], w["after"]);
        }
    }
}
