//! Changing a ticket's status, priority, department and assignee in one `PATCH`. A transfer to
//! another department needs a note saying why (the edge refuses one without); the form asks
//! for it as soon as another department is chosen. Solving or closing a case with open tasks
//! is refused by the edge with those tasks: the form then asks whether to cancel them or keep
//! them open, and sends the change again with the answer.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use wire::agent::{AgentTicket, TicketUpdate};
use wire::tasks::{CaseTask, OpenTasks};
use wire::tickets::{Priority, Status};
use yew::prelude::*;

use super::choices::{enum_options, on_select, option};
use super::ticket::{Focus, Target};
use super::{use_session, use_ui};
use crate::api::Updated;
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct PropertiesProps {
    pub ticket: Rc<AgentTicket>,
    pub focus: Focus,
    pub saved: Callback<AgentTicket>,
}

#[derive(Clone, PartialEq)]
struct Draft {
    status: Status,
    priority: Priority,
    department: String,
    /// Agent id, or "" for nobody.
    assignee: String,
    note: String,
}

impl Draft {
    fn of(ticket: &AgentTicket) -> Draft {
        let s = &ticket.ticket.summary;
        Draft { status: s.status, priority: s.priority, department: s.department.clone(), assignee: ticket.assignee.clone().unwrap_or_default(), note: String::new() }
    }

    /// Only what changed; `None` when nothing did.
    fn update(&self, ticket: &AgentTicket) -> Option<TicketUpdate> {
        let was = Draft::of(ticket);
        let update = TicketUpdate {
            status: (self.status != was.status).then_some(self.status),
            priority: (self.priority != was.priority).then_some(self.priority),
            department: (self.department != was.department).then(|| self.department.clone()),
            assignee: (self.assignee != was.assignee).then(|| self.assignee.clone()),
            note: Some(self.note.trim().to_string()).filter(|n| !n.is_empty()),
            open_tasks: None,
        };
        (update != TicketUpdate::default()).then_some(update)
    }
}

