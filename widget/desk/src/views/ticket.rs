//! One request: its conversation with the agents, a reply box, and once solved, the rating and
//! the "is it still solved?" question — "no" reopens it, so nothing is closed unsolved.

use browser_kit::http::read;
use browser_kit::json;
use web_sys::HtmlTextAreaElement;
use wire::chat::Speaker;
use wire::tickets::{ActorKind, FollowUpAnswer, NewMessage, Reopen, Status};
use wire::views::{PageChange, TicketPage};
use yew::prelude::*;

use super::rating::Rating;
use super::requests::status_text;
use super::use_ui;
use crate::ui::Ui;
use widget::edge::{new_key, EdgeError, Sent};
use crate::i18n::{Shared, Text, fill};

#[derive(Properties, PartialEq)]
pub struct TicketProps {
    pub id: String,
}

#[derive(Clone, PartialEq)]
enum Load {
    Pending,
    Ready(Detail),
    Failed(String),
    Queued,
}

#[derive(Clone, PartialEq)]
struct Detail {
    number: i64,
    subject: String,
    status: Status,
    csat: Option<u8>,
    follow_up_pending: bool,
    /// What the requester may see of the ticket's history, oldest first.
    timeline: Vec<Entry>,
}

#[derive(Clone, PartialEq)]
enum Entry {
    /// Who wrote what.
    Message(ActorKind, String),
    /// The status it moved to.
    Status(Status),
}

#[function_component]
pub fn TicketView(props: &TicketProps) -> Html {
    let ui = use_ui();
    let load = use_state(|| Load::Pending);
    let draft = use_state(String::new);
    {
        let (ui, load, id) = (ui.clone(), load.clone(), props.id.clone());
        use_effect_with(props.id.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                load.set(loaded(ui.edge.get(&format!("/tickets/{id}")).await));
            });
        });
    }
    let Load::Ready(ticket) = &*load else {
        return match &*load {
            Load::Failed(message) => html! { <p class="status" role="alert">{ ui.t(Text::SendFailed) }{ message }</p> },
            Load::Queued => html! { <p class="status" role="status">{ ui.t(Text::QueuedOffline) }</p> },
            _ => html! { <p class="status" role="status">{ ui.t(Shared::Loading) }</p> },
        };
    };
    // Every change answers with the ticket as it is now. Keys make an outbox retry harmless.
    // Bodies arrive as JSON text (`browser_kit::json::text` of the wire type the route takes).
    let change = |path: &'static str| -> Callback<String> {
        let (ui, load, id, draft) = (ui.clone(), load.clone(), props.id.clone(), draft.clone());
        Callback::from(move |body: String| {
            let (ui, load) = (ui.clone(), load.clone());
            let path = format!("/tickets/{id}/{path}");
            draft.set(String::new());
            wasm_bindgen_futures::spawn_local(async move {
                let sent = match new_key() {
                    Ok(key) => ui.edge.send("reply", &path, &body, Some(&key)).await,
                    Err(error) => Err(error),
                };
                load.set(match sent {
                    Ok(Sent::Answered(answer)) => loaded(read(answer)),
                    Ok(Sent::Queued) => Load::Queued,
                    Err(error) => loaded(Err(error)),
                });
            });
        })
    };
    let reopenable = ticket.status.reopenable();
    let write = {
        let draft = draft.clone();
        change(if reopenable { "reopen" } else { "messages" }).reform(move |e: SubmitEvent| {
            e.prevent_default();
            let text = draft.trim().to_string();
            if reopenable { json::text(&Reopen { text }) } else { json::text(&NewMessage { text }) }
        })
    };
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let follow_up = |still_solved: bool| change("follow-up").reform(move |_: MouseEvent| json::text(&FollowUpAnswer { still_solved, comment: None }));
    html! {
        <section class="ticket">
            <h3>{ format!("#{} {}", ticket.number, ticket.subject) }</h3>
            <p><span class={classes!("badge", ticket.status.as_str())}>{ status_text(ui.state.locale, ticket.status) }</span></p>
            <div role="log" aria-live="polite"><ol class="log">
                { for ticket.timeline.iter().map(|entry| match entry {
                    Entry::Message(who, text) => html! {
                        <li class={classes!(who.as_str())}><span class="who">{ speaker(&ui, *who) }</span>{ text }</li>
                    },
                    Entry::Status(to) => html! {
                        <li class="system">{ ui.t(Text::StatusChanged) }{ status_text(ui.state.locale, *to) }</li>
                    },
                }) }
            </ol></div>
            if ticket.follow_up_pending {
                <div class="follow-up" role="group" aria-label={ui.t(Text::StillSolved)}>
                    <span>{ ui.t(Text::StillSolved) }</span>
                    <button type="button" onclick={follow_up(true)}>{ ui.t(Shared::Yes) }</button>
                    <button type="button" onclick={follow_up(false)}>{ ui.t(Shared::No) }</button>
                </div>
            }
            if ticket.status.takes_messages() {
                <form class="composer" onsubmit={write}>
                    <textarea required=true aria-label={ui.t(Text::ReplyLabel)} rows="2" value={(*draft).clone()} oninput={on_draft} />
                    <button type="submit">{ ui.t(if reopenable { Text::Reopen } else { Text::Reply }) }</button>
                </form>
            }
            if ticket.status.rateable() {
                if let Some(rated) = ticket.csat {
                    <p>{ fill(ui.t(Text::Rated), rated) }</p>
                } else {
                    <Rating onrate={change("csat").reform(|csat| json::text(&csat))} />
                }
            }
        </section>
    }
}

fn loaded(answer: Result<TicketPage, EdgeError>) -> Load {
    match answer {
        Ok(ticket) => Load::Ready(detail(ticket)),
        Err(error) => Load::Failed(error.message()),
    }
}

fn detail(ticket: TicketPage) -> Detail {
    let timeline = ticket
        .events
        .into_iter()
        .flat_map(|event| match event.change {
            PageChange::Message { text } => vec![Entry::Message(event.actor.kind, text)],
            PageChange::Status { to } => vec![Entry::Status(to)],
            // A live chat's transcript, line by line, in the same conversation.
            PageChange::Chat { messages } => messages.into_iter().map(|m| Entry::Message(chat_speaker(m.role), m.text)).collect(),
            PageChange::Other => Vec::new(),
        })
        .collect();
    Detail {
        number: ticket.summary.number,
        subject: ticket.summary.subject,
        status: ticket.summary.status,
        csat: ticket.csat.map(|c| c.score),
        follow_up_pending: ticket.follow_up_pending,
        timeline,
    }
}

/// A chat role as the timeline's actor kind.
fn chat_speaker(role: Speaker) -> ActorKind {
    match role {
        Speaker::User => ActorKind::Requester,
        Speaker::Agent => ActorKind::Agent,
        Speaker::Bot | Speaker::System => ActorKind::System,
    }
}

fn speaker(ui: &Ui, kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Requester => ui.t(Shared::You),
        ActorKind::Agent => ui.t(Text::AgentSays),
        ActorKind::System => ui.t(Text::SystemSays),
    }
}
