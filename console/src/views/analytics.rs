//! The support lead's numbers for a range of days: what users search (and what finds nothing or
//! leaves the search unsure: the articles to write next), which articles help, how many leave
//! without contacting anyone, tickets by category and department, response and resolution
//! times, CSAT. Every table can be downloaded as CSV. Articles are named by their titles and
//! departments by their names in the agent's language; the searches to answer lead into the
//! knowledge base (`failing_searches.rs`); the cases lost between departments close it
//! (`handoffs.rs`).

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::charts::{Bars, Columns, Unit};
use super::failing_searches::FailingSearches;
use super::handoffs::Handoffs;
use super::kb_list::KbPlace;
use super::{Load, use_session, use_ui};
use crate::app::Ui;
use crate::csv;
use browser_kit::download;
use crate::i18n::Text;
use crate::labels;
use crate::report::{summarize, ArticleTotal, Summary};
use wire::agent::SignedIn;

/// The edge answers at most 92 days at once.
const DEFAULT_DAYS: f64 = 14.0;
const DAY_MS: f64 = 86_400_000.0;

#[derive(Properties, PartialEq)]
pub struct AnalyticsProps {
    /// Where the knowledge base opens when a search is answered with a new article.
    pub place: UseStateHandle<KbPlace>,
}

#[function_component]
pub fn AnalyticsView(props: &AnalyticsProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let range = use_state(|| (day(js_sys::Date::now() - (DEFAULT_DAYS - 1.0) * DAY_MS), day(js_sys::Date::now())));
    let from = use_state(|| range.0.clone());
    let to = use_state(|| range.1.clone());
    let load = use_state(|| Load::<Rc<Summary>>::Pending);
    {
        let (api, load) = (session.api.clone(), load.clone());
        use_effect_with((*range).clone(), move |(from, to)| {
            let (from, to) = (from.clone(), to.clone());
            load.set(Load::Pending);
            wasm_bindgen_futures::spawn_local(async move {
                load.set(match api.analytics(&from, &to).await {
                    Ok(report) => Load::Ready(Rc::new(summarize(&report))),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let onsubmit = {
        let (range, from, to) = (range.clone(), from.clone(), to.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            range.set(((*from).clone(), (*to).clone()));
        })
    };
    let date = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: Event| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let body = match &*load {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(summary) => html! {
            <>
                { figures(&ui, &session.me, summary, &range) }
                <FailingSearches searches={Rc::new(summary.failing.clone())} place={props.place.clone()} />
                <Handoffs from={range.0.clone()} to={range.1.clone()} />
            </>
        },
    };
    html! {
        <section class="analytics" aria-labelledby="analytics-title">
            <h1 id="analytics-title" tabindex="-1">{ ui.t(Text::NavAnalytics) }</h1>
            <form class="range" {onsubmit}>
                <label>{ ui.t(Text::From) }<input type="date" required=true value={(*from).clone()} onchange={date(&from)} /></label>
                <label>{ ui.t(Text::To) }<input type="date" required=true value={(*to).clone()} onchange={date(&to)} /></label>
                <button type="submit">{ ui.t(Text::Show) }</button>
            </form>
            { body }
        </section>
    }
}

fn figures(ui: &Ui, me: &SignedIn, s: &Summary, range: &(String, String)) -> Html {
    let count = |rows: &[(String, u32)]| rows.iter().map(|(n, c)| (n.clone(), f64::from(*c))).collect::<Vec<_>>();
    let title = |a: &ArticleTotal| a.title.clone().unwrap_or_else(|| a.article.clone());
    let voted: Vec<(String, f64)> = s.articles.iter().filter_map(|a| Some((title(a), a.helpful_rate?))).collect();
    let viewed: Vec<(String, f64)> = s.articles.iter().take(crate::report::TOP).map(|a| (title(a), f64::from(a.views))).collect();
    let departments: Vec<(String, f64)> = s.tickets_by_department.iter().map(|(d, c)| (labels::department(me, ui.locale, d), f64::from(*c))).collect();
    let hours = |v: &[Option<f64>]| v.to_vec();
    let download = |name: &'static str, text: Text, build: Rc<dyn Fn() -> String>| {
        let file = format!("{name}-{}-{}.csv", range.0, range.1);
        let onclick = Callback::from(move |_| download::csv(&file, &build()));
        html! { <button type="button" {onclick}>{ ui.t(text) }</button> }
    };
    let summary = Rc::new(s.clone());
    let t = |text| AttrValue::from(ui.t(text));
    html! {
        <>
            <dl class="headline">
                <div><dt>{ ui.t(Text::SearchesTotal) }</dt><dd>{ s.searches_total }</dd></div>
                <div><dt>{ ui.t(Text::DeflectionRate) }</dt><dd>{ s.deflection_rate.map(labels::percent).unwrap_or_else(|| "—".into()) }</dd></div>
                <div><dt>{ ui.t(Text::ContactsStarted) }</dt><dd>{ s.contacts_started }</dd></div>
                <div><dt>{ ui.t(Text::Deflected) }</dt><dd>{ s.deflected }</dd></div>
                <div><dt>{ ui.t(Text::CsatAverage) }</dt><dd>{ s.csat_average.map(|a| format!("{a:.1} / 5 ({})", s.csat_count)).unwrap_or_else(|| "—".into()) }</dd></div>
            </dl>
            <p class="exports">
                { download("daily", Text::ExportDaily, { let s = summary.clone(); Rc::new(move || daily_csv(&s)) }) }
                { download("queries", Text::ExportQueries, { let s = summary.clone(); Rc::new(move || queries_csv(&s)) }) }
                { download("articles", Text::ExportArticles, { let s = summary.clone(); Rc::new(move || articles_csv(&s)) }) }
                { download("tickets", Text::ExportTickets, { let s = summary.clone(); Rc::new(move || tickets_csv(&s)) }) }
            </p>
            <div class="charts">
                <Columns id="searches-per-day" title={t(Text::SearchesPerDay)} days={s.days.clone()} values={s.searches.iter().map(|v| Some(*v)).collect::<Vec<_>>()} unit={Unit::Count} />
                <Bars id="top-queries" title={t(Text::TopQueries)} rows={count(&s.top_queries)} unit={Unit::Count} name={Text::Query} />
                <Bars id="zero-result-queries" title={t(Text::ZeroResultQueries)} rows={count(&s.zero_result_queries)} unit={Unit::Count} name={Text::Query} />
                <Bars id="unsure-queries" title={t(Text::UnsureQueries)} rows={count(&s.unsure_queries)} unit={Unit::Count} name={Text::Query} />
                <Bars id="helpful-rate" title={t(Text::HelpfulRate)} rows={voted} unit={Unit::Rate} name={Text::Article} />
                <Bars id="article-views" title={t(Text::ArticleViews)} rows={viewed} unit={Unit::Count} name={Text::Article} />
                <Bars id="tickets-by-category" title={t(Text::TicketsByCategory)} rows={count(&s.tickets_by_category)} unit={Unit::Count} name={Text::Category} />
                <Bars id="tickets-by-department" title={t(Text::TicketsByDepartment)} rows={departments} unit={Unit::Count} name={Text::Department} />
                <Columns id="first-response" title={t(Text::FirstResponseTimes)} days={s.days.clone()} values={hours(&s.first_response_hours)} unit={Unit::Hours} />
                <Columns id="resolution" title={t(Text::ResolutionTimes)} days={s.days.clone()} values={hours(&s.resolution_hours)} unit={Unit::Hours} />
                <Columns id="csat" title={t(Text::CsatPerDay)} days={s.days.clone()} values={s.csat.clone()} unit={Unit::Score} />
            </div>
        </>
    }
}

fn daily_csv(s: &Summary) -> String {
    let hours = |v: Option<f64>| csv::number(v);
    let rows: Vec<Vec<String>> = (0..s.days.len())
        .map(|i| vec![s.days[i].clone(), csv::number(Some(s.searches[i])), hours(s.first_response_hours[i]), hours(s.resolution_hours[i]), csv::number(s.csat[i])])
        .collect();
    csv::table(&["day", "searches", "first_response_median_hours", "resolution_median_hours", "csat_average"], &rows)
}

fn queries_csv(s: &Summary) -> String {
    let mut rows = Vec::new();
    for (kind, list) in [("top", &s.top_queries), ("zero_result", &s.zero_result_queries), ("unsure", &s.unsure_queries)] {
        rows.extend(list.iter().map(|(q, c)| vec![kind.to_string(), q.clone(), c.to_string()]));
    }
    csv::table(&["kind", "query", "count"], &rows)
}

fn articles_csv(s: &Summary) -> String {
    let rows: Vec<Vec<String>> =
        s.articles.iter().map(|a| vec![a.article.clone(), a.views.to_string(), a.helpful.to_string(), a.not_helpful.to_string(), csv::number(a.helpful_rate)]).collect();
    csv::table(&["article", "views", "helpful", "not_helpful", "helpful_rate"], &rows)
}

fn tickets_csv(s: &Summary) -> String {
    let mut rows: Vec<Vec<String>> = s.tickets_by_category.iter().map(|(n, c)| vec!["category".into(), n.clone(), c.to_string()]).collect();
    rows.extend(s.tickets_by_department.iter().map(|(n, c)| vec!["department".into(), n.clone(), c.to_string()]));
    rows.push(vec!["deflection".into(), "contacts_started".into(), s.contacts_started.to_string()]);
    rows.push(vec!["deflection".into(), "deflected".into(), s.deflected.to_string()]);
    csv::table(&["group", "name", "count"], &rows)
}

/// `YYYY-MM-DD` (UTC, as the edge counts days) of a moment.
pub fn day(ms: f64) -> String {
    let iso: String = js_sys::Date::new(&ms.into()).to_iso_string().into();
    iso.get(..10).unwrap_or_default().to_string()
}
