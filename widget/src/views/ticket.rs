//! One request: its conversation with the agents, a reply box, and once solved, the rating and
//! the "is it still solved?" question — "no" reopens it, so nothing is closed unsolved.

use wasm_bindgen::JsValue;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::rating::Rating;
use super::requests::status_text;
use super::use_ui;
use crate::app::Ui;
use crate::edge::{new_key, EdgeError, Sent};
use crate::i18n::{fill, Text};
use crate::js;

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
    number: u32,
    subject: String,
    status: String,
    csat: Option<u32>,
    follow_up_pending: bool,
    /// What the requester may see of the ticket's history, oldest first.
    timeline: Vec<Entry>,
}

#[derive(Clone, PartialEq)]
enum Entry {
    /// Who (`requester`, `agent`, `system`) wrote what.
    Message(String, String),
    /// The status it moved to.
    Status(String),
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
            _ => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        };
    };
    // Every change answers with the ticket as it is now. Keys make an outbox retry harmless.
    let change = |path: &'static str| -> Callback<JsValue> {
        let (ui, load, id, draft) = (ui.clone(), load.clone(), props.id.clone(), draft.clone());
        Callback::from(move |body: JsValue| {
            let (ui, load) = (ui.clone(), load.clone());
            let path = format!("/tickets/{id}/{path}");
            draft.set(String::new());
            wasm_bindgen_futures::spawn_local(async move {
                load.set(match ui.edge.send("reply", &path, &body, Some(&new_key())).await {
                    Ok(Sent::Answered(answer)) => loaded(Ok(answer)),
                    Ok(Sent::Queued) => Load::Queued,
                    Err(error) => loaded(Err(error)),
                });
            });
        })
    };
    let solved = matches!(ticket.status.as_str(), "solved" | "closed");
    let reopenable = ticket.status == "solved";
    let write = {
        let draft = draft.clone();
        change(if reopenable { "reopen" } else { "messages" }).reform(move |e: SubmitEvent| {
            e.prevent_default();
            js::object(&[("text", draft.trim().into())])
        })
    };
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let follow_up = |still_solved: bool| change("follow-up").reform(move |_: MouseEvent| js::object(&[("still_solved", still_solved.into())]));
    html! {
        <section class="ticket">
            <h3>{ format!("#{} {}", ticket.number, ticket.subject) }</h3>
            <p><span class={classes!("badge", ticket.status.clone())}>{ status_text(ui.locale, &ticket.status) }</span></p>
            <div role="log" aria-live="polite"><ol class="log">
                { for ticket.timeline.iter().map(|entry| match entry {
                    Entry::Message(who, text) => html! {
                        <li class={classes!(who.clone())}><span class="who">{ speaker(&ui, who) }</span>{ text }</li>
                    },
                    Entry::Status(to) => html! {
                        <li class="system">{ ui.t(Text::StatusChanged) }{ status_text(ui.locale, to) }</li>
                    },
                }) }
            </ol></div>
            if ticket.follow_up_pending {
                <div class="follow-up" role="group" aria-label={ui.t(Text::StillSolved)}>
                    <span>{ ui.t(Text::StillSolved) }</span>
                    <button type="button" onclick={follow_up(true)}>{ ui.t(Text::Yes) }</button>
                    <button type="button" onclick={follow_up(false)}>{ ui.t(Text::No) }</button>
                </div>
            }
            if ticket.status != "closed" {
                <form class="composer" onsubmit={write}>
                    <textarea required=true aria-label={ui.t(Text::ReplyLabel)} rows="2" value={(*draft).clone()} oninput={on_draft} />
                    <button type="submit">{ ui.t(if reopenable { Text::Reopen } else { Text::Reply }) }</button>
                </form>
            }
            if solved {
                if let Some(rated) = ticket.csat {
                    <p>{ fill(ui.t(Text::Rated), rated) }</p>
                } else {
                    <Rating onrate={change("csat")} />
                }
            }
        </section>
    }
}

fn loaded(answer: Result<JsValue, EdgeError>) -> Load {
    match answer {
        Ok(ticket) => Load::Ready(detail(&ticket)),
        Err(error) => Load::Failed(error.message()),
    }
}

fn detail(ticket: &JsValue) -> Detail {
    let timeline = js::array(ticket, "events")
        .iter()
        .filter_map(|e| match js::text(e, "type").as_str() {
            "message" => Some(vec![Entry::Message(js::text(&js::get(e, "actor"), "kind"), js::text(e, "text"))]),
            "status" => Some(vec![Entry::Status(js::text(e, "to"))]),
            // A live chat's transcript, line by line, in the same conversation.
            "chat" => Some(js::array(e, "messages").iter().map(|m| Entry::Message(chat_speaker(&js::text(m, "role")), js::text(m, "text"))).collect()),
            _ => None,
        })
        .flatten()
        .collect();
    let csat = js::get(ticket, "csat");
    Detail {
        number: js::number(ticket, "number").unwrap_or(0.0) as u32,
        subject: js::text(ticket, "subject"),
        status: js::text(ticket, "status"),
        csat: js::number(&csat, "score").map(|s| s as u32),
        follow_up_pending: js::boolean(ticket, "follow_up_pending"),
        timeline,
    }
}

/// A chat role as the timeline's actor kind.
fn chat_speaker(role: &str) -> String {
    match role {
        "user" => "requester",
        "agent" => "agent",
        _ => "system",
    }
    .to_string()
}

fn speaker(ui: &Ui, kind: &str) -> &'static str {
    ui.t(match kind {
        "requester" => Text::You,
        "agent" => Text::AgentSays,
        _ => Text::SystemSays,
    })
}
