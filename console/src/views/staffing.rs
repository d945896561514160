//! Staffing (leads and admins): the forecast of agents needed in each hour of the typical week
//! beside those the shifts plan (a heatmap per department, its shortfalls as a table, CSV), the
//! service level and what-ifs it is computed for, today's live load of the desk, and each
//! person's week of shifts to edit. A plan changed by someone else meanwhile is refused by the
//! edge; the screen then reloads it and says so, so nobody's change is lost unseen.

use std::rc::Rc;

use browser_kit::download;
use browser_kit::http::EdgeError;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use wire::staffing::{AgentPlan, Demand, Forecast, HolidaysUpdate, ModelFallback, PlanException, PlanUpdate, PlannedShift, QueueModel, StaffingPlan};
use wire::error::ErrorCode;
use yew::prelude::*;

use super::sign_in::keep;
use super::{use_session, use_ui, Load};
use crate::app::Ui;
use crate::i18n::Text;
use crate::labels;
use crate::staffing_week::{clock, cover, departments, forecast_csv, minutes, today, week_of};

const CELL: f64 = 24.0;
const LEFT: f64 = 40.0;
const TOP: f64 = 18.0;
/// A change to one field of a shift, from the field's new value.
type ShiftEdit = Rc<dyn Fn(&mut PlannedShift, String)>;
const WEEKDAYS: [Text; 7] = [Text::Monday, Text::Tuesday, Text::Wednesday, Text::Thursday, Text::Friday, Text::Saturday, Text::Sunday];

