//! The knowledge base (editors): one locale's tree of categories and sections, which narrows the
//! article list, and the list with each article's status, section, last change and how it did in
//! the widget lately (views, helpful rate) and the failed searches that led to it (those taken
//! from analytics as its questions or its new article's title); a new article starts here.

use browser_kit::locale::Locale;
use desk::team::Ability;
use wire::analytics::ArticleStats;
use wire::kb::{Article, ArticleStatus, Category, QueryOrigin, RegressionQuery};
use yew::prelude::*;

use super::choices::option;
use super::kb_io::Transfer;
use super::kb_settings::ReviewSetting;
use super::kb_tree_edit::TreeEdit;
use super::{use_session, use_ui, Load};
use crate::access::may;
use crate::i18n::Text;
use crate::labels;
use crate::route::Screen;

/// The help-center locales an editor writes in: the console's two languages.
pub const LOCALES: [Locale; 2] = [Locale::ZhCn, Locale::EnUs];

pub fn status_text(status: ArticleStatus) -> Text {
    match status {
        ArticleStatus::Draft => Text::StatusDraft,
        ArticleStatus::InReview => Text::StatusInReview,
        ArticleStatus::Published => Text::StatusPublished,
        ArticleStatus::Archived => Text::StatusArchived,
    }
}

const STATUSES: [ArticleStatus; 4] = [ArticleStatus::Draft, ArticleStatus::InReview, ArticleStatus::Published, ArticleStatus::Archived];

fn status_name(status: ArticleStatus) -> &'static str {
    match status {
        ArticleStatus::Draft => "draft",
        ArticleStatus::InReview => "in_review",
        ArticleStatus::Published => "published",
        ArticleStatus::Archived => "archived",
    }
}

