//! The knowledge base in and out as a whole (editors): export every locale as the content folder
//! `faq build` reads (one `.tar` to save), and import a Zendesk Help Center export (`.json`) or
//! such a folder (`.tar`) as drafts or published, with what the edge stored, left alone and
//! skipped (and why), or a folder's problems by file when nothing was stored. A locale whose
//! publish failed after the import can be published from the report (anyway, when the guard
//! refused it). Where the site requires review, an import stores drafts only.

use std::rc::Rc;

use browser_kit::locale::fill;
use wire::kb::{ImportProblem, ImportReport, ImportedArticle};
use yew::prelude::*;

use super::kb_guard::PublishLocale;
use crate::api::kb::Imported;
use crate::api::Api;
use crate::app::Ui;
use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct TransferProps {
    pub ui: Ui,
    pub api: Rc<Api>,
    /// Something was stored: the screen reads the tree and the articles again.
    pub imported: Callback<()>,
    /// The site requires review: an import cannot publish.
    pub review_required: bool,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    Idle,
    Importing,
    Stored(ImportReport),
    Refused(Vec<ImportProblem>),
    Failed(String),
}

#[function_component]
pub fn Transfer(props: &TransferProps) -> Html {
    let ui = &props.ui;
    let outcome = use_state(|| Outcome::Idle);
    let publish = use_state(|| false);
    let file_input = use_node_ref();
    let export = {
        let (api, outcome, ui) = (props.api.clone(), outcome.clone(), ui.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, outcome, ui) = (api.clone(), outcome.clone(), ui.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.kb_export().await {
                    Ok(archive) => {
                        browser_kit::download::file("help-center.tar", &archive);
                        ui.announce(ui.t(Text::KbExported));
                    }
                    Err(error) => outcome.set(Outcome::Failed(error.message())),
                }
            });
        })
    };
    let import = {
        let (api, outcome, ui, publish, file_input, imported) = (props.api.clone(), outcome.clone(), ui.clone(), publish.clone(), file_input.clone(), props.imported.clone());
        let review_required = props.review_required;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let file = file_input.cast::<web_sys::HtmlInputElement>().and_then(|input| input.files()).and_then(|files| files.get(0));
            let Some(file) = file else {
                outcome.set(Outcome::Failed(ui.t(Text::KbImportChooseFile).to_string()));
                return;
            };
            let (api, outcome, ui, publish, imported) = (api.clone(), outcome.clone(), ui.clone(), *publish && !review_required, imported.clone());
            outcome.set(Outcome::Importing);
            wasm_bindgen_futures::spawn_local(async move {
                match api.kb_import(&file, publish).await {
                    Ok(Imported::Stored(report)) => {
                        ui.announce(ui.t(Text::KbImportDone));
                        outcome.set(Outcome::Stored(report));
                        imported.emit(());
                    }
                    Ok(Imported::Refused(problems)) => outcome.set(Outcome::Refused(problems)),
                    Err(error) => outcome.set(Outcome::Failed(error.message())),
                }
            });
        })
    };
    let on_publish = {
        let publish = publish.clone();
        Callback::from(move |e: Event| publish.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    html! {
        <section class="kb-transfer" aria-labelledby="kb-transfer-title">
            <h2 id="kb-transfer-title">{ ui.t(Text::KbTransfer) }</h2>
            <p class="hint">{ ui.t(Text::KbTransferNote) }</p>
            <button type="button" onclick={export}>{ ui.t(Text::KbExport) }</button>
            <form onsubmit={import}>
                <label for="kb-import-file">{ ui.t(Text::KbImportFile) }</label>
                <input id="kb-import-file" type="file" accept=".json,.tar,application/json,application/x-tar" ref={file_input} />
                if props.review_required {
                    <p class="hint">{ ui.t(Text::KbImportDraftsForReview) }</p>
                } else {
                    <label class="check"><input type="checkbox" checked={*publish} onchange={on_publish} />{ ui.t(Text::KbImportPublish) }</label>
                }
                <button type="submit" disabled={*outcome == Outcome::Importing}>{ ui.t(Text::KbImport) }</button>
            </form>
            { outcome_view(ui, &props.api, &outcome) }
        </section>
    }
}

fn outcome_view(ui: &Ui, api: &Rc<Api>, outcome: &Outcome) -> Html {
    match outcome {
        Outcome::Idle => html! {},
        Outcome::Importing => html! { <p class="status" role="status">{ ui.t(Text::KbImporting) }</p> },
        Outcome::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p> },
        Outcome::Refused(problems) => html! {
            <div class="error" role="alert">
                <p>{ ui.t(Text::KbImportProblems) }</p>
                <table class="kb-import-problems">
                    <thead><tr><th scope="col">{ ui.t(Text::KbImportFileCol) }</th><th scope="col">{ ui.t(Text::KbImportReason) }</th></tr></thead>
                    <tbody>
                        { for problems.iter().map(|p| html! { <tr><td>{ format!("{}:{}", p.path, p.line) }</td><td>{ &p.message }</td></tr> }) }
                    </tbody>
                </table>
            </div>
        },
        Outcome::Stored(report) => report_view(ui, api, report),
    }
}

