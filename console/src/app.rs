//! The console's root: who is signed in, the language, which screen (from the URL fragment), the
//! keyboard shortcuts, and a live region for announcements. Everything screens share reaches
//! them as [`Ui`] through a context.

use std::cell::Cell;
use std::rc::Rc;

use browser_kit::http::EdgeError;
use browser_kit::locale::Locale;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use wire::agent::SignedIn;
use yew::prelude::*;

use crate::api::Api;
use crate::i18n::Text;
use crate::route::Screen;
use crate::session;
use crate::shortcuts::{self, Action, Place};
use crate::views::shell::Shell;
use crate::views::sign_in::SignIn;

/// A signed-in agent: their client of the edge and what `GET /agent/me` said.
#[derive(Clone, PartialEq)]
pub struct Session {
    pub api: Rc<Api>,
    pub me: Rc<SignedIn>,
}

impl Session {
    /// An agent's name for an id, or the id itself for one that left.
    pub fn agent_name(&self, id: &str) -> String {
        self.me.agents.iter().find(|a| a.id == id).map_or_else(|| id.to_string(), |a| a.name.clone())
    }
}

/// A shortcut that was pressed, numbered so that pressing it twice is two changes.
#[derive(Clone, Copy, PartialEq)]
pub struct Pressed {
    pub count: u32,
    pub action: Option<Action>,
}

#[derive(Clone, PartialEq)]
pub struct Ui {
    pub locale: Locale,
    pub session: Option<Session>,
    pub screen: Screen,
    pub pressed: Pressed,
    pub send: Callback<Msg>,
}

impl Ui {
    pub fn t(&self, text: Text) -> &'static str {
        self.locale.text(text)
    }

    /// Navigates by changing the fragment; the `hashchange` listener does the rest.
    pub fn go(&self, screen: Screen) {
        if let Some(location) = web_sys::window().map(|w| w.location()) {
            let _ = location.set_hash(&screen.hash());
        }
    }

    /// Says something to screen-reader users (and shows it) without moving focus.
    pub fn announce(&self, text: impl Into<String>) {
        self.send.emit(Msg::Announce(text.into()));
    }
}

pub enum Msg {
    Restored(Result<Session, EdgeError>),
    /// Check the kept token again (the edge was unreachable).
    Restore,
    SignedIn(Session),
    SignOut,
    /// A call was answered 401: the credential ended (deactivated, rotated, signed out).
    CredentialEnded,
    SetLocale(Locale),
    Route(Screen),
    Key(Action),
    Announce(String),
}

enum Gate {
    /// Checking a token kept from earlier in this tab.
    Restoring,
    /// The kept token could not be checked (offline, the edge failing): it is kept, to retry.
    Unreachable(String),
    SignedOut,
    In(Session),
}

pub struct App {
    locale: Locale,
    gate: Gate,
    screen: Screen,
    pressed: Pressed,
    help_open: bool,
    announcement: String,
    moved: bool,
    /// Read by the key listener, which lives outside Yew's updates.
    place: Rc<Cell<Place>>,
    _listeners: Vec<Listener>,
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let languages: Vec<String> = web_sys::window().map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect()).unwrap_or_default();
        let locale = Locale::resolve(session::locale().as_deref(), languages.iter().map(String::as_str));
        let gate = restore(ctx);
        let screen = Screen::from_hash(&current_hash());
        let place = Rc::new(Cell::new(place_of(&screen)));
        App {
            locale,
            gate,
            _listeners: listen(ctx, place.clone()),
            place,
            screen,
            pressed: Pressed { count: 0, action: None },
            help_open: false,
            announcement: String::new(),
            moved: false,
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Restored(Ok(session)) | Msg::SignedIn(session) => {
                session::keep_token(session.api.token());
                self.gate = Gate::In(session);
                self.moved = true;
            }
            Msg::Restored(Err(error)) if session::signs_out(&error) => {
                session::forget_token();
                self.gate = Gate::SignedOut;
            }
            Msg::Restored(Err(error)) => self.gate = Gate::Unreachable(error.message()),
            Msg::Restore => self.gate = restore(ctx),
            Msg::SignOut => {
                session::forget_token();
                self.gate = Gate::SignedOut;
                self.announcement = self.locale.text(Text::SignedOut).into();
            }
            // Only a signed-in tab is signed out: a 401 while signing in is the form's to show.
            Msg::CredentialEnded if matches!(self.gate, Gate::In(_)) => {
                session::forget_token();
                self.gate = Gate::SignedOut;
                self.announcement = self.locale.text(Text::SessionEnded).into();
            }
            Msg::CredentialEnded => return false,
            Msg::SetLocale(locale) => {
                session::keep_locale(locale.tag());
                self.locale = locale;
            }
            Msg::Route(screen) => {
                self.moved = screen != self.screen;
                self.place.set(place_of(&screen));
                self.screen = screen;
                self.help_open = false;
            }
            Msg::Key(action) => return self.key(action),
            Msg::Announce(text) => self.announcement = text,
        }
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let ui = Ui {
            locale: self.locale,
            session: match &self.gate {
                Gate::In(session) => Some(session.clone()),
                _ => None,
            },
            screen: self.screen.clone(),
            pressed: self.pressed,
            send: ctx.link().callback(|msg| msg),
        };
        let body = match &self.gate {
            Gate::Restoring => html! { <main id="main"><p class="status" role="status">{ ui.t(Text::SigningIn) }</p></main> },
            Gate::Unreachable(error) => html! {
                <main id="main">
                    <p class="status" role="alert">{ ui.t(Text::EdgeUnreachable) }<span class="detail">{ error }</span></p>
                    <button type="button" onclick={ctx.link().callback(|_| Msg::Restore)}>{ ui.t(Text::Retry) }</button>
                </main>
            },
            Gate::SignedOut => html! { <SignIn /> },
            Gate::In(_) => html! { <Shell help_open={self.help_open} /> },
        };
        html! {
            <ContextProvider<Ui> context={ui}>
                <div class="console" lang={self.locale.tag()}>
                    { body }
                    <p class="announcer" role="status" aria-live="polite">{ &self.announcement }</p>
                </div>
            </ContextProvider<Ui>>
        }
    }

    /// After a screen change, focus goes to the new screen's heading, so a screen reader says
    /// where the agent is and Tab starts from there.
    fn rendered(&mut self, _ctx: &Context<Self>, _first: bool) {
        if std::mem::take(&mut self.moved) {
            let heading = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector("main h1").ok().flatten());
            if let Some(heading) = heading.and_then(|h| h.dyn_into::<HtmlElement>().ok()) {
                let _ = heading.focus();
            }
        }
    }
}

