//! "Call me back": offered when nobody can chat now. The user leaves a number and a time; the
//! edge files it, with what they wrote in the contact form and their journey, as a hotline
//! ticket (`POST /callbacks`), through the outbox like a ticket.

use browser_kit::json;
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use wire::chat_admission::NewChat;
use wire::error::ErrorCode;
use wire::limits;
use wire::tickets::CallbackRequest;
use yew::prelude::*;

use super::contact::{file_ticket, Outcome};
use super::use_ui;
use widget::edge::{new_key, EdgeError};
use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct CallbackProps {
    /// What the contact form holds now, as the chat request it would have been: the call is
    /// about this.
    pub request: NewChat,
    /// Hears `Booked` (or `Queued` offline); failures stay on this form.
    pub on_done: Callback<Outcome>,
}

#[function_component]
pub fn CallbackForm(props: &CallbackProps) -> Html {
    let ui = use_ui();
    let phone = use_state(String::new);
    let when = use_state(String::new);
    let sending = use_state(|| false);
    let failed = use_state(|| None::<EdgeError>);
    // One key per form: a double submit or an offline retry books one call.
    let key = use_memo((), |_| new_key());
    let onsubmit = {
        let (ui, phone, when, sending, failed, key) = (ui.clone(), phone.clone(), when.clone(), sending.clone(), failed.clone(), key.clone());
        let (request, on_done) = (props.request.clone(), props.on_done.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *sending {
                return;
            }
            sending.set(true);
            // A datetime-local value has no zone: the browser reads it as the user's local time,
            // whose offset then goes along so the confirmation mail says the time they picked.
            let picked = js_sys::Date::new(&JsValue::from_str(&when));
            let (at, utc_offset_minutes) = (picked.get_time() as i64, Some(-(picked.get_timezone_offset() as i64)));
            let body = json::text(&CallbackRequest { phone: phone.trim().to_string(), at, utc_offset_minutes, about: request.clone() });
            let (ui, sending, failed, key, on_done) = (ui.clone(), sending.clone(), failed.clone(), key.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match file_ticket(&ui, "/callbacks", &body, &key).await {
                    Outcome::Filed(number) => on_done.emit(Outcome::Booked(number)),
                    Outcome::Failed(error) => {
                        failed.set(Some(error));
                        sending.set(false);
                    }
                    queued => on_done.emit(queued),
                }
            });
        })
    };
    let field = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    html! {
        <form class="callback" aria-labelledby="hw-callback" {onsubmit}>
            <h4 id="hw-callback">{ ui.t(Text::CallbackTitle) }</h4>
            <p class="hint">{ ui.t(Text::CallbackIntro) }</p>
            <label>{ ui.t(Text::Phone) }
                <input type="tel" required=true autocomplete="tel" maxlength={limits::PHONE.to_string()} value={(*phone).clone()} oninput={field(&phone)} />
            </label>
            <label>{ ui.t(Text::CallbackTime) }
                <input type="datetime-local" required=true value={(*when).clone()} oninput={field(&when)} />
            </label>
            if let Some(error) = &*failed {
                // The edge names what it refused in English; say in the user's language what to check.
                <p class="error" role="alert">
                    { ui.t(if error.is(ErrorCode::Invalid) { Text::CallbackCheck } else { Text::SendFailed }) }{ error.message() }
                </p>
            }
            <button type="submit" disabled={*sending}>{ ui.t(if *sending { Text::Sending } else { Text::CallbackSend }) }</button>
        </form>
    }
}
