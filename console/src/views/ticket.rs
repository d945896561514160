//! One ticket as agents work it: the timeline (messages, internal notes, every change), the
//! composer for replies and notes, the properties (status, priority, department with a note,
//! assignee), the tasks asked of other departments and the context the widget sent. Someone who
//! reaches the case only through a task asked of their department reads it and works the task;
//! the composer and the properties are the case's own department's. Every change answers with the whole ticket,
//! which replaces the one shown.

use std::rc::Rc;

use wire::agent::AgentTicket;
use yew::prelude::*;

use super::case_tasks::CaseTasks;
use super::collaborators::Collaborators;
use super::composer::{Composer, Mode};
use super::context_panel::ContextPanel;
use super::here::{use_here, AlsoHere};
use super::ticket_attachments::TicketAttachments;
use super::ticket_mails::TicketMails;
use super::properties::Properties as PropertiesForm;
use super::timeline::Timeline;
use super::{Load, use_session, use_shortcut, use_ui};
use crate::i18n::Text;
use crate::labels;
use crate::route::Screen;
use crate::shortcuts::Action;

#[derive(Properties, PartialEq)]
pub struct TicketProps {
    pub id: String,
}

/// A request from a shortcut to the composer or the properties, numbered like presses.
#[derive(Clone, Copy, PartialEq)]
pub struct Focus {
    pub count: u32,
    pub target: Option<Target>,
}

#[derive(Clone, Copy, PartialEq)]
pub enum Target {
    Compose(Mode),
    Status,
}

#[function_component]
pub fn TicketView(props: &TicketProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let load = use_state(|| Load::<Rc<AgentTicket>>::Pending);
    let focus = use_state(|| Focus { count: 0, target: None });
    // Bumped to read the ticket again (after its requester's data was erased).
    let version = use_state(|| 0u32);
    let here = use_here(matches!(*load, Load::Ready(_)).then_some(props.id.as_str()));
    {
        let (api, load, id) = (session.api.clone(), load.clone(), props.id.clone());
        use_effect_with((props.id.clone(), *version), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                load.set(match api.ticket(&id).await {
                    Ok(ticket) => Load::Ready(Rc::new(ticket)),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    {
        let focus = focus.clone();
        use_shortcut(ui.pressed, move |action| {
            let target = match action {
                Action::Reply => Target::Compose(Mode::Reply),
                Action::Note => Target::Compose(Mode::Note),
                Action::EditStatus => Target::Status,
                _ => return,
            };
            focus.set(Focus { count: focus.count + 1, target: Some(target) });
        });
    }
    let back = html! { <p><a href={Screen::Tickets.hash()}>{ ui.t(Text::BackToTickets) }</a></p> };
    let ticket = match &*load {
        Load::Pending => return html! { <section>{ back }<h1 tabindex="-1">{ ui.t(Text::Loading) }</h1></section> },
        Load::Failed(message) => {
            return html! { <section>{ back }<h1 tabindex="-1">{ ui.t(Text::LoadFailed) }</h1><p class="error" role="alert">{ message }</p></section> }
        }
        Load::Ready(ticket) => ticket.clone(),
    };
    let saved = {
        let load = load.clone();
        Callback::from(move |ticket: AgentTicket| load.set(Load::Ready(Rc::new(ticket))))
    };
    let t = &ticket.ticket;
    let s = &t.summary;
    let reread = {
        let version = version.clone();
        Callback::from(move |()| version.set(*version + 1))
    };
    let late = ticket.tasks.iter().filter(|k| k.overdue).count();
    html! {
        <article class="ticket" aria-labelledby="ticket-title">
            { back }
            <h1 id="ticket-title" tabindex="-1">{ format!("#{} ", s.number) }{ &s.subject }</h1>
            <p class="facts">
                <span class={classes!("badge", s.status.as_str())}>{ ui.t(labels::status(s.status)) }</span>
                <span class={classes!("badge", s.priority.as_str())}>{ ui.t(labels::priority(s.priority)) }</span>
                <span class="badge">{ &s.department }</span>
                <span class="badge">{ ui.t(labels::channel(s.channel)) }</span>
                <span class="badge">{ &s.category }</span>
                if ticket.sla_breached {
                    <span class="badge breached">{ ui.t(Text::SlaBreached) }</span>
                }
                if late > 0 {
                    <span class="badge breached">{ browser_kit::locale::fill(ui.t(Text::OverdueTasksOnCase), late) }</span>
                }
            </p>
            <AlsoHere others={here.others.clone()} refused={here.refused} />
            if ticket.through_task {
                <p class="status through-task">{ ui.t(Text::ThroughTask) }</p>
            }
            if ticket.collaborator {
                <p class="status through-task">{ ui.t(Text::CollaboratorNote) }</p>
            }
            <dl class="requester">
                <dt>{ ui.t(Text::Requester) }</dt>
                <dd>{ t.name.clone().unwrap_or_else(|| ui.t(Text::Anonymous).to_string()) }</dd>
                if let Some(email) = &t.email {
                    <dt>{ ui.t(Text::Email) }</dt><dd>{ email }</dd>
                }
                if let Some(user) = &ticket.user_id {
                    <dt>{ ui.t(Text::UserId) }</dt><dd>{ user }</dd>
                }
                <dt>{ ui.t(Text::Assignee) }</dt>
                <dd>{ ticket.assignee.as_deref().map(|id| session.agent_name(id)).unwrap_or_else(|| ui.t(Text::Unassigned).to_string()) }</dd>
                <dt>{ ui.t(Text::FirstResponseDue) }</dt>
                <dd>{ match ticket.first_response_at {
                    Some(at) => browser_kit::locale::fill(ui.t(Text::AnsweredAt), labels::time(ui.locale, at)),
                    None => labels::time(ui.locale, ticket.first_response_due),
                } }</dd>
                <dt>{ ui.t(Text::ResolutionDue) }</dt>
                <dd>{ labels::time(ui.locale, ticket.resolution_due) }</dd>
            </dl>
            <div class="columns">
                <div class="work">
                    <Timeline ticket={ticket.clone()} />
                    <CaseTasks ticket={ticket.clone()} changed={reread} />
                    if !ticket.through_task {
                        <Composer id={s.id.clone()} closed={s.status == wire::tickets::Status::Closed} notes_only={ticket.collaborator} focus={*focus} saved={saved.clone()} typing={here.typing.clone()} />
                    }
                </div>
                <aside class="side" aria-label={ui.t(Text::TicketSide)}>
                    if !ticket.through_task && !ticket.collaborator {
                        <PropertiesForm ticket={ticket.clone()} focus={*focus} saved={saved.clone()} />
                    }
                    <Collaborators ticket={ticket.clone()} saved={saved} />
                    <ContextPanel ticket={ticket.clone()} erased={{ let version = version.clone(); Callback::from(move |()| version.set(*version + 1)) }} />
                    <TicketAttachments ticket_id={s.id.clone()} version={ticket.ticket.events.len() as i64} />
                    if !ticket.through_task && !ticket.collaborator {
                        <TicketMails ticket_id={s.id.clone()} version={ticket.ticket.events.len() as i64} />
                    }
                </aside>
            </div>
        </article>
    }
}
