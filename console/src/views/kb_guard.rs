//! The guard rail's word on a publish: MRR@5 on the locale's regression queries before and after,
//! and the queries that got worse, with each one's rank before and after. A publish that lowers
//! MRR@5 was refused by the edge (nothing switched): the panel shows why and lets the editor
//! publish anyway, knowingly, or go back to editing. A whole locale's publish (after an import,
//! or built again from the tree) goes through the same panel.

use std::rc::Rc;

use browser_kit::locale::fill;
use wire::kb::GuardReport;
use yew::prelude::*;

use crate::api::kb::Saved;
use crate::api::Api;
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
    /// What not confirming is called here.
    #[prop_or(Text::KbGuardKeepEditing)]
    pub cancel_label: Text,
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
                <button type="button" onclick={cancel}>{ ui.t(props.cancel_label) }</button>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PublishLocaleProps {
    pub ui: Ui,
    pub api: Rc<Api>,
    /// `zh-cn`, `en-us`.
    pub locale: String,
    pub label: AttrValue,
    /// A refusal already in hand (an import's publish), shown until confirmed or dismissed.
    #[prop_or_default]
    pub refused: Option<GuardReport>,
}

/// Builds the locale's help center again from what is live; a drop on its regression queries
/// shows the guard's figures with "publish anyway".
#[function_component]
pub fn PublishLocale(props: &PublishLocaleProps) -> Html {
    let ui = &props.ui;
    let refused = use_state(|| props.refused.clone());
    let failed = use_state(|| None::<String>);
    let publish = |confirmed: bool| {
        let (api, locale, refused, failed, ui) = (props.api.clone(), props.locale.clone(), refused.clone(), failed.clone(), ui.clone());
        Callback::from(move |()| {
            let (api, locale, refused, failed, ui) = (api.clone(), locale.clone(), refused.clone(), failed.clone(), ui.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.kb_publish_locale(&locale, confirmed).await {
                    Ok(Saved::Stored(_)) => {
                        refused.set(None);
                        failed.set(None);
                        ui.announce(ui.t(Text::KbHelpCenterPublished));
                    }
                    Ok(Saved::Regression(report)) => refused.set(Some(*report)),
                    // A whole locale's publish names no article revision.
                    Ok(Saved::Conflict(_)) => failed.set(Some(ui.t(Text::ActionFailed).to_string())),
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let dismiss = {
        let refused = refused.clone();
        Callback::from(move |()| refused.set(None))
    };
    html! {
        <div class="kb-publish-locale">
            if let Some(report) = &*refused {
                <GuardPanel ui={ui.clone()} report={report.clone()} confirm={publish(true)} cancel={dismiss} cancel_label={Text::KbGuardNotNow} />
            } else {
                <button type="button" onclick={publish(false).reform(|_: MouseEvent| ())}>{ props.label.clone() }</button>
            }
            if let Some(message) = &*failed {
                <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
            }
        </div>
    }
}
