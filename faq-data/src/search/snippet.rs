//! A window of the article's opening text around the first query match, with the matches
//! marked as byte ranges (the widget wraps them in `<mark>`).

use super::Snippet;
use crate::normalize::fold_char;
use crate::sort::sort;

/// Characters shown in a result snippet.
const WINDOW: usize = 90;
/// Characters of context kept before the first match.
const LEAD: usize = 20;

pub(crate) fn cut(text: &str, needles: &[String]) -> Snippet {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let folded: Vec<char> = chars.iter().map(|&(_, c)| fold_char(c)).collect();
    let needles: Vec<Vec<char>> = needles.iter().map(|n| n.chars().collect()).filter(|n: &Vec<char>| !n.is_empty()).collect();
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for needle in &needles {
        for start in 0..folded.len().saturating_sub(needle.len() - 1) {
            if folded[start] == needle[0] && folded[start..start + needle.len()] == needle[..] {
                marks.push((start, start + needle.len()));
            }
        }
    }
    sort(&mut marks);
    let from = marks.first().map_or(0, |&(s, _)| s.saturating_sub(LEAD));
    let to = (from + WINDOW).min(chars.len());
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut snippet = Snippet { text: text[byte(from)..byte(to)].to_string(), highlights: Vec::new() };
    let offset = byte(from);
    for (s, e) in marks {
        if s < from || e > to {
            continue;
        }
        let range = byte(s) - offset..byte(e) - offset;
        match snippet.highlights.last_mut() {
            Some(last) if last.end >= range.start => last.end = last.end.max(range.end),
            _ => snippet.highlights.push(range),
        }
    }
    snippet
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn marks_needles_case_insensitively_as_byte_ranges() {
        let s = cut("开通自动续费后，每月扣费。Cancel anytime.", &["续费".into(), "cancel".into()]);
        let marked: Vec<&str> = s.highlights.iter().map(|r| &s.text[r.clone()]).collect();
        assert_eq!(marked, vec!["续费", "Cancel"]);
    }

    #[test]
    fn window_starts_near_the_first_match() {
        let text = format!("{}关键", "无".repeat(200));
        let s = cut(&text, &["关键".into()]);
        assert!(s.text.ends_with("关键"));
        assert_eq!(s.highlights.len(), 1);
    }
}
