//! The desk's screens. Each reads the shared [`crate::ui::Ui`] from context.

pub mod callback;
pub mod chat;
pub mod chat_end;
pub mod contact;
pub mod rating;
pub mod requests;
pub mod ticket;

use yew::prelude::*;

use crate::ui::Ui;

/// The shared state; every screen is rendered inside the desk's provider.
#[hook]
pub fn use_ui() -> Ui {
    use_context::<Ui>().expect("screens render inside the desk's Ui provider")
}
