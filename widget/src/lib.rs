//! The help widget: a Yew app over faq-data's search, compiled to wasm32. The loader
//! (`loader/embed.js`) draws the launcher, loads this module when needed and calls [`mount`]
//! with the host page's settings; the page's `HelpWidget(...)` calls arrive through
//! [`Widget::command`].

mod i18n;
mod journey;
mod highlight;

mod analytics;
mod chat;
mod app;
mod edge;
mod host;
mod library;
mod views;

// The plain-JS-object helpers live in browser-kit, shared with the agent console.
use browser_kit::js;

pub use browser::*;

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
