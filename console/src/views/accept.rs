//! An invitation's (or a credential rotation's) one-time link, `#/accept/<token>`: the person
//! chooses their password, twice, and is signed in.

use yew::prelude::*;

use super::sign_in::{enter, keep, refusal, State};
use super::use_ui;
use crate::api::Api;
use crate::app::Msg;
use crate::i18n::Text;
use crate::route::Screen;

#[derive(Properties, PartialEq)]
pub struct AcceptProps {
    pub token: String,
}

#[function_component]
pub fn Accept(props: &AcceptProps) -> Html {
    let ui = use_ui();
    let password = use_state(String::new);
    let again = use_state(String::new);
    let state = use_state(|| State::Editing);
    let onsubmit = {
        let (ui, password, again, state, token) = (ui.clone(), password.clone(), again.clone(), state.clone(), props.token.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *state == State::Checking {
                return;
            }
            // The edge checks the same rule; asking here spares a round trip.
            if desk::password::check_new(&password).is_err() {
                return state.set(State::Refused(Text::PasswordTooShort));
            }
            if *password != *again {
                return state.set(State::Refused(Text::PasswordsDiffer));
            }
            state.set(State::Checking);
            let (send, state, token, password) = (ui.send.clone(), state.clone(), token.clone(), (*password).clone());
            wasm_bindgen_futures::spawn_local(async move {
                let signed_in = match Api::accept(&token, &password).await {
                    Ok(granted) => enter(Api::new(&granted.token), true).await,
                    Err(error) => Err(error),
                };
                match signed_in {
                    Ok(session) => {
                        send.emit(Msg::SignedIn(session));
                        // The one-time token leaves the address bar (and the history entry).
                        if let Some(location) = web_sys::window().map(|w| w.location()) {
                            let _ = location.replace(&Screen::Tickets.hash());
                        }
                    }
                    Err(error) => state.set(State::Refused(refusal(&error, Text::InvitationRefused))),
                }
            });
        })
    };
    let refused = match *state {
        State::Refused(text) => Some(text),
        _ => None,
    };
    let described = refused.map(|_| "accept-error");
    html! {
        <main id="main" class="sign-in">
            <h1 tabindex="-1">{ ui.t(Text::AcceptTitle) }</h1>
            <p class="hint">{ ui.t(Text::AcceptHint) }</p>
            <form {onsubmit}>
                <label for="new-password">{ ui.t(Text::Password) }</label>
                <input id="new-password" type="password" autocomplete="new-password" required=true value={(*password).clone()} oninput={keep(&password)}
                       aria-invalid={refused.map(|_| "true")} aria-describedby={described} />
                <label for="new-password-again">{ ui.t(Text::PasswordAgain) }</label>
                <input id="new-password-again" type="password" autocomplete="new-password" required=true value={(*again).clone()} oninput={keep(&again)}
                       aria-invalid={refused.map(|_| "true")} aria-describedby={described} />
                if let Some(text) = refused {
                    <p id="accept-error" class="error" role="alert">{ ui.t(text) }</p>
                }
                <button type="submit" disabled={*state == State::Checking}>{ ui.t(Text::AcceptButton) }</button>
            </form>
        </main>
    }
}
