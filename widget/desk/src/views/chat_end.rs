//! Where a chat ended: the user rates it (the same form as a solved ticket's, sent to the chat's
//! own route, `POST /chats/{id}/csat`) and may have its transcript mailed (one address field,
//! prefilled with the identity's email when the host page gave one; `POST
//! /chats/{id}/transcript`, mailed once per chat). Both go through the outbox, so what is sent
//! offline still arrives. One component for both: each of the module's components costs its own
//! share of Yew's machinery (the desk module's size budget).

use browser_kit::json;
use web_sys::HtmlInputElement;
use wire::limits;
use wire::mail::TranscriptRequest;
use wire::tickets::Csat;
use yew::prelude::*;

use super::rating::Rating;
use super::use_ui;
use widget::edge::{new_key, Sent};
use crate::i18n::{fill, Text};

#[derive(Properties, PartialEq)]
pub struct ChatEndProps {
    pub chat_id: String,
    /// The score given before a reload, if any.
    pub rated: Option<u8>,
}

#[derive(Clone, PartialEq)]
enum Rated {
    Asking,
    Done(u8),
    Queued,
    Failed(String),
}

#[function_component]
pub fn ChatEnd(props: &ChatEndProps) -> Html {
    let ui = use_ui();
    let rated = {
        let before = props.rated;
        use_state(move || before.map_or(Rated::Asking, Rated::Done))
    };
    // One key per form: a double submit or an outbox retry rates once.
    let key = use_memo((), |_| new_key());
    let onrate = {
        let (ui, rated, key, path) = (ui.clone(), rated.clone(), key.clone(), format!("/chats/{}/csat", props.chat_id));
        Callback::from(move |csat: Csat| {
            let (ui, rated, key, path) = (ui.clone(), rated.clone(), key.clone(), path.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let score = csat.score;
                let sent = match &*key {
                    Ok(key) => ui.edge.send("reply", &path, &json::text(&csat), Some(key)).await,
                    Err(error) => Err(error.clone()),
                };
                let outcome = match sent {
                    Ok(Sent::Answered(_)) => Rated::Done(score),
                    Ok(Sent::Queued) => Rated::Queued,
                    Err(error) => Rated::Failed(error.message()),
                };
                // Delivered or in the outbox, which delivers it: either way, rated.
                if matches!(outcome, Rated::Done(_) | Rated::Queued) {
                    ui.edge.remember_chat_rated(score);
                }
                rated.set(outcome);
            });
        })
    };
    let email = {
        let known = ui.edge.identity().email.unwrap_or_default();
        use_state(move || known)
    };
    // `Some(Ok(()))` once asked (or queued offline), `Some(Err(why))` when refused.
    let asked = use_state(|| None::<Result<(), String>>);
    let transcript_key = use_memo((), |_| new_key());
    let onask = {
        let (ui, email, asked, key, path) = (ui.clone(), email.clone(), asked.clone(), transcript_key.clone(), format!("/chats/{}/transcript", props.chat_id));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (ui, asked, key, path, email) = (ui.clone(), asked.clone(), key.clone(), path.clone(), email.trim().to_string());
            wasm_bindgen_futures::spawn_local(async move {
                let sent = match &*key {
                    Ok(key) => ui.edge.send("reply", &path, &json::text(&TranscriptRequest { email }), Some(key)).await,
                    Err(error) => Err(error.clone()),
                };
                asked.set(Some(sent.map(|_| ()).map_err(|error| error.message())));
            });
        })
    };
    let oninput = {
        let email = email.clone();
        Callback::from(move |e: InputEvent| email.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let rating = match &*rated {
        Rated::Done(score) => html! { <p role="status">{ fill(ui.t(Text::Rated), score) }</p> },
        Rated::Queued => html! { <p role="status">{ ui.t(Text::QueuedOffline) }</p> },
        Rated::Asking | Rated::Failed(_) => html! {
            <>
                if let Rated::Failed(message) = &*rated {
                    <p class="error" role="alert">{ ui.t(Text::SendFailed) }{ message }</p>
                }
                <Rating {onrate} />
            </>
        },
    };
    let transcript = match &*asked {
        Some(Ok(())) => html! { <p role="status">{ ui.t(Text::TranscriptAsked) }</p> },
        _ => html! {
            <form onsubmit={onask}>
                <label>{ ui.t(Text::Email) }
                    <input type="email" required=true autocomplete="email" maxlength={limits::EMAIL.to_string()} value={(*email).clone()} {oninput} />
                </label>
                if let Some(Err(message)) = &*asked {
                    <p class="error" role="alert">{ ui.t(Text::SendFailed) }{ message }</p>
                }
                <button type="submit">{ ui.t(Text::TranscriptSend) }</button>
            </form>
        },
    };
    html! { <>{ rating }{ transcript }</> }
}