#[function_component]
pub fn StaffingView() -> Html {
    let ui = use_ui();
    let session = use_session();
    // The policy and what-ifs, as typed: share and growth in percent.
    let share = use_state(|| "80".to_string());
    let within = use_state(|| "20".to_string());
    let weeks = use_state(|| "4".to_string());
    let concurrency = use_state(|| "1".to_string());
    let growth = use_state(|| "100".to_string());
    let handle = use_state(|| "100".to_string());
    let query = use_state(|| policy_query("80", "20", "4", "1", "100", "100"));
    let forecast = use_state(|| Load::<Rc<Forecast>>::Pending);
    let plan = use_state(|| Load::<Rc<StaffingPlan>>::Pending);
    let today = use_state(|| Load::<Rc<Demand>>::Pending);
    let reloads = use_state(|| 0u32);
    {
        let (api, forecast) = (session.api.clone(), forecast.clone());
        use_effect_with(((*query).clone(), *reloads), move |(query, _)| {
            let query = query.clone();
            wasm_bindgen_futures::spawn_local(async move {
                forecast.set(match api.forecast(&query).await {
                    Ok(f) => Load::Ready(Rc::new(f)),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    {
        let (api, plan, today) = (session.api.clone(), plan.clone(), today.clone());
        use_effect_with(*reloads, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                plan.set(match api.staffing_plan().await {
                    Ok(p) => Load::Ready(Rc::new(p)),
                    Err(error) => Load::Failed(error.message()),
                });
                let day = super::analytics::day(js_sys::Date::now());
                today.set(match api.demand(&day, &day).await {
                    Ok(d) => Load::Ready(Rc::new(d)),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let onsubmit = {
        let (query, fields) = (query.clone(), [share.clone(), within.clone(), weeks.clone(), concurrency.clone(), growth.clone(), handle.clone()]);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            query.set(policy_query(&fields[0], &fields[1], &fields[2], &fields[3], &fields[4], &fields[5]));
        })
    };
    let number = |id: &'static str, text: Text, state: &UseStateHandle<String>, min: &'static str, max: &'static str| {
        html! {
            <label for={id}>{ ui.t(text) }
                <input id={id} type="number" required=true {min} {max} step="any" value={(**state).clone()} oninput={keep(state)} />
            </label>
        }
    };
    let reload = {
        let reloads = reloads.clone();
        Callback::from(move |_: ()| reloads.set(*reloads + 1))
    };
    html! {
        <section class="staffing" aria-labelledby="staffing-title">
            <h1 id="staffing-title" tabindex="-1">{ ui.t(Text::NavStaffing) }</h1>
            <form class="policy" {onsubmit}>
                { number("target-share", Text::TargetShare, &share, "1", "99") }
                { number("target-within", Text::TargetWithin, &within, "1", "3600") }
                { number("forecast-weeks", Text::ForecastWeeks, &weeks, "1", "26") }
                { number("chat-concurrency", Text::ChatConcurrency, &concurrency, "1", "10") }
                { number("what-if-growth", Text::WhatIfGrowth, &growth, "0", "1000") }
                { number("what-if-handle", Text::WhatIfHandle, &handle, "10", "1000") }
                <button type="submit">{ ui.t(Text::Show) }</button>
            </form>
            { match &*forecast {
                Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
                Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
                Load::Ready(f) => heatmaps(&ui, &session.me, f),
            } }
            { match &*today {
                Load::Ready(d) => live(&ui, &session.me, d),
                Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
                Load::Pending => html! {},
            } }
            { match &*plan {
                Load::Ready(p) => html! { <><PlanEditor plan={p.clone()} reload={reload.clone()} /><HolidaysEditor plan={p.clone()} {reload} /></> },
                Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
                Load::Pending => html! {},
            } }
        </section>
    }
}

/// The edge's query for the policy as typed (percentages turned into shares and factors).
fn policy_query(share: &str, within: &str, weeks: &str, concurrency: &str, growth: &str, handle: &str) -> String {
    let ratio = |percent: &str| percent.trim().parse::<f64>().map(|p| (p / 100.0).to_string()).unwrap_or_default();
    format!("share={}&within={}&weeks={}&concurrency={}&growth={}&handle={}", ratio(share), within.trim(), weeks.trim(), concurrency.trim(), ratio(growth), ratio(handle))
}

fn heatmaps(ui: &Ui, me: &wire::agent::SignedIn, forecast: &Rc<Forecast>) -> Html {
    let file = "staffing-forecast.csv".to_string();
    let csv = forecast.clone();
    let onclick = Callback::from(move |_| download::csv(&file, &forecast_csv(&csv)));
    let departments = departments(forecast);
    html! {
        <>
            <p class="exports"><button type="button" {onclick}>{ ui.t(Text::ExportForecast) }</button></p>
            if departments.is_empty() {
                <p class="status">{ ui.t(Text::NoDemandYet) }</p>
            }
            { for departments.iter().map(|d| heatmap(ui, &labels::department(me, ui.locale, d), d, forecast)) }
        </>
    }
}

/// Which model the department's chat line was forecast with, and why.
fn chat_model(ui: &Ui, forecast: &Forecast, department: &str) -> String {
    let Some(line) = forecast.chat_models.iter().find(|m| m.department == department) else { return String::new() };
    let text = match (line.model, line.fallback) {
        (QueueModel::ErlangA, _) => Text::ModelErlangA,
        (QueueModel::ErlangC, Some(ModelFallback::TooFewLeft)) => Text::ModelTooFewLeft,
        (QueueModel::ErlangC, _) => Text::ModelNobodyLeft,
    };
    ui.t(text)
        .replace("{patience}", &line.patience_secs.map(|secs| format!("{}", secs.round())).unwrap_or_default())
        .replace("{waited}", &line.waited.to_string())
        .replace("{abandoned}", &line.abandoned.to_string())
}

/// One department's week: a cell per hour, red where fewer are planned than needed; the
/// shortfalls again as a table, for screen readers and exact values.
fn heatmap(ui: &Ui, name: &str, department: &str, forecast: &Forecast) -> Html {
    let week = week_of(forecast, department);
    let id = format!("heatmap-{department}");
    let width = LEFT + 24.0 * CELL;
    let height = TOP + 7.0 * CELL;
    let cells = week.iter().map(|h| {
        let (day, hour) = (f64::from(h.hour / 24), f64::from(h.hour % 24));
        let title = ui
            .t(Text::HeatmapCell)
            .replace("{day}", ui.t(WEEKDAYS[usize::from(h.hour / 24)]))
            .replace("{hour}", &clock(u16::from(h.hour % 24) * 60))
            .replace("{needed}", &h.needed.to_string())
            .replace("{chats}", &h.chat_needed.to_string())
            .replace("{tickets}", &h.ticket_needed.to_string())
            .replace("{planned}", &format!("{}", h.planned));
        html! {
            <g class={classes!("cell", cover(h).class())}>
                <title>{ title }</title>
                <rect x={(LEFT + hour * CELL).to_string()} y={(TOP + day * CELL).to_string()} width={(CELL - 1.0).to_string()} height={(CELL - 1.0).to_string()} />
                if h.needed > 0 {
                    <text x={(LEFT + hour * CELL + CELL / 2.0).to_string()} y={(TOP + day * CELL + CELL * 0.68).to_string()} text-anchor="middle">{ h.needed }</text>
                }
            </g>
        }
    });
    let hours = (0..24).step_by(3).map(|hour| html! {
        <text x={(LEFT + f64::from(hour) * CELL).to_string()} y="12">{ clock(hour * 60) }</text>
    });
    let days = WEEKDAYS.iter().enumerate().map(|(i, day)| html! {
        <text x="0" y={(TOP + i as f64 * CELL + CELL * 0.68).to_string()}>{ ui.t(*day) }</text>
    });
    let short: Vec<_> = week.iter().filter(|h| cover(h) == crate::staffing_week::Cover::Short).collect();
    html! {
        <figure class="heatmap" aria-labelledby={format!("{id}-caption")}>
            <figcaption id={format!("{id}-caption")}>{ ui.t(Text::HeatmapTitle).replace("{department}", name) }</figcaption>
            <svg id={id.clone()} role="img" aria-labelledby={format!("{id}-caption")} viewBox={format!("0 0 {width} {height}")} width={width.to_string()} height={height.to_string()}>
                { for hours }
                { for days }
                { for cells }
            </svg>
            <p class="model">{ chat_model(ui, forecast, department) }</p>
            <p class="legend">
                <span class="key short">{ ui.t(Text::CoverShort) }</span>
                <span class="key met">{ ui.t(Text::CoverMet) }</span>
                <span class="key idle">{ ui.t(Text::CoverIdle) }</span>
            </p>
            if short.is_empty() {
                <p class="status">{ ui.t(Text::NoShortfall) }</p>
            } else {
                <table>
                    <caption>{ ui.t(Text::ShortfallTable).replace("{department}", name) }</caption>
                    <thead><tr><th scope="col">{ ui.t(Text::Weekday) }</th><th scope="col">{ ui.t(Text::Hour) }</th><th scope="col">{ ui.t(Text::AgentsNeeded) }</th><th scope="col">{ ui.t(Text::AgentsPlanned) }</th></tr></thead>
                    <tbody>
                        { for short.iter().map(|h| html! {
                            <tr><td>{ ui.t(WEEKDAYS[usize::from(h.hour / 24)]) }</td><td>{ clock(u16::from(h.hour % 24) * 60) }</td><td>{ h.needed }</td><td>{ format!("{}", h.planned) }</td></tr>
                        }) }
                    </tbody>
                </table>
            }
        </figure>
    }
}

/// Today per department (UTC day): chats arrived, left in line, the mean wait, and the desk's
/// latest occupancy.
fn live(ui: &Ui, me: &wire::agent::SignedIn, demand: &Demand) -> Html {
    let rows = today(demand);
    let dash = || "—".to_string();
    html! {
        <section aria-labelledby="live-title">
            <h2 id="live-title">{ ui.t(Text::TodayLive) }</h2>
            if rows.is_empty() {
                <p class="status">{ ui.t(Text::NoDemandToday) }</p>
            } else {
                <table class="live">
                    <thead><tr>
                        <th scope="col">{ ui.t(Text::Department) }</th><th scope="col">{ ui.t(Text::ChatsArrived) }</th><th scope="col">{ ui.t(Text::ChatsAbandoned) }</th>
                        <th scope="col">{ ui.t(Text::MeanWait) }</th><th scope="col">{ ui.t(Text::AgentsOnlineSlot) }</th><th scope="col">{ ui.t(Text::Occupancy) }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|row| html! {
                            <tr>
                                <th scope="row">{ labels::department(me, ui.locale, &row.department) }</th>
                                <td>{ row.arrived }</td><td>{ row.abandoned }</td>
                                <td>{ row.mean_wait_secs.map(|w| format!("{w:.0} s")).unwrap_or_else(dash) }</td>
                                <td>{ row.agents_online.map(|o| format!("{o:.1}")).unwrap_or_else(dash) }</td>
                                <td>{ row.occupancy.map(labels::percent).unwrap_or_else(dash) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PlanEditorProps {
    plan: Rc<StaffingPlan>,
    /// Reloads the plan and the forecast (after a save, or a plan changed meanwhile).
    reload: Callback<()>,
}

/// A dated exception with other hours, as typed (clock times `HH:MM`); an empty department is
/// the person's first.
#[derive(Clone, Default, PartialEq)]
struct OtherHours {
    date: String,
    start: String,
    end: String,
    department: String,
}

/// One person's week template at a time: shifts to add, change and remove, saved whole.
#[function_component]
fn PlanEditor(props: &PlanEditorProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let chosen = use_state(|| props.plan.agents.first().map(|a| a.agent_id.clone()));
    let shifts = use_state(Vec::<PlannedShift>::new);
    let exceptions = use_state(Vec::<PlanException>::new);
    let day_off = use_state(String::new);
    let other_hours = use_state(OtherHours::default);
    let failed = use_state(|| None::<String>);
    let agent: Option<AgentPlan> = props.plan.agents.iter().find(|a| Some(&a.agent_id) == chosen.as_ref()).cloned();
    {
        let shifts = shifts.clone();
        let exceptions = exceptions.clone();
        use_effect_with(agent.clone(), move |agent| {
            shifts.set(agent.as_ref().map(|a| a.shifts.clone()).unwrap_or_default());
            exceptions.set(agent.as_ref().map(|a| a.exceptions.clone()).unwrap_or_default());
        });
    }
    let Some(agent) = agent else {
        return html! { <section><h2>{ ui.t(Text::ShiftPlan) }</h2><p class="status">{ ui.t(Text::NobodyToPlan) }</p></section> };
    };
    let choose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(Some(e.target_unchecked_into::<HtmlSelectElement>().value())))
    };
    let edit = |i: usize, change: ShiftEdit| {
        let shifts = shifts.clone();
        Callback::from(move |e: Event| {
            let value = e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()).or_else(|| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value())).unwrap_or_default();
            let mut next = (*shifts).clone();
            if let Some(shift) = next.get_mut(i) {
                change(shift, value);
            }
            shifts.set(next);
        })
    };
    let add = {
        let (shifts, department) = (shifts.clone(), agent.departments.first().cloned().unwrap_or_default());
        Callback::from(move |_| {
            let mut next = (*shifts).clone();
            next.push(PlannedShift { department: department.clone(), weekday: 0, start_minute: 9 * 60, end_minute: 18 * 60 });
            shifts.set(next);
        })
    };
    let add_day_off = {
        let (exceptions, day_off) = (exceptions.clone(), day_off.clone());
        Callback::from(move |_| {
            if !day_off.is_empty() && !exceptions.iter().any(|e| e.date == *day_off) {
                let mut next = (*exceptions).clone();
                next.push(PlanException { date: (*day_off).clone(), department: None, start_minute: None, end_minute: None });
                next.sort_by(|a, b| a.date.cmp(&b.date));
                exceptions.set(next);
            }
        })
    };
    let add_other_hours = {
        let (exceptions, other_hours, department) = (exceptions.clone(), other_hours.clone(), agent.departments.first().cloned().unwrap_or_default());
        Callback::from(move |_| {
            let hours = (*other_hours).clone();
            let (Some(start), Some(end)) = (minutes(&hours.start), minutes(&hours.end)) else { return };
            if hours.date.is_empty() || exceptions.iter().any(|e| e.date == hours.date) {
                return;
            }
            let department = if hours.department.is_empty() { department.clone() } else { hours.department.clone() };
            let mut next = (*exceptions).clone();
            next.push(PlanException { date: hours.date, department: Some(department), start_minute: Some(start), end_minute: Some(end) });
            next.sort_by(|a, b| a.date.cmp(&b.date));
            exceptions.set(next);
        })
    };
    let other = |change: fn(&mut OtherHours, String)| {
        let other_hours = other_hours.clone();
        Callback::from(move |e: Event| {
            let value = e.target_dyn_into::<HtmlInputElement>().map(|i| i.value()).or_else(|| e.target_dyn_into::<HtmlSelectElement>().map(|s| s.value())).unwrap_or_default();
            let mut next = (*other_hours).clone();
            change(&mut next, value);
            other_hours.set(next);
        })
    };
    let save = {
        let (api, shifts, exceptions, failed, ui, reload, agent) = (session.api.clone(), shifts.clone(), exceptions.clone(), failed.clone(), ui.clone(), props.reload.clone(), agent.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let update = PlanUpdate { version: agent.version, shifts: (*shifts).clone(), exceptions: (*exceptions).clone() };
            let (api, failed, ui, reload, id) = (api.clone(), failed.clone(), ui.clone(), reload.clone(), agent.agent_id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                saved(api.set_plan(&id, &update).await.map(drop), &failed, &ui, &reload);
            });
        })
    };
    let rows = shifts.iter().enumerate().map(|(i, shift)| {
        let remove = {
            let shifts = shifts.clone();
            Callback::from(move |_| {
                let mut next = (*shifts).clone();
                next.remove(i);
                shifts.set(next);
            })
        };
        let n = (i + 1).to_string();
        html! {
            <tr>
                <td><select aria-label={ui.t(Text::Weekday).to_string() + " " + &n} onchange={edit(i, Rc::new(|s, v| s.weekday = v.parse().unwrap_or(0)))}>
                    { for WEEKDAYS.iter().enumerate().map(|(d, text)| html! { <option value={d.to_string()} selected={usize::from(shift.weekday) == d}>{ ui.t(*text) }</option> }) }
                </select></td>
                <td><input type="time" required=true aria-label={ui.t(Text::ShiftStart).to_string() + " " + &n} value={clock(shift.start_minute)} onchange={edit(i, Rc::new(|s, v| s.start_minute = minutes(&v).unwrap_or(s.start_minute)))} /></td>
                <td><input type="time" required=true aria-label={ui.t(Text::ShiftEnd).to_string() + " " + &n} value={clock(shift.end_minute % 1440)} onchange={edit(i, Rc::new(|s, v| s.end_minute = minutes(&v).unwrap_or(s.end_minute)))} /></td>
                <td><select aria-label={ui.t(Text::Department).to_string() + " " + &n} onchange={edit(i, Rc::new(|s, v| s.department = v))}>
                    { for agent.departments.iter().map(|d| html! { <option value={d.clone()} selected={*d == shift.department}>{ labels::department(&session.me, ui.locale, d) }</option> }) }
                </select></td>
                <td><button type="button" onclick={remove}>{ ui.t(Text::RemoveShift) }</button></td>
            </tr>
        }
    });
    html! {
        <section aria-labelledby="plan-title">
            <h2 id="plan-title">{ ui.t(Text::ShiftPlan) }</h2>
            <p class="hint">{ ui.t(Text::ShiftPlanHint).replace("{offset}", &offset(props.plan.utc_offset_minutes)) }</p>
            <form class="plan" onsubmit={save}>
                <label for="plan-person">{ ui.t(Text::Person) }</label>
                <select id="plan-person" onchange={choose}>
                    { for props.plan.agents.iter().map(|a| html! { <option value={a.agent_id.clone()} selected={a.agent_id == agent.agent_id}>{ a.name.clone() }</option> }) }
                </select>
                <table>
                    <caption>{ ui.t(Text::WeekTemplate).replace("{name}", &agent.name) }</caption>
                    <thead><tr><th scope="col">{ ui.t(Text::Weekday) }</th><th scope="col">{ ui.t(Text::ShiftStart) }</th><th scope="col">{ ui.t(Text::ShiftEnd) }</th><th scope="col">{ ui.t(Text::Department) }</th><th scope="col"><span class="visually-hidden">{ ui.t(Text::RemoveShift) }</span></th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <h3>{ ui.t(Text::PlanExceptions) }</h3>
                <ul class="holidays">
                    { for exceptions.iter().map(|exception| {
                        let remove = {
                            let (exceptions, date) = (exceptions.clone(), exception.date.clone());
                            Callback::from(move |_| exceptions.set(exceptions.iter().filter(|e| e.date != date).cloned().collect()))
                        };
                        let what = match (&exception.department, exception.start_minute, exception.end_minute) {
                            (Some(d), Some(start), Some(end)) => format!("{} {}–{}", labels::department(&session.me, ui.locale, d), clock(start), clock(end)),
                            _ => ui.t(Text::DayOff).to_string(),
                        };
                        html! { <li>{ format!("{}: {what} ", exception.date) }<button type="button" onclick={remove}>{ ui.t(Text::RemoveDate).replace("{date}", &exception.date) }</button></li> }
                    }) }
                </ul>
                <label for="day-off">{ ui.t(Text::DayOffDate) }</label>
                <input id="day-off" type="date" value={(*day_off).clone()} onchange={{ let day_off = day_off.clone(); Callback::from(move |e: Event| day_off.set(e.target_unchecked_into::<HtmlInputElement>().value())) }} />
                <button type="button" onclick={add_day_off}>{ ui.t(Text::AddDayOff) }</button>
                <fieldset class="other-hours">
                    <legend>{ ui.t(Text::OtherHours) }</legend>
                    <label for="other-date">{ ui.t(Text::OtherHoursDate) }</label>
                    <input id="other-date" type="date" value={other_hours.date.clone()} onchange={other(|h, v| h.date = v)} />
                    <label for="other-start">{ ui.t(Text::ShiftStart) }</label>
                    <input id="other-start" type="time" value={other_hours.start.clone()} onchange={other(|h, v| h.start = v)} />
                    <label for="other-end">{ ui.t(Text::ShiftEnd) }</label>
                    <input id="other-end" type="time" value={other_hours.end.clone()} onchange={other(|h, v| h.end = v)} />
                    <label for="other-department">{ ui.t(Text::Department) }</label>
                    <select id="other-department" onchange={other(|h, v| h.department = v)}>
                        { for agent.departments.iter().map(|d| html! { <option value={d.clone()} selected={*d == other_hours.department}>{ labels::department(&session.me, ui.locale, d) }</option> }) }
                    </select>
                    <button type="button" onclick={add_other_hours}>{ ui.t(Text::AddOtherHours) }</button>
                </fieldset>
                if let Some(message) = &*failed {
                    <p class="error" role="alert">{ message }</p>
                }
                <button type="button" onclick={add}>{ ui.t(Text::AddShift) }</button>
                <button type="submit">{ ui.t(Text::SavePlan) }</button>
            </form>
        </section>
    }
}

/// The site's holidays: dates added and removed, then saved whole.
#[function_component]
fn HolidaysEditor(props: &PlanEditorProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let dates = use_state(|| props.plan.holidays.clone());
    // The stored version the dates were last saved at or read from. A save's answer gives it at
    // once: the plan read again after a save may come after the lead's next edit or save.
    let version = use_state(|| props.plan.holidays_version);
    let adding = use_state(String::new);
    let failed = use_state(|| None::<String>);
    {
        // Only a newer stored list (another lead's save) replaces the one being edited.
        let (dates, version) = (dates.clone(), version.clone());
        use_effect_with((props.plan.holidays_version, props.plan.holidays.clone()), move |(stored_version, stored)| {
            if *stored_version > *version {
                version.set(*stored_version);
                dates.set(stored.clone());
            }
        });
    }
    let add = {
        let (dates, adding) = (dates.clone(), adding.clone());
        Callback::from(move |_| {
            if !adding.is_empty() && !dates.contains(&*adding) {
                let mut next = (*dates).clone();
                next.push((*adding).clone());
                next.sort();
                dates.set(next);
            }
        })
    };
    let save = {
        let (api, dates, failed, ui, reload, version) = (session.api.clone(), dates.clone(), failed.clone(), ui.clone(), props.reload.clone(), version.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let update = HolidaysUpdate { version: *version, dates: (*dates).clone() };
            let (api, failed, ui, reload, version) = (api.clone(), failed.clone(), ui.clone(), reload.clone(), version.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = api.set_holidays(&update).await;
                if let Ok(stored) = &answer {
                    version.set(stored.version);
                }
                saved(answer.map(drop), &failed, &ui, &reload);
            });
        })
    };
    html! {
        <section aria-labelledby="holidays-title">
            <h2 id="holidays-title">{ ui.t(Text::Holidays) }</h2>
            <p class="hint">{ ui.t(Text::HolidaysHint) }</p>
            <form class="plan" onsubmit={save}>
                if dates.is_empty() {
                    <p class="status">{ ui.t(Text::NoHolidays) }</p>
                } else {
                    <ul class="holidays">
                        { for dates.iter().map(|date| {
                            let remove = {
                                let (dates, date) = (dates.clone(), date.clone());
                                Callback::from(move |_| dates.set(dates.iter().filter(|d| **d != date).cloned().collect()))
                            };
                            html! { <li>{ date.clone() }{ " " }<button type="button" onclick={remove}>{ ui.t(Text::RemoveDate).replace("{date}", date) }</button></li> }
                        }) }
                    </ul>
                }
                <label for="holiday-date">{ ui.t(Text::HolidayDate) }</label>
                <input id="holiday-date" type="date" value={(*adding).clone()} onchange={{ let adding = adding.clone(); Callback::from(move |e: Event| adding.set(e.target_unchecked_into::<HtmlInputElement>().value())) }} />
                <button type="button" onclick={add}>{ ui.t(Text::AddHoliday) }</button>
                if let Some(message) = &*failed {
                    <p class="error" role="alert">{ message }</p>
                }
                <button type="submit">{ ui.t(Text::SaveHolidays) }</button>
            </form>
        </section>
    }
}

/// `UTC+8`, `UTC−3:30`, `UTC`.
fn offset(minutes: i32) -> String {
    match minutes {
        0 => "UTC".into(),
        m if m % 60 == 0 => format!("UTC{}{}", if m > 0 { "+" } else { "−" }, m.abs() / 60),
        m => format!("UTC{}{}:{:02}", if m > 0 { "+" } else { "−" }, m.abs() / 60, m.abs() % 60),
    }
}

/// What a save of the plan or the holidays came to: said, and the plan read again — also after
/// a refusal because someone changed it meanwhile, so the screen shows what is stored.
fn saved(answer: Result<(), EdgeError>, failed: &UseStateHandle<Option<String>>, ui: &Ui, reload: &Callback<()>) {
    match answer {
        Ok(()) => {
            failed.set(None);
            ui.announce(ui.t(Text::Saved));
            reload.emit(());
        }
        Err(error) if error.is(ErrorCode::Conflict) => {
            failed.set(Some(ui.t(Text::PlanChangedMeanwhile).to_string()));
            reload.emit(());
        }
        Err(error) => failed.set(Some(format!("{} {}", ui.t(Text::ActionFailed), error.message()))),
    }
}
