//! The retention setting (admins): after how many days the cron sweep redacts a closed ticket's
//! personal data; empty keeps it.

use wire::team::SiteSettings;
use yew::prelude::*;

use super::sign_in::keep;
use super::{use_session, use_ui};
use crate::i18n::Text;

#[function_component]
pub fn RetentionForm() -> Html {
    let ui = use_ui();
    let session = use_session();
    let days = use_state(String::new);
    let failed = use_state(|| None::<String>);
    {
        let (api, days, failed) = (session.api.clone(), days.clone(), failed.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match api.settings().await {
                    Ok(settings) => days.set(settings.retention_days.map(|d| d.to_string()).unwrap_or_default()),
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        });
    }
    let onsubmit = {
        let (api, days, failed, ui) = (session.api.clone(), days.clone(), failed.clone(), ui.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The field only takes whole numbers (min/max below); the edge checks the range too.
            let settings = SiteSettings { retention_days: days.trim().parse().ok() };
            let (api, failed, ui) = (api.clone(), failed.clone(), ui.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.set_settings(&settings).await {
                    Ok(_) => {
                        failed.set(None);
                        ui.announce(ui.t(Text::Saved));
                    }
                    Err(error) => failed.set(Some(error.message())),
                }
            });
        })
    };
    html! {
        <section aria-labelledby="retention-title">
            <h2 id="retention-title">{ ui.t(Text::Retention) }</h2>
            <form class="retention" {onsubmit}>
                <label for="retention-days">{ ui.t(Text::RetentionDays) }</label>
                <input id="retention-days" type="number" min="30" max="3650" step="1" value={(*days).clone()} oninput={keep(&days)} />
                if let Some(message) = &*failed {
                    <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
                }
                <button type="submit">{ ui.t(Text::Save) }</button>
            </form>
        </section>
    }
}
