//! `faq search`: the library's search, printed for people or as JSON lines for scripts.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use faq_data::{Index, PartId, SearchOptions, SearchResponse};
use serde_json::json;

/// A `<locale>.core` file with every part `faq build` wrote next to it attached.
pub fn open_index(core: &Path) -> Result<Index, String> {
    let mut index = open_core(core)?;
    for part in index.parts() {
        add_part(&mut index, core, part)?;
    }
    Ok(index)
}

fn open_core(core: &Path) -> Result<Index, String> {
    let bytes = std::fs::read(core).map_err(|e| format!("{}: {e}", core.display()))?;
    Index::from_core(bytes).map_err(|e| format!("{}: {e}", core.display()))
}

fn add_part(index: &mut Index, core: &Path, part: PartId) -> Result<(), String> {
    let path = core.with_file_name(part.file_name(index.locale()));
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    index.add_part(part, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// `faq plan`: for each query (one per stdin line), the parts a reader holding only the core
/// fetches before its first answer, in the order it asks for them.
pub fn plan(core: &Path) -> Result<ExitCode, String> {
    let mut out = std::io::stdout().lock();
    let options = SearchOptions { limit: 10, category: None };
    for line in std::io::stdin().lock().lines() {
        let query = line.map_err(|e| e.to_string())?;
        let mut index = open_core(core)?;
        let mut rounds: Vec<Vec<String>> = Vec::new();
        while let Err(missing) = index.search(&query, &options) {
            for &part in &missing.parts {
                add_part(&mut index, core, part)?;
            }
            rounds.push(missing.parts.iter().map(|p| p.file_name(index.locale())).collect());
        }
        writeln!(out, "{}", json!({"query": query, "rounds": rounds})).map_err(|e| e.to_string())?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn to_json(query: &str, found: &SearchResponse) -> serde_json::Value {
    let results: Vec<_> = found
        .results
        .iter()
        .map(|h| json!({"id": h.id, "title": h.title, "category": h.category, "score": h.score}))
        .collect();
    json!({"query": query, "verdict": found.verdict.name(), "escalate": found.escalate, "results": results})
}

/// `timings` adds `"micros"` to each JSON line: the time `Index::search` took, without reading
/// and printing, so benchmarks can compare the engine itself with in-process libraries.
pub fn search(index: &Path, jsonl: bool, timings: bool, category: Option<String>, query: Option<String>) -> Result<ExitCode, String> {
    let index = open_index(index)?;
    let options = SearchOptions { limit: 10, category };
    if jsonl {
        let mut out = std::io::stdout().lock();
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|e| e.to_string())?;
            let start = Instant::now();
            let found = index.search(&line, &options).map_err(|e| e.to_string())?;
            let micros = start.elapsed().as_secs_f64() * 1e6;
            let mut json = to_json(&line, &found);
            if timings {
                json["micros"] = micros.into();
            }
            writeln!(out, "{json}").map_err(|e| e.to_string())?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let query = query.ok_or("give a query, or --jsonl to read queries from stdin")?;
    let found = index.search(&query, &options).map_err(|e| e.to_string())?;
    let reasons: Vec<&str> = found.triage.reasons.iter().map(|r| r.name()).collect();
    println!("{query}: {} (escalate: {}{})", found.verdict.name(), found.escalate, if reasons.is_empty() { String::new() } else { format!(" — {}", reasons.join(", ")) });
    for (n, hit) in found.results.iter().enumerate() {
        println!("{:>2}. [{}] {}  ({}, score {:.2})", n + 1, hit.id, hit.title, hit.category, hit.score);
        let mut snippet = hit.snippet.text.clone();
        for range in hit.snippet.highlights.iter().rev() {
            snippet.insert(range.end, ']');
            snippet.insert(range.start, '[');
        }
        println!("    {snippet}");
    }
    Ok(ExitCode::SUCCESS)
}
