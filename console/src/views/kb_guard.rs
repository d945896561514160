//! The guard rail's word on a publish: MRR@5 on the locale's regression queries before and after,
//! and the queries that got worse, with each one's rank before and after. A publish that lowers
//! MRR@5 was refused by the edge (nothing switched): the panel shows why and lets the editor
//! publish anyway, knowingly, or go back to editing.

use browser_kit::locale::fill;
use wire::kb::GuardReport;
use yew::prelude::*;

use crate::app::Ui;
use crate::i18n::Text;

/// "MRR@5 0.878 → 0.861 (68 queries)".
pub fn figures(ui: &Ui, report: &GuardReport) -> String {
    format!("{} {:.3} → {:.3} ({})", ui.t(Text::KbGuardMrr), report.mrr_before, report.mrr_after, fill(ui.t(Text::KbGuardQueries), report.queries))
}

fn rank(ui: &Ui, rank: Option<u32>) -> String {
    rank.map_or_else(|| ui.t(Text::KbGuardNotFound).to_string(), |r| r.to_string())
}

#[derive(Properties, PartialEq)]
pub struct GuardProps {
    pub ui: Ui,
    pub report: GuardReport,
    /// Publish anyway.
    pub confirm: Callback<()>,
    pub cancel: Callback<()>,
}

#[function_component]
pub fn GuardPanel(props: &GuardProps) -> Html {
    let ui = &props.ui;
    let confirm = props.confirm.reform(|_: MouseEvent| ());
    let cancel = props.cancel.reform(|_: MouseEvent| ());
    html! {
        <section class="kb-guard" role="alert" aria-labelledby="kb-guard-title">
            <h2 id="kb-guard-title">{ ui.t(Text::KbGuardTitle) }</h2>
            <p class="kb-guard-figures">{ figures(ui, &props.report) }</p>
            <table>
                <caption>{ ui.t(Text::KbGuardWorse) }</caption>
                <thead><tr><th scope="col">{ ui.t(Text::Query) }</th><th scope="col">{ ui.t(Text::KbGuardBefore) }</th><th scope="col">{ ui.t(Text::KbGuardAfter) }</th></tr></thead>
                <tbody>
                    { for props.report.worse.iter().map(|w| html! {
                        <tr><td>{ &w.query }</td><td>{ rank(ui, w.before) }</td><td>{ rank(ui, w.after) }</td></tr>
                    }) }
                </tbody>
            </table>
            <div class="actions">
                <button type="button" onclick={confirm}>{ ui.t(Text::KbGuardPublishAnyway) }</button>
                <button type="button" onclick={cancel}>{ ui.t(Text::KbGuardKeepEditing) }</button>
            </div>
        </section>
    }
}
