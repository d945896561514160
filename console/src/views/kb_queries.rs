//! Beside an article in the editor: its regression queries ("this query should find this
//! article", which every publish of the locale runs), added and removed here, and what users said
//! of it in the widget lately (its "not helpful" votes).

use wire::kb::{FeedbackVote, QueryOrigin, RegressionQuery};
use yew::prelude::*;

use super::Load;
use crate::app::Ui;
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct QueriesProps {
    pub ui: Ui,
    pub article: String,
    pub locale: String,
}

pub fn origin_text(origin: QueryOrigin) -> Text {
    match origin {
        QueryOrigin::Content => Text::KbOriginContent,
        QueryOrigin::Editor => Text::KbOriginEditor,
        QueryOrigin::Analytics => Text::KbOriginAnalytics,
    }
}

#[function_component]
pub fn QueriesPanel(props: &QueriesProps) -> Html {
    let ui = &props.ui;
    let api = ui.session.as_ref().expect("signed in").api.clone();
    let queries = use_state(|| Load::<Vec<RegressionQuery>>::Pending);
    let votes = use_state(|| Load::<Vec<FeedbackVote>>::Pending);
    let typed = use_state(String::new);
    let failed = use_state(|| None::<String>);
    let reload = {
        let (api, queries, votes, article, locale) = (api.clone(), queries.clone(), votes.clone(), props.article.clone(), props.locale.clone());
        Callback::from(move |_: ()| {
            let (api, queries, votes, article, locale) = (api.clone(), queries.clone(), votes.clone(), article.clone(), locale.clone());
            wasm_bindgen_futures::spawn_local(async move {
                queries.set(match api.kb_regression_queries(&locale, Some(&article)).await {
                    Ok(list) => Load::Ready(list.queries),
                    Err(error) => Load::Failed(error.message()),
                });
                votes.set(match api.kb_feedback(&article).await {
                    Ok(feedback) => Load::Ready(feedback.votes),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        })
    };
    {
        let reload = reload.clone();
        use_effect_with(props.article.clone(), move |_| reload.emit(()));
    }
    let add = {
        let (api, typed, failed, reload, article) = (api.clone(), typed.clone(), failed.clone(), reload.clone(), props.article.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (api, typed, failed, reload, article) = (api.clone(), typed.clone(), failed.clone(), reload.clone(), article.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.kb_add_regression_query(&typed, &article, QueryOrigin::Editor).await {
                    Ok(_) => {
                        typed.set(String::new());
                        failed.set(None);
                        reload.emit(());
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let remove = |id: String| {
        let (api, failed, reload) = (api.clone(), failed.clone(), reload.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, failed, reload, id) = (api.clone(), failed.clone(), reload.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.kb_remove_regression_query(&id).await {
                    Ok(_) => reload.emit(()),
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let list = match &*queries {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(list) if list.is_empty() => html! { <p class="status">{ ui.t(Text::KbNoRegressionQueries) }</p> },
        Load::Ready(list) => html! {
            <ul class="kb-regression-queries">
                { for list.iter().map(|q| html! {
                    <li>
                        <q>{ &q.query }</q>{ format!(" · {} · {}", ui.t(origin_text(q.origin)), q.added_by) }
                        <button type="button" aria-label={format!("{} “{}”", ui.t(Text::KbDelete), q.query)} onclick={remove(q.id.clone())}>{ ui.t(Text::KbDelete) }</button>
                    </li>
                }) }
            </ul>
        },
    };
    let feedback = match &*votes {
        Load::Pending => html! {},
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(list) if list.is_empty() => html! { <p class="status">{ ui.t(Text::KbNoFeedback) }</p> },
        Load::Ready(list) => html! {
            <ul class="kb-feedback">
                { for list.iter().map(|v| match &v.comment {
                    Some(comment) => html! { <li><q lang={v.locale.clone()}>{ comment }</q>{ format!(" · {}", labels::time(ui.locale, v.at)) }</li> },
                    None => html! { <li>{ format!("{} · {}", ui.t(Text::KbNotHelpful), labels::time(ui.locale, v.at)) }</li> },
                }) }
            </ul>
        },
    };
    html! {
        <>
            <section class="kb-queries" aria-labelledby="kb-queries-title">
                <h2 id="kb-queries-title">{ ui.t(Text::KbRegressionQueries) }</h2>
                <p class="hint">{ ui.t(Text::KbRegressionHint) }</p>
                { list }
                <form class="kb-add-query" onsubmit={add}>
                    <label for="kb-new-query">{ ui.t(Text::KbShouldFind) }</label>
                    <input id="kb-new-query" value={(*typed).clone()} {oninput} maxlength={wire::limits::QUERY.to_string()} />
                    <button type="submit" disabled={typed.trim().is_empty()}>{ ui.t(Text::KbAddQuery) }</button>
                </form>
                if let Some(message) = &*failed { <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p> }
            </section>
            <section class="kb-feedback-pane" aria-labelledby="kb-feedback-title">
                <h2 id="kb-feedback-title">{ ui.t(Text::KbFeedback) }</h2>
                { feedback }
            </section>
        </>
    }
}
