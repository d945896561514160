//! The cases lost between departments (the analytics screen's last part): how often the cases
//! opened in the range were handed on, how long each department held them, and the linked tasks
//! each department let pass their due time — as charts with their tables, and as CSV.

use std::rc::Rc;

use browser_kit::download;
use wire::analytics::HandoffReport;
use yew::prelude::*;

use super::charts::{Bars, Unit};
use super::{use_session, use_ui, Load};
use crate::csv;
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct HandoffsProps {
    /// `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
}

#[function_component]
pub fn Handoffs(props: &HandoffsProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let load = use_state(|| Load::<Rc<HandoffReport>>::Pending);
    {
        let (api, load) = (session.api.clone(), load.clone());
        use_effect_with((props.from.clone(), props.to.clone()), move |(from, to)| {
            let (from, to) = (from.clone(), to.clone());
            load.set(Load::Pending);
            wasm_bindgen_futures::spawn_local(async move {
                load.set(match api.handoffs(&from, &to).await {
                    Ok(report) => Load::Ready(Rc::new(report)),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let body = match &*load {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(report) => {
            let name = |d: &str| labels::department(&session.me, ui.locale, d);
            let per = |value: fn(&wire::analytics::DepartmentTime) -> f64| report.departments.iter().map(|d| (name(&d.department), value(d))).collect::<Vec<_>>();
            let moved: Vec<(String, f64)> = report.handoffs.iter().enumerate().map(|(i, n)| (handoff_label(&ui, i, report.handoffs.len()), f64::from(*n))).collect();
            let file = format!("handoffs-{}-{}.csv", report.from, report.to);
            let onclick = { let report = report.clone(); Callback::from(move |_| download::csv(&file, &handoffs_csv(&report))) };
            let t = |text| AttrValue::from(ui.t(text));
            html! {
                <>
                    <dl class="headline">
                        <div><dt>{ ui.t(Text::HandoffCases) }</dt><dd>{ report.cases }</dd></div>
                        <div><dt>{ ui.t(Text::HandoffsPerCase) }</dt><dd>{ report.handoffs_mean.map(|m| format!("{m:.2}")).unwrap_or_else(|| "—".into()) }</dd></div>
                    </dl>
                    <p class="exports"><button type="button" {onclick}>{ ui.t(Text::ExportHandoffs) }</button></p>
                    <div class="charts">
                        <Bars id="handoffs-per-case" title={t(Text::HandoffsHistogram)} rows={moved} unit={Unit::Count} name={Text::Handoffs} />
                        <Bars id="hours-per-department" title={t(Text::HoursPerDepartment)} rows={per(|d| d.hours)} unit={Unit::Hours} name={Text::Department} />
                        <Bars id="tasks-overdue" title={t(Text::TasksOverdueByDepartment)} rows={per(|d| f64::from(d.tasks_overdue))} unit={Unit::Count} name={Text::Department} />
                    </div>
                </>
            }
        }
    };
    html! {
        <section class="handoffs" aria-labelledby="handoffs-title">
            <h2 id="handoffs-title">{ ui.t(Text::HandoffsTitle) }</h2>
            { body }
        </section>
    }
}

/// "0", "1", "2", "3+" handoffs.
fn handoff_label(ui: &crate::app::Ui, i: usize, buckets: usize) -> String {
    let n = if i + 1 == buckets { format!("{i}+") } else { i.to_string() };
    browser_kit::locale::fill(ui.t(Text::HandoffsTimes), n)
}

fn handoffs_csv(r: &HandoffReport) -> String {
    let mut rows: Vec<Vec<String>> = r.handoffs.iter().enumerate().map(|(i, n)| vec!["handoffs".into(), i.to_string(), n.to_string(), String::new(), String::new(), String::new(), String::new()]).collect();
    rows.extend(r.departments.iter().map(|d| {
        vec!["department".into(), d.department.clone(), d.cases.to_string(), csv::number(Some(d.hours)), csv::number(d.median_hours), d.tasks.to_string(), d.tasks_overdue.to_string()]
    }));
    csv::table(&["group", "name", "cases", "hours", "median_hours", "tasks", "tasks_overdue"], &rows)
}
