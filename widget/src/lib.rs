//! The help widget's search-first module: a Yew app over faq-data's search, compiled to wasm32.
//! The loader (`loader/embed.js`) draws the launcher, loads this module when needed and calls
//! `mount` with the host page's settings; the page's `HelpWidget(...)` calls arrive through
//! `Widget::command`. The ticket form, requests and live chat are the desk module
//! (`widget/desk`), a second wasm module loaded on first use ([`desk`]), which uses this crate as
//! a library — built without the `app` feature, so this module's entry point stays out of it.

// Shared with the desk module.
pub mod desk;
pub mod edge;
mod highlight;
pub mod host;
pub mod i18n;
pub mod list;

// The search-first app itself.
#[cfg(feature = "app")]
mod analytics;
#[cfg(feature = "app")]
mod app;
#[cfg(feature = "app")]
mod journey;
#[cfg(feature = "app")]
mod library;
#[cfg(feature = "app")]
mod views;

// The plain-JS-object helpers live in browser-kit, shared with the agent console.
pub use browser_kit::js;

#[cfg(feature = "app")]
pub use browser::*;

#[cfg(feature = "app")]
mod browser {
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use web_sys::Element;

    use crate::app::{App, Command, Msg, Props};
    use crate::host::Host;

    /// The mounted app, as the loader holds it.
    #[wasm_bindgen]
    pub struct Widget {
        app: yew::AppHandle<App>,
    }

    #[wasm_bindgen]
    impl Widget {
        /// A `HelpWidget(name, arg)` call from the host page; unknown names are ignored with a
        /// console warning, as a newer page may call an older widget.
        pub fn command(&self, name: &str, arg: JsValue) {
            match Command::parse(name, &arg) {
                Some(command) => self.app.send_message(Msg::Command(command)),
                None => web_sys::console::warn_1(&format!("HelpWidget: unknown command {name:?}").into()),
            }
        }
    }

    /// Renders the app into `root` (inside the loader's shadow root).
    #[wasm_bindgen]
    pub fn mount(root: Element, options: JsValue) -> Widget {
        let host = Rc::new(Host::from_js(&options));
        Widget { app: yew::Renderer::<App>::with_root_and_props(root, Props { host }).render() }
    }
}