fn report_view(ui: &Ui, api: &Rc<Api>, report: &ImportReport) -> Html {
    let titles = |list: &[ImportedArticle]| list.iter().map(|a| format!("{} ({})", a.title, a.id)).collect::<Vec<_>>().join(" · ");
    let row = |label: Text, list: &[ImportedArticle]| html! {
        <tr><th scope="row">{ ui.t(label) }</th><td class="number">{ list.len() }</td><td>{ titles(list) }</td></tr>
    };
    let published: Vec<&str> = report.published.iter().map(|p| p.locale.as_str()).collect();
    let failed: Vec<&str> = report.publish_failed.iter().map(|f| f.locale.as_str()).collect();
    html! {
        <div class="kb-import-report" role="status">
            <table>
                <caption>{ ui.t(Text::KbImportReport) }</caption>
                <tbody>
                    { row(Text::KbImportCreated, &report.created) }
                    { row(Text::KbImportUpdated, &report.updated) }
                    <tr><th scope="row">{ ui.t(Text::KbImportUnchanged) }</th><td class="number">{ report.unchanged.len() }</td><td></td></tr>
                    <tr><th scope="row">{ ui.t(Text::KbImportSkipped) }</th><td class="number">{ report.skipped.len() }</td><td></td></tr>
                    <tr><th scope="row">{ ui.t(Text::KbImportPublished) }</th><td class="number">{ published.len() }</td><td>{ published.join(", ") }</td></tr>
                    if !report.publish_failed.is_empty() {
                        <tr><th scope="row">{ ui.t(Text::KbImportPublishFailed) }</th><td class="number">{ report.publish_failed.len() }</td><td>{ failed.join(", ") }</td></tr>
                    }
                </tbody>
            </table>
            { for report.publish_failed.iter().map(|f| html! {
                <div class="kb-import-publish-failed">
                    // The guard's panel says a refusal in the console's language; other failures as the edge put them.
                    if f.guard.is_none() {
                        <p>{ format!("{}: {}", f.locale, f.message) }</p>
                    }
                    <PublishLocale ui={ui.clone()} api={api.clone()} locale={f.locale.clone()} label={fill(ui.t(Text::KbPublishLocale), &f.locale)} refused={f.guard.clone()} />
                </div>
            }) }
            if !report.skipped.is_empty() {
                <table class="kb-import-skipped">
                    <caption>{ ui.t(Text::KbImportSkipped) }</caption>
                    <thead><tr><th scope="col">{ ui.t(Text::KbImportItem) }</th><th scope="col">{ ui.t(Text::KbImportReason) }</th></tr></thead>
                    <tbody>
                        { for report.skipped.iter().map(|s| html! { <tr><td>{ format!("{} {} · {}", s.kind, s.id, s.title) }</td><td>{ &s.reason }</td></tr> }) }
                    </tbody>
                </table>
            }
        </div>
    }
}
