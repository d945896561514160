//! A case's tasks for other departments, on the case's screen: each task's question, state, due
//! time (flagged when overdue), who works it and its internal thread. The case's own department
//! asks new questions, writes on the threads and cancels; the department asked writes, takes the
//! task and answers it. Nothing here reaches the requester.

use std::rc::Rc;

use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use wire::agent::AgentTicket;
use wire::tasks::{CaseTask, NewTask, TaskStatus};
use wire::tickets::Status;
use yew::prelude::*;

use super::{use_session, use_ui};
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct CaseTasksProps {
    pub ticket: Rc<AgentTicket>,
    /// Read the case again after a change.
    pub changed: Callback<()>,
}

#[function_component]
pub fn CaseTasks(props: &CaseTasksProps) -> Html {
    let ui = use_ui();
    let summary = &props.ticket.ticket.summary;
    let asking = !props.ticket.through_task && !matches!(summary.status, Status::Solved | Status::Closed);
    html! {
        <section class="case-tasks" aria-labelledby="case-tasks-title">
            <h2 id="case-tasks-title">{ ui.t(Text::CaseTasks) }</h2>
            if props.ticket.tasks.is_empty() {
                <p class="status">{ ui.t(Text::NoCaseTasks) }</p>
            }
            <ul class="tasks">
                { for props.ticket.tasks.iter().map(|task| html! {
                    <li key={task.id.clone()}><TaskCard task={task.clone()} owner={!props.ticket.through_task} changed={props.changed.clone()} /></li>
                }) }
            </ul>
            if asking {
                <AskDepartment ticket={props.ticket.clone()} changed={props.changed.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AskProps {
    ticket: Rc<AgentTicket>,
    changed: Callback<()>,
}

/// The owner's form: another department and the question.
#[function_component]
fn AskDepartment(props: &AskProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let case_department = props.ticket.ticket.summary.department.clone();
    let others: Vec<String> = session.me.departments.iter().filter(|d| **d != case_department).cloned().collect();
    let department = use_state(|| others.first().cloned().unwrap_or_default());
    let question = use_state(String::new);
    let error = use_state(|| None::<String>);
    let sending = use_state(|| false);
    let onsubmit = {
        let (ui, api, id, department, question, error, sending, changed) =
            (ui.clone(), session.api.clone(), props.ticket.ticket.summary.id.clone(), department.clone(), question.clone(), error.clone(), sending.clone(), props.changed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if question.trim().is_empty() {
                error.set(Some(ui.t(Text::TaskNeedsQuestion).to_string()));
                return;
            }
            sending.set(true);
            let task = NewTask { department: (*department).clone(), question: question.trim().to_string(), assignee: None };
            let (ui, api, id, question, error, sending, changed) = (ui.clone(), api.clone(), id.clone(), question.clone(), error.clone(), sending.clone(), changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = api.open_task(&id, &task).await;
                sending.set(false);
                match answer {
                    Ok(_) => {
                        question.set(String::new());
                        error.set(None);
                        ui.announce(ui.t(Text::TaskOpened));
                        changed.emit(());
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        })
    };
    let on_department = {
        let department = department.clone();
        Callback::from(move |e: Event| department.set(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_question = {
        let question = question.clone();
        Callback::from(move |e: InputEvent| question.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    html! {
        <form class="ask-department" aria-labelledby="ask-department-title" {onsubmit}>
            <h3 id="ask-department-title">{ ui.t(Text::AskDepartment) }</h3>
            <label>{ ui.t(Text::Department) }
                <select onchange={on_department}>
                    { for others.iter().map(|d| html! { <option value={d.clone()} selected={*department == *d}>{ labels::department(&session.me, ui.locale, d) }</option> }) }
                </select>
            </label>
            <label>{ ui.t(Text::TaskQuestion) }
                <textarea rows="3" maxlength={wire::limits::TEXT.to_string()} value={(*question).clone()} oninput={on_question} />
            </label>
            if let Some(message) = &*error {
                <p class="error" role="alert">{ message }</p>
            }
            <button type="submit" disabled={*sending}>{ ui.t(Text::OpenTask) }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct CardProps {
    task: CaseTask,
    /// The reader works the case's own department.
    owner: bool,
    changed: Callback<()>,
}

/// What a task card's buttons do.
#[derive(Clone, Copy, PartialEq)]
enum Act {
    Message,
    Answer,
    Cancel,
    Take,
}

#[function_component]
fn TaskCard(props: &CardProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let draft = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let task = &props.task;
    let asked = session.me.scope.contains(&task.department);
    let act = |what: Act| {
        let (ui, api, id, draft, error, busy, changed, me) =
            (ui.clone(), session.api.clone(), task.id.clone(), draft.clone(), error.clone(), busy.clone(), props.changed.clone(), session.me.agent.id.clone());
        Callback::from(move |_: MouseEvent| {
            let text = draft.trim().to_string();
            if matches!(what, Act::Message | Act::Answer) && text.is_empty() {
                error.set(Some(ui.t(Text::TaskNeedsText).to_string()));
                return;
            }
            busy.set(true);
            let (ui, api, id, draft, error, busy, changed, me) = (ui.clone(), api.clone(), id.clone(), draft.clone(), error.clone(), busy.clone(), changed.clone(), me.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = match what {
                    Act::Message => api.task_message(&id, &text, false).await,
                    Act::Answer => api.task_message(&id, &text, true).await,
                    Act::Cancel => api.cancel_task(&id).await,
                    Act::Take => api.assign_task(&id, &me).await,
                };
                busy.set(false);
                match answer {
                    Ok(_) => {
                        if matches!(what, Act::Message | Act::Answer) {
                            draft.set(String::new());
                        }
                        error.set(None);
                        ui.announce(ui.t(Text::ChangesSaved));
                        changed.emit(());
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        })
    };
    let oninput = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let open = task.status == TaskStatus::Open;
    let title_id = format!("task-{}", task.id);
    let department = labels::department(&session.me, ui.locale, &task.department);
    html! {
        <article class={classes!("task", task.status.as_str(), task.overdue.then_some("overdue"))} aria-labelledby={title_id.clone()}>
            <h3 id={title_id}>
                { department.clone() }
                { " " }<span class={classes!("badge", task.status.as_str())}>{ ui.t(labels::task_status(task.status)) }</span>
                if task.overdue {
                    { " " }<span class="badge breached">{ ui.t(Text::TaskOverdue) }</span>
                }
            </h3>
            <p class="question">{ &task.question }</p>
            <p class="facts">
                { browser_kit::locale::fill(ui.t(Text::TaskAskedBy), &task.opened_by) }
                { " · " }{ browser_kit::locale::fill(ui.t(Text::TaskDue), labels::time(ui.locale, task.due_at)) }
                { " · " }{ ui.t(Text::Assignee) }{ ": " }
                { task.assignee.as_deref().map(|id| session.agent_name(id)).unwrap_or_else(|| ui.t(Text::Unassigned).to_string()) }
            </p>
            if !task.thread.is_empty() {
                <ol class="thread" aria-label={ui.t(Text::TaskThread)}>
                    { for task.thread.iter().map(|m| html! {
                        <li class={classes!(m.answer.then_some("answer"))}>
                            <span class="who">{ &m.author }</span>{ " · " }<time>{ labels::time(ui.locale, m.at) }</time>
                            if m.answer {
                                { " · " }<strong>{ ui.t(Text::TaskAnswer) }</strong>
                            }
                            <p>{ &m.text }</p>
                        </li>
                    }) }
                </ol>
            }
            if task.status != TaskStatus::Cancelled && (asked || props.owner) {
                <div class="task-write">
                    <label>{ ui.t(if asked && open { Text::TaskAnswerLabel } else { Text::TaskMessageLabel }) }
                        <textarea rows="2" maxlength={wire::limits::TEXT.to_string()} value={(*draft).clone()} {oninput} />
                    </label>
                    if let Some(message) = &*error {
                        <p class="error" role="alert">{ message }</p>
                    }
                    if asked && open {
                        <button type="button" disabled={*busy} onclick={act(Act::Answer)}>{ ui.t(Text::AnswerTask) }</button>
                    }
                    <button type="button" disabled={*busy} onclick={act(Act::Message)}>{ ui.t(Text::SendTaskMessage) }</button>
                    if asked && open && task.assignee.as_deref() != Some(session.me.agent.id.as_str()) {
                        <button type="button" disabled={*busy} onclick={act(Act::Take)}>{ ui.t(Text::TakeTask) }</button>
                    }
                    if props.owner && open {
                        <button type="button" disabled={*busy} onclick={act(Act::Cancel)}>{ ui.t(Text::CancelTask) }</button>
                    }
                </div>
            }
        </article>
    }
}
