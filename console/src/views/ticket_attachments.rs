//! The files kept from the ticket's inbound mail, each a download fetched with the agent's own
//! credentials (the edge serves them to nobody else; there is no public link to share). What was
//! not kept, and why, is a note in the timeline.

use std::cell::Cell;
use std::rc::Rc;

use browser_kit::download;
use browser_kit::http::EdgeError;
use gloo_timers::future::TimeoutFuture;
use wire::mail::TicketAttachments as Attachments;
use yew::prelude::*;

use super::{use_session, use_ui};
use crate::api::Api;
use crate::i18n::Text;

/// The waits before reading again after a transient failure (offline, 429, 5xx): the list is
/// read once per ticket version, so a failure left alone would hide the files until the ticket
/// next changes.
const RETRY_WAITS_MS: [u32; 3] = [1_000, 2_000, 4_000];

async fn read_retrying(api: &Api, id: &str, replaced: &Cell<bool>) -> Result<Attachments, EdgeError> {
    let mut waits = RETRY_WAITS_MS.iter();
    loop {
        match api.attachments(id).await {
            Err(error) if error.is_transient() && !replaced.get() => match waits.next() {
                Some(&wait) => TimeoutFuture::new(wait).await,
                None => return Err(error),
            },
            read => return read,
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct TicketAttachmentsProps {
    pub ticket_id: String,
    /// The ticket's version: a threaded mail reads them again.
    pub version: i64,
}

#[function_component]
pub fn TicketAttachments(props: &TicketAttachmentsProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let files = use_state(|| None::<Result<Attachments, String>>);
    let failed = use_state(|| None::<String>);
    {
        let (api, files) = (session.api.clone(), files.clone());
        use_effect_with((props.ticket_id.clone(), props.version), move |(id, _)| {
            let id = id.clone();
            // A newer version (or another ticket) replaces this read: its late answer is dropped.
            let replaced = Rc::new(Cell::new(false));
            let current = replaced.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = read_retrying(&api, &id, &current).await;
                if !current.get() {
                    files.set(Some(read.map_err(|e| e.message())));
                }
            });
            move || replaced.set(true)
        });
    }
    let fetch = |id: String, name: String| {
        let (api, failed, ticket) = (session.api.clone(), failed.clone(), props.ticket_id.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, failed, ticket, id, name) = (api.clone(), failed.clone(), ticket.clone(), id.clone(), name.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.attachment(&ticket, &id).await {
                    Ok(blob) => download::file(&name, &blob),
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    match &*files {
        Some(Ok(found)) if !found.attachments.is_empty() => html! {
            <>
                <h3>{ ui.t(Text::Attachments) }</h3>
                <ul class="attachments">
                    { for found.attachments.iter().map(|a| html! {
                        <li>
                            <button type="button" onclick={fetch(a.id.clone(), a.filename.clone())}>{ &a.filename }</button>
                            { format!(" · {} · {} KiB", a.content_type, a.size.div_ceil(1024)) }
                        </li>
                    }) }
                </ul>
                if let Some(message) = &*failed {
                    <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
                }
            </>
        },
        Some(Err(message)) => html! { <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p> },
        _ => html! {},
    }
}
