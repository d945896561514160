//! BM25F over the four fields, the best alternative per term group, then coverage of the
//! query's tokens and a small popularity prior.

use super::query::Query;
use crate::format::{Cursor, PostingsReader, FIELDS};
use crate::index::Index;

/// Title and alternative questions say what an article answers; keywords are editor hints;
/// the body mentions much in passing.
const FIELD_WEIGHT: [f32; FIELDS] = [3.0, 3.0, 2.0, 0.5];
/// Length normalisation per field: short fields barely, long bodies more.
const FIELD_B: [f32; FIELDS] = [0.3, 0.3, 0.2, 0.75];
/// Saturation: higher than the textbook 1.2 because fields are short and repeated words in a
/// title or question are deliberate (calibrated with `faq eval`).
const K1: f32 = 2.0;

/// An article's score and which query slots it matched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored {
    pub doc: u32,
    pub score: f32,
    pub coverage: f32,
}

impl Index {
    pub(crate) fn document_frequency(&self, offset: u64) -> usize {
        let mut c = Cursor::at(&self.postings, offset as usize);
        PostingsReader::new(&mut c).map_or(0, |p| p.len())
    }

    /// Robertson–Spärck Jones idf; an unknown term (df 0) weighs the most.
    pub(crate) fn idf(&self, df: usize) -> f32 {
        let n = self.docs.len() as f32;
        (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
    }
}

pub(crate) fn rank(index: &Index, query: &Query, keep: impl Fn(u32) -> bool) -> Vec<Scored> {
    let n = index.docs.len();
    let mut score = vec![0f32; n];
    let mut slots = vec![0u64; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut group_best: Vec<(u32, f32)> = Vec::new();
    let mut terms: Vec<usize> = (0..query.terms.len()).collect();
    terms.sort_by_key(|&t| query.terms[t].group);
    let mut start = 0;
    while start < terms.len() {
        let group = query.terms[terms[start]].group;
        let end = terms[start..].iter().position(|&t| query.terms[t].group != group).map_or(terms.len(), |p| start + p);
        group_best.clear();
        for &t in &terms[start..end] {
            let term = &query.terms[t];
            let mut c = Cursor::at(&index.postings, term.offset as usize);
            let Ok(mut list) = PostingsReader::new(&mut c) else { continue };
            let idf = index.idf(list.len());
            while let Ok(Some(p)) = list.next(&mut c) {
                let d = &index.docs[p.doc as usize];
                let mut tf = 0f32;
                for f in 0..FIELDS {
                    if p.tf[f] > 0 {
                        let avg = index.field_avg[f].max(1.0);
                        let norm = 1.0 - FIELD_B[f] + FIELD_B[f] * d.field_len[f] as f32 / avg;
                        tf += FIELD_WEIGHT[f] * p.tf[f] as f32 / norm;
                    }
                }
                let s = term.weight * idf * tf / (K1 + tf);
                group_best.push((p.doc, s));
                slots[p.doc as usize] |= term.slots;
            }
        }
        group_best.sort_by_key(|&(doc, _)| doc);
        let mut i = 0;
        while i < group_best.len() {
            let doc = group_best[i].0;
            let mut best = 0f32;
            while i < group_best.len() && group_best[i].0 == doc {
                best = best.max(group_best[i].1);
                i += 1;
            }
            if score[doc as usize] == 0.0 {
                touched.push(doc);
            }
            score[doc as usize] += best;
        }
        start = end;
    }

    let total: f32 = query.slot_weight.iter().sum();
    let max_votes = index.max_votes.max(1) as f32;
    let mut out: Vec<Scored> = touched
        .into_iter()
        .filter(|&d| keep(d))
        .map(|d| {
            let covered: f32 = query
                .slot_weight
                .iter()
                .enumerate()
                .filter(|(s, _)| slots[d as usize] & (1 << s) != 0)
                .map(|(_, w)| w)
                .sum();
            let coverage = if total > 0.0 { covered / total } else { 0.0 };
            let doc = &index.docs[d as usize];
            let popularity = 1.0
                + 0.08 * (1.0 + doc.votes.max(0) as f32).ln() / (1.0 + max_votes).ln()
                + if doc.promoted { 0.04 } else { 0.0 };
            let s = score[d as usize] * (0.25 + 0.75 * coverage * coverage) * popularity;
            Scored { doc: d, score: s, coverage }
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
    out
}
