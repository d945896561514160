//! A light English suffix stripper. Query words and indexed words go through the same function,
//! so it only has to map inflections of one word together ("renewals", "renewed", "renewing"),
//! not produce dictionary stems. `rust-stemmers` would add every Snowball language to the
//! browser bundle; this is a few dozen bytes of code.

pub(crate) fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.to_string();
    for (suffix, replacement) in [
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ] {
        if w.ends_with(suffix) && w.len() - suffix.len() >= 3 && !w.ends_with("ss") {
            w.truncate(w.len() - suffix.len());
            w.push_str(replacement);
            break;
        }
    }
    if w.ends_with("ly") && w.len() > 5 {
        w.truncate(w.len() - 2);
    }
    // "cancelled"/"canceled", "logging"/"log": undouble a final consonant left by -ed/-ing.
    let b = w.as_bytes();
    if b.len() > 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiousz".contains(&b[b.len() - 1]) {
        w.pop();
    }
    if w.ends_with('e') && w.len() > 4 {
        w.pop();
    }
    w
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn inflections_meet() {
        assert_eq!(stem("renewals"), stem("renewal"));
        assert_eq!(stem("charged"), stem("charge"));
        assert_eq!(stem("charges"), stem("charge"));
        assert_eq!(stem("cancelled"), stem("cancel"));
        assert_eq!(stem("logging"), stem("log"));
        assert_eq!(stem("subscriptions"), stem("subscription"));
        assert_eq!(stem("devices"), stem("device"));
    }

    #[test]
    fn short_words_and_codes_stay() {
        assert_eq!(stem("tv"), "tv");
        assert_eq!(stem("e1003"), "e1003");
        assert_eq!(stem("is"), "is");
    }
}
