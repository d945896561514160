//! My requests: the user's tickets from every channel, newest first, with their status, and the
//! user's copy of their data.

use browser_kit::download;
use widget::js;
use wire::tickets::Status;
use wire::views::{TicketLine, TicketLines};
use yew::prelude::*;

use super::use_ui;
use widget::desk::protocol::Place;
use crate::i18n::{Locale, Shared, Text};

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
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Shared::Loading) }</p> },
        Load::Failed => html! { <p class="status" role="alert">{ ui.t(Text::RequestsFailed) }</p> },
        Load::Ready(tickets) if tickets.is_empty() => html! { <p class="status">{ ui.t(Text::NoRequests) }</p> },
        Load::Ready(tickets) => html! {
            <>
                <ul class="requests" aria-label={ui.t(Shared::TabRequests)}>
                    { for tickets.iter().map(|t| {
                        let id = t.id.clone();
                        let go = ui.clone();
                        let onclick = Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            go.go(Place::Ticket(id.clone()));
                        });
                        html! {
                            <li>
                                <a href={format!("#help-request-{}", t.id)} {onclick}>
                                    <span class="title">{ format!("#{} {}", t.number, t.subject) }</span>
                                    <span class={classes!("badge", t.status.as_str())}>{ status_text(ui.state.locale, t.status) }</span>
                                </a>
                            </li>
                        }
                    }) }
                </ul>
                <DownloadMyData />
            </>
        },
    }
}

/// The user's copy of what the help desk keeps about them — every request with its public log
/// and what the widget sent along — as a JSON file (the edge's `GET /tickets/export`).
#[function_component]
fn DownloadMyData() -> Html {
    let ui = use_ui();
    let failed = use_state(|| None::<String>);
    let onclick = {
        let (edge, failed) = (ui.edge.clone(), failed.clone());
        Callback::from(move |_| {
            let (edge, failed) = (edge.clone(), failed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match edge.get_json("/tickets/export").await {
                    Ok(data) => {
                        failed.set(None);
                        download::json("my-help-requests.json", &js::to_json(&data));
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    html! {
        <>
            <button type="button" class="link" {onclick}>{ ui.t(Text::DownloadMyData) }</button>
            if let Some(message) = &*failed {
                <p class="error" role="alert">{ ui.t(Text::DownloadFailed) }{ message }</p>
            }
        </>
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
