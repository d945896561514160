//! Where the desk module's screens appear: the frame loads the module on first use (the
//! loader's `loadDesk`), mounts it into its element with the host's options, the bridge and a
//! [`State`], hands it each new `State`, and unmounts it when the user leaves its screens.

use std::cell::RefCell;
use std::rc::Rc;

use faq_data::{SearchOptions, Verdict};
use js_sys::{Function, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::protocol::{Bridge, Place, State, Suggestions};
use crate::app::{Msg, Screen, Ui};
use crate::i18n::Text;
use crate::library::{describe, Wait};
use crate::list::Item;
use crate::views::use_ui;

#[derive(Properties, PartialEq)]
pub struct DeskFrameProps {
    pub state: State,
}

/// The state the desk module gets for `screen`, from what the app knows now.
pub fn state(ui: &Ui, screen: Place) -> State {
    let journey = &ui.journey;
    let page_url = web_sys::window().and_then(|w| w.location().href().ok());
    State {
        screen,
        locale: ui.locale,
        identity: ui.edge.identity(),
        context: journey.context(page_url, ui.locale.index_name()),
        first_words: journey.first_user_line().or(journey.searches.last().map(String::as_str)).unwrap_or_default().to_string(),
        categories: ui.library.as_ref().map(|l| l.borrow().categories().iter().map(|c| c.name.clone()).collect()).unwrap_or_default(),
        index_generation: ui.generation,
    }
}

enum Phase {
    Loading,
    Failed(String),
    Shown,
}

/// The mounted desk module and the bridge's functions, which live exactly as long as it does.
struct Mounted {
    desk: JsValue,
    _go: Closure<dyn Fn(String, String)>,
    _notice: Closure<dyn Fn(String)>,
    _suggest: Closure<dyn Fn(String, f64) -> JsValue>,
}

impl Mounted {
    fn call(&self, method: &str, arg: &JsValue) {
        if let Ok(function) = Reflect::get(&self.desk, &method.into()).and_then(|f| f.dyn_into::<Function>()) {
            let _ = function.call1(&self.desk, arg);
        }
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.call("destroy", &JsValue::UNDEFINED);
        self.call("free", &JsValue::UNDEFINED);
    }
}

#[function_component]
pub fn DeskFrame(props: &DeskFrameProps) -> Html {
    let ui = use_ui();
    let element = use_node_ref();
    let phase = use_state(|| Phase::Loading);
    let attempt = use_state(|| 0u32);
    let mounted = use_mut_ref(|| None::<Mounted>);
    // The bridge answers with what the app knows when it is called, not when it was mounted.
    let latest = use_mut_ref(|| (ui.clone(), props.state.clone()));
    *latest.borrow_mut() = (ui.clone(), props.state.clone());

    {
        let (element, phase, mounted, latest) = (element.clone(), phase.clone(), mounted.clone(), latest.clone());
        use_effect_with(*attempt, move |_| {
            let slot = mounted.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let host = latest.borrow().0.host.clone();
                let glue = match host.load_desk().await {
                    Ok(glue) => glue,
                    Err(error) => return phase.set(Phase::Failed(describe(error))),
                };
                let Some(root) = element.cast::<web_sys::Element>() else { return };
                match mount(&glue, &root, &latest) {
                    Ok(desk) => {
                        *slot.borrow_mut() = Some(desk);
                        phase.set(Phase::Shown);
                    }
                    Err(error) => phase.set(Phase::Failed(describe(error))),
                }
            });
            move || drop(mounted.borrow_mut().take())
        });
    }
    {
        let mounted = mounted.clone();
        use_effect_with(props.state.clone(), move |state| {
            if let Some(desk) = mounted.borrow().as_ref() {
                desk.call("show", &state.to_js());
            }
        });
    }
    let status = match &*phase {
        Phase::Loading => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
        Phase::Failed(error) => {
            let (phase, attempt) = (phase.clone(), attempt.clone());
            let retry = Callback::from(move |_| {
                phase.set(Phase::Loading);
                attempt.set(*attempt + 1);
            });
            html! {
                <div class="status" role="alert">
                    <p>{ ui.t(Text::LoadFailed) }</p>
                    <p class="detail">{ error }</p>
                    <button type="button" onclick={retry}>{ ui.t(Text::Retry) }</button>
                </div>
            }
        }
        Phase::Shown => html! {},
    };
    html! {
        <>
            { status }
            <div class="desk" ref={element}></div>
        </>
    }
}

/// Mounts the desk module (`glue.mount(root, options, bridge, state)`) with a bridge back into
/// this app.
fn mount(glue: &JsValue, root: &web_sys::Element, latest: &Rc<RefCell<(Ui, State)>>) -> Result<Mounted, JsValue> {
    let send = latest.borrow().0.send.clone();
    let go = {
        let send = send.clone();
        Closure::<dyn Fn(String, String)>::new(move |name: String, id: String| match Bridge::place(&name, id) {
            Some(Place::Article(id)) => send.emit(Msg::Go(Screen::Article(id))),
            Some(Place::Search) => send.emit(Msg::Tab(Screen::Search)),
            Some(Place::Contact) => send.emit(Msg::Tab(Screen::Contact)),
            Some(Place::Requests) => send.emit(Msg::Tab(Screen::Requests)),
            Some(Place::Ticket(id)) => {
                send.emit(Msg::Tab(Screen::Requests));
                send.emit(Msg::Go(Screen::Ticket(id)));
            }
            None => {}
        })
    };
    let notice = Closure::<dyn Fn(String)>::new(move |text: String| send.emit(Msg::Notice(text)));
    let suggest = {
        let latest = latest.clone();
        Closure::<dyn Fn(String, f64) -> JsValue>::new(move |text: String, limit: f64| {
            let pending = Suggestions { pending: true, ..Suggestions::default() };
            let Some(library) = latest.borrow().0.library.clone() else { return pending.to_js() };
            // What the attached chunks answer now; the rest arrives while the user types on.
            match library.answer(|index| index.search(&text, &SearchOptions { limit: limit as usize, category: None })) {
                Ok(found) => {
                    let articles = found.results.iter().map(Item::from).collect();
                    // An unsure search still lists its nearest articles; their category is no guess.
                    let category = found.results.first().filter(|_| found.verdict != Verdict::Unsure).map(|hit| hit.category.clone());
                    Suggestions { articles, category, pending: false }.to_js()
                }
                Err(Wait::Loading) => pending.to_js(),
                Err(Wait::Unavailable) => Suggestions::default().to_js(),
            }
        })
    };
    let bridge = Bridge::to_js(go.as_ref().unchecked_ref(), notice.as_ref().unchecked_ref(), suggest.as_ref().unchecked_ref());
    let (host, state) = { let latest = latest.borrow(); (latest.0.host.clone(), latest.1.to_js()) };
    let mount: Function = Reflect::get(glue, &"mount".into())?.dyn_into()?;
    let desk = mount.apply(&JsValue::NULL, &js_sys::Array::of4(root, &host.options, &bridge, &state))?;
    Ok(Mounted { desk, _go: go, _notice: notice, _suggest: suggest })
}
