//! In a chat tab: find a help-center article by searching (the widget's own search, over the
//! published index) and put its title and link into the reply, where the agent can still edit
//! it before sending. Keyboard: type, Enter takes the first result, or Tab to a result.

use std::rc::Rc;

use browser_kit::locale::{fill, Locale};
use faq_data::{Index, SearchOptions};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::Load;
use crate::app::Ui;
use crate::faq;
use crate::i18n::Text;

/// Results shown at once: enough to choose from, few enough to read.
const RESULTS: usize = 5;

#[derive(Properties, PartialEq)]
pub struct ArticlePickerProps {
    pub ui: Ui,
    /// The user's language: the articles they can read.
    pub locale: Locale,
    /// Makes the field's id unique among the tabs.
    pub chat_id: String,
    /// (title, link) of the chosen article.
    pub pick: Callback<(String, String)>,
}

pub enum PickerMsg {
    Query(String),
    Loaded(Result<Rc<Index>, String>),
    Pick(usize),
}

pub struct ArticlePicker {
    query: String,
    index: Option<Load<Rc<Index>>>,
}

/// One article a search found.
struct Found {
    id: String,
    title: String,
    category: String,
}

impl Component for ArticlePicker {
    type Message = PickerMsg;
    type Properties = ArticlePickerProps;

    fn create(_ctx: &Context<Self>) -> Self {
        ArticlePicker { query: String::new(), index: None }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: PickerMsg) -> bool {
        match msg {
            PickerMsg::Query(query) => {
                // The index is fetched on the first search, not for every chat that opens; after
                // a failure (offline), the next keystroke tries again.
                if matches!(self.index, None | Some(Load::Failed(_))) {
                    self.index = Some(Load::Pending);
                    let locale = ctx.props().locale;
                    ctx.link().send_future(async move { PickerMsg::Loaded(faq::index(locale).await) });
                }
                self.query = query;
            }
            PickerMsg::Loaded(loaded) => {
                self.index = Some(match loaded {
                    Ok(index) => Load::Ready(index),
                    Err(message) => Load::Failed(message),
                });
            }
            PickerMsg::Pick(n) => {
                let Some(found) = self.found().into_iter().nth(n) else { return false };
                let url = faq::article_url(&origin(), ctx.props().locale, &found.id);
                ctx.props().pick.emit((found.title, url));
                self.query.clear();
            }
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let ArticlePickerProps { ui, chat_id, .. } = ctx.props();
        let link = ctx.link();
        let field = format!("article-search-{chat_id}");
        let found = self.found();
        let status = match (&self.index, self.query.trim().is_empty()) {
            (_, true) | (None, _) => String::new(),
            (Some(Load::Pending), _) => ui.t(Text::Loading).to_string(),
            (Some(Load::Failed(message)), _) => format!("{}{message}", ui.t(Text::LoadFailed)),
            (Some(Load::Ready(_)), _) if found.is_empty() => ui.t(Text::NoArticlesFound).to_string(),
            (Some(Load::Ready(_)), _) => fill(ui.t(Text::ArticlesFound), found.len()),
        };
        let on_submit = link.callback(|e: SubmitEvent| {
            e.prevent_default();
            PickerMsg::Pick(0)
        });
        html! {
            <form class="article-picker" onsubmit={on_submit}>
                <label for={field.clone()}>{ ui.t(Text::ArticleSearchLabel) }</label>
                <input type="search" id={field} autocomplete="off" value={self.query.clone()}
                       oninput={link.callback(|e: InputEvent| PickerMsg::Query(e.target_unchecked_into::<HtmlInputElement>().value()))} />
                <p class="status" role="status">{ status }</p>
                if !found.is_empty() {
                    <ul class="article-results" aria-label={ui.t(Text::ArticleResults)}>
                        { for found.into_iter().enumerate().map(|(n, f)| html! {
                            <li><button type="button" onclick={link.callback(move |_| PickerMsg::Pick(n))}>
                                { f.title }<span class="category">{ f.category }</span>
                            </button></li>
                        }) }
                    </ul>
                }
            </form>
        }
    }
}

impl ArticlePicker {
    fn found(&self) -> Vec<Found> {
        let (Some(Load::Ready(index)), query) = (&self.index, self.query.trim()) else { return Vec::new() };
        if query.is_empty() {
            return Vec::new();
        }
        let options = SearchOptions { limit: RESULTS, ..SearchOptions::default() };
        // Every chunk is attached when the index is ready (`faq::index`), so nothing is missing.
        let results = index.search(query, &options).map(|found| found.results).unwrap_or_default();
        results.into_iter().map(|hit| Found { id: hit.id, title: hit.title, category: hit.category }).collect()
    }
}

/// This page's origin: the console is served by the same edge as the help center.
fn origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}
