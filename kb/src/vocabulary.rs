//! A locale's editor vocabulary, checked and turned into what faq-data's builder reads: the same
//! stop words, synonym groups and escalation cues `content/<locale>/_data/` holds for `faq build`.

use faq_data::build::EditorData;
use faq_data::escalation::shipped;
use faq_data::Reason;
use wire::kb::Vocabulary;
use wire::limits::{VOCABULARY_ENTRIES, VOCABULARY_WORD};

use crate::KbError;

/// The vocabulary trimmed (blank words and one-word synonym groups dropped), if every list keeps
/// to the limits and every cue list names a triage reason.
pub fn check(vocabulary: &Vocabulary) -> Result<Vocabulary, KbError> {
    let words = |field: &str, list: &[String]| -> Result<Vec<String>, KbError> {
        let kept: Vec<String> = list.iter().map(|w| w.trim().to_string()).filter(|w| !w.is_empty()).collect();
        if kept.len() > VOCABULARY_ENTRIES {
            return Err(KbError::invalid(field, format!("at most {VOCABULARY_ENTRIES} entries ({} given)", kept.len())));
        }
        if let Some(long) = kept.iter().find(|w| w.chars().count() > VOCABULARY_WORD) {
            return Err(KbError::invalid(field, format!("`{long}` is longer than {VOCABULARY_WORD} characters")));
        }
        Ok(kept)
    };
    let stop_words = words("stop_words", &vocabulary.stop_words)?;
    let mut synonyms = Vec::new();
    for group in &vocabulary.synonyms {
        let group = words("synonyms", group)?;
        if group.len() > 1 {
            synonyms.push(group);
        }
    }
    if synonyms.len() > VOCABULARY_ENTRIES {
        return Err(KbError::invalid("synonyms", format!("at most {VOCABULARY_ENTRIES} groups")));
    }
    let mut cues = std::collections::BTreeMap::new();
    for (reason, list) in &vocabulary.cues {
        if Reason::from_name(reason).is_none() {
            return Err(KbError::invalid("cues", format!("`{reason}` is not a triage reason")));
        }
        cues.insert(reason.clone(), words("cues", list)?);
    }
    Ok(Vocabulary { stop_words, synonyms, cues })
}

/// What the builder reads (the vocabulary already [`check`]ed).
pub fn editor_data(vocabulary: &Vocabulary) -> EditorData {
    let mut data = EditorData {
        stop_words: vocabulary.stop_words.clone(),
        synonyms: vocabulary.synonyms.clone(),
        writing_model: Some(shipped::model()),
        ..EditorData::default()
    };
    for (name, list) in &vocabulary.cues {
        if let Some(reason) = Reason::from_name(name) {
            list.iter().for_each(|cue| data.cues.add(reason, cue));
        }
    }
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_words_and_lonely_synonyms_are_dropped() {
        let v = Vocabulary {
            stop_words: vec![" how ".into(), "".into()],
            synonyms: vec![vec!["卡顿".into(), " 缓冲 ".into()], vec!["alone".into(), " ".into()]],
            cues: [("money_lost".to_string(), vec!["charged*twice".to_string()])].into(),
        };
        let checked = check(&v).unwrap();
        assert_eq!(checked.stop_words, vec!["how"]);
        assert_eq!(checked.synonyms, vec![vec!["卡顿".to_string(), "缓冲".to_string()]]);
        let data = editor_data(&checked);
        assert_eq!(data.stop_words, vec!["how"]);
        assert_eq!(data.synonyms.len(), 1);
    }

    #[test]
    fn an_unknown_reason_or_an_overlong_word_is_refused() {
        let unknown = Vocabulary { cues: [("angry".to_string(), vec!["!!!".to_string()])].into(), ..Vocabulary::default() };
        assert!(matches!(check(&unknown), Err(KbError::Invalid { field, .. }) if field == "cues"));
        let long = Vocabulary { stop_words: vec!["x".repeat(VOCABULARY_WORD + 1)], ..Vocabulary::default() };
        assert!(matches!(check(&long), Err(KbError::Invalid { field, .. }) if field == "stop_words"));
    }
}
