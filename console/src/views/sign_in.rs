//! Signing in: email and password (`POST /team/sign-in`, the site named by the page), or, in the
//! section below, a token for integrations and demos (from `edge/tools/agents.mjs` or the Team screen).
//! Either is checked against `GET /agent/me` before it is kept for the tab. An invitation's link
//! (`#/accept/<token>`) shows the page that sets the password instead.

use std::rc::Rc;

use browser_kit::http::EdgeError;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::accept::Accept;
use super::use_ui;
use crate::api::Api;
use crate::app::{Msg, Session};
use crate::i18n::Text;
use crate::route::Screen;
use crate::session;

/// Where a sign-in form (this page's, or an invitation's) is: being filled, waiting for the
/// edge, or refused with the reason shown.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum State {
    Editing,
    Checking,
    Refused(Text),
}

#[function_component]
pub fn SignIn() -> Html {
    let ui = use_ui();
    if let Screen::Accept(token) = &ui.screen {
        return html! { <Accept token={token.clone()} /> };
    }
    html! {
        <main id="main" class="sign-in">
            <h1 tabindex="-1">{ ui.t(Text::SignInTitle) }</h1>
            <p class="hint">{ ui.t(Text::SignInHint) }</p>
            <PasswordForm />
            <section class="token-sign-in" aria-labelledby="token-sign-in-title">
                <h2 id="token-sign-in-title">{ ui.t(Text::TokenAlternative) }</h2>
                <TokenForm />
            </section>
        </main>
    }
}

#[function_component]
fn PasswordForm() -> Html {
    let ui = use_ui();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let state = use_state(|| State::Editing);
    let onsubmit = {
        let (ui, email, password, state) = (ui.clone(), email.clone(), password.clone(), state.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *state == State::Checking {
                return;
            }
            state.set(State::Checking);
            let (send, state, email, password) = (ui.send.clone(), state.clone(), (*email).clone(), (*password).clone());
            wasm_bindgen_futures::spawn_local(async move {
                let signed_in = match Api::sign_in(&site(), &email, &password).await {
                    Ok(granted) => enter(Api::new(&granted.token), true).await,
                    Err(error) => Err(error),
                };
                match signed_in {
                    Ok(session) => send.emit(Msg::SignedIn(session)),
                    Err(error) => state.set(State::Refused(refusal(&error, Text::PasswordRefused))),
                }
            });
        })
    };
    let refused = match *state {
        State::Refused(text) => Some(text),
        _ => None,
    };
    html! {
        <form class="password-sign-in" {onsubmit}>
            <label for="sign-in-email">{ ui.t(Text::Email) }</label>
            <input id="sign-in-email" type="email" autocomplete="username" required=true value={(*email).clone()} oninput={keep(&email)}
                   aria-invalid={refused.map(|_| "true")} aria-describedby={refused.map(|_| "password-error")} />
            <label for="sign-in-password">{ ui.t(Text::Password) }</label>
            <input id="sign-in-password" type="password" autocomplete="current-password" required=true value={(*password).clone()} oninput={keep(&password)}
                   aria-invalid={refused.map(|_| "true")} aria-describedby={refused.map(|_| "password-error")} />
            if let Some(text) = refused {
                <p id="password-error" class="error" role="alert">{ ui.t(text) }</p>
            }
            <button type="submit" disabled={*state == State::Checking}>
                { ui.t(if *state == State::Checking { Text::SigningIn } else { Text::SignIn }) }
            </button>
        </form>
    }
}

#[function_component]
fn TokenForm() -> Html {
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
                match enter(api, false).await {
                    Ok(session) => send.emit(Msg::SignedIn(session)),
                    Err(error) => state.set(State::Refused(refusal(&error, Text::TokenRefused))),
                }
            });
        })
    };
    let refused = match *state {
        State::Refused(text) => Some(text),
        _ => None,
    };
    html! {
        <form {onsubmit}>
            <label for="agent-token">{ ui.t(Text::AgentToken) }</label>
            <input id="agent-token" type="password" autocomplete="off" required=true value={(*token).clone()} oninput={keep(&token)}
                   aria-invalid={refused.map(|_| "true")} aria-describedby={refused.map(|_| "sign-in-error")} />
            if let Some(text) = refused {
                <p id="sign-in-error" class="error" role="alert">{ ui.t(text) }</p>
            }
            <button type="submit" disabled={*state == State::Checking}>
                { ui.t(if *state == State::Checking { Text::SigningIn } else { Text::SignInWithToken }) }
            </button>
        </form>
    }
}

/// Asks who the credential belongs to; a session of a password (or an accepted invitation) is
/// marked so that signing out ends it at the edge too.
pub async fn enter(api: Api, by_password: bool) -> Result<Session, EdgeError> {
    let me = api.me().await?;
    if by_password {
        session::keep_by_password();
    }
    Ok(Session { api: Rc::new(api), me: Rc::new(me) })
}

/// What to say when the edge refused: `wrong` for a 401, else why.
pub fn refusal(error: &EdgeError, wrong: Text) -> Text {
    match error {
        EdgeError::Refused { status: 401, .. } => wrong,
        EdgeError::Refused { status: 429, .. } => Text::TooManyAttempts,
        EdgeError::Refused { status: 400 | 422, .. } => wrong,
        _ => Text::EdgeUnreachable,
    }
}

/// An input that keeps its value in `state`.
pub fn keep(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(e.target_unchecked_into::<HtmlInputElement>().value()))
}

/// The site this console serves: `?site=` in its address, else the page's `data-site`.
fn site() -> String {
    let window = web_sys::window();
    let search = window.as_ref().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let named = search.trim_start_matches('?').split('&').find_map(|pair| pair.strip_prefix("site=")).filter(|s| !s.is_empty()).map(str::to_string);
    named.or_else(|| window?.document()?.query_selector("[data-site]").ok()??.get_attribute("data-site")).unwrap_or_default()
}
