//! The satisfaction form (1–5 and an optional comment), the same for a solved ticket and an ended
//! chat: it hands the `Csat` body (edge/openapi.yaml) to whoever sends it.

use web_sys::HtmlTextAreaElement;
use wire::limits;
use wire::tickets::Csat;
use yew::prelude::*;

use super::use_ui;
use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct RatingProps {
    /// Receives the rating when the user sends the form.
    pub onrate: Callback<Csat>,
}

#[function_component]
pub fn Rating(props: &RatingProps) -> Html {
    let ui = use_ui();
    let score = use_state(|| 0u8);
    let comment = use_state(String::new);
    let onsubmit = {
        let (score, comment, onrate) = (score.clone(), comment.clone(), props.onrate.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let comment = Some(comment.trim()).filter(|c| !c.is_empty()).map(str::to_string);
            onrate.emit(Csat { score: *score, comment });
        })
    };
    let oninput = {
        let comment = comment.clone();
        Callback::from(move |e: InputEvent| comment.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    html! {
        <form class="csat" {onsubmit}>
            <fieldset>
                <legend>{ ui.t(Text::RateTitle) }</legend>
                { for (1..=5u8).map(|n| {
                    let score = score.clone();
                    html! {
                        <label class="star">
                            <input type="radio" name="score" value={n.to_string()} required=true checked={*score == n}
                                   onchange={Callback::from(move |_| score.set(n))} />
                            { n }
                        </label>
                    }
                }) }
            </fieldset>
            <label>{ ui.t(Text::RateComment) }
                <textarea rows="2" maxlength={limits::COMMENT.to_string()} value={(*comment).clone()} {oninput} />
            </label>
            <button type="submit">{ ui.t(Text::RateSend) }</button>
        </form>
    }
}
