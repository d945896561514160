//! The ticket's whole history, oldest first: the requester's first words, messages, internal
//! notes (marked and styled apart: the requester never sees them), and every change.

use std::rc::Rc;

use wire::agent::AgentTicket;
use wire::tickets::{ActorKind, Change, SlaTarget};
use yew::prelude::*;

use super::{use_session, use_ui};
use crate::app::{Session, Ui};
use crate::i18n::Text;
use crate::labels;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub ticket: Rc<AgentTicket>,
}

#[function_component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let t = &props.ticket.ticket;
    let requester = t.name.clone().unwrap_or_else(|| ui.t(Text::Requester).to_string());
    html! {
        <section class="timeline" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ ui.t(Text::Timeline) }</h2>
            <ol>
                <li class="entry message requester">
                    <p class="meta"><span class="who">{ requester }</span>{ " · " }<time>{ labels::time(ui.locale, t.summary.created_at) }</time></p>
                    <p class="text">{ &t.description }</p>
                </li>
                { for t.events.iter().map(|e| {
                    let (class, body) = describe(&ui, &session, &e.change);
                    let kind = match e.actor.kind {
                        ActorKind::Requester => "requester",
                        ActorKind::Agent => "agent",
                        ActorKind::System => "system",
                    };
                    html! {
                        <li class={classes!("entry", class, kind)}>
                            <p class="meta">
                                <span class="who">{ &e.actor.name }</span>{ " · " }<time>{ labels::time(ui.locale, e.at) }</time>
                                if class == "note" {
                                    <span class="badge internal">{ ui.t(Text::InternalNote) }</span>
                                }
                            </p>
                            { body }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

/// The entry's class and its content; user-written text goes in as text nodes only.
fn describe(ui: &Ui, session: &Session, change: &Change) -> (&'static str, Html) {
    let line = |text: String| html! { <p class="change">{ text }</p> };
    let from_to = |template: Text, from: &str, to: &str| ui.t(template).replace("{from}", from).replace("{to}", to);
    match change {
        Change::Message { text } => ("message", html! { <p class="text">{ text }</p> }),
        Change::Note { text } => ("note", html! { <p class="text">{ text }</p> }),
        Change::Status { from, to } => ("change", line(from_to(Text::ChangedStatus, ui.t(labels::status(*from)), ui.t(labels::status(*to))))),
        Change::Priority { from, to } => ("change", line(from_to(Text::ChangedPriority, ui.t(labels::priority(*from)), ui.t(labels::priority(*to))))),
        Change::Department { from, to, note } => (
            "note",
            html! {
                <>
                    { line(from_to(Text::ChangedDepartment, from, to)) }
                    <p class="text">{ note }</p>
                </>
            },
        ),
        Change::Assignee { from, to } => {
            let name = |id: &Option<String>| id.as_deref().map_or_else(|| ui.t(Text::Unassigned).to_string(), |id| session.agent_name(id));
            ("change", line(from_to(Text::ChangedAssignee, &name(from), &name(to))))
        }
        Change::Csat { score, comment } => (
            "change",
            html! {
                <>
                    { line(browser_kit::locale::fill(ui.t(Text::Rated), score)) }
                    if let Some(comment) = comment {
                        <p class="text">{ comment }</p>
                    }
                </>
            },
        ),
        Change::FollowUpAsked => ("change", line(ui.t(Text::FollowUpAsked).to_string())),
        Change::Chat { messages, .. } => (
            "message",
            html! {
                <details class="chat">
                    <summary>{ browser_kit::locale::fill(ui.t(Text::ChatTranscript), messages.len()) }</summary>
                    <ol class="transcript">
                        { for messages.iter().map(|m| html! { <li><span class="who">{ &m.name }</span>{ " " }{ &m.text }</li> }) }
                    </ol>
                </details>
            },
        ),
        Change::FollowUpAnswered { still_solved } => ("change", line(ui.t(if *still_solved { Text::StillSolved } else { Text::NotSolved }).to_string())),
        Change::SlaBreached { target } => (
            "change breach",
            line(ui.t(match target {
                SlaTarget::FirstResponse => Text::BreachedFirstResponse,
                SlaTarget::Resolution => Text::BreachedResolution,
            }).to_string()),
        ),
    }
}
