//! The panel: a dialog with a title, back and close buttons, the tabs, and a focus trap (Tab
//! cycles inside, Esc closes), so keyboard and screen-reader users stay oriented.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};
use yew::prelude::*;

use super::use_ui;
use crate::app::{Command, Msg, Screen};
use crate::i18n::Text;

#[derive(Properties, PartialEq)]
pub struct PanelProps {
    pub tab: Screen,
    pub can_go_back: bool,
    pub notice: Option<String>,
    pub children: Html,
}

const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled])";

#[function_component]
pub fn Panel(props: &PanelProps) -> Html {
    let ui = use_ui();
    let panel = use_node_ref();
    {
        let panel = panel.clone();
        // Focus moves into the dialog, unless a screen has already put it somewhere useful.
        use_effect_with((), move |_| {
            if active_element(&panel).is_none() {
                if let Some(first) = focusables(&panel).first() {
                    let _ = first.focus();
                }
            }
        });
    }
    {
        // A listener of the element itself, not Yew's `onkeydown`: the desk module's screens are
        // another Yew app inside the panel, whose key presses this app's Yew does not dispatch.
        let (panel, send, page) = (panel.clone(), ui.send.clone(), ui.host.page);
        use_effect_with((), move |_| {
            let element = panel.cast::<HtmlElement>();
            let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| match e.key().as_str() {
                "Escape" if !page => send.emit(Msg::Command(Command::Close)),
                "Tab" => trap_focus(&panel, &e),
                _ => {}
            });
            if let Some(element) = &element {
                let _ = element.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(element) = element {
                    let _ = element.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
                }
            }
        });
    }
    let tab = |screen: Screen, text: Text| {
        let current = props.tab == screen;
        let onclick = ui.send.reform(move |_| Msg::Tab(screen.clone()));
        html! {
            <button type="button" class="tab" aria-current={current.then_some("page")} {onclick}>{ ui.t(text) }</button>
        }
    };
    html! {
        <div class="panel" role="dialog" aria-modal={(!ui.host.page).then_some("true")} aria-labelledby="hw-title"
             lang={ui.locale.tag()} ref={panel}>
            <header class="bar">
                if props.can_go_back {
                    <button type="button" class="icon" aria-label={ui.t(Text::Back)} onclick={ui.send.reform(|_| Msg::Back)}>{ "‹" }</button>
                }
                <h2 id="hw-title">{ ui.t(Text::PanelTitle) }</h2>
                <button type="button" class="icon" aria-label={ui.t(Text::Close)}
                        onclick={ui.send.reform(|_| Msg::Command(Command::Close))}>{ "×" }</button>
            </header>
            <nav class="tabs" aria-label={ui.t(Text::PanelTitle)}>
                { tab(Screen::Search, Text::TabSearch) }
                { tab(Screen::Ask, Text::TabAsk) }
                { tab(Screen::Requests, Text::TabRequests) }
            </nav>
            <div class="body">{ props.children.clone() }</div>
            <p class="notice" role="status" aria-live="polite">{ props.notice.clone().unwrap_or_default() }</p>
        </div>
    }
}

fn focusables(panel: &NodeRef) -> Vec<HtmlElement> {
    let Some(panel) = panel.cast::<HtmlElement>() else { return Vec::new() };
    let Ok(list) = panel.query_selector_all(FOCUSABLE) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok()).collect()
}

/// The focused element, if it is inside the panel.
fn active_element(panel: &NodeRef) -> Option<web_sys::Element> {
    let panel = panel.cast::<HtmlElement>()?;
    let active = panel.get_root_node().dyn_into::<ShadowRoot>().ok()?.active_element()?;
    panel.contains(Some(&active)).then_some(active)
}

/// Keeps Tab inside the dialog: from the last control to the first, Shift+Tab the other way.
fn trap_focus(panel: &NodeRef, e: &KeyboardEvent) {
    let items = focusables(panel);
    let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
    let active = active_element(panel);
    let at = |el: &HtmlElement| active.as_ref().is_some_and(|a| a == el.as_ref() as &web_sys::Element);
    let wrap_to = if e.shift_key() && at(first) {
        last
    } else if !e.shift_key() && at(last) {
        first
    } else {
        return;
    };
    e.prevent_default();
    let _ = wrap_to.focus();
}
