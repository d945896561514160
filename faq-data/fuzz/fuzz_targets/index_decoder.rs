//! Any bytes given to the index reader must come back as an index part or an `IndexError`,
//! never a panic, and an index that was accepted must survive every call the widget makes on
//! it, whichever of its parts are attached.
//!
//! The input is a core and its parts, framed as `seed.sh` writes them: `u32` core length, the
//! core, then per part a `u8` kind (0 postings, 1 articles, 2 bodies), a `u32` number, a `u32`
//! length and the part's bytes. It is read twice: as it is, where checksums and the hash trees
//! turn away nearly every mutation (a forged chunk, another build's chunk, the wrong chunk for a
//! number), and with every header's length and checksum, every chunk's path, the roots of the
//! core's chunk tables and its bodies hash rewritten to agree with the bytes, so that mutations
//! reach the section decoders, the term list (and the searches that walk it), the chunk decoders
//! and the bodies reader behind the checks.

#![no_main]

use faq_data::{hash_tree, part_hash, Index, PartId, SearchOptions, HASH_LEN, HEADER_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((core, parts)) = split(data) else { return };
    if let Ok(mut index) = Index::from_core(core.to_vec()) {
        for (part, bytes) in &parts {
            let _ = index.add_part(*part, bytes.to_vec());
        }
        exercise(&index, data);
    }
    let mut parts: Vec<(PartId, Vec<u8>)> = parts.into_iter().map(|(part, bytes)| (part, if part == PartId::Bodies { bytes.to_vec() } else { reseal(bytes) })).collect();
    if let Ok(mut index) = Index::from_core(agreeing_core(core, &mut parts)) {
        for (part, bytes) in parts {
            let _ = index.add_part(part, bytes);
        }
        exercise(&index, data);
    }
});

fn word(data: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(data.get(at..at + 4)?.try_into().ok()?) as usize)
}

fn split(data: &[u8]) -> Option<(&[u8], Vec<(PartId, &[u8])>)> {
    let core_len = word(data, 0)?.min(data.len() - 4);
    let core = &data[4..4 + core_len];
    let mut at = 4 + core_len;
    let mut parts = Vec::new();
    while at + 9 <= data.len() {
        let number = word(data, at + 1)? as u32;
        let part = match data[at] % 3 {
            0 => PartId::Postings(number),
            1 => PartId::Docs(number),
            _ => PartId::Bodies,
        };
        let len = word(data, at + 5)?.min(data.len() - at - 9);
        parts.push((part, &data[at + 9..at + 9 + len]));
        at += 9 + len;
    }
    Some((core, parts))
}

/// The part with its header's payload length and checksum rewritten to fit its bytes (all of
/// them after the header: no path yet).
fn reseal(bytes: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.len() >= HEADER_LEN {
        let payload_len = (out.len() - HEADER_LEN) as u32;
        let crc = crc32fast::hash(&out[HEADER_LEN..]);
        out[24..28].copy_from_slice(&payload_len.to_le_bytes());
        out[28..32].copy_from_slice(&crc.to_le_bytes());
    }
    out
}

/// The core resealed, with the roots of its chunk tables (sections 7 and 8) made from the
/// chunks given (a chunk not given counts as a hash of zeros), each of those chunks given its
/// path, and its bodies hash (section 9) replaced by the bodies'.
fn agreeing_core(core: &[u8], parts: &mut [(PartId, Vec<u8>)]) -> Vec<u8> {
    let mut out = reseal(core);
    let mut at = HEADER_LEN;
    for section in 0..9 {
        let Some(len) = word(&out, at) else { break };
        let start = at + 4;
        let end = (start + len).min(out.len());
        match section {
            6 | 7 => {
                let mut c = start;
                let Some(count) = varint(&out, &mut c) else { break };
                let count = count.min(1 << 16) as u32;
                // The chunks' item counts, then the root.
                if (0..count).any(|_| varint(&out, &mut c).is_none()) || c + HASH_LEN > end {
                    break;
                }
                let kind = |n| if section == 6 { PartId::Postings(n) } else { PartId::Docs(n) };
                let leaves: Vec<_> = (0..count).map(|n| parts.iter().find(|(p, _)| *p == kind(n)).map_or([0; HASH_LEN], |(_, b)| part_hash(b))).collect();
                let (root, paths) = hash_tree(&leaves);
                for (n, path) in paths.into_iter().enumerate() {
                    parts.iter_mut().filter(|(p, _)| *p == kind(n as u32)).for_each(|(_, bytes)| bytes.extend_from_slice(&path));
                }
                out[c..c + HASH_LEN].copy_from_slice(&root);
            }
            8 if end - start >= HASH_LEN => {
                if let Some((_, bodies)) = parts.iter().find(|(p, _)| *p == PartId::Bodies) {
                    out[start..start + HASH_LEN].copy_from_slice(&part_hash(bodies));
                }
            }
            _ => {}
        }
        at = end;
    }
    reseal(&out)
}

fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7F) << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// What the widget does with an index: lists, article views, and searches, some of them with
/// text taken from the input itself. Parts not attached are answered with `Missing`.
fn exercise(index: &Index, data: &[u8]) {
    let _ = index.promoted(8);
    for category in index.categories() {
        for section in &category.sections {
            for meta in index.articles_in(&section.id).unwrap_or_default().iter().take(3) {
                let _ = index.article(&meta.id);
                let _ = index.body(&meta.id);
                let _ = index.related(&meta.id);
            }
        }
    }
    let tail = String::from_utf8_lossy(&data[data.len().saturating_sub(48)..]).into_owned();
    let queries = ["会员自动续费怎么关", "卡吨", "zdxf", "zidong xufei", "how to canc", "cancle subscripton", "E1003 扣了两次！！", tail.as_str()];
    for query in queries {
        if let Ok(found) = index.search(query, &SearchOptions::default()) {
            for hit in &found.results {
                assert!(hit.snippet.highlights.iter().all(|r| hit.snippet.text.get(r.clone()).is_some()));
            }
        }
        let _ = index.triage(query);
    }
    if let Some(category) = index.categories().first() {
        let _ = index.search("vip", &SearchOptions { limit: 3, category: Some(category.id.clone()) });
    }
}
