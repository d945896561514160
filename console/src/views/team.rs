//! The Team screen (admins): the site's people with their roles and departments, inviting
//! someone by a one-time link, integration tokens, and how long closed tickets keep personal
//! data.

use yew::prelude::*;

use super::invite::InviteForm;
use super::people::PeopleTable;
use super::retention::RetentionForm;
use super::tokens::TokensPanel;
use super::{use_session, use_ui, Load};
use crate::i18n::Text;

#[function_component]
pub fn TeamView() -> Html {
    let ui = use_ui();
    let session = use_session();
    let people = use_state(|| Load::Pending);
    // Bumped after a change elsewhere on the screen, to read the people again.
    let version = use_state(|| 0u32);
    {
        let (api, people) = (session.api.clone(), people.clone());
        use_effect_with(*version, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                people.set(match api.people().await {
                    Ok(list) => Load::Ready(list.people),
                    Err(error) => Load::Failed(error.message()),
                });
            });
        });
    }
    let changed = {
        let version = version.clone();
        Callback::from(move |()| version.set(*version + 1))
    };
    let list = match &*people {
        Load::Pending => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Load::Failed(message) => html! { <p class="error" role="alert">{ ui.t(Text::LoadFailed) }{ " " }{ message }</p> },
        Load::Ready(people) => html! { <PeopleTable people={people.clone()} changed={changed.clone()} /> },
    };
    html! {
        <section class="team" aria-labelledby="team-title">
            <h1 id="team-title" tabindex="-1">{ ui.t(Text::NavTeam) }</h1>
            <section aria-labelledby="people-title">
                <h2 id="people-title">{ ui.t(Text::People) }</h2>
                { list }
            </section>
            <InviteForm invited={changed} />
            <TokensPanel />
            <RetentionForm />
        </section>
    }
}
