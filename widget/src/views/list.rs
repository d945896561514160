//! A list of articles as links: title, where it lives, and a snippet with the matched words
//! marked. Arrow keys move between the links; Enter opens one.

use faq_data::{ArticleMeta, Hit, Snippet};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::use_ui;
use crate::app::{Msg, Screen, Ui};
use crate::highlight::pieces;
use crate::i18n::Text;
use crate::library::Wait;

#[derive(Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub place: String,
    pub snippet: Option<Snippet>,
}

impl From<&Hit> for Item {
    fn from(hit: &Hit) -> Item {
        Item { id: hit.id.clone(), title: hit.title.clone(), place: place(&hit.category, &hit.section), snippet: Some(hit.snippet.clone()) }
    }
}

impl From<&ArticleMeta> for Item {
    fn from(meta: &ArticleMeta) -> Item {
        Item { id: meta.id.clone(), title: meta.title.clone(), place: place(&meta.category, &meta.section), snippet: None }
    }
}

fn place(category: &str, section: &str) -> String {
    if section.is_empty() || section == category {
        category.to_string()
    } else {
        format!("{category} › {section}")
    }
}

#[derive(Properties, PartialEq)]
pub struct ArticleListProps {
    pub items: Vec<Item>,
    #[prop_or_default]
    pub label: Option<AttrValue>,
}

#[function_component]
pub fn ArticleList(props: &ArticleListProps) -> Html {
    let ui = use_ui();
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let step = match e.key().as_str() {
            "ArrowDown" => 1,
            "ArrowUp" => -1,
            _ => return,
        };
        e.prevent_default();
        move_focus(&e, step);
    });
    html! {
        <ul class="articles" aria-label={props.label.clone()} {onkeydown}>
            { for props.items.iter().map(|item| {
                let id = item.id.clone();
                let onclick = ui.send.reform(move |e: MouseEvent| {
                    e.prevent_default();
                    Msg::Go(Screen::Article(id.clone()))
                });
                html! {
                    <li>
                        <a href={format!("#help-article-{}", item.id)} {onclick}>
                            <span class="title">{ &item.title }</span>
                            <span class="place">{ &item.place }</span>
                            if let Some(snippet) = &item.snippet {
                                <span class="snippet">{ marked(snippet) }</span>
                            }
                        </a>
                    </li>
                }
            }) }
        </ul>
    }
}

/// What a list shows while its index chunks are on the way, or when they cannot come.
pub fn waiting(ui: &Ui, wait: Wait) -> Html {
    match wait {
        Wait::Loading => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Wait::Unavailable => html! { <p class="status" role="alert">{ ui.t(Text::LoadFailed) }</p> },
    }
}

fn marked(snippet: &Snippet) -> Html {
    pieces(&snippet.text, &snippet.highlights)
        .into_iter()
        .map(|(text, hit)| if hit { html! { <mark>{ text }</mark> } } else { html! { { text } } })
        .collect()
}

/// Moves focus to the previous or next link of the list the key was pressed in.
fn move_focus(e: &KeyboardEvent, step: i32) {
    let Some(list) = e.current_target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) else { return };
    let Ok(links) = list.query_selector_all("a") else { return };
    let links: Vec<HtmlElement> = (0..links.length()).filter_map(|i| links.item(i)?.dyn_into().ok()).collect();
    let focused = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok());
    let at = links.iter().position(|l| Some(l) == focused.as_ref());
    let next = match at {
        Some(i) => (i as i32 + step).clamp(0, links.len() as i32 - 1) as usize,
        None => 0,
    };
    if let Some(link) = links.get(next) {
        let _ = link.focus();
    }
}

/// Focuses the first result link inside `container` (from the search box's ArrowDown).
pub fn focus_first_link(container: &NodeRef) {
    let first = container.cast::<HtmlElement>().and_then(|c| c.query_selector(".articles a").ok().flatten());
    if let Some(link) = first.and_then(|l| l.dyn_into::<HtmlElement>().ok()) {
        let _ = link.focus();
    }
}
