//! One sort for the code the browser runs.
//!
//! `slice::sort_by` is generic over the items and the comparator, so each call compiles its
//! own copy of std's sort: sixteen copies were 70 KB of the search-first module's code before
//! wasm-opt (BENCHMARKS.md, "Widget size"). Here std's stable sort is compiled once, sorting
//! positions with the comparator behind a reference; the items are then moved into that order.
//! Build-time code (`build`, the CLI) keeps std's sorts: it never reaches the browser.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`, as `items.sort_by(compare)` does.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_positions(&mut order, &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably by `key`, as `items.sort_by_key(key)` does.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items`, as `items.sort()` does.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The one place std's sort is instantiated.
#[inline(never)]
fn sort_positions(order: &mut [usize], compare: &dyn Fn(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| compare(a, b));
}

/// Puts `items[order[k]]` at `k` for every `k`, swapping along each cycle of the permutation;
/// a position is marked done (`usize::MAX`) once its item is in place.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != usize::MAX {
            let from = order[at];
            order[at] = usize::MAX;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the cases are many and reproducible.
    fn numbers(seed: u64, n: usize, modulo: u64) -> Vec<u64> {
        let mut x = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x % modulo
            })
            .collect()
    }

    #[test]
    fn agrees_with_std_and_keeps_equal_items_in_their_order() {
        for seed in 0..200 {
            let keys = numbers(seed, (seed as usize * 7) % 90, 1 + seed % 9);
            // The position rides along, so a stability slip shows.
            let mut ours: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
            let mut std_sorted = ours.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            std_sorted.sort_by_key(|&(k, _)| k);
            assert_eq!(ours, std_sorted, "seed {seed}");
        }
    }

    #[test]
    fn sorts_items_that_cannot_be_copied() {
        let mut words: Vec<String> = ["pear", "apple", "fig", "apple", "kiwi"].iter().map(|w| w.to_string()).collect();
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "kiwi", "pear"]);
        sort_by(&mut words, |a, b| b.len().cmp(&a.len()));
        assert_eq!(words, ["apple", "apple", "kiwi", "pear", "fig"]);
    }

    #[test]
    fn empty_and_single_lists() {
        let mut none: Vec<u8> = Vec::new();
        sort(&mut none);
        assert!(none.is_empty());
        let mut one = vec![3];
        sort(&mut one);
        assert_eq!(one, [3]);
    }
}
