//! A group of checkboxes for a set of values (roles, departments, token scopes), as the invite,
//! person and token forms choose them.

use yew::prelude::*;

/// `legend` over one checkbox per value of `all`; ticking one toggles it in `chosen`. `id` makes
/// the boxes' ids unique on the page.
pub fn checkboxes<T: Clone + PartialEq + 'static>(id: &str, legend: &str, all: &[T], label: impl Fn(&T) -> String, chosen: &UseStateHandle<Vec<T>>) -> Html {
    html! {
        <fieldset class="checks">
            <legend>{ legend }</legend>
            { for all.iter().enumerate().map(|(i, value)| {
                let box_id = format!("{id}-{i}");
                let onchange = {
                    let (chosen, value) = (chosen.clone(), value.clone());
                    Callback::from(move |_: Event| {
                        let mut next = (*chosen).clone();
                        match next.iter().position(|v| *v == value) {
                            Some(at) => { next.remove(at); }
                            None => next.push(value.clone()),
                        }
                        chosen.set(next);
                    })
                };
                html! {
                    <label for={box_id.clone()}>
                        <input id={box_id} type="checkbox" checked={chosen.contains(value)} {onchange} />
                        { label(value) }
                    </label>
                }
            }) }
        </fieldset>
    }
}
