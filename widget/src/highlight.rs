//! Splits a snippet into plain and highlighted pieces for `<mark>`.

use std::ops::Range;

use faq_data::sort::sort_by_key;

/// Pieces of `text` in order, each flagged if it lies in one of `ranges` (byte ranges, as
/// faq-data returns them). Overlapping, unsorted or out-of-bounds ranges are tolerated; a range
/// that does not fall on character boundaries is ignored.
pub fn pieces<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut ranges: Vec<Range<usize>> = ranges
        .iter()
        .filter(|r| r.start < r.end && r.end <= text.len())
        .filter(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        .cloned()
        .collect();
    sort_by_key(&mut ranges, |r| r.start);
    let mut out = Vec::new();
    let mut at = 0;
    for range in ranges {
        let start = range.start.max(at);
        if start >= range.end {
            continue;
        }
        if start > at {
            out.push((&text[at..start], false));
        }
        out.push((&text[start..range.end], true));
        at = range.end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_the_ranges_in_order() {
        let text = "取消自动续费的方法";
        let pieces = pieces(text, &[6..12, 0..6]);
        assert_eq!(pieces, [("取消", true), ("自动", true), ("续费的方法", false)]);
    }

    #[test]
    fn overlaps_merge_and_bad_ranges_are_ignored() {
        let text = "cancel renewal";
        assert_eq!(pieces(text, &[0..4, 2..6, 40..50, 9..8]), [("canc", true), ("el", true), (" renewal", false)]);
        assert_eq!(pieces("自动", &[1..3]), [("自动", false)]);
        assert_eq!(pieces("", &[]), []);
    }
}
