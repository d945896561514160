//! My requests: the user's tickets from every channel, newest first, with their status.

use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::use_ui;
use crate::app::{Msg, Screen};
use crate::i18n::{Locale, Text};
use crate::js;

#[derive(Clone, PartialEq)]
struct Summary {
    id: String,
    number: u32,
    subject: String,
    status: String,
}

#[derive(Clone, PartialEq)]
enum Load {
    Pending,
    Ready(Vec<Summary>),
    Failed,
}

#[function_component]
pub fn RequestsView() -> Html {
    let ui = use_ui();
    let load = use_state(|| Load::Pending);
    {
        let (edge, load) = (ui.edge.clone(), load.clone());
        use_effect_with((), move |_| {
            if !edge.knows_requester() {
                load.set(Load::Ready(Vec::new()));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                load.set(match edge.get("/tickets").await {
                    Ok(answer) => Load::Ready(js::array(&answer, "tickets").iter().map(summary).collect()),
                    Err(_) => Load::Failed,
                });
            });
        });
    }
    match &*load {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed => html! { <p class="status" role="alert">{ ui.t(Text::RequestsFailed) }</p> },
        Load::Ready(tickets) if tickets.is_empty() => html! { <p class="status">{ ui.t(Text::NoRequests) }</p> },
        Load::Ready(tickets) => html! {
            <ul class="requests" aria-label={ui.t(Text::TabRequests)}>
                { for tickets.iter().map(|t| {
                    let id = t.id.clone();
                    let onclick = ui.send.reform(move |e: MouseEvent| {
                        e.prevent_default();
                        Msg::Go(Screen::Ticket(id.clone()))
                    });
                    html! {
                        <li>
                            <a href={format!("#help-request-{}", t.id)} {onclick}>
                                <span class="title">{ format!("#{} {}", t.number, t.subject) }</span>
                                <span class={classes!("badge", t.status.clone())}>{ status_text(ui.locale, &t.status) }</span>
                            </a>
                        </li>
                    }
                }) }
            </ul>
        },
    }
}

fn summary(value: &JsValue) -> Summary {
    Summary {
        id: js::text(value, "id"),
        number: js::number(value, "number").unwrap_or(0.0) as u32,
        subject: js::text(value, "subject"),
        status: js::text(value, "status"),
    }
}

/// The requester's words for a ticket status.
pub fn status_text(locale: Locale, status: &str) -> &'static str {
    locale.text(match status {
        "new" => Text::StatusNew,
        "pending" => Text::StatusPending,
        "on_hold" => Text::StatusOnHold,
        "solved" => Text::StatusSolved,
        "closed" => Text::StatusClosed,
        _ => Text::StatusOpen,
    })
}
