//! The widget's screens. Each reads the shared [`crate::app::Ui`] from context and talks back
//! through `ui.send`.

pub mod article;
pub mod ask;
pub mod browse;
pub mod panel;
pub mod search;

use yew::prelude::*;

use crate::app::Ui;

/// The shared state; every screen is rendered inside the app's provider.
#[hook]
pub fn use_ui() -> Ui {
    use_context::<Ui>().expect("screens render inside the app's Ui provider")
}
