//! Sign-in with an agent token (from `edge/tools/agents.mjs`): checked against `GET /agent/me`
//! before it is kept for the tab.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::use_ui;
use crate::api::Api;
use crate::app::{Msg, Session};
use crate::i18n::Text;
use wire::error::ErrorCode;

#[derive(Clone, PartialEq)]
enum State {
    Editing,
    Checking,
    Refused(Text),
}

#[function_component]
pub fn SignIn() -> Html {
    let ui = use_ui();
    let token = use_state(String::new);
    let state = use_state(|| State::Editing);
    let onsubmit = {
        let (ui, token, state) = (ui.clone(), token.clone(), state.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if token.trim().is_empty() || *state == State::Checking {
                return;
            }
            state.set(State::Checking);
            let (api, send, state) = (Api::new(&token), ui.send.clone(), state.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.me().await {
                    Ok(me) => send.emit(Msg::SignedIn(Session { api: Rc::new(api), me: Rc::new(me) })),
                    Err(error) if error.is(ErrorCode::Unauthorized) => state.set(State::Refused(Text::TokenRefused)),
                    Err(_) => state.set(State::Refused(Text::EdgeUnreachable)),
                }
            });
        })
    };
    let oninput = {
        let token = token.clone();
        Callback::from(move |e: InputEvent| token.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let refused = match *state {
        State::Refused(text) => Some(text),
        _ => None,
    };
    html! {
        <main id="main" class="sign-in">
            <h1 tabindex="-1">{ ui.t(Text::SignInTitle) }</h1>
            <p class="hint">{ ui.t(Text::SignInHint) }</p>
            <form {onsubmit}>
                <label for="agent-token">{ ui.t(Text::AgentToken) }</label>
                <input id="agent-token" type="password" autocomplete="off" required=true value={(*token).clone()} {oninput}
                       aria-invalid={refused.map(|_| "true")} aria-describedby={refused.map(|_| "sign-in-error")} />
                if let Some(text) = refused {
                    <p id="sign-in-error" class="error" role="alert">{ ui.t(text) }</p>
                }
                <button type="submit" disabled={*state == State::Checking}>
                    { ui.t(if *state == State::Checking { Text::SigningIn } else { Text::SignIn }) }
                </button>
            </form>
        </main>
    }
}
