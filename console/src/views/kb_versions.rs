//! An article's history: every published version with its author and time, what it changed
//! from the one before (`article-diff`), and a rollback to it in one action (the edge publishes
//! it again as the newest version). A rollback that would make the regression queries do worse
//! shows the guard's figures and waits for the editor's confirmation (`kb_guard.rs`).

use article_diff::{Change, Field};
use wire::kb::{Article, ArticleDraft, GuardReport, Version};
use yew::prelude::*;

use super::kb_guard::GuardPanel;
use super::Load;
use crate::api::kb::Saved;
use crate::app::Ui;
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct VersionsProps {
    pub ui: Ui,
    pub article: Article,
    pub rolled_back: Callback<Article>,
}

#[function_component]
pub fn VersionsPanel(props: &VersionsProps) -> Html {
    let ui = &props.ui;
    let api = ui.session.as_ref().expect("signed in").api.clone();
    let versions = use_state(|| Load::<Vec<Version>>::Pending);
    let open = use_state(|| None::<i64>);
    let failed = use_state(|| None::<String>);
    // A rollback the guard refused: the version and the figures, until confirmed or dropped.
    let refused = use_state(|| None::<(i64, GuardReport)>);
    {
        let (api, versions, id) = (api.clone(), versions.clone(), props.article.id.clone());
        // Read again whenever the live version changes (a publish, a rollback).
        use_effect_with(props.article.live_version, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                versions.set(match api.kb_versions(&id).await {
                    Ok(list) => Load::Ready(list.versions),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let roll_back = |number: i64, confirmed: bool| {
        let (api, failed, refused, done, article, ui) = (api.clone(), failed.clone(), refused.clone(), props.rolled_back.clone(), props.article.clone(), ui.clone());
        Callback::from(move |_: ()| {
            let (api, failed, refused, done, article, ui) = (api.clone(), failed.clone(), refused.clone(), done.clone(), article.clone(), ui.clone());
            refused.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                match api.kb_rollback(&article.id, article.revision, number, confirmed).await {
                    Ok(Saved::Stored(published)) => {
                        failed.set(None);
                        ui.announce(browser_kit::locale::fill(ui.t(Text::KbPublishedAs), published.article.live_version.unwrap_or_default()));
                        done.emit(published.article);
                    }
                    Ok(Saved::Conflict(_)) => failed.set(Some(ui.t(Text::KbChangedMeanwhile).into())),
                    Ok(Saved::Regression(report)) => refused.set(Some((number, *report))),
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let list = match &*versions {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(list) if list.is_empty() => html! { <p class="status">{ ui.t(Text::KbNoVersions) }</p> },
        Load::Ready(list) => html! {
            <ol class="kb-versions" reversed=true>
                { for list.iter().enumerate().map(|(i, v)| {
                    let before = list.get(i + 1);
                    let shown = *open == Some(v.number);
                    let toggle = {
                        let (open, number) = (open.clone(), v.number);
                        Callback::from(move |_: MouseEvent| open.set(if *open == Some(number) { None } else { Some(number) }))
                    };
                    let live = props.article.live_version == Some(v.number);
                    html! {
                        <li>
                            <span class="version">{ browser_kit::locale::fill(ui.t(Text::KbVersion), v.number) }</span>
                            { format!(" · {} · {}", labels::time(ui.locale, v.at), v.author_name) }
                            if live { <>{ " · " }<strong>{ ui.t(Text::KbLive) }</strong></> }
                            <button type="button" aria-expanded={shown.to_string()} onclick={toggle}>{ ui.t(Text::KbShowChanges) }</button>
                            if !live {
                                <button type="button" onclick={roll_back(v.number, false).reform(|_: MouseEvent| ())}>{ browser_kit::locale::fill(ui.t(Text::KbRollBackTo), v.number) }</button>
                            }
                            if shown {
                                { match before {
                                    Some(before) => html! { <DiffView ui={ui.clone()} old={before.article.clone()} new={v.article.clone()} /> },
                                    None => html! { <p class="detail">{ ui.t(Text::KbFirstVersion) }</p> },
                                } }
                            }
                        </li>
                    }
                }) }
            </ol>
        },
    };
    html! {
        <section class="kb-history" aria-labelledby="kb-versions-title">
            <h2 id="kb-versions-title">{ ui.t(Text::KbVersions) }</h2>
            if let Some(message) = &*failed {
                <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
            }
            if let Some((number, report)) = &*refused {
                <GuardPanel ui={ui.clone()} report={report.clone()} confirm={roll_back(*number, true)} cancel={{ let refused = refused.clone(); Callback::from(move |_| refused.set(None)) }} />
            }
            { list }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DiffProps {
    pub ui: Ui,
    pub old: ArticleDraft,
    pub new: ArticleDraft,
}

/// The fields that differ from `old` to `new`, line by line: removed lines struck (`del`),
/// added ones marked (`ins`), so assistive tech says which is which.
#[function_component]
pub fn DiffView(props: &DiffProps) -> Html {
    let ui = &props.ui;
    let fields = article_diff::article(&props.old, &props.new);
    if fields.is_empty() {
        return html! { <p class="detail">{ ui.t(Text::KbNoChanges) }</p> };
    }
    html! {
        <div class="kb-diff">
            { for fields.iter().map(|f| html! {
                <section>
                    <h4>{ ui.t(field_text(f.field)) }</h4>
                    <pre>
                        { for f.lines.iter().map(|l| match l.change {
                            Change::Same => html! { <span class="same">{ format!("  {}\n", l.text) }</span> },
                            Change::Removed => html! { <del>{ format!("- {}\n", l.text) }</del> },
                            Change::Added => html! { <ins>{ format!("+ {}\n", l.text) }</ins> },
                        }) }
                    </pre>
                </section>
            }) }
        </div>
    }
}

fn field_text(field: Field) -> Text {
    match field {
        Field::Title => Text::KbTitle,
        Field::Questions => Text::KbQuestions,
        Field::Keywords => Text::KbKeywords,
        Field::Body => Text::KbBody,
        Field::Format => Text::KbFormat,
        Field::Section => Text::KbSection,
        Field::Promoted => Text::KbPromoted,
        Field::Translation => Text::KbTranslationOf,
    }
}
