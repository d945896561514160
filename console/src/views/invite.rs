//! Inviting someone: their name, email, roles and departments; the answer is a one-time link
//! (`<origin>/console/#/accept/<token>`), shown once for the admin to pass on.

use browser_kit::locale::fill;
use wire::team::{NewInvitation, Role};
use yew::prelude::*;

use super::checks::checkboxes;
use super::sign_in::keep;
use super::{use_session, use_ui};
use crate::i18n::Text;
use crate::labels;
use crate::route::Screen;
use crate::team_labels::{self, ROLES};

/// A one-time link to show: whose, its token, until when it works.
#[derive(Clone, PartialEq)]
pub struct Link {
    pub name: String,
    pub token: String,
    pub expires_at: i64,
}

#[derive(Properties, PartialEq)]
pub struct LinkProps {
    pub link: Link,
}

/// The link in a read-only field (selected on focus, so it copies at once) and a copy button.
#[function_component]
pub fn OneTimeLink(props: &LinkProps) -> Html {
    let ui = use_ui();
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    let url = format!("{origin}/console/{}", Screen::Accept(props.link.token.clone()).hash());
    let id = format!("link-{}", props.link.token.get(..12).unwrap_or_default());
    let onfocus = Callback::from(|e: FocusEvent| e.target_unchecked_into::<web_sys::HtmlInputElement>().select());
    let copy = {
        let (url, ui) = (url.clone(), ui.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(window) = web_sys::window() {
                let _ = window.navigator().clipboard().write_text(&url);
                ui.announce(ui.t(Text::Copied));
            }
        })
    };
    html! {
        <div class="one-time-link" role="status">
            <label for={id.clone()}>{ fill(ui.t(Text::OneTimeLink), &props.link.name) }</label>
            <input {id} type="text" readonly=true value={url} {onfocus} />
            <button type="button" onclick={copy}>{ ui.t(Text::Copy) }</button>
            <p class="hint">{ fill(ui.t(Text::ValidUntil), labels::time(ui.locale, props.link.expires_at)) }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct InviteProps {
    pub invited: Callback<()>,
}

#[function_component]
pub fn InviteForm(props: &InviteProps) -> Html {
    let ui = use_ui();
    let session = use_session();
    let name = use_state(String::new);
    let email = use_state(String::new);
    let roles = use_state(|| vec![Role::Agent]);
    let departments = use_state(Vec::<String>::new);
    let link = use_state(|| None::<Link>);
    let failed = use_state(|| None::<String>);
    let onsubmit = {
        let (api, ui, invited) = (session.api.clone(), ui.clone(), props.invited.clone());
        let (name, email, roles, departments, link, failed) = (name.clone(), email.clone(), roles.clone(), departments.clone(), link.clone(), failed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if roles.is_empty() || departments.is_empty() {
                return failed.set(Some(ui.t(Text::PickOne).to_string()));
            }
            let invitation = NewInvitation { name: name.trim().to_string(), email: email.trim().to_string(), roles: (*roles).clone(), departments: (*departments).clone() };
            let (api, invited, name, email, link, failed) = (api.clone(), invited.clone(), name.clone(), email.clone(), link.clone(), failed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.invite(&invitation).await {
                    Ok(created) => {
                        link.set(Some(Link { name: created.person.name, token: created.token, expires_at: created.expires_at }));
                        failed.set(None);
                        name.set(String::new());
                        email.set(String::new());
                        invited.emit(());
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    let t = ui.clone();
    html! {
        <section aria-labelledby="invite-title">
            <h2 id="invite-title">{ ui.t(Text::InviteTitle) }</h2>
            <form class="invite" {onsubmit}>
                <label for="invite-name">{ ui.t(Text::Name) }</label>
                <input id="invite-name" type="text" required=true value={(*name).clone()} oninput={keep(&name)} />
                <label for="invite-email">{ ui.t(Text::Email) }</label>
                <input id="invite-email" type="email" required=true value={(*email).clone()} oninput={keep(&email)} />
                { checkboxes("invite-roles", ui.t(Text::Roles), &ROLES, move |r| t.t(team_labels::role(*r)).to_string(), &roles) }
                { checkboxes("invite-departments", ui.t(Text::Departments), &session.me.departments, |d| d.clone(), &departments) }
                if let Some(message) = &*failed {
                    <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
                }
                <button type="submit">{ ui.t(Text::CreateInvitation) }</button>
            </form>
            if let Some(link) = &*link {
                <OneTimeLink link={link.clone()} />
            }
        </section>
    }
}
