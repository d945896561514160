//! Any bytes given to the index reader must come back as an index or an `IndexError`, never a
//! panic, and an index that was accepted must survive every call the widget makes on it.
//!
//! The input is a `.idx` file followed by its `.bodies` file (how `seed.sh` writes the seeds).
//! It is read twice: as it is, where the checksums turn away nearly every mutation, and with
//! the header's lengths and checksums rewritten to agree with the bytes, so that mutations reach
//! the section decoders, the term list, the postings and the bodies reader behind the checksums.

#![no_main]

use faq_data::{Index, SearchOptions, HEADER_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(index) = Index::from_bytes(data.to_vec()) {
        exercise(&index, data);
    }
    if let Some((idx, bodies)) = with_agreeing_header(data) {
        if let Ok(mut index) = Index::from_bytes(idx) {
            let _ = index.attach_bodies(bodies);
            exercise(&index, data);
        }
    }
});

/// Splits `data` where its header says the search part ends (or at its end), and rewrites the
/// header's lengths and checksums to fit the two parts.
fn with_agreeing_header(data: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    if data.len() < HEADER_LEN {
        return None;
    }
    let word = |at: usize| u32::from_le_bytes([data[at], data[at + 1], data[at + 2], data[at + 3]]) as usize;
    let payload_len = word(12).min(data.len() - HEADER_LEN);
    let (head, rest) = data.split_at(HEADER_LEN + payload_len);
    let mut idx = head.to_vec();
    let bodies = rest.to_vec();
    let payload_crc = crc32fast::hash(&idx[HEADER_LEN..]);
    idx[12..16].copy_from_slice(&(payload_len as u32).to_le_bytes());
    idx[16..20].copy_from_slice(&payload_crc.to_le_bytes());
    idx[20..24].copy_from_slice(&(bodies.len() as u32).to_le_bytes());
    idx[24..28].copy_from_slice(&crc32fast::hash(&bodies).to_le_bytes());
    Some((idx, bodies))
}

/// What the widget does with an index: lists, article views, and searches, some of them with
/// text taken from the input itself.
fn exercise(index: &Index, data: &[u8]) {
    let _ = index.promoted();
    for category in index.categories() {
        for section in &category.sections {
            for meta in index.articles_in(&section.id).iter().take(3) {
                let _ = index.article(&meta.id);
                let _ = index.body(&meta.id);
                let _ = index.related(&meta.id);
            }
        }
    }
    let tail = String::from_utf8_lossy(&data[data.len().saturating_sub(48)..]).into_owned();
    let queries = ["会员自动续费怎么关", "卡吨", "zdxf", "zidong xufei", "how to canc", "cancle subscripton", "E1003 扣了两次！！", tail.as_str()];
    for query in queries {
        let found = index.search(query, &SearchOptions::default());
        for hit in &found.results {
            assert!(hit.snippet.highlights.iter().all(|r| hit.snippet.text.get(r.clone()).is_some()));
        }
        let _ = index.triage(query);
    }
    if let Some(category) = index.categories().first() {
        let _ = index.search("vip", &SearchOptions { limit: 3, category: Some(category.id.clone()) });
    }
}
