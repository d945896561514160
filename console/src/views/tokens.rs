//! Integration tokens (admins): listed with their scopes, made for a label and scopes (the token
//! is shown once), revoked.

use browser_kit::locale::fill;
use wire::team::{ApiToken, NewApiToken, TokenScope};
use yew::prelude::*;

use super::checks::checkboxes;
use super::sign_in::keep;
use super::{use_session, use_ui, Load};
use crate::i18n::Text;
use crate::labels;
use crate::team_labels::{self, SCOPES};

#[function_component]
pub fn TokensPanel() -> Html {
    let ui = use_ui();
    let session = use_session();
    let tokens = use_state(|| Load::<Vec<ApiToken>>::Pending);
    let version = use_state(|| 0u32);
    let label = use_state(String::new);
    let scopes = use_state(|| vec![TokenScope::Cases]);
    let created = use_state(|| None::<(String, String)>);
    let failed = use_state(|| None::<String>);
    {
        let (api, tokens) = (session.api.clone(), tokens.clone());
        use_effect_with(*version, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                tokens.set(match api.api_tokens().await {
                    Ok(list) => Load::Ready(list.tokens),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let onsubmit = {
        let (api, label, scopes, created, failed, version) = (session.api.clone(), label.clone(), scopes.clone(), created.clone(), failed.clone(), version.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = NewApiToken { label: label.trim().to_string(), scopes: (*scopes).clone() };
            let (api, label, created, failed, version) = (api.clone(), label.clone(), created.clone(), failed.clone(), version.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.create_api_token(&request).await {
                    Ok(made) => {
                        created.set(Some((made.info.label, made.token)));
                        failed.set(None);
                        label.set(String::new());
                        version.set(*version + 1);
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let revoke = |id: &str| {
        let (api, id, failed, version) = (session.api.clone(), id.to_string(), failed.clone(), version.clone());
        Callback::from(move |_: MouseEvent| {
            let (api, id, failed, version) = (api.clone(), id.clone(), failed.clone(), version.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.revoke_api_token(&id).await {
                    Ok(()) => version.set(*version + 1),
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let scope_names = |s: &[TokenScope]| s.iter().map(|s| ui.t(team_labels::scope(*s))).collect::<Vec<_>>().join(ui.t(Text::ListSeparator));
    let list = match &*tokens {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(list) if list.is_empty() => html! { <p class="status">{ ui.t(Text::NoTokens) }</p> },
        Load::Ready(list) => html! {
            <table class="tokens">
                <thead><tr>
                    <th scope="col">{ ui.t(Text::TokenLabel) }</th>
                    <th scope="col">{ ui.t(Text::Scopes) }</th>
                    <th scope="col">{ ui.t(Text::Created) }</th>
                    <th scope="col">{ ui.t(Text::Actions) }</th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|t| html! {
                        <tr>
                            <th scope="row">{ &t.label }</th>
                            <td>{ scope_names(&t.scopes) }</td>
                            <td>{ labels::time(ui.locale, t.created_at) }</td>
                            <td>
                                if let Some(at) = t.revoked_at {
                                    { fill(ui.t(Text::RevokedAt), labels::time(ui.locale, at)) }
                                } else {
                                    <button type="button" onclick={revoke(&t.id)}>{ ui.t(Text::Revoke) }</button>
                                }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        },
    };
    let t = ui.clone();
    html! {
        <section aria-labelledby="tokens-title">
            <h2 id="tokens-title">{ ui.t(Text::Tokens) }</h2>
            { list }
            <form class="new-token" {onsubmit}>
                <label for="token-label">{ ui.t(Text::TokenLabel) }</label>
                <input id="token-label" type="text" required=true value={(*label).clone()} oninput={keep(&label)} />
                { checkboxes("token-scopes", ui.t(Text::Scopes), &SCOPES, move |s| t.t(team_labels::scope(*s)).to_string(), &scopes) }
                if let Some(message) = &*failed {
                    <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
                }
                <button type="submit">{ ui.t(Text::CreateToken) }</button>
            </form>
            if let Some((label, token)) = &*created {
                <div class="one-time-link" role="status">
                    <label for="new-token">{ fill(ui.t(Text::NewToken), label) }</label>
                    <input id="new-token" type="text" readonly=true value={token.clone()} />
                </div>
            }
        </section>
    }
}