/// The locale the knowledge base screens show, kept while the editor moves between them.
#[derive(Clone, PartialEq)]
pub struct KbPlace {
    pub locale: Locale,
    /// The section the list is narrowed to.
    pub section: Option<String>,
    pub status: Option<ArticleStatus>,
    /// A search from analytics a new article is written for: its title to start with, and its
    /// regression query once the article is stored.
    pub from_search: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct KbListProps {
    pub place: UseStateHandle<KbPlace>,
}

#[function_component]
pub fn KbListView(props: &KbListProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let place = props.place.clone();
    let load = use_state(|| Load::<(Vec<Category>, Vec<Article>)>::Pending);
    // The figures are a bonus: the list shows without them if they cannot be read.
    let stats = use_state(Vec::<ArticleStats>::new);
    // So are the failed searches an editor answered with an article.
    let led = use_state(Vec::<RegressionQuery>::new);
    // Goes up after an import stored something, to read the screen again.
    let imports = use_state(|| 0u32);
    let review_required = use_state(|| None::<bool>);
    {
        let (api, review_required) = (session.api.clone(), review_required.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                // Unread, the edge still enforces the rule; the screen just does not say it.
                if let Ok(settings) = api.kb_settings().await {
                    review_required.set(Some(settings.review_required));
                }
            });
        });
    }
    {
        let (api, load, stats, led) = (session.api.clone(), load.clone(), stats.clone(), led.clone());
        use_effect_with((place.locale, *imports), move |(locale, _)| {
            let locale = locale.index_name();
            load.set(Load::Pending);
            wasm_bindgen_futures::spawn_local(async move {
                stats.set(api.kb_stats(locale).await.map(|s| s.articles).unwrap_or_default());
                let queries = api.kb_regression_queries(locale, None).await.map(|l| l.queries).unwrap_or_default();
                led.set(queries.into_iter().filter(|q| q.origin == QueryOrigin::Analytics).collect());
                let both = async { Ok::<_, browser_kit::http::EdgeError>((api.kb_categories(locale).await?.categories, api.kb_articles(locale).await?.articles)) };
                load.set(match both.await {
                    Ok(both) => Load::Ready(both),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let set = |change: fn(&mut KbPlace, String)| {
        let place = place.clone();
        Callback::from(move |e: Event| {
            let mut next = (*place).clone();
            change(&mut next, e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
            place.set(next);
        })
    };
    let on_locale = set(|p, v| {
        p.locale = Locale::from_tag(&v).unwrap_or(p.locale);
        p.section = None;
    });
    let on_status = set(|p, v| p.status = STATUSES.into_iter().find(|s| status_name(*s) == v));
    let body = match &*load {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready((tree, articles)) => {
            let changed = {
                let (load, articles) = (load.clone(), articles.clone());
                Callback::from(move |tree: Vec<Category>| load.set(Load::Ready((tree, articles.clone()))))
            };
            html! {
                <>
                    <div class="kb-columns">
                        { tree_nav(&ui, &place, tree, articles) }
                        { article_table(&ui, &place, tree, articles, &stats, &led) }
                    </div>
                    <TreeEdit ui={ui.clone()} api={session.api.clone()} locale={place.locale} tree={tree.clone()} {changed} />
                </>
            }
        }
    };
    html! {
        <section class="kb" aria-labelledby="kb-title">
            <h1 id="kb-title" tabindex="-1">{ ui.t(Text::NavKb) }</h1>
            <div class="filters">
                <label for="kb-locale">{ ui.t(Text::KbLocale) }</label>
                <select id="kb-locale" onchange={on_locale}>
                    { for LOCALES.iter().map(|l| option(l.tag(), ui.locale.text(language(*l)), *l == place.locale)) }
                </select>
                <label for="kb-status">{ ui.t(Text::KbStatus) }</label>
                <select id="kb-status" onchange={on_status}>
                    { option("", ui.t(Text::KbAnyStatus), place.status.is_none()) }
                    { for STATUSES.iter().map(|s| option(status_name(*s), ui.t(status_text(*s)), place.status == Some(*s))) }
                </select>
                <a class="button" href={Screen::KbNew.hash()}>{ ui.t(Text::KbNewArticle) }</a>
            </div>
            <ReviewSetting ui={ui.clone()} api={session.api.clone()} required={*review_required} may_change={may(&session.me, Ability::ManagePeople)}
                changed={Callback::from({ let review_required = review_required.clone(); move |on| review_required.set(Some(on)) })} />
            { body }
            // Outside the list's loading, so the report stays while the list is read again.
            <Transfer ui={ui.clone()} api={session.api.clone()} review_required={review_required.unwrap_or(false)}
                imported={Callback::from({ let imports = imports.clone(); move |()| imports.set(*imports + 1) })} />
        </section>
    }
}

/// The name of a help-center locale, in the console's language.
pub fn language(locale: Locale) -> Text {
    match locale {
        Locale::ZhCn => Text::LanguageZh,
        Locale::EnUs => Text::LanguageEn,
    }
}

fn tree_nav(ui: &crate::app::Ui, place: &UseStateHandle<KbPlace>, tree: &[Category], articles: &[Article]) -> Html {
    let choose = |section: Option<String>| {
        let place = place.clone();
        Callback::from(move |_: MouseEvent| place.set(KbPlace { section: section.clone(), ..(*place).clone() }))
    };
    let count = |section: &str| articles.iter().filter(|a| a.draft.section_id == section).count();
    html! {
        <nav class="kb-tree" aria-label={ui.t(Text::KbTree)}>
            <ul>
                <li>
                    <button type="button" aria-pressed={place.section.is_none().to_string()} onclick={choose(None)}>
                        { format!("{} ({})", ui.t(Text::KbAllArticles), articles.len()) }
                    </button>
                </li>
                { for tree.iter().map(|c| html! {
                    <li>
                        <span class="category">{ &c.name }</span>
                        <ul>
                            { for c.sections.iter().map(|s| html! {
                                <li>
                                    <button type="button" aria-pressed={(place.section.as_deref() == Some(s.id.as_str())).to_string()} onclick={choose(Some(s.id.clone()))}>
                                        { format!("{} ({})", s.name, count(&s.id)) }
                                    </button>
                                </li>
                            }) }
                        </ul>
                    </li>
                }) }
            </ul>
        </nav>
    }
}

fn article_table(ui: &crate::app::Ui, place: &KbPlace, tree: &[Category], articles: &[Article], stats: &[ArticleStats], led: &[RegressionQuery]) -> Html {
    let figures = |id: &str| stats.iter().find(|s| s.article == id);
    let searches = |id: &str| led.iter().filter(|q| q.articles.first().is_some_and(|a| a == id)).map(|q| q.query.as_str()).collect::<Vec<_>>().join(ui.t(Text::ListSeparator));
    let section_name = |id: &str| tree.iter().flat_map(|c| c.sections.iter()).find(|s| s.id == id).map_or_else(|| id.to_string(), |s| s.name.clone());
    let shown: Vec<&Article> = articles
        .iter()
        .filter(|a| place.section.as_ref().is_none_or(|s| *s == a.draft.section_id))
        .filter(|a| place.status.is_none_or(|s| s == a.status))
        .collect();
    if shown.is_empty() {
        return html! { <p class="status">{ ui.t(Text::KbNoArticles) }</p> };
    }
    html! {
        <table class="kb-articles">
            <caption>{ ui.t(Text::KbArticles) }</caption>
            <thead>
                <tr>
                    <th scope="col">{ ui.t(Text::KbTitle) }</th>
                    <th scope="col">{ ui.t(Text::KbStatus) }</th>
                    <th scope="col">{ ui.t(Text::KbSection) }</th>
                    <th scope="col">{ ui.t(Text::KbUpdated) }</th>
                    <th scope="col">{ ui.t(Text::KbViews) }</th>
                    <th scope="col">{ ui.t(Text::KbHelpfulRate) }</th>
                    <th scope="col">{ ui.t(Text::KbLedHere) }</th>
                </tr>
            </thead>
            <tbody>
                { for shown.iter().map(|a| html! {
                    <tr>
                        <td><a href={Screen::KbArticle(a.id.clone()).hash()}>{ &a.draft.title }</a></td>
                        <td class={classes!("kb-status", status_name(a.status))}>{ ui.t(status_text(a.status)) }</td>
                        <td>{ section_name(&a.draft.section_id) }</td>
                        <td>{ format!("{} · {}", labels::time(ui.locale, a.updated_at), a.updated_by) }</td>
                        <td class="number">{ figures(&a.id).map_or(0, |s| s.views) }</td>
                        <td class="number">{ figures(&a.id).and_then(|s| s.helpful_rate).map_or_else(|| "—".to_string(), labels::percent) }</td>
                        <td class="kb-led">{ searches(&a.id) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