#[function_component]
pub fn Properties(props: &PropertiesProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let draft = use_state(|| Draft::of(&props.ticket));
    let error = use_state(|| None::<String>);
    let saving = use_state(|| false);
    // A solve or close refused for the case's open tasks, waiting for the agent's answer.
    let asking = use_state(|| None::<(TicketUpdate, Vec<CaseTask>)>);
    let status_field = use_node_ref();
    {
        let draft = draft.clone();
        use_effect_with(props.ticket.clone(), move |ticket| draft.set(Draft::of(ticket)));
    }
    {
        let status_field = status_field.clone();
        use_effect_with(props.focus, move |focus| {
            if focus.target == Some(Target::Status) {
                if let Some(field) = status_field.cast::<web_sys::HtmlElement>() {
                    let _ = field.focus();
                }
            }
        });
    }
    let closed = props.ticket.ticket.summary.status == Status::Closed;
    let transfer = draft.department != props.ticket.ticket.summary.department;
    let send = {
        let (ui, api, id, error, saving, saved, asking) = (ui.clone(), session.api.clone(), props.ticket.ticket.summary.id.clone(), error.clone(), saving.clone(), props.saved.clone(), asking.clone());
        Callback::from(move |update: TicketUpdate| {
            saving.set(true);
            let (ui, api, id, error, saving, saved, asking) = (ui.clone(), api.clone(), id.clone(), error.clone(), saving.clone(), saved.clone(), asking.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let answer = api.update(&id, &update).await;
                saving.set(false);
                match answer {
                    Ok(Updated::Stored(ticket)) => {
                        error.set(None);
                        asking.set(None);
                        ui.announce(ui.t(Text::ChangesSaved));
                        saved.emit(*ticket);
                    }
                    Ok(Updated::OpenTasks(open)) => {
                        error.set(None);
                        asking.set(Some((update, open)));
                    }
                    Err(e) => error.set(Some(e.message())),
                }
            });
        })
    };
    let onsubmit = {
        let (ui, ticket, draft, error, send) = (ui.clone(), props.ticket.clone(), draft.clone(), error.clone(), send.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(update) = draft.update(&ticket) else {
                error.set(Some(ui.t(Text::NothingChanged).to_string()));
                return;
            };
            if update.department.is_some() && update.note.is_none() {
                error.set(Some(ui.t(Text::TransferNeedsNote).to_string()));
                return;
            }
            send.emit(update);
        })
    };
    let decide = |choice: Option<OpenTasks>| {
        let (asking, send) = (asking.clone(), send.clone());
        Callback::from(move |_: MouseEvent| match (choice, (*asking).clone()) {
            (Some(choice), Some((update, _))) => send.emit(TicketUpdate { open_tasks: Some(choice), ..update }),
            _ => asking.set(None),
        })
    };
    let question = (*asking).as_ref().map(|(_, open)| {
        let departments: Vec<String> = open.iter().map(|t| labels::department(&session.me, ui.locale, &t.department)).collect();
        html! {
            <div class="open-tasks" role="group" aria-labelledby="open-tasks-question">
                <p id="open-tasks-question" role="alert">{ browser_kit::locale::fill(ui.t(Text::OpenTasksQuestion), departments.join(ui.t(Text::ListSeparator))) }</p>
                <button type="button" disabled={*saving} onclick={decide(Some(OpenTasks::Cancel))}>{ ui.t(Text::CancelTasksAndSave) }</button>
                <button type="button" disabled={*saving} onclick={decide(Some(OpenTasks::Keep))}>{ ui.t(Text::KeepTasksAndSave) }</button>
                <button type="button" onclick={decide(None)}>{ ui.t(Text::NotNow) }</button>
            </div>
        }
    });
    let pick = |apply: fn(&mut Draft, String)| on_select(&draft, apply);
    let on_note = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(Draft { note: e.target_unchecked_into::<HtmlTextAreaElement>().value(), ..(*draft).clone() }))
    };
    let me = &session.me;
    html! {
        <form class="properties" aria-labelledby="properties-title" {onsubmit}>
            <h2 id="properties-title">{ ui.t(Text::Properties) }</h2>
            <fieldset disabled={closed}>
                <label>{ ui.t(Text::Status) }
                    <select ref={status_field} aria-keyshortcuts="e" onchange={pick(|d, v| d.status = Status::from_name(&v).unwrap_or(d.status))}>
                        // A ticket cannot go back to new; it is offered only while it is new.
                        { for Status::ALL.iter().filter(|s| **s != Status::New || draft.status == Status::New)
                            .map(|s| option(s.as_str(), ui.t(labels::status(*s)), draft.status == *s)) }
                    </select>
                </label>
                <label>{ ui.t(Text::Priority) }
                    <select onchange={pick(|d, v| d.priority = Priority::from_name(&v).unwrap_or(d.priority))}>
                        { enum_options(&ui, Priority::ALL, Some(draft.priority), Priority::as_str, labels::priority) }
                    </select>
                </label>
                <label>{ ui.t(Text::Department) }
                    <select onchange={pick(|d, v| d.department = v)}>
                        { for me.departments.iter().map(|d| option(d, d, draft.department == *d)) }
                    </select>
                </label>
                <label>{ ui.t(Text::Assignee) }
                    <select onchange={pick(|d, v| d.assignee = v)}>
                        { option("", ui.t(Text::Unassigned), draft.assignee.is_empty()) }
                        { for me.agents.iter().map(|a| option(&a.id, &a.name, draft.assignee == a.id)) }
                    </select>
                </label>
                <label>{ ui.t(if transfer { Text::TransferNote } else { Text::ChangeNote }) }
                    <textarea rows="2" maxlength={wire::limits::TEXT.to_string()} aria-required={transfer.then_some("true")} value={draft.note.clone()} oninput={on_note} />
                </label>
                if let Some(message) = &*error {
                    <p class="error" role="alert">{ message }</p>
                }
                { question.unwrap_or_default() }
                <button type="submit" disabled={*saving}>{ ui.t(Text::SaveChanges) }</button>
            </fieldset>
        </form>
    }
}
