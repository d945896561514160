//! "Email me the transcript", right where a chat ended: one address field (prefilled with the
//! identity's email when the host page gave one) sent to `POST /chats/{id}/transcript` through
//! the outbox, like the chat's rating. The edge mails it once per chat.

use browser_kit::json;
use web_sys::HtmlInputElement;
use wire::limits;
use wire::mail::TranscriptRequest;
use yew::prelude::*;

use super::use_ui;
use crate::i18n::{fill, Text};
use widget::edge::new_key;

#[derive(Properties, PartialEq)]
pub struct ChatTranscriptProps {
    pub chat_id: String,
}

#[function_component]
pub fn ChatTranscript(props: &ChatTranscriptProps) -> Html {
    let ui = use_ui();
    let email = {
        let known = ui.edge.identity().email.unwrap_or_default();
        use_state(move || known)
    };
    // `Some(Ok(address))` once asked (or queued offline), `Some(Err(why))` when refused.
    let asked = use_state(|| None::<Result<String, String>>);
    let key = use_memo((), |_| new_key());
    let onsubmit = {
        let (ui, email, asked, key, path) = (ui.clone(), email.clone(), asked.clone(), key.clone(), format!("/chats/{}/transcript", props.chat_id));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ui, asked, key, path, address) = (ui.clone(), asked.clone(), key.clone(), path.clone(), email.trim().to_string());
            wasm_bindgen_futures::spawn_local(async move {
                let body = json::text(&TranscriptRequest { email: address.clone() });
                let sent = match &*key {
                    Ok(key) => ui.edge.send("reply", &path, &body, Some(key)).await,
                    Err(error) => Err(error.clone()),
                };
                asked.set(Some(sent.map(|_| address).map_err(|error| error.message())));
            });
        })
    };
    let oninput = {
        let email = email.clone();
        Callback::from(move |e: InputEvent| email.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    match &*asked {
        Some(Ok(address)) => html! { <p role="status">{ fill(ui.t(Text::TranscriptAsked), address) }</p> },
        _ => html! {
            <form class="transcript" {onsubmit}>
                <label>{ ui.t(Text::Email) }
                    <input type="email" required=true autocomplete="email" maxlength={limits::EMAIL.to_string()} value={(*email).clone()} {oninput} />
                </label>
                if let Some(Err(message)) = &*asked {
                    <p class="error" role="alert">{ ui.t(Text::SendFailed) }{ message }</p>
                }
                <button type="submit">{ ui.t(Text::TranscriptSend) }</button>
            </form>
        },
    }
}
