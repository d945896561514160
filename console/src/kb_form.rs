//! The knowledge-base editor's rules without a screen: the form's fields and the draft they make,
//! and when an autosave goes out (after a pause in typing, one at a time, again if the editor
//! kept typing while one was on its way).

use wire::kb::{ArticleDraft, BodyFormat};

/// What the editor's fields hold; lists are one entry per line.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArticleForm {
    pub title: String,
    pub questions: String,
    pub keywords: String,
    pub body: String,
    pub format: BodyFormat,
    pub section_id: String,
    pub promoted: bool,
    /// An article id of another locale, or empty.
    pub translation_of: String,
}

impl ArticleForm {
    pub fn of(draft: &ArticleDraft) -> ArticleForm {
        ArticleForm {
            title: draft.title.clone(),
            questions: draft.questions.join("\n"),
            keywords: draft.keywords.join("\n"),
            body: draft.body.clone(),
            format: draft.format,
            section_id: draft.section_id.clone(),
            promoted: draft.promoted,
            translation_of: draft.translation_of.clone().unwrap_or_default(),
        }
    }

    /// The draft a save sends (the edge trims and checks it).
    pub fn draft(&self) -> ArticleDraft {
        ArticleDraft {
            title: self.title.clone(),
            questions: lines(&self.questions),
            keywords: lines(&self.keywords),
            body: self.body.clone(),
            format: self.format,
            section_id: self.section_id.clone(),
            promoted: self.promoted,
            translation_of: Some(self.translation_of.trim().to_string()).filter(|t| !t.is_empty()),
        }
    }
}

/// The non-blank lines of a list field, trimmed.
pub fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

/// Which edits are stored: edits are numbered; a save carries the number of the last edit it
/// includes.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Autosave {
    edits: u32,
    stored: u32,
    sending: Option<u32>,
}

impl Autosave {
    /// The form changed; a save is due after the pause that follows.
    pub fn edited(&mut self) {
        self.edits += 1;
    }

    /// The pause after typing ended (or a save came back): the edit number to save up to now, if
    /// there are unsaved edits and no save on its way (that one's answer asks again).
    pub fn due(&mut self) -> Option<u32> {
        if self.sending.is_some() || self.edits == self.stored {
            return None;
        }
        self.sending = Some(self.edits);
        Some(self.edits)
    }

    /// The save that went out with `edit` was stored.
    pub fn stored(&mut self, edit: u32) {
        self.stored = self.stored.max(edit);
        self.sending = None;
    }

    /// The save was not stored (refused, offline, a conflict): its edits are still unsaved.
    pub fn failed(&mut self) {
        self.sending = None;
    }

    /// Edits not yet stored (including those on their way).
    pub fn dirty(&self) -> bool {
        self.edits != self.stored
    }

    pub fn sending(&self) -> bool {
        self.sending.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_makes_the_draft_it_was_made_of() {
        let draft = ArticleDraft {
            title: "Cancel auto-renewal".into(),
            questions: vec!["stop paying".into(), "turn off renewal".into()],
            keywords: vec!["vip".into()],
            body: "Open **Me**".into(),
            format: BodyFormat::Markdown,
            section_id: "10".into(),
            promoted: true,
            translation_of: Some("4435050".into()),
        };
        assert_eq!(ArticleForm::of(&draft).draft(), draft);
        let form = ArticleForm { questions: " a \n\n b\r\n".into(), translation_of: "  ".into(), ..ArticleForm::default() };
        assert_eq!(form.draft().questions, vec!["a", "b"]);
        assert_eq!(form.draft().translation_of, None);
    }

    #[test]
    fn one_save_at_a_time_and_another_for_what_was_typed_meanwhile() {
        let mut autosave = Autosave::default();
        assert_eq!(autosave.due(), None, "nothing to save");
        autosave.edited();
        autosave.edited();
        assert_eq!(autosave.due(), Some(2));
        autosave.edited();
        assert_eq!(autosave.due(), None, "one save on its way");
        assert!(autosave.sending() && autosave.dirty());
        autosave.stored(2);
        assert!(autosave.dirty(), "edit 3 came after");
        assert_eq!(autosave.due(), Some(3));
        autosave.stored(3);
        assert!(!autosave.dirty() && !autosave.sending());
    }

    #[test]
    fn a_failed_save_leaves_its_edits_unsaved() {
        let mut autosave = Autosave::default();
        autosave.edited();
        assert_eq!(autosave.due(), Some(1));
        autosave.failed();
        assert!(autosave.dirty() && !autosave.sending());
        assert_eq!(autosave.due(), Some(1));
    }
}
