//! BM25F over the four fields, the best alternative per term group, then coverage of the
//! query's tokens and a small popularity prior. The per-article part of BM25F and the prior
//! are worked out at build time (`impact`); search adds idf, groups and coverage.

use super::query::Query;
use crate::format::impact_table;
#[cfg(feature = "build")]
use crate::format::{FIELDS, IMPACT_MIN, IMPACT_STEP};
use crate::index::Index;
use crate::sort::{sort_by, sort_by_key};

/// How `faq build` weighs an article's fields and saturates their counts. The shipped values
/// are what `faq eval --folds K` judges against the alternatives it tries in fold.
#[cfg(feature = "build")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Title, alternative questions, keywords, body: title and questions say what an article
    /// answers; keywords are editor hints; the body mentions much in passing.
    pub field: [f32; FIELDS],
    /// Saturation: higher than the textbook 1.2 because fields are short and repeated words in
    /// a title or question are deliberate.
    pub k1: f32,
}

#[cfg(feature = "build")]
impl Weights {
    pub const SHIPPED: Weights = Weights { field: [3.0, 3.0, 2.0, 0.5], k1: 2.0 };
}

/// Length normalisation per field: short fields barely, long bodies more.
#[cfg(feature = "build")]
const FIELD_B: [f32; FIELDS] = [0.3, 0.3, 0.2, 0.75];
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

/// What one article's occurrences of one term are worth, before the term's idf: the BM25F
/// term frequency (each field's count times `weight / (1 - b + b * length / average)`),
/// saturated, times the article's popularity prior. It depends on the article alone, so
/// `faq build` works it out and stores it in the posting, in units of 1/`IMPACT_SCALE`.
#[cfg(feature = "build")]
pub(crate) fn impact(weights: &Weights, tf: &[u16; FIELDS], field_len: &[u32; FIELDS], field_avg: &[f32; FIELDS], popularity: f32) -> u8 {
    let mut weighted = 0f32;
    for f in 0..FIELDS {
        let avg = field_avg[f].max(1.0);
        let factor = weights.field[f] / (1.0 - FIELD_B[f] + FIELD_B[f] * field_len[f] as f32 / avg);
        weighted += tf[f] as f32 * factor;
    }
    let impact = popularity * weighted / (weights.k1 + weighted);
    ((impact / IMPACT_MIN).ln() / IMPACT_STEP.ln() + 1.0).round().clamp(1.0, 255.0) as u8
}

/// A small prior for popular articles: up to 8% for the most voted, 4% more if promoted.
#[cfg(feature = "build")]
pub(crate) fn popularity(votes: i64, promoted: bool, max_votes: i64) -> f32 {
    let max_votes = max_votes.max(1) as f32;
    1.0 + 0.08 * (1.0 + votes.max(0) as f32).ln() / (1.0 + max_votes).ln() + if promoted { 0.04 } else { 0.0 }
}

impl Index {
    /// Robertson–Spärck Jones idf; an unknown term (df 0) weighs the most.
    pub(crate) fn idf(&self, df: usize) -> f32 {
        let n = self.core.doc_count as f32;
        (1.0 + (n - df as f32 + 0.5) / (df as f32 + 0.5)).ln()
    }
}

/// The `limit` best articles that `keep` allows, best first. Every term's postings chunk must
/// be attached (`Index::missing_postings` is empty).
pub(crate) fn rank(index: &Index, query: &Query, limit: usize, keep: impl Fn(u32) -> bool) -> Vec<Scored> {
    let n = index.core.doc_count as usize;
    let mut score = vec![0f32; n];
    let mut strong = vec![0u64; n];
    let mut weak = vec![0u64; n];
    // The best alternative of the current group per article; `stamp` says which group wrote it.
    let mut best = vec![0f32; n];
    let mut stamp = vec![usize::MAX; n];
    let mut in_group: Vec<u32> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();

    let impacts = impact_table();
    let mut terms: Vec<usize> = (0..query.terms.len()).collect();
    sort_by_key(&mut terms, |&t| query.terms[t].group);
    for (i, &t) in terms.iter().enumerate() {
        let term = &query.terms[t];
        let mut list = index.impacts(term.term);
        let idf = term.weight * index.idf(index.core.df[term.term as usize] as usize);
        let slots = if term.weak { &mut weak } else { &mut strong };
        let alone = (i == 0 || query.terms[terms[i - 1]].group != term.group)
            && terms.get(i + 1).is_none_or(|&next| query.terms[next].group != term.group);
        while let Some((doc, impact)) = list.next_posting() {
            let d = doc as usize;
            if d >= n {
                break;
            }
            let s = idf * impacts[impact as usize];
            slots[d] |= term.slots;
            if alone {
                // The only alternative of its group: straight into the article's score.
                if score[d] == 0.0 {
                    touched.push(doc);
                }
                score[d] += s;
                continue;
            }
            if stamp[d] != term.group {
                stamp[d] = term.group;
                best[d] = s;
                in_group.push(doc);
            } else if s > best[d] {
                best[d] = s;
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

    // share(mask) = weight of the mask's slots / all slots' weight, by one table per mask byte.
    let total: f32 = query.slot_weight.iter().sum();
    let mut by_byte = [[0f32; 256]; 8];
    for (b, table) in by_byte.iter_mut().enumerate().take(query.slot_weight.len().div_ceil(8)) {
        for bits in 1..256usize {
            let low = bits.trailing_zeros() as usize;
            let weight = query.slot_weight.get(b * 8 + low).copied().unwrap_or(0.0) / total.max(f32::MIN_POSITIVE);
            table[bits] = table[bits & (bits - 1)] + weight;
        }
    }
    let share = |mask: u64| -> f32 { mask.to_le_bytes().iter().zip(&by_byte).map(|(&byte, table)| table[byte as usize]).sum() };
    let mut out: Vec<Scored> = touched
        .into_iter()
        .filter(|&d| keep(d) && score[d as usize] > 0.0)
        .map(|d| {
            let coverage = share(strong[d as usize] | weak[d as usize]);
            let s = score[d as usize] * (0.25 + 0.75 * coverage * coverage);
            Scored { doc: d, score: s, coverage, topic: 0.0 }
        })
        .collect();
    let order = |a: &Scored, b: &Scored| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc));
    if out.len() > limit {
        out.select_nth_unstable_by(limit, order);
        out.truncate(limit);
    }
    sort_by(&mut out, order);
    for s in &mut out {
        let (strong, weak) = (strong[s.doc as usize], weak[s.doc as usize]);
        s.topic = share(strong) + LONE_CHARACTER * share(weak & !strong);
    }
    out
}
