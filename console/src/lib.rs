//! The agent console: agents work tickets (list with filters and search, the full timeline with
//! internal notes, replies, status / priority / department / assignee changes) and support
//! leads read the analytics (SVG charts, CSV export), admins manage the team (people, roles,
//! departments, integration tokens, retention), read the audit log and export or erase a
//! requester's data. A Yew app served at `/console/`; it talks only to the agent and team routes
//! of the edge (edge/openapi.yaml) with the person's bearer token; each screen shows only for
//! the roles the worker lets use it (access.rs).
//!
//! **Architecture Invariant:** everything a person wrote (subjects, messages, names, searches)
//! reaches the page as text nodes or attribute values through Yew, never as markup.

mod access;
mod api;
mod app;
mod csv;
mod faq;
mod filters;
mod i18n;
mod kb_form;
mod labels;
mod live;
mod report;
mod route;
mod session;
mod shortcuts;
mod staffing_week;
mod team_labels;
mod views;

use wasm_bindgen::prelude::*;

/// Renders the console into `root` (called by `boot.js`, as a strict CSP forbids inline script).
#[wasm_bindgen]
pub fn mount(root: web_sys::Element) {
    yew::Renderer::<app::App>::with_root(root).render();
}