impl App {
    fn key(&mut self, action: Action) -> bool {
        if !matches!(self.gate, Gate::In(_)) {
            return false;
        }
        let go = |screen: Screen| {
            if let Some(location) = web_sys::window().map(|w| w.location()) {
                let _ = location.set_hash(&screen.hash());
            }
        };
        match action {
            Action::Help => self.help_open = !self.help_open,
            Action::Escape if self.help_open => self.help_open = false,
            // Esc in a field leaves the field (a draft is not thrown away by going back).
            Action::Escape if typing() => {
                let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
                if let Some(field) = active.and_then(|a| a.dyn_into::<HtmlElement>().ok()) {
                    let _ = field.blur();
                }
                return false;
            }
            Action::Escape if matches!(self.screen, Screen::Ticket(_)) => go(Screen::Tickets),
            Action::GoTickets => go(Screen::Tickets),
            Action::GoAnalytics => go(Screen::Analytics),
            Action::GoChats => go(Screen::Chats),
            other => self.pressed = Pressed { count: self.pressed.count + 1, action: Some(other) },
        }
        true
    }

}

fn place_of(screen: &Screen) -> Place {
    match screen {
        Screen::Tickets => Place::List,
        Screen::Ticket(_) => Place::Ticket,
        _ => Place::Elsewhere,
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// A window event and its handler, kept alive as long as the app.
type Listener = (&'static str, Closure<dyn Fn(web_sys::Event)>);

/// The fragment and the keyboard, listened to on the window for the app's lifetime.
fn listen(ctx: &Context<App>, place: Rc<Cell<Place>>) -> Vec<Listener> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let route = ctx.link().callback(|_: ()| Msg::Route(Screen::from_hash(&current_hash())));
    let on_hash = Closure::<dyn Fn(web_sys::Event)>::new(move |_| route.emit(()));
    let link = ctx.link().clone();
    let on_key = Closure::<dyn Fn(web_sys::Event)>::new(move |e: web_sys::Event| {
        let Some(e) = e.dyn_ref::<KeyboardEvent>() else { return };
        let modified = e.ctrl_key() || e.alt_key() || e.meta_key();
        if let Some(action) = shortcuts::action(&e.key(), modified, typing(), place.get()) {
            if action != Action::Escape {
                e.prevent_default();
            }
            link.send_message(Msg::Key(action));
        }
    });
    let ended = ctx.link().callback(|_: ()| Msg::CredentialEnded);
    let on_ended = Closure::<dyn Fn(web_sys::Event)>::new(move |_| ended.emit(()));
    let mut listeners = vec![("hashchange", on_hash), ("keydown", on_key), (crate::api::CREDENTIAL_ENDED, on_ended)];
    for (name, closure) in &mut listeners {
        let _ = window.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
    }
    listeners
}

/// Whether the focus is in a field that wants the keys itself.
fn typing() -> bool {
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    active.is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"))
}

/// Checks the token kept in this tab, if any.
fn restore(ctx: &Context<App>) -> Gate {
    let Some(token) = session::token() else { return Gate::SignedOut };
    ctx.link().send_future(async move {
        let api = Api::new(&token);
        Msg::Restored(api.me().await.map(|me| Session { api: Rc::new(api), me: Rc::new(me) }))
    });
    Gate::Restoring
}
