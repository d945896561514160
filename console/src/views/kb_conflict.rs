//! Two editors on one article: the save that came second is not stored, and both versions are
//! shown side by side (what is stored now, by whom, and the editor's own), with what differs
//! between them; the editor keeps theirs over it or takes the stored one. Nothing is lost
//! until they choose.

use wire::kb::{ArticleConflict, ArticleDraft};
use yew::prelude::*;

use super::kb_versions::DiffView;
use crate::app::Ui;
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct ConflictProps {
    pub ui: Ui,
    pub conflict: Box<ArticleConflict>,
    /// What this editor has in the form.
    pub yours: ArticleDraft,
    pub keep_mine: Callback<()>,
    pub take_theirs: Callback<()>,
}

#[function_component]
pub fn ConflictPanel(props: &ConflictProps) -> Html {
    let ui = &props.ui;
    let current = &props.conflict.current;
    let yours = props.conflict.yours.as_ref().unwrap_or(&props.yours);
    html! {
        <section class="kb-conflict" role="alert" aria-labelledby="kb-conflict-title">
            <h2 id="kb-conflict-title">{ ui.t(Text::KbConflictTitle) }</h2>
            <p>{ ui.t(Text::KbConflictExplain) }</p>
            <div class="kb-both">
                <section aria-labelledby="kb-theirs-title">
                    <h3 id="kb-theirs-title">{ ui.t(Text::KbTheirs) }</h3>
                    <p class="detail">{ format!("{}: {} · {}", ui.t(Text::KbTheirsBy), current.updated_by, labels::time(ui.locale, current.updated_at)) }</p>
                    { draft_text(ui, &current.draft) }
                </section>
                <section aria-labelledby="kb-yours-title">
                    <h3 id="kb-yours-title">{ ui.t(Text::KbYours) }</h3>
                    { draft_text(ui, yours) }
                </section>
            </div>
            <DiffView ui={ui.clone()} old={current.draft.clone()} new={yours.clone()} />
            <div class="actions">
                <button type="button" onclick={props.keep_mine.reform(|_| ())}>{ ui.t(Text::KbKeepMine) }</button>
                <button type="button" onclick={props.take_theirs.reform(|_| ())}>{ ui.t(Text::KbTakeTheirs) }</button>
            </div>
        </section>
    }
}

/// A draft as plain text: every field an editor writes.
pub fn draft_text(ui: &Ui, draft: &ArticleDraft) -> Html {
    html! {
        <dl class="kb-draft">
            <dt>{ ui.t(Text::KbTitle) }</dt><dd>{ &draft.title }</dd>
            <dt>{ ui.t(Text::KbQuestions) }</dt><dd>{ draft.questions.join(" / ") }</dd>
            <dt>{ ui.t(Text::KbKeywords) }</dt><dd>{ draft.keywords.join(" / ") }</dd>
            <dt>{ ui.t(Text::KbBody) }</dt><dd><pre>{ &draft.body }</pre></dd>
        </dl>
    }
}
