//! The pinyin the reader needs, and no more: the browser must not ship a full pinyin table.
//! The index stores the toneless reading of every Chinese character in the locale's content
//! plus the common characters (GB2312 level 1, the 3,755 most used) that sound like one of
//! them, so a homophone typo (会圆 for 会员) still finds its reading at query time.

use std::collections::{BTreeMap, BTreeSet};

use pinyin::ToPinyin;

use crate::normalize::is_cjk;

/// Toneless pinyin of a character (its first reading).
pub(crate) fn reading(c: char) -> Option<&'static str> {
    c.to_pinyin().map(|p| p.plain())
}

/// GB2312 level 1 is the GBK lead-byte range B0–D7.
fn is_common(c: char) -> bool {
    let mut buf = [0u8; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buf));
    !unmappable && bytes.len() == 2 && (0xB0..=0xD7).contains(&bytes[0]) && bytes[1] >= 0xA1
}

/// (syllables, char → syllable index) for the characters of `texts`.
pub(crate) fn table<'a>(texts: impl Iterator<Item = &'a str>) -> (Vec<String>, Vec<(char, u16)>) {
    let corpus: BTreeSet<char> = texts.flat_map(str::chars).filter(|c| is_cjk(*c)).collect();
    let heard: BTreeSet<&str> = corpus.iter().filter_map(|&c| reading(c)).collect();
    let homophones = ('\u{4E00}'..='\u{9FFF}').filter(|&c| is_common(c) && reading(c).is_some_and(|r| heard.contains(r)));
    let chars: BTreeSet<char> = corpus.iter().copied().chain(homophones).collect();
    let syllables: Vec<String> = heard.iter().map(|s| s.to_string()).collect();
    let position: BTreeMap<&str, u16> = heard.iter().enumerate().map(|(i, s)| (*s, i as u16)).collect();
    let table = chars.into_iter().filter_map(|c| Some((c, *position.get(reading(c)?)?))).collect();
    (syllables, table)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn homophones_of_corpus_characters_are_included() {
        let (syllables, table) = table(["会员卡顿"].into_iter());
        let find = |c: char| table.iter().find(|(ch, _)| *ch == c).map(|(_, s)| syllables[*s as usize].as_str());
        assert_eq!(find('员'), Some("yuan"));
        assert_eq!(find('圆'), Some("yuan"), "common homophone of 员");
        assert_eq!(find('吨'), Some("dun"));
        assert_eq!(find('猫'), None, "sounds like nothing in the corpus");
    }
}
