//! Select boxes, as the filters and the properties form both build them: options for a wire
//! enum in the agent's language, and a change handler that edits a copy of a state.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::app::Ui;
use crate::i18n::Text;

pub fn option(value: &str, label: &str, chosen: bool) -> Html {
    html! { <option value={value.to_string()} selected={chosen}>{ label }</option> }
}

/// One option per value of a wire enum: its wire name as the value, its label as the text.
pub fn enum_options<T: Copy + PartialEq>(ui: &Ui, all: &[T], chosen: Option<T>, name: fn(T) -> &'static str, label: fn(T) -> Text) -> Html {
    all.iter().map(|v| option(name(*v), ui.t(label(*v)), chosen == Some(*v))).collect()
}

/// A `change` handler that applies the chosen value to a copy of `state` and stores the copy.
pub fn on_select<S: Clone + 'static>(state: &UseStateHandle<S>, apply: fn(&mut S, String)) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let mut next = (*state).clone();
        apply(&mut next, e.target_unchecked_into::<HtmlSelectElement>().value());
        state.set(next);
    })
}
