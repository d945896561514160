//! The vocabulary editors keep per locale in `content/<locale>/_data/`:
//!
//! - `stopwords.txt`: words that say nothing about the topic (怎么, 为什么, how, my), separated
//!   by spaces or lines;
//! - `synonyms.txt`: one group of interchangeable words per line, joined by `=`
//!   (`卡顿 = 缓冲 = 转圈`);
//! - `cues.toml`: escalation cue phrases per reason (`money_lost = ["扣*两次", …]`).
//!
//! `#` starts a comment in the text files. The writing signals' escalation model is not the
//! editors' to keep: it is the product's ([`crate::escalation::shipped`]), given to every locale.

use std::path::Path;

use super::load::Problem;
use crate::escalation::{model::Model, shipped};
use crate::{Cues, Reason};

#[derive(Debug, Clone, Default)]
pub struct EditorData {
    pub stop_words: Vec<String>,
    pub synonyms: Vec<Vec<String>>,
    pub cues: Cues,
    /// Heard when the cue lists are silent; `None` builds an index that escalates by its cues
    /// alone (the out-of-fold eval judges the lists that way).
    pub writing_model: Option<Model>,
}

impl EditorData {
    /// Reads `dir` (a locale's `_data` folder) from the disk. Missing files mean empty lists.
    pub fn load(dir: &Path, problems: &mut Vec<Problem>) -> EditorData {
        EditorData::read(dir, |name| std::fs::read_to_string(dir.join(name)).ok(), problems)
    }

    /// Reads the files of `dir` through `read` (a file's name → its text, if there is one).
    pub fn read(dir: &Path, read: impl Fn(&str) -> Option<String>, problems: &mut Vec<Problem>) -> EditorData {
        let mut data = EditorData { writing_model: Some(shipped::model()), ..EditorData::default() };
        if let Some(text) = read("stopwords.txt") {
            data.stop_words = lines(&text).flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>()).collect();
        }
        if let Some(text) = read("synonyms.txt") {
            data.synonyms = lines(&text)
                .map(|l| l.split('=').map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect::<Vec<_>>())
                .filter(|g| g.len() > 1)
                .collect();
        }
        if let Some(text) = read("cues.toml") {
            let path = dir.join("cues.toml");
            match toml::from_str::<std::collections::BTreeMap<String, Vec<String>>>(&text) {
                Ok(lists) => {
                    for (name, list) in lists {
                        match Reason::from_name(&name) {
                            Some(reason) => list.iter().for_each(|cue| data.cues.add(reason, cue)),
                            None => problems.push(Problem::new(&path, 0, format!("unknown escalation reason `{name}`"))),
                        }
                    }
                }
                Err(e) => problems.push(Problem::new(&path, 0, format!("cannot read cues: {e}"))),
            }
        }
        data
    }
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(|l| l.split('#').next().unwrap_or("").trim()).filter(|l| !l.is_empty())
}
