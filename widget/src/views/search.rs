//! Search as you type over the local index; with an empty box, the promoted articles and the
//! categories to browse. The screen reports what it showed, so each keystroke is searched once.

use faq_data::{SearchOptions, SearchResponse};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::waiting;
use crate::list::{focus_first_link, ArticleList, Item};
use super::use_ui;
use crate::app::{Msg, Record, Screen, Ui};
use crate::i18n::{fill, Text};
use crate::library::{Library, Wait};

/// Results shown for a query.
const RESULTS: usize = 8;

#[derive(Properties, PartialEq)]
pub struct SearchProps {
    pub query: String,
}

#[function_component]
pub fn SearchView(props: &SearchProps) -> Html {
    let ui = use_ui();
    let results = use_node_ref();
    let searchbox = use_node_ref();
    {
        let searchbox = searchbox.clone();
        use_effect_with((), move |_| {
            if let Some(input) = searchbox.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }
    let query = props.query.trim();
    // The chunks the query needs are fetched if not attached yet; the screen asks again when
    // they arrive.
    let found = ui.library.as_ref().filter(|_| !query.is_empty()).map(|library| library.answer(|index| index.search(query, &SearchOptions { limit: RESULTS, category: None })));
    {
        // What the user saw is what the journey and the analytics record.
        let shown = found.as_ref().and_then(|found| found.as_ref().ok()).map(|found| (query.to_string(), wire::analytics::Verdict::from(found.verdict), found.results.len()));
        let send = ui.send.clone();
        use_effect_with(shown, move |shown| {
            if let Some((query, verdict, results)) = shown.clone() {
                send.emit(Msg::Record(Record::Search { query, verdict, results }));
            }
        });
    }
    let oninput = ui.send.reform(|e: InputEvent| Msg::Query(e.target_unchecked_into::<HtmlInputElement>().value()));
    let onkeydown = {
        let results = results.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "ArrowDown" {
                e.prevent_default();
                focus_first_link(&results);
            }
        })
    };
    // The box is there while the index loads, so typing can start at once: the query is
    // searched as soon as the core is in, with no start screen drawn in between.
    let content = match (ui.library.clone(), found) {
        (None, _) => waiting(&ui, Wait::Loading),
        (Some(library), None) => start_page(&ui, &library),
        (Some(_), Some(Ok(found))) => results_of(&ui, &found),
        (Some(_), Some(Err(wait))) => waiting(&ui, wait),
    };
    html! {
        <section class="search">
            <input type="search" class="searchbox" aria-label={ui.t(Text::SearchLabel)} placeholder={ui.t(Text::SearchPlaceholder)}
                   value={props.query.clone()} {oninput} {onkeydown} ref={searchbox} />
            <div ref={results}>{ content }</div>
        </section>
    }
}

/// With an empty box: the promoted articles (once their chunks are here) and the categories to
/// browse (in the core).
fn start_page(ui: &Ui, library: &Library) -> Html {
    let promoted: Vec<Item> = library.answer(|index| index.promoted(faq_data::FEATURED_ARTICLES)).unwrap_or_default().iter().map(Item::from).collect();
    let index = library.borrow();
    html! {
        <>
            <h3 id="hw-popular">{ ui.t(Text::Popular) }</h3>
            <ArticleList items={promoted} open={ui.open_article()} label={ui.t(Text::Popular)} />
            <h3>{ ui.t(Text::Categories) }</h3>
            <ul class="categories">
                { for index.categories().iter().map(|category| {
                    let id = category.id.clone();
                    let onclick = ui.send.reform(move |e: MouseEvent| {
                        e.prevent_default();
                        Msg::Go(Screen::Category(id.clone()))
                    });
                    html! { <li><a href={format!("#help-category-{}", category.id)} {onclick}>{ &category.name }</a></li> }
                }) }
            </ul>
        </>
    }
}

/// The results for a query, and a way to a person when the search is unsure or empty.
fn results_of(ui: &Ui, found: &SearchResponse) -> Html {
    let items: Vec<Item> = found.results.iter().map(Item::from).collect();
    let count = if items.is_empty() { ui.t(Text::NoResults).to_string() } else { fill(ui.t(Text::ResultsCount), items.len()) };
    html! {
        <>
            <p class="count" role="status" aria-live="polite">{ count.clone() }</p>
            <ArticleList items={items} open={ui.open_article()} label={count} />
            if found.escalate || found.results.is_empty() {
                <button type="button" class="human" onclick={ui.send.reform(|_| Msg::Tab(Screen::Contact))}>
                    { ui.t(Text::ContactHuman) }
                </button>
            }
        </>
    }
}
