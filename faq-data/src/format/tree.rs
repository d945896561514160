//! The hash tree over one kind of chunk (FORMAT.md, "Chunk hashes"). The core keeps only the
//! tree's root; each chunk file ends with the hashes of its siblings on the way up. A reader
//! holding the core checks any chunk alone, and the core does not grow by a hash per chunk
//! (8 bytes each: 9 KB of a 10,000-article core before this).

use super::{part_hash, IndexError, HASH_LEN};

pub type Hash = [u8; HASH_LEN];

/// Two nodes' parent. The leading 1 keeps a parent from ever equalling a chunk's own hash: a
/// chunk file starts with its magic, never with that byte.
fn parent(left: &Hash, right: &Hash) -> Hash {
    let mut pair = [1u8; 1 + 2 * HASH_LEN];
    pair[1..=HASH_LEN].copy_from_slice(left);
    pair[1 + HASH_LEN..].copy_from_slice(right);
    part_hash(&pair)
}

/// The root over `leaves` (the chunks' hashes, in chunk order), and per leaf its path: the
/// siblings' hashes from the leaf up, back to back. Each level pairs neighbours; an odd last
/// node goes up unchanged, so a tree of n leaves is at most ⌈log2 n⌉ levels high. No leaves
/// make a root of zeros.
pub fn tree(leaves: &[Hash]) -> (Hash, Vec<Vec<u8>>) {
    let mut paths = vec![Vec::new(); leaves.len()];
    let mut level = leaves.to_vec();
    let mut height = 0;
    while level.len() > 1 {
        for (leaf, path) in paths.iter_mut().enumerate() {
            if let Some(sibling) = level.get((leaf >> height) ^ 1) {
                path.extend_from_slice(sibling);
            }
        }
        level = level.chunks(2).map(|pair| pair.get(1).map_or(pair[0], |right| parent(&pair[0], right))).collect();
        height += 1;
    }
    (level.first().copied().unwrap_or([0; HASH_LEN]), paths)
}

/// The root that leaf `at` of `count` leads to through `path`: `Truncated` if the path is
/// shorter than that leaf's must be, `ChecksumMismatch` if longer.
pub(crate) fn root_from(leaf: Hash, at: u32, count: u32, path: &[u8]) -> Result<Hash, IndexError> {
    let mut siblings = path.chunks_exact(HASH_LEN);
    let (mut node, mut position, mut width) = (leaf, at as usize, count as usize);
    while width > 1 {
        if (position ^ 1) < width {
            let sibling: Hash = siblings.next().and_then(|s| s.try_into().ok()).ok_or(IndexError::Truncated)?;
            node = if position % 2 == 0 { parent(&node, &sibling) } else { parent(&sibling, &node) };
        }
        position /= 2;
        width = width.div_ceil(2);
    }
    if siblings.next().is_some() || !siblings.remainder().is_empty() {
        return Err(IndexError::ChecksumMismatch);
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaves(n: u8) -> Vec<Hash> {
        (0..n).map(|i| part_hash(&[i])).collect()
    }

    #[test]
    fn every_leaf_leads_to_the_root_through_its_path() {
        for n in 1..=17u8 {
            let leaves = leaves(n);
            let (root, paths) = tree(&leaves);
            for (at, (leaf, path)) in leaves.iter().zip(&paths).enumerate() {
                assert_eq!(root_from(*leaf, at as u32, n as u32, path), Ok(root), "leaf {at} of {n}");
                assert!(path.len() <= HASH_LEN * (n as usize).next_power_of_two().trailing_zeros() as usize);
            }
        }
    }

    #[test]
    fn another_leaf_place_or_path_leads_elsewhere() {
        let leaves = leaves(5);
        let (root, paths) = tree(&leaves);
        assert_ne!(root_from(leaves[1], 2, 5, &paths[2]), Ok(root), "another leaf in its place");
        assert_ne!(root_from(leaves[2], 3, 5, &paths[2]), Ok(root), "a leaf at another place");
        assert_eq!(root_from(leaves[0], 0, 5, &paths[0][..2 * HASH_LEN]), Err(IndexError::Truncated), "a short path");
        assert_eq!(root_from(leaves[4], 4, 5, &paths[4][1..]), Err(IndexError::Truncated), "a path cut mid-hash");
        let mut longer = paths[4].clone();
        longer.extend_from_slice(&leaves[0]);
        assert_eq!(root_from(leaves[4], 4, 5, &longer), Err(IndexError::ChecksumMismatch), "a long path");
    }

    #[test]
    fn one_leaf_is_its_own_root_and_none_is_zeros() {
        let leaf = leaves(1)[0];
        assert_eq!(tree(&[leaf]), (leaf, vec![Vec::new()]));
        assert_eq!(root_from(leaf, 0, 1, &[]), Ok(leaf));
        assert_eq!(tree(&[]).0, [0; HASH_LEN]);
    }
}
