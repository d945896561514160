//! An article: its sanitised body (cleaned to an allow-list when the index was built), "was
//! this helpful?", related articles, and the way to a person when it did not help.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

use super::waiting;
use crate::list::{ArticleList, Item};
use super::use_ui;
use crate::app::{Msg, Record, Screen};
use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub id: String,
}

#[function_component]
pub fn ArticleView(props: &ArticleProps) -> Html {
    let ui = use_ui();
    let voted = use_state(|| None::<bool>);
    // After "no": what the reader says was missing, until sent.
    let comment = use_state(String::new);
    let commented = use_state(|| false);
    let Some(library) = ui.library.clone() else { return html! {} };
    // The article's chunk (every chunk for an id no attached chunk holds: the core does not
    // index ids), then the bodies, fetched if not attached.
    let meta = match library.answer(|index| index.article(&props.id)) {
        Ok(Some(meta)) => meta,
        Ok(None) => return html! { <p class="status" role="alert">{ ui.t(Text::NotFoundArticle) }</p> },
        Err(wait) => return waiting(&ui, wait),
    };
    let body = match library.answer(|index| index.body(&props.id).map(|body| body.map(str::to_string))) {
        Ok(body) => Html::from_html_unchecked(AttrValue::from(body.unwrap_or_default())),
        Err(wait) => waiting(&ui, wait),
    };
    let vote = |helpful: bool| {
        let (voted, send, id) = (voted.clone(), ui.send.clone(), props.id.clone());
        Callback::from(move |_| {
            voted.set(Some(helpful));
            send.emit(Msg::Record(Record::Vote(id.clone(), helpful)));
        })
    };
    let on_comment = {
        let comment = comment.clone();
        Callback::from(move |e: InputEvent| comment.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let send_comment = {
        let (comment, commented, send, id) = (comment.clone(), commented.clone(), ui.send.clone(), props.id.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !comment.trim().is_empty() {
                commented.set(true);
                send.emit(Msg::Record(Record::Comment(id.clone(), comment.trim().to_string())));
            }
        })
    };
    // In an app's webview, links leave through the native side instead of replacing the page.
    let onclick = {
        let host = ui.host.clone();
        Callback::from(move |e: MouseEvent| {
            let link = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest("a[href]").ok().flatten());
            if let (true, Some(link)) = (host.page, link) {
                e.prevent_default();
                host.emit("openUrl", link.get_attribute("href").unwrap_or_default().into());
            }
        })
    };
    let related: Vec<Item> = library.answer(|index| index.related(&props.id)).unwrap_or_default().iter().map(Item::from).collect();
    html! {
        <article class="article">
            <h3>{ &meta.title }</h3>
            <p class="place">{ &meta.category }{ " › " }{ &meta.section }</p>
            <div class="content" {onclick}>{ body }</div>
            <div class="vote" role="group" aria-label={ui.t(Text::Helpful)}>
                if let Some(helpful) = *voted {
                    <p role="status">{ ui.t(Text::ThanksVote) }</p>
                    if !helpful && !*commented {
                        <form class="comment" onsubmit={send_comment}>
                            <label for="vote-comment">{ ui.t(Text::WhatWasMissing) }</label>
                            <textarea id="vote-comment" rows="2" maxlength={wire::limits::FEEDBACK_COMMENT.to_string()} value={(*comment).clone()} oninput={on_comment} />
                            <button type="submit">{ ui.t(Text::Send) }</button>
                        </form>
                    }
                    if !helpful {
                        <button type="button" class="human" onclick={ui.send.reform(|_| Msg::Tab(Screen::Contact))}>
                            { ui.t(Text::StillNeedHelp) }
                        </button>
                    }
                } else {
                    <span>{ ui.t(Text::Helpful) }</span>
                    <button type="button" onclick={vote(true)}>{ ui.t(Text::Yes) }</button>
                    <button type="button" onclick={vote(false)}>{ ui.t(Text::No) }</button>
                }
            </div>
            if !related.is_empty() {
                <h4>{ ui.t(Text::Related) }</h4>
                <ArticleList items={related} open={ui.open_article()} label={ui.t(Text::Related)} />
            }
            <button type="button" class="link" onclick={ui.send.reform(|_| Msg::Tab(Screen::Contact))}>{ ui.t(Text::StillNeedHelp) }</button>
        </article>
    }
}
