//! My requests: the user's tickets from every channel, newest first, with their status.

use wire::tickets::Status;
use wire::views::{TicketLine, TicketLines};
use yew::prelude::*;

use super::use_ui;
use crate::app::{Msg, Screen};
use crate::i18n::{Locale, Text};

#[derive(Clone, PartialEq)]
enum Load {
    Pending,
    Ready(Vec<TicketLine>),
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
                load.set(match edge.get::<TicketLines>("/tickets").await {
                    Ok(list) => Load::Ready(list.tickets),
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
                                <span class={classes!("badge", t.status.as_str())}>{ status_text(ui.locale, t.status) }</span>
                            </a>
                        </li>
                    }
                }) }
            </ul>
        },
    }
}

/// The requester's words for a ticket status.
pub fn status_text(locale: Locale, status: Status) -> &'static str {
    locale.text(match status {
        Status::New => Text::StatusNew,
        Status::Open => Text::StatusOpen,
        Status::Pending => Text::StatusPending,
        Status::OnHold => Text::StatusOnHold,
        Status::Solved => Text::StatusSolved,
        Status::Closed => Text::StatusClosed,
    })
}
