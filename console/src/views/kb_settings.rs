//! The knowledge base's site setting on its screen: whether an article goes live only through
//! another editor's review. Admins change it here; editors see the rule that applies to them.

use std::rc::Rc;

use wire::kb::KbSettings;
use yew::prelude::*;

use crate::api::Api;
use crate::app::Ui;
use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct ReviewSettingProps {
    pub ui: Ui,
    pub api: Rc<Api>,
    /// `None` until the setting is read: the box cannot be changed before it shows what is
    /// stored (a read answering after a click would put the box back).
    pub required: Option<bool>,
    /// The setting as the edge stored it.
    pub changed: Callback<bool>,
    /// An admin: the rule is a checkbox, not a line of text.
    pub may_change: bool,
}

#[function_component]
pub fn ReviewSetting(props: &ReviewSettingProps) -> Html {
    let ui = &props.ui;
    let failed = use_state(|| None::<String>);
    if !props.may_change {
        return match props.required {
            Some(true) => html! { <p class="hint kb-review-rule">{ ui.t(Text::KbReviewRequiredNote) }</p> },
            _ => html! {},
        };
    }
    let onchange = {
        let (api, changed, failed, ui) = (props.api.clone(), props.changed.clone(), failed.clone(), ui.clone());
        Callback::from(move |e: Event| {
            let wanted = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            // The box shows the choice at once; a refusal puts it back.
            changed.emit(wanted);
            let (api, changed, failed, ui) = (api.clone(), changed.clone(), failed.clone(), ui.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api.kb_set_settings(&KbSettings { review_required: wanted }).await {
                    Ok(stored) => {
                        failed.set(None);
                        changed.emit(stored.review_required);
                        ui.announce(ui.t(Text::Saved));
                    }
                    Err(error) => {
                        changed.emit(!wanted);
                        failed.set(Some(error.message()));
                    }
                }
            });
        })
    };
    html! {
        <div class="kb-settings">
            <label class="check"><input id="kb-review-required" type="checkbox" checked={props.required == Some(true)} disabled={props.required.is_none()} {onchange} />{ ui.t(Text::KbReviewRequiredSetting) }</label>
            if let Some(message) = &*failed {
                <p class="error" role="alert">{ ui.t(Text::ActionFailed) }{ " " }{ message }</p>
            }
        </div>
    }
}
