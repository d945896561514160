//! The console's screens. Each reads the shared [`crate::app::Ui`] from context.

pub mod accept;
pub mod analytics;
pub mod article_picker;
pub mod audit;
pub mod case_tasks;
pub mod charts;
pub mod chat_tab;
pub mod chats;
pub mod checks;
pub mod choices;
pub mod collaborators;
pub mod composer;
pub mod failing_searches;
pub mod context_panel;
pub mod handoffs;
pub mod help;
pub mod here;
pub mod invite;
pub mod kb_conflict;
pub mod kb_editor;
pub mod kb_guard;
pub mod kb_image;
pub mod kb_io;
pub mod kb_list;
pub mod kb_queries;
pub mod kb_settings;
pub mod kb_tree_edit;
pub mod kb_versions;
pub mod mail_settings;
pub mod people;
pub mod properties;
pub mod queue;
pub mod requester_data;
pub mod retention;
pub mod shell;
pub mod staffing;
pub mod sign_in;
pub mod tasks;
pub mod team;
pub mod ticket;
pub mod ticket_attachments;
pub mod ticket_mails;
pub mod tickets;
pub mod timeline;
pub mod tokens;

use yew::prelude::*;

use crate::app::{Session, Ui};

/// Something a screen fetches from the edge.
#[derive(Clone, PartialEq)]
pub enum Load<T> {
    Pending,
    Ready(T),
    /// The edge's message, shown after the screen's own words.
    Failed(String),
}

/// The shared state; every screen is rendered inside the app's provider.
#[hook]
pub fn use_ui() -> Ui {
    use_context::<Ui>().expect("screens render inside the app's Ui provider")
}

/// The signed-in agent; screens past sign-in render only with one.
#[hook]
pub fn use_session() -> Session {
    use_ui().session.expect("this screen renders only when signed in")
}

/// Runs `handler` when a shortcut is pressed after this screen appeared (a press from before,
/// still in the shared state, is not replayed).
#[hook]
pub fn use_shortcut<F>(pressed: crate::app::Pressed, handler: F)
where
    F: FnOnce(crate::shortcuts::Action) + 'static,
{
    let seen = use_mut_ref(|| pressed.count);
    use_effect_with(pressed.count, move |count| {
        if *seen.borrow() != *count {
            *seen.borrow_mut() = *count;
            if let Some(action) = pressed.action {
                handler(action);
            }
        }
    });
}
