//! The ticket list: filters (status, priority, department, assignee, channel, SLA breached),
//! text search, and a table of the newest matching tickets. `j` / `k` move through the rows,
//! `o` or Enter opens one, `/` jumps to the search box.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use wire::agent::AgentTicketSummary;
use wire::tickets::{Channel, Priority, Status};
use yew::prelude::*;

use super::choices::{enum_options, on_select, option};
use super::{Load, use_session, use_shortcut, use_ui};
use crate::filters::{Filters, MAX_QUERY_CHARS};
use crate::i18n::Text;
use crate::labels;
use crate::route::Screen;
use crate::shortcuts::Action;

#[derive(Properties, PartialEq)]
pub struct TicketsProps {
    /// Kept by the shell, so they survive opening a ticket and coming back.
    pub filters: UseStateHandle<Filters>,
}

#[function_component]
pub fn TicketsView(props: &TicketsProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let filters = props.filters.clone();
    let load = use_state(|| Load::<Vec<AgentTicketSummary>>::Pending);
    let selected = use_state(|| None::<usize>);
    let search = use_state(|| filters.q.clone());
    let search_box = use_node_ref();
    let table = use_node_ref();
    {
        let (api, load, selected) = (session.api.clone(), load.clone(), selected.clone());
        use_effect_with((*filters).clone(), move |filters| {
            let filters = filters.clone();
            load.set(Load::Pending);
            selected.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                load.set(match api.tickets(&filters).await {
                    Ok(list) => Load::Ready(list.tickets),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    {
        let (ui, load, selected, search_box, table) = (ui.clone(), load.clone(), selected.clone(), search_box.clone(), table.clone());
        use_shortcut(ui.pressed, move |action| {
            let rows = match &*load {
                Load::Ready(rows) => rows.clone(),
                _ => Vec::new(),
            };
            let step = |by: isize| {
                if rows.is_empty() {
                    return;
                }
                let at = selected.map_or(if by > 0 { 0 } else { rows.len() - 1 }, |i| (i as isize + by).clamp(0, rows.len() as isize - 1) as usize);
                selected.set(Some(at));
                focus_row(&table, at);
            };
            match action {
                Action::FocusSearch => {
                    if let Some(input) = search_box.cast::<HtmlElement>() {
                        let _ = input.focus();
                    }
                }
                Action::Next => step(1),
                Action::Previous => step(-1),
                Action::Open => {
                    if let Some(row) = selected.and_then(|i| rows.get(i)) {
                        ui.go(Screen::Ticket(row.summary.id.clone()));
                    }
                }
                _ => {}
            }
        });
    }
    let choose = |apply: fn(&mut Filters, String)| on_select(&filters, apply);
    let on_search = {
        let (filters, search) = (filters.clone(), search.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            filters.set(Filters { q: (*search).clone(), ..(*filters).clone() });
        })
    };
    let on_search_input = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| search.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let f = &*filters;
    let me = &session.me;
    html! {
        <section class="tickets" aria-labelledby="tickets-title">
            <h1 id="tickets-title" tabindex="-1">{ ui.t(Text::NavTickets) }</h1>
            <form class="search" role="search" onsubmit={on_search}>
                <label for="ticket-search">{ ui.t(Text::SearchTickets) }</label>
                <input id="ticket-search" type="search" ref={search_box} maxlength={MAX_QUERY_CHARS.to_string()} aria-keyshortcuts="/"
                       value={(*search).clone()} oninput={on_search_input} />
                <button type="submit">{ ui.t(Text::Search) }</button>
            </form>
            <div class="filters" role="group" aria-label={ui.t(Text::Filters)}>
                <label>{ ui.t(Text::Status) }
                    <select onchange={choose(|f, v| f.status = Status::from_name(&v))}>
                        { option("", ui.t(Text::Any), f.status.is_none()) }
                        { enum_options(&ui, Status::ALL, f.status, Status::as_str, labels::status) }
                    </select>
                </label>
                <label>{ ui.t(Text::Priority) }
                    <select onchange={choose(|f, v| f.priority = Priority::from_name(&v))}>
                        { option("", ui.t(Text::Any), f.priority.is_none()) }
                        { enum_options(&ui, Priority::ALL, f.priority, Priority::as_str, labels::priority) }
                    </select>
                </label>
                <label>{ ui.t(Text::Department) }
                    <select onchange={choose(|f, v| f.department = Some(v).filter(|v| !v.is_empty()))}>
                        { option("", ui.t(Text::Any), f.department.is_none()) }
                        { for me.departments.iter().map(|d| option(d, d, f.department.as_ref() == Some(d))) }
                    </select>
                </label>
                <label>{ ui.t(Text::Assignee) }
                    <select onchange={choose(|f, v| f.assignee = Some(v).filter(|v| !v.is_empty()))}>
                        { option("", ui.t(Text::Anyone), f.assignee.is_none()) }
                        { option("me", ui.t(Text::Me), f.assignee.as_deref() == Some("me")) }
                        { for me.agents.iter().filter(|a| a.id != me.agent.id).map(|a| option(&a.id, &a.name, f.assignee.as_ref() == Some(&a.id))) }
                    </select>
                </label>
                <label>{ ui.t(Text::Channel) }
                    <select onchange={choose(|f, v| f.channel = Channel::from_name(&v))}>
                        { option("", ui.t(Text::Any), f.channel.is_none()) }
                        { enum_options(&ui, Channel::ALL, f.channel, Channel::as_str, labels::channel) }
                    </select>
                </label>
                <label>{ ui.t(Text::Sla) }
                    <select onchange={choose(|f, v| f.sla_breached = match v.as_str() { "true" => Some(true), "false" => Some(false), _ => None })}>
                        { option("", ui.t(Text::Any), f.sla_breached.is_none()) }
                        { option("true", ui.t(Text::SlaBreached), f.sla_breached == Some(true)) }
                        { option("false", ui.t(Text::SlaKept), f.sla_breached == Some(false)) }
                    </select>
                </label>
            </div>
            { list(&ui, &session, &load, *selected, table) }
        </section>
    }
}

fn list(ui: &crate::app::Ui, session: &crate::app::Session, load: &Load<Vec<AgentTicketSummary>>, selected: Option<usize>, table: NodeRef) -> Html {
    let rows = match load {
        Load::Pending => return html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => return html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(rows) if rows.is_empty() => return html! { <p class="status" role="status">{ ui.t(Text::NoTickets) }</p> },
        Load::Ready(rows) => rows,
    };
    html! {
        <>
            <p class="status" role="status">{ browser_kit::locale::fill(ui.t(Text::TicketCount), rows.len()) }</p>
            <table class="list" ref={table}>
                <thead>
                    <tr>
                        { for [Text::Number, Text::Subject, Text::Requester, Text::Status, Text::Priority, Text::Department, Text::Assignee, Text::Channel, Text::Created, Text::Sla]
                            .iter().map(|t| html! { <th scope="col">{ ui.t(*t) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().enumerate().map(|(i, t)| {
                        let s = &t.summary;
                        html! {
                            <tr class={classes!((selected == Some(i)).then_some("selected"))}>
                                <td>{ format!("#{}", s.number) }</td>
                                <td><a href={Screen::Ticket(s.id.clone()).hash()}>{ &s.subject }</a></td>
                                <td>{ t.name.clone().unwrap_or_default() }</td>
                                <td><span class={classes!("badge", s.status.as_str())}>{ ui.t(labels::status(s.status)) }</span></td>
                                <td><span class={classes!("badge", s.priority.as_str())}>{ ui.t(labels::priority(s.priority)) }</span></td>
                                <td>{ &s.department }</td>
                                <td>{ t.assignee.as_deref().map(|id| session.agent_name(id)).unwrap_or_default() }</td>
                                <td>{ ui.t(labels::channel(s.channel)) }</td>
                                <td>{ labels::time(ui.locale, s.created_at) }</td>
                                <td>if t.sla_breached { <span class="badge breached">{ ui.t(Text::SlaBreached) }</span> }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </>
    }
}

/// Moves focus to the row's link, so a screen reader reads the ticket and Enter opens it.
fn focus_row(table: &NodeRef, at: usize) {
    let Some(table) = table.cast::<HtmlElement>() else { return };
    let Ok(links) = table.query_selector_all("tbody tr a") else { return };
    if let Some(link) = links.item(at as u32).and_then(|l| l.dyn_into::<HtmlElement>().ok()) {
        let _ = link.focus();
    }
}
