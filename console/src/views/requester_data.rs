//! A requester's data, from one of their tickets (admins): export everything about them as JSON,
//! or erase their personal data (after a confirmation; their messages too if ticked).

use browser_kit::locale::fill;
use wire::team::{Erasure, RequesterRef};
use yew::prelude::*;

use super::{use_session, use_ui};
use browser_kit::download;
use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct RequesterDataProps {
    pub ticket_id: String,
    /// After an erasure, so the ticket shows what is left.
    pub erased: Callback<()>,
}

#[function_component]
pub fn RequesterData(props: &RequesterDataProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let confirming = use_state(|| false);
    let messages = use_state(|| false);
    let failed = use_state(|| None::<String>);
    let export = {
        let (api, id, failed, ui) = (session.api.clone(), props.ticket_id.clone(), failed.clone(), ui.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, id, failed, ui) = (api.clone(), id.clone(), failed.clone(), ui.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.export_requester(&id).await {
                    Ok(value) => {
                        let text = js_sys::JSON::stringify_with_replacer_and_space(&value, &wasm_bindgen::JsValue::NULL, &2.into()).ok().and_then(|t| t.as_string()).unwrap_or_default();
                        download::json(&format!("requester-of-{id}.json"), &text);
                        ui.announce(ui.t(Text::Exported));
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let erase = {
        let (api, id, failed, ui, confirming, messages, erased) = (session.api.clone(), props.ticket_id.clone(), failed.clone(), ui.clone(), confirming.clone(), messages.clone(), props.erased.clone());
        Callback::from(move |_: MouseEvent| {
            let erasure = Erasure { requester: RequesterRef::OfTicket { ticket_id: id.clone() }, messages: *messages };
            let (api, failed, ui, confirming, erased) = (api.clone(), failed.clone(), ui.clone(), confirming.clone(), erased.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.erase_requester(&erasure).await {
                    Ok(done) => {
                        confirming.set(false);
                        ui.announce(fill(ui.t(Text::ErasedTickets), done.tickets.len()));
                        erased.emit(());
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let toggle = {
        let messages = messages.clone();
        Callback::from(move |_: Event| messages.set(!*messages))
    };
    html! {
        <>
            <h3>{ ui.t(Text::RequesterData) }</h3>
            <p class="requester-data">
                <button type="button" onclick={export}>{ ui.t(Text::ExportRequester) }</button>
                <button type="button" aria-expanded={if *confirming { "true" } else { "false" }} onclick={{ let c = confirming.clone(); Callback::from(move |_: MouseEvent| c.set(!*c)) }}>
                    { ui.t(Text::EraseRequester) }
                </button>
            </p>
            if *confirming {
                <div class="confirm-erase" role="group" aria-label={ui.t(Text::EraseRequester)}>
                    <p>{ ui.t(Text::EraseWarning) }</p>
                    <label for="erase-messages"><input id="erase-messages" type="checkbox" checked={*messages} onchange={toggle} />{ ui.t(Text::EraseMessages) }</label>
                    <button type="button" class="danger" onclick={erase}>{ ui.t(Text::ConfirmErase) }</button>
                    <button type="button" onclick={{ let c = confirming.clone(); Callback::from(move |_: MouseEvent| c.set(false)) }}>{ ui.t(Text::Cancel) }</button>
                </div>
            }
            if let Some(message) = &*failed {
                <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
            }
        </>
    }
}
