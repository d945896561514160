//! A reader that starts from the core alone and attaches only the chunks each search asks for
//! answers every dev-set query (typos, prefixes, pinyin and initials among them) exactly as the
//! whole index does, and never fetches a chunk twice or asks for one it already has.

#![cfg(feature = "build")]

use std::path::Path;

use faq_data::build::load::load_dir;
use faq_data::build::{write_locale_with, Layout};
use faq_data::{Index, SearchOptions};

#[test]
fn every_dev_query_gets_the_whole_index_answer_from_the_chunks_it_asks_for() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (content, problems) = load_dir(&root.join("content"));
    assert!(problems.is_empty(), "{problems:?}");
    let queries: Vec<(String, String)> = std::fs::read_to_string(root.join("content/queries-dev.jsonl"))
        .expect("dev queries")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| (v["locale"].as_str().unwrap().to_string(), v["q"].as_str().unwrap().to_string()))
        .collect();
    let options = SearchOptions::default();
    for locale in &content.locales {
        // Small chunks, so that queries spread over many of them.
        let built = write_locale_with(locale, Layout { postings_chunk: 2048, docs_chunk: 2048 }).unwrap();
        assert!(built.postings.len() > 8 && built.docs.len() > 8);
        let whole = built.open().unwrap();
        let mut fetched_total = 0;
        for (_, q) in queries.iter().filter(|(l, _)| *l == locale.locale) {
            let mut lazy = Index::from_core(built.core.clone()).unwrap();
            let mut fetched = Vec::new();
            let found = loop {
                match lazy.search(q, &options) {
                    Ok(found) => break found,
                    Err(missing) => {
                        for part in missing.parts {
                            assert!(!lazy.has(part) && !fetched.contains(&part), "{q}: {part:?} asked for again");
                            let (_, bytes) = built.parts().into_iter().find(|(p, _)| *p == part).unwrap();
                            lazy.add_part(part, bytes.to_vec()).unwrap();
                            fetched.push(part);
                        }
                    }
                }
            };
            assert_eq!(found, whole.search(q, &options).unwrap(), "{q}");
            fetched_total += fetched.len();
        }
        // On average a query needs a small share of the chunks.
        let queries_here = queries.iter().filter(|(l, _)| *l == locale.locale).count();
        assert!(fetched_total / queries_here < (built.postings.len() + built.docs.len()) / 2, "{}: {fetched_total} chunks for {queries_here} queries", locale.locale);
    }
}
