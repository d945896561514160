//! The tasks other departments asked of the person's departments, with their cases: overdue ones
//! first (how a department's lead sees what is late), then by due time. Opening one opens its
//! case, where the task is answered.

use wire::tasks::QueuedTask;
use yew::prelude::*;

use super::choices::on_select;
use super::{Load, use_session, use_ui};
use crate::i18n::Text;
use crate::labels;
use crate::route::Screen;

/// Which tasks the queue shows: a query of `GET /agent/tasks`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Show {
    Open,
    Overdue,
    Answered,
    All,
}

impl Show {
    const ALL: [Show; 4] = [Show::Open, Show::Overdue, Show::Answered, Show::All];

    fn query(self) -> &'static str {
        match self {
            Show::Open => "status=open",
            Show::Overdue => "overdue=true",
            Show::Answered => "status=answered",
            Show::All => "",
        }
    }

    fn text(self) -> Text {
        match self {
            Show::Open => Text::TaskStatusOpen,
            Show::Overdue => Text::TaskOverdue,
            Show::Answered => Text::TaskStatusAnswered,
            Show::All => Text::Any,
        }
    }
}

#[function_component]
pub fn TasksView() -> Html {
    let ui = use_ui();
    let session = use_session();
    let show = use_state(|| Show::Open);
    let load = use_state(|| Load::<Vec<QueuedTask>>::Pending);
    {
        let (api, load) = (session.api.clone(), load.clone());
        use_effect_with(*show, move |show| {
            let query = show.query();
            load.set(Load::Pending);
            wasm_bindgen_futures::spawn_local(async move {
                load.set(match api.tasks(query).await {
                    Ok(queue) => Load::Ready(queue.tasks),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let choose = on_select(&show, |show, v| *show = Show::ALL.into_iter().find(|s| s.query() == v).unwrap_or(Show::Open));
    let rows = match &*load {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(rows) if rows.is_empty() => html! { <p class="status" role="status">{ ui.t(Text::NoTasks) }</p> },
        Load::Ready(rows) => {
            let overdue = rows.iter().filter(|q| q.task.overdue).count();
            html! {
                <>
                    <p class="status" role="status">
                        { browser_kit::locale::fill(ui.t(Text::TaskCount), rows.len()) }
                        if overdue > 0 {
                            { " " }<span class="badge breached">{ browser_kit::locale::fill(ui.t(Text::OverdueCount), overdue) }</span>
                        }
                    </p>
                    <table class="list tasks">
                        <thead>
                            <tr>
                                { for [Text::Number, Text::Subject, Text::TaskAskedOf, Text::TaskQuestion, Text::Status, Text::TaskDueColumn, Text::Assignee]
                                    .iter().map(|t| html! { <th scope="col">{ ui.t(*t) }</th> }) }
                            </tr>
                        </thead>
                        <tbody>
                            { for rows.iter().map(|q| html! {
                                <tr key={q.task.id.clone()} class={classes!(q.task.overdue.then_some("overdue"))}>
                                    <td>{ format!("#{}", q.case.number) }</td>
                                    <td>
                                        <a href={Screen::Ticket(q.case.id.clone()).hash()}>{ &q.case.subject }</a>
                                        <br /><span class="badge">{ labels::department(&session.me, ui.locale, &q.case.department) }</span>
                                        { " " }<span class={classes!("badge", q.case.priority.as_str())}>{ ui.t(labels::priority(q.case.priority)) }</span>
                                    </td>
                                    <td>{ labels::department(&session.me, ui.locale, &q.task.department) }</td>
                                    <td class="question">{ &q.task.question }</td>
                                    <td><span class={classes!("badge", q.task.status.as_str())}>{ ui.t(labels::task_status(q.task.status)) }</span></td>
                                    <td>
                                        { labels::time(ui.locale, q.task.due_at) }
                                        if q.task.overdue {
                                            { " " }<span class="badge breached">{ ui.t(Text::TaskOverdue) }</span>
                                        }
                                    </td>
                                    <td>{ q.task.assignee.as_deref().map(|id| session.agent_name(id)).unwrap_or_default() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </>
            }
        }
    };
    html! {
        <section class="task-queue" aria-labelledby="tasks-title">
            <h1 id="tasks-title" tabindex="-1">{ ui.t(Text::NavTasks) }</h1>
            <p>{ ui.t(Text::TasksIntro) }</p>
            <div class="filters" role="group" aria-label={ui.t(Text::Filters)}>
                <label>{ ui.t(Text::Show) }
                    <select onchange={choose}>
                        { for Show::ALL.iter().map(|s| html! { <option value={s.query()} selected={*show == *s}>{ ui.t(s.text()) }</option> }) }
                    </select>
                </label>
            </div>
            { rows }
        </section>
    }
}
