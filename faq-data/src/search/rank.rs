//! BM25F over the four fields, the best alternative per term group, then coverage of the
//! query's tokens and a small popularity prior.

use super::query::Query;
use crate::format::{Cursor, PostingsReader, FIELDS};
use crate::index::{Doc, Index};

/// Title and alternative questions say what an article answers; keywords are editor hints;
/// the body mentions much in passing.
const FIELD_WEIGHT: [f32; FIELDS] = [3.0, 3.0, 2.0, 0.5];
/// Length normalisation per field: short fields barely, long bodies more.
const FIELD_B: [f32; FIELDS] = [0.3, 0.3, 0.2, 0.75];
/// Saturation: higher than the textbook 1.2 because fields are short and repeated words in a
/// title or question are deliberate (calibrated with `faq eval`).
const K1: f32 = 2.0;
/// What a query token found only as a lone character counts towards topic coverage: 会 in an
/// article says less about 会员 than the word 会员 does.
const LONE_CHARACTER: f32 = 0.5;

/// An article's score and how much of the query it matched.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scored {
    pub doc: u32,
    pub score: f32,
    /// Share of the query's weight whose tokens the article matched, by any term.
    pub coverage: f32,
    /// The same, with tokens matched only as lone Chinese characters counting
    /// [`LONE_CHARACTER`]: how much of the query's topic the article is about.
    pub topic: f32,
}

/// Each article's BM25F factor per field, `weight / (1 - b + b * length / average)`, worked
/// out once when the index is read.
pub(crate) fn field_factors(docs: &[Doc], field_avg: &[f32; FIELDS]) -> Vec<[f32; FIELDS]> {
    docs.iter()
        .map(|d| {
            let mut factor = [0f32; FIELDS];
            for f in 0..FIELDS {
                let avg = field_avg[f].max(1.0);
                factor[f] = FIELD_WEIGHT[f] / (1.0 - FIELD_B[f] + FIELD_B[f] * d.field_len[f] as f32 / avg);
            }
            factor
        })
        .collect()
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

/// The `limit` best articles that `keep` allows, best first.
pub(crate) fn rank(index: &Index, query: &Query, limit: usize, keep: impl Fn(u32) -> bool) -> Vec<Scored> {
    let n = index.docs.len();
    let mut score = vec![0f32; n];
    let mut strong = vec![0u64; n];
    let mut weak = vec![0u64; n];
    // The best alternative of the current group per article; `stamp` says which group wrote it.
    let mut best = vec![0f32; n];
    let mut stamp = vec![usize::MAX; n];
    let mut in_group: Vec<u32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();

    let mut terms: Vec<usize> = (0..query.terms.len()).collect();
    terms.sort_by_key(|&t| query.terms[t].group);
    for (i, &t) in terms.iter().enumerate() {
        let term = &query.terms[t];
        let mut c = Cursor::at(&index.postings, term.offset as usize);
        if let Ok(mut list) = PostingsReader::new(&mut c) {
            let idf = term.weight * index.idf(list.len());
            let slots = if term.weak { &mut weak } else { &mut strong };
            while let Ok(Some(p)) = list.next(&mut c) {
                let d = p.doc as usize;
                let factor = &index.field_factor[d];
                let tf: f32 = (0..FIELDS).map(|f| p.tf[f] as f32 * factor[f]).sum();
                let s = idf * tf / (K1 + tf);
                if stamp[d] != term.group {
                    stamp[d] = term.group;
                    best[d] = s;
                    in_group.push(p.doc);
                } else if s > best[d] {
                    best[d] = s;
                }
                slots[d] |= term.slots;
            }
        }
        let group_ends = terms.get(i + 1).is_none_or(|&next| query.terms[next].group != term.group);
        if group_ends {
            for &d in &in_group {
                if score[d as usize] == 0.0 {
                    touched.push(d);
                }
                score[d as usize] += best[d as usize];
            }
            in_group.clear();
        }
    }

    let total: f32 = query.slot_weight.iter().sum();
    let share = |mask: u64| -> f32 {
        let mut sum = 0.0;
        let mut bits = mask;
        while bits != 0 {
            let s = bits.trailing_zeros() as usize;
            sum += query.slot_weight.get(s).copied().unwrap_or(0.0);
            bits &= bits - 1;
        }
        if total > 0.0 { sum / total } else { 0.0 }
    };
    let max_votes = index.max_votes.max(1) as f32;
    let mut out: Vec<Scored> = touched
        .into_iter()
        .filter(|&d| keep(d) && score[d as usize] > 0.0)
        .map(|d| {
            let (strong, weak) = (strong[d as usize], weak[d as usize]);
            let coverage = share(strong | weak);
            let topic = share(strong) + LONE_CHARACTER * share(weak & !strong);
            let doc = &index.docs[d as usize];
            let popularity = 1.0
                + 0.08 * (1.0 + doc.votes.max(0) as f32).ln() / (1.0 + max_votes).ln()
                + if doc.promoted { 0.04 } else { 0.0 };
            let s = score[d as usize] * (0.25 + 0.75 * coverage * coverage) * popularity;
            Scored { doc: d, score: s, coverage, topic }
        })
        .collect();
    let order = |a: &Scored, b: &Scored| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc));
    if out.len() > limit {
        out.select_nth_unstable_by(limit, order);
        out.truncate(limit);
    }
    out.sort_by(order);
    out
}
