//! The keyboard shortcuts, listed from the same table the key handler reads.

use yew::prelude::*;

use super::use_ui;
use crate::app::Msg;
use crate::i18n::Text;
use crate::shortcuts::{Action, Place, SHORTCUTS};

#[function_component]
pub fn ShortcutHelp() -> Html {
    let ui = use_ui();
    let close = use_node_ref();
    {
        let close = close.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let key_name = |key: &str| match key {
        "Escape" => "Esc".to_string(),
        other => other.to_string(),
    };
    let place = |place: &Option<Place>| match place {
        None => ui.t(Text::Anywhere),
        Some(Place::List) => ui.t(Text::OnTheList),
        Some(Place::Ticket) => ui.t(Text::OnATicket),
        Some(Place::Elsewhere) => "",
    };
    html! {
        <div class="help" role="dialog" aria-modal="false" aria-labelledby="help-title">
            <h2 id="help-title">{ ui.t(Text::Shortcuts) }</h2>
            <table>
                <thead><tr><th scope="col">{ ui.t(Text::Key) }</th><th scope="col">{ ui.t(Text::Where) }</th><th scope="col">{ ui.t(Text::Does) }</th></tr></thead>
                <tbody>
                    { for SHORTCUTS.iter().map(|(key, only, _, text)| html! {
                        <tr><td><kbd>{ key_name(key) }</kbd></td><td>{ place(only) }</td><td>{ ui.t(*text) }</td></tr>
                    }) }
                    <tr><td><kbd>{ "Ctrl+Enter" }</kbd></td><td>{ ui.t(Text::OnATicket) }</td><td>{ ui.t(Text::KeySend) }</td></tr>
                </tbody>
            </table>
            <button type="button" ref={close} onclick={ui.send.reform(|_| Msg::Key(Action::Help))}>{ ui.t(Text::Close) }</button>
        </div>
    }
}
