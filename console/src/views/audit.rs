//! The audit log (admins): who did what, when, from where — filtered by action, person and days,
//! newest first, a page at a time; what is loaded can be saved as CSV.

use wire::team::AuditEntry;
use yew::prelude::*;

use super::choices::{on_select, option};
use super::{use_session, use_ui, Load};
use crate::api::team::AuditQuery;
use crate::app::{Session, Ui};
use crate::csv;
use browser_kit::download;
use crate::i18n::Text;
use crate::labels;
use crate::team_labels::{self, wire_name, ACTIONS};

const DAY_MS: i64 = 86_400_000;

/// The filter form's fields as typed (days as `YYYY-MM-DD`).
#[derive(Clone, Default, PartialEq)]
struct Form {
    action: String,
    actor: String,
    from: String,
    to: String,
}

impl Form {
    fn query(&self) -> AuditQuery {
        let text = |v: &str| (!v.is_empty()).then(|| v.to_string());
        AuditQuery { from: day_start(&self.from), to: day_start(&self.to).map(|t| t + DAY_MS - 1), action: text(&self.action), actor: text(&self.actor), before: None }
    }
}

/// Midnight UTC of a `YYYY-MM-DD` day, as the date field gives it.
fn day_start(day: &str) -> Option<i64> {
    let ms = js_sys::Date::parse(day);
    (!day.is_empty() && ms.is_finite()).then_some(ms as i64)
}

#[function_component]
pub fn AuditView() -> Html {
    let ui = use_ui();
    let session = use_session();
    let form = use_state(Form::default);
    let query = use_state(AuditQuery::default);
    let entries = use_state(|| Load::<Vec<AuditEntry>>::Pending);
    let next = use_state(|| None::<i64>);
    {
        let (api, entries, next) = (session.api.clone(), entries.clone(), next.clone());
        use_effect_with((*query).clone(), move |query| {
            let query = query.clone();
            // A query with `before` is the next page of the one shown: appended, not replaced.
            let more = query.before.is_some();
            if !more {
                entries.set(Load::Pending);
            }
            wasm_bindgen_futures::spawn_local(async move {
                match api.audit(&query).await {
                    Ok(page) => {
                        let mut shown = match (&*entries, more) {
                            (Load::Ready(shown), true) => shown.clone(),
                            _ => Vec::new(),
                        };
                        shown.extend(page.entries);
                        entries.set(Load::Ready(shown));
                        next.set(page.next_before);
                    }
                    Err(error) => entries.set(Load::Failed(error.message())),
                }
            });
        });
    }
    let onsubmit = {
        let (form, query) = (form.clone(), query.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            query.set(form.query());
        })
    };
    let older = {
        let (query, next) = (query.clone(), next.clone());
        Callback::from(move |_: MouseEvent| query.set(AuditQuery { before: *next, ..(*query).clone() }))
    };
    let date = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |e: Event| {
            let mut next = (*form).clone();
            apply(&mut next, e.target_unchecked_into::<web_sys::HtmlInputElement>().value());
            form.set(next);
        })
    };
    let body = match &*entries {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(list) if list.is_empty() => html! { <p class="status">{ ui.t(Text::NoEntries) }</p> },
        Load::Ready(list) => {
            let export = {
                let list = list.clone();
                Callback::from(move |_: MouseEvent| download::csv("audit-log.csv", &audit_csv(&list)))
            };
            html! {
                <>
                    <p class="exports"><button type="button" onclick={export}>{ ui.t(Text::ExportAudit) }</button></p>
                    { table(&ui, &session, list) }
                    if next.is_some() {
                        <button type="button" class="older" onclick={older}>{ ui.t(Text::Older) }</button>
                    }
                </>
            }
        }
    };
    html! {
        <section class="audit" aria-labelledby="audit-title">
            <h1 id="audit-title" tabindex="-1">{ ui.t(Text::NavAudit) }</h1>
            <form class="range" {onsubmit}>
                <label>{ ui.t(Text::AuditActionLabel) }
                    <select onchange={on_select(&form, |f, v| f.action = v)}>
                        { option("", ui.t(Text::Any), form.action.is_empty()) }
                        { for ACTIONS.iter().map(|a| { let name = wire_name(a); let chosen = form.action == name; option(&name, ui.t(team_labels::action(*a)), chosen) }) }
                    </select>
                </label>
                <label>{ ui.t(Text::Person) }
                    <select onchange={on_select(&form, |f, v| f.actor = v)}>
                        { option("", ui.t(Text::Anyone), form.actor.is_empty()) }
                        { for session.me.agents.iter().map(|a| option(&a.id, &a.name, form.actor == a.id)) }
                    </select>
                </label>
                <label>{ ui.t(Text::From) }<input type="date" value={form.from.clone()} onchange={date(|f, v| f.from = v)} /></label>
                <label>{ ui.t(Text::To) }<input type="date" value={form.to.clone()} onchange={date(|f, v| f.to = v)} /></label>
                <button type="submit">{ ui.t(Text::Show) }</button>
            </form>
            { body }
        </section>
    }
}

fn detail(entry: &AuditEntry) -> String {
    entry.detail.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("; ")
}

fn table(ui: &Ui, session: &Session, list: &[AuditEntry]) -> Html {
    html! {
        <table class="audit-log">
            <thead><tr>
                <th scope="col">{ ui.t(Text::When) }</th>
                <th scope="col">{ ui.t(Text::Person) }</th>
                <th scope="col">{ ui.t(Text::AuditActionLabel) }</th>
                <th scope="col">{ ui.t(Text::Target) }</th>
                <th scope="col">{ ui.t(Text::Detail) }</th>
                <th scope="col">{ ui.t(Text::FromWhere) }</th>
            </tr></thead>
            <tbody>
                { for list.iter().map(|e| html! {
                    <tr>
                        <td>{ labels::time(ui.locale, e.at) }</td>
                        <td>{ &e.actor_name }</td>
                        <td>{ ui.t(team_labels::action(e.action)) }</td>
                        // A person is named; anything else (a ticket, a token) shows its id.
                        <td>{ e.target.as_deref().map(|t| session.agent_name(t)).unwrap_or_default() }</td>
                        <td>{ detail(e) }</td>
                        <td>{ e.ip.clone().unwrap_or_default() }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The loaded entries as CSV: wire names and ISO times, so a spreadsheet sorts and filters them;
/// names and details are people's words, so csv.rs defuses formulas.
fn audit_csv(list: &[AuditEntry]) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|e| {
            let at: String = js_sys::Date::new(&(e.at as f64).into()).to_iso_string().into();
            vec![at, e.actor_id.clone().unwrap_or_default(), e.actor_name.clone(), wire_name(&e.action), e.target.clone().unwrap_or_default(), detail(e), e.ip.clone().unwrap_or_default()]
        })
        .collect();
    csv::table(&["at", "actor_id", "actor_name", "action", "target", "detail", "ip"], &rows)
}
