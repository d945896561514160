//! Query-time folding: the small part of NFKC a search box needs (full-width forms to ASCII,
//! ideographic space), case folding and punctuation to spaces. Full NFKC runs at build time
//! (feature `build`), so the browser does not ship Unicode's composition tables.

/// Folds full-width ASCII variants to ASCII and lower-cases; everything else is kept.
pub(crate) fn fold_char(c: char) -> char {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else if is_cjk(c) {
        c
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Chinese characters (CJK unified ideographs and extension A) are indexed as n-grams.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Letters and digits of Latin-script words (after folding).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c.is_alphabetic() && !is_cjk(c))
}

/// Folds text and turns every character that is neither a word character nor Chinese into a
/// space, so tokenising only has to split on spaces and script changes.
pub(crate) fn fold(text: &str) -> String {
    text.chars()
        .map(fold_char)
        .map(|c| if is_cjk(c) || is_word_char(c) { c } else { ' ' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_letters_digits_and_punctuation_fold() {
        assert_eq!(fold("ＶＩＰ会员！Ｅ１００３"), "vip会员 e1003");
        assert_eq!(fold("How-to: cancel?"), "how to  cancel ");
    }

    #[test]
    fn chinese_is_kept() {
        assert!(is_cjk('卡'));
        assert!(!is_cjk('a'));
        assert_eq!(fold("卡顿，怎么办"), "卡顿 怎么办");
    }
}
