//! The labelled queries a content folder ships with (`<content>/queries-dev.jsonl`, one JSON
//! object a line): `{"id", "q", "locale", "relevant": [article ids, best first], "kind",
//! "escalate"}`; `relevant` is empty for a query the help center should not answer. `faq eval`
//! scores them, and the edge's import takes the ones that name articles as each locale's first
//! regression queries, so a fresh clone and a fresh import have the same guard rail.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The file's name inside a content folder (beside the locale folders, which the loader reads).
pub const FILE: &str = "queries-dev.jsonl";

#[derive(Deserialize, Debug, Clone)]
pub struct LabelledQuery {
    pub id: String,
    pub q: String,
    pub locale: String,
    relevant: Vec<serde_json::Value>,
    pub kind: String,
    pub escalate: bool,
}

impl LabelledQuery {
    /// The relevant articles' ids, best first; none for an out-of-scope query.
    pub fn relevant(&self) -> Vec<String> {
        self.relevant.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect()
    }
}

/// Where a content folder keeps its labelled queries.
pub fn path_in(content: &Path) -> PathBuf {
    content.join(FILE)
}

/// The labelled queries of a JSON-lines file.
pub fn load(path: &Path) -> Result<Vec<LabelledQuery>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_content_ships_its_labelled_queries() {
        let queries = load(&path_in(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"))).unwrap();
        assert!(queries.len() > 200);
        assert!(queries.iter().any(|q| q.relevant().is_empty()), "out-of-scope queries too");
        assert!(queries.iter().all(|q| q.locale == "zh-cn" || q.locale == "en-us"));
    }

    #[test]
    fn a_bad_line_is_named_by_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(FILE);
        std::fs::write(&file, "{\"id\":\"a\",\"q\":\"x\",\"locale\":\"en-us\",\"relevant\":[1],\"kind\":\"exact\",\"escalate\":false}\n\n{oops\n").unwrap();
        let error = load(&file).unwrap_err();
        assert!(error.starts_with(&format!("{}:3: ", file.display())), "{error}");
    }
}
