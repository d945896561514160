//! The loop from analytics: each search that found nothing or left the search unsure offers
//! "add as a question to an article" (find the article by its title, one click: the edge adds the
//! search to the article's draft and to its regression queries) and "write a new article" (the
//! editor opens with the search as its title, and takes it as the new article's regression
//! query). For editors; others see the list alone.

use std::rc::Rc;

use browser_kit::locale::{fill, Locale};
use desk::team::Ability;
use wire::kb::Article;
use yew::prelude::*;

use super::kb_list::KbPlace;
use super::{use_session, use_ui, Load};
use crate::access;
use crate::i18n::Text;
use crate::report::{title_matches, FailingSearch};
use crate::route::Screen;

/// How many articles the finder offers at once.
const OFFERED: usize = 8;

#[derive(Properties, PartialEq)]
pub struct FailingProps {
    pub searches: Rc<Vec<FailingSearch>>,
    pub place: UseStateHandle<KbPlace>,
}

#[function_component]
pub fn FailingSearches(props: &FailingProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let editor = access::may(&session.me, Ability::EditKnowledgeBase);
    // The search whose article finder is open (its position in the list).
    let open = use_state(|| None::<usize>);
    let rows = props.searches.iter().enumerate().map(|(i, s)| {
        let why = [(s.zero, Text::ZeroResults), (s.unsure, Text::Unsure)]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, text)| format!("{} {n}", ui.t(*text)))
            .collect::<Vec<_>>()
            .join(ui.t(Text::ListSeparator));
        let toggle = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(if *open == Some(i) { None } else { Some(i) }))
        };
        let write = {
            let (place, ui, search) = (props.place.clone(), ui.clone(), s.clone());
            Callback::from(move |_: MouseEvent| {
                let locale = Locale::from_tag(&search.locale).unwrap_or(place.locale);
                place.set(KbPlace { locale, section: None, status: None, from_search: Some(search.query.clone()) });
                ui.go(Screen::KbNew);
            })
        };
        html! {
            <li>
                <q lang={s.locale.clone()}>{ &s.query }</q>{ format!(" · {} · {why}", s.locale) }
                if editor {
                    <button type="button" aria-expanded={(*open == Some(i)).to_string()} onclick={toggle}>{ ui.t(Text::AddAsQuestion) }</button>
                    <button type="button" onclick={write}>{ ui.t(Text::WriteNewArticle) }</button>
                    if *open == Some(i) { <ArticleFinder search={s.clone()} index={i} /> }
                }
            </li>
        }
    });
    html! {
        <section class="failing-searches" aria-labelledby="failing-title">
            <h2 id="failing-title">{ ui.t(Text::FailingSearches) }</h2>
            <p class="hint">{ ui.t(Text::FailingSearchesHint) }</p>
            if props.searches.is_empty() {
                <p class="status">{ ui.t(Text::NoFailingSearches) }</p>
            } else {
                <ul>{ for rows }</ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FinderProps {
    search: FailingSearch,
    /// Its place in the list, which names its finder's field.
    index: usize,
}

/// The search's locale's articles, narrowed by title; one click adds the search to one of them.
#[function_component]
fn ArticleFinder(props: &FinderProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let articles = use_state(|| Load::<Vec<Article>>::Pending);
    let filter = use_state(String::new);
    let done = use_state(|| None::<Result<String, String>>);
    {
        let (api, articles, locale) = (session.api.clone(), articles.clone(), props.search.locale.clone());
        use_effect_with(locale, move |locale| {
            let locale = locale.clone();
            wasm_bindgen_futures::spawn_local(async move {
                articles.set(match api.kb_articles(&locale).await {
                    Ok(list) => Load::Ready(list.articles),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let add = |article: &Article| {
        let (api, done, ui, id, title, query) = (session.api.clone(), done.clone(), ui.clone(), article.id.clone(), article.draft.title.clone(), props.search.query.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, done, ui, id, title, query) = (api.clone(), done.clone(), ui.clone(), id.clone(), title.clone(), query.clone());
            wasm_bindgen_futures::spawn_local(async move {
                done.set(Some(match api.kb_add_question(&id, &query).await {
                    Ok(_) => {
                        let said = fill(ui.t(Text::QuestionAdded), &title);
                        ui.announce(said.clone());
                        Ok(said)
                    }
                    Err(error) => Err(error.message()),
                }));
            });
        })
    };
    let oninput = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let field = format!("find-article-{}", props.index);
    let list = match &*articles {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(list) => html! {
            <ul class="article-choices">
                { for list.iter().filter(|a| title_matches(&a.draft.title, &filter)).take(OFFERED).map(|a| html! {
                    <li>
                        <button type="button" aria-label={format!("{} — {}", fill(ui.t(Text::AddQuestionTo), &props.search.query), a.draft.title)} onclick={add(a)}>
                            { &a.draft.title }
                        </button>
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <div class="article-finder">
            <label for={field.clone()}>{ ui.t(Text::FindArticle) }</label>
            <input id={field} type="search" value={(*filter).clone()} {oninput} />
            { list }
            { match &*done {
                Some(Ok(said)) => html! { <p class="status" role="status">{ said }</p> },
                Some(Err(message)) => html! { <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p> },
                None => html! {},
            } }
        </div>
    }
}
