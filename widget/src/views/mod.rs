//! The widget's screens. Each reads the shared [`crate::app::Ui`] from context and talks back
//! through `ui.send`.

pub mod article;
pub mod ask;
pub mod browse;
pub mod panel;
pub mod search;

use yew::prelude::*;

use crate::app::Ui;
use crate::i18n::Text;
use crate::library::Wait;

/// The shared state; every screen is rendered inside the app's provider.
#[hook]
pub fn use_ui() -> Ui {
    use_context::<Ui>().expect("screens render inside the app's Ui provider")
}

/// What a list shows while its index chunks are on the way, or when they cannot come.
pub fn waiting(ui: &Ui, wait: Wait) -> Html {
    match wait {
        Wait::Loading => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Wait::Unavailable => html! { <p class="status" role="alert">{ ui.t(Text::LoadFailed) }</p> },
    }
}
