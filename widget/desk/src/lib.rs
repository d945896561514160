//! The help widget's desk module: the ticket form, My requests and a ticket's screen, live chat,
//! the callback form and the ratings — everything that talks to a person. A second wasm module,
//! so that searching never downloads it: the search-first module (`widget`) loads it the first
//! time the user wants a person, mounts it into its panel with [`mount`], and hands it each new
//! state through [`Desk::show`] (the seam: `widget::desk::protocol`).

mod chat;
mod i18n;
mod ui;
mod views;

pub use browser::*;

mod browser {
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use yew::function_component;
    use web_sys::Element;
    use widget::desk::protocol::{Bridge, State};
    use widget::edge::Edge;
    use widget::host::Host;

    use crate::ui::{DeskApp, DeskProps};

    /// The mounted desk, as the search-first module holds it.
    #[wasm_bindgen]
    pub struct Desk {
        app: Option<yew::AppHandle<DeskApp>>,
        props: (Rc<Host>, Rc<Edge>, Rc<Bridge>),
    }

    #[wasm_bindgen]
    impl Desk {
        /// Shows a new state (another screen, a changed journey or identity).
        pub fn show(&mut self, state: JsValue) {
            match (State::from_js(&state), self.app.as_mut()) {
                (Ok(state), Some(app)) => app.update(props(&self.props, state)),
                (Err(error), _) => web_sys::console::warn_1(&error.into()),
                (Ok(_), None) => {}
            }
        }

        /// Unmounts the desk's screens (the user went back to searching).
        pub fn destroy(&mut self) {
            if let Some(app) = self.app.take() {
                app.destroy();
            }
        }
    }

    fn props((host, edge, bridge): &(Rc<Host>, Rc<Edge>, Rc<Bridge>), state: State) -> DeskProps {
        DeskProps { host: host.clone(), edge: edge.clone(), bridge: bridge.clone(), state: Rc::new(state) }
    }

    /// Runs once, when the module is instantiated. Yew finds which app an event belongs to by
    /// the number of the tree on the closest element, and each wasm module's Yew numbers its
    /// trees from 1: the search-first app's one tree is 1, so this module's first tree would be 1
    /// as well, and the search-first app (whose listeners, on its root, see the desk's events
    /// first) would run its own handlers for the desk's clicks. An empty app mounted and
    /// destroyed at start takes number 1, so every desk tree has a number of its own.
    #[wasm_bindgen(start)]
    pub fn start() {
        #[function_component]
        fn Nothing() -> yew::Html {
            yew::Html::default()
        }
        if let Some(scratch) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("div").ok()) {
            yew::Renderer::<Nothing>::with_root(scratch).render().destroy();
        }
    }

    /// Renders the desk's screens into `root` with the loader's `options`, the search-first
    /// module's `bridge` and a first `state`.
    #[wasm_bindgen]
    pub fn mount(root: Element, options: JsValue, bridge: JsValue, state: JsValue) -> Result<Desk, JsValue> {
        let state = State::from_js(&state)?;
        let host = Host::from_js(&options);
        let edge = Rc::new(Edge::new(&host));
        let shared = (Rc::new(host), edge, Rc::new(Bridge::from_js(&bridge)));
        let app = yew::Renderer::<DeskApp>::with_root_and_props(root, props(&shared, state)).render();
        Ok(Desk { app: Some(app), props: shared })
    }
}
