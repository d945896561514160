//! The widget's root: the panel (a dialog), its tabs and the screen stack. It owns the state every
//! screen shares — locale, the loaded index, the user's journey — and hands it down as [`Ui`].

use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::analytics::{Analytics, Event};
use crate::edge::Edge;
use crate::host::{Host, Identity};
use crate::i18n::{fill, Locale, Text};
use crate::js;
use crate::journey::{Exchange, Journey};
use crate::library::{self, Library};
use wire::analytics::Verdict;
use wire::chat::Speaker;
use browser_kit::http::read;
use wire::tickets::TriageReason;
use wire::views::Filed;
use crate::desk::frame::{self, DeskFrame};
use crate::desk::protocol::Place;
use crate::views::{article::ArticleView, ask::AskView, browse::CategoryView, panel::Panel, search::SearchView};

#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Search,
    Category(String),
    Article(String),
    Ask,
    Contact,
    Requests,
    Ticket(String),
}

/// Calls from the host page: `HelpWidget(name, arg)`.
pub enum Command {
    Open,
    Close,
    Toggle,
    Identify(Identity),
    SetLocale(String),
    Search(String),
    OpenArticle(String),
    /// A mail's link into a ticket, traded by the loader at the edge: the ticket and, for an
    /// anonymous requester, the token that opens it in this browser.
    OpenTicket { id: String, token: Option<String> },
    /// The user is about to open the panel (the loader saw the launcher hovered or focused).
    Prepare,
}

impl Command {
    pub fn parse(name: &str, arg: &JsValue) -> Option<Command> {
        let text = || arg.as_string().unwrap_or_default();
        Some(match name {
            "open" => Command::Open,
            "close" => Command::Close,
            "toggle" => Command::Toggle,
            "identify" => Command::Identify(Identity::from_js(arg)),
            "setLocale" => Command::SetLocale(text()),
            "search" => Command::Search(text()),
            "openArticle" => Command::OpenArticle(text()),
            "openTicket" => Command::OpenTicket { id: js::text(arg, "id"), token: js::get(arg, "token").as_string() },
            "prepare" => Command::Prepare,
            _ => return None,
        })
    }
}

pub enum Loading {
    /// Nothing of the index is fetched before the user shows intent.
    NotAsked,
    Pending,
    Ready(Library),
    Failed(String),
}

pub enum Msg {
    Command(Command),
    Go(Screen),
    Back,
    Tab(Screen),
    Query(String),
    Loaded(Locale, Result<Library, String>),
    /// Index parts a screen waits for arrived.
    Arrived(Locale),
    Retry,
    Record(Record),
    Notice(String),
    /// The browser is back online: deliver the outbox.
    Online,
}

/// Something the user did that a person helping them later should know.
pub enum Record {
    /// A query and what the search screen showed for it: its verdict and result count.
    Search { query: String, verdict: Verdict, results: usize },
    Article(String),
    Line(Speaker, String),
    Exchange(Exchange),
    Triage(Vec<TriageReason>),
    Vote(String, bool),
    /// What the reader says an article lacked.
    Comment(String, String),
    ContactStarted,
}

/// What every screen reads: compared by identity, so a screen re-renders when something it
/// can see has changed.
#[derive(Clone)]
pub struct Ui {
    pub locale: Locale,
    pub host: Rc<Host>,
    pub edge: Rc<Edge>,
    pub library: Option<Library>,
    /// Bumped when the library changes in place (parts a screen asked for arrived).
    pub generation: u32,
    pub journey: Rc<Journey>,
    pub send: Callback<Msg>,
}

impl PartialEq for Ui {
    fn eq(&self, other: &Ui) -> bool {
        self.locale == other.locale
            && self.generation == other.generation
            && Rc::ptr_eq(&self.journey, &other.journey)
            && self.library.as_ref().map(Rc::as_ptr) == other.library.as_ref().map(Rc::as_ptr)
    }
}

impl Ui {
    pub fn t(&self, text: Text) -> &'static str {
        self.locale.text(text)
    }

    /// What an article link does: opens the article on top of the current screen.
    pub fn open_article(&self) -> Callback<String> {
        self.send.reform(|id| Msg::Go(Screen::Article(id)))
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub host: Rc<Host>,
}

pub struct App {
    locale: Locale,
    open: bool,
    stack: Vec<Screen>,
    query: String,
    loading: Loading,
    generation: u32,
    journey: Rc<Journey>,
    edge: Rc<Edge>,
    analytics: Analytics,
    notice: Option<String>,
    /// The desk module was asked for (see [`App::prefetch_desk`]).
    desk_asked: bool,
}

impl Component for App {
    type Message = Msg;
    type Properties = Props;

    fn create(ctx: &Context<Self>) -> Self {
        let host = &ctx.props().host;
        let languages = browser_languages();
        let locale = Locale::resolve(Some(&host.locale).filter(|l| !l.is_empty()).map(String::as_str), languages.iter().map(String::as_str));
        let edge = Rc::new(Edge::new(host));
        let app = App {
            locale,
            open: false,
            // A chat this tab opened goes on after a reload.
            stack: vec![if edge.active_chat().is_some() { Screen::Contact } else { Screen::Search }],
            query: String::new(),
            loading: Loading::NotAsked,
            generation: 0,
            journey: Rc::default(),
            analytics: Analytics::new(edge.clone(), locale, host.channel),
            edge,
            notice: None,
            desk_asked: false,
        };
        app.deliver_outbox(ctx);
        let link = ctx.link().clone();
        on_window_event("online", move || link.send_message(Msg::Online));
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        let render = self.apply(ctx, msg);
        self.prefetch_desk(&ctx.props().host);
        render
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let ui = self.ui(ctx);
        let screen = self.stack.last().cloned().unwrap_or(Screen::Search);
        let body = match (&self.loading, &screen) {
            (_, Screen::Ask) => html! { <AskView /> },
            (_, Screen::Contact) => html! { <DeskFrame state={frame::state(&ui, Place::Contact)} /> },
            (_, Screen::Requests) => html! { <DeskFrame state={frame::state(&ui, Place::Requests)} /> },
            (_, Screen::Ticket(id)) => html! { <DeskFrame state={frame::state(&ui, Place::Ticket(id.clone()))} /> },
            (Loading::NotAsked | Loading::Pending | Loading::Ready(_), Screen::Search) => html! { <SearchView query={self.query.clone()} /> },
            (Loading::NotAsked | Loading::Pending, _) => html! { <p class="status" role="status">{ ui.t(Text::Loading) }</p> },
            (Loading::Failed(error), _) => html! {
                <div class="status" role="alert">
                    <p>{ ui.t(Text::LoadFailed) }</p>
                    <p class="detail">{ error }</p>
                    <button type="button" onclick={ctx.link().callback(|_| Msg::Retry)}>{ ui.t(Text::Retry) }</button>
                </div>
            },
            (Loading::Ready(_), Screen::Category(id)) => html! { <CategoryView id={id.clone()} /> },
            (Loading::Ready(_), Screen::Article(id)) => html! { <ArticleView key={id.clone()} id={id.clone()} /> },
        };
        let tab = self.stack.first().cloned().unwrap_or(Screen::Search);
        html! {
            <ContextProvider<Ui> context={ui}>
                if self.open {
                    <Panel tab={tab} can_go_back={self.stack.len() > 1} notice={self.notice.clone()}>
                        { body }
                    </Panel>
                }
            </ContextProvider<Ui>>
        }
    }
}

impl App {
    /// Applies a message; whether the panel must be drawn again.
    fn apply(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Command(command) => self.command(ctx, command),
            Msg::Go(screen) => {
                if let Screen::Article(id) = &screen {
                    self.record(Record::Article(id.clone()));
                }
                self.stack.push(screen);
            }
            Msg::Back => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
            }
            Msg::Tab(screen) => {
                if matches!(screen, Screen::Contact) {
                    self.record(Record::ContactStarted);
                }
                self.stack = vec![screen];
            }
            Msg::Query(query) => {
                self.query = query;
                self.look_for_newer_index(ctx);
            }
            Msg::Loaded(locale, result) if locale == self.locale => match result {
                Ok(library) => {
                    if let Loading::Ready(replaced) = &self.loading {
                        replaced.retire();
                    }
                    library.prefetch_when_idle();
                    self.loading = Loading::Ready(library);
                }
                Err(error) => self.loading = Loading::Failed(error),
            },
            Msg::Loaded(..) => return false,
            Msg::Arrived(locale) => {
                if locale != self.locale {
                    return false;
                }
                self.generation += 1;
            }
            Msg::Retry => {
                self.loading = Loading::Pending;
                self.load(ctx);
            }
            // Nothing on screen shows the journey, and the search screen already shows the
            // results: one render per keystroke is enough.
            Msg::Record(record @ Record::Search { .. }) => {
                self.record(record);
                return false;
            }
            Msg::Record(record) => self.record(record),
            Msg::Notice(text) => self.notice = Some(text),
            // Parts that failed offline are asked for again.
            Msg::Online => {
                self.deliver_outbox(ctx);
                let Loading::Ready(library) = &self.loading else { return false };
                library.retry();
                self.generation += 1;
            }
        }
        true
    }

    fn ui(&self, ctx: &Context<Self>) -> Ui {
        Ui {
            locale: self.locale,
            host: ctx.props().host.clone(),
            edge: self.edge.clone(),
            library: match &self.loading {
                Loading::Ready(library) => Some(library.clone()),
                _ => None,
            },
            generation: self.generation,
            journey: self.journey.clone(),
            send: ctx.link().callback(|msg| msg),
        }
    }

    fn load(&self, ctx: &Context<Self>) {
        let host = ctx.props().host.clone();
        let locale = self.locale;
        let arrived = ctx.link().callback(move |()| Msg::Arrived(locale));
        let loading = library::load(host, locale, arrived);
        ctx.link().send_future(async move { Msg::Loaded(locale, loading.await) });
    }

    /// A search in a panel left open: an index published since the core was read replaces the
    /// one in use once its core is in (the results are asked again of it then).
    fn look_for_newer_index(&self, ctx: &Context<Self>) {
        let Loading::Ready(library) = &self.loading else { return };
        if !library.core_due() {
            return;
        }
        let (library, locale) = (library.clone(), self.locale);
        let arrived = ctx.link().callback(move |()| Msg::Arrived(locale));
        ctx.link().send_future_batch(async move {
            match library::newer(library, arrived).await {
                Ok(Some(newer)) => vec![Msg::Loaded(locale, Ok(newer))],
                Ok(None) => vec![],
                // The index in use still answers; the next search asks again.
                Err(error) => {
                    web_sys::console::warn_1(&error.into());
                    vec![]
                }
            }
        });
    }

    /// The user showed intent: the index starts loading (once).
    fn want_index(&mut self, ctx: &Context<Self>) {
        if matches!(self.loading, Loading::NotAsked) {
            self.loading = Loading::Pending;
            self.load(ctx);
        }
    }

    /// Sends what an offline moment (or an earlier visit) left in the outbox, and tells the
    /// user and the host page when a ticket written offline got through.
    fn deliver_outbox(&self, ctx: &Context<Self>) {
        let (edge, host, locale) = (self.edge.clone(), ctx.props().host.clone(), self.locale);
        let notice = ctx.link().callback(Msg::Notice);
        self.edge.flush(move |kind, answer| {
            if let (Ok(answer), "ticket") = (answer, kind.as_str()) {
                let Ok(created) = read::<Filed>(answer.clone()) else { return };
                edge.remember_token(created.requester_token.as_deref());
                notice.emit(fill(locale.text(Text::TicketFiled), created.ticket.number));
                // The host page hears of the ticket as the edge wrote it.
                host.emit("ticketCreated", js::get(&answer, "ticket"));
            }
        });
    }

    fn command(&mut self, ctx: &Context<Self>, command: Command) {
        let host = &ctx.props().host;
        if matches!(command, Command::Open | Command::Toggle | Command::Search(_) | Command::OpenArticle(_) | Command::Prepare) {
            self.want_index(ctx);
        }
        match command {
            Command::Prepare => {}
            Command::Open => self.set_open(host, true),
            // In a webview the page stays; the app closes the webview when it hears `close`.
            Command::Close if host.page => host.emit("close", JsValue::NULL),
            Command::Close => self.set_open(host, false),
            Command::Toggle => self.set_open(host, !self.open),
            Command::Identify(identity) => self.edge.identify(identity),
            Command::SetLocale(tag) => {
                let locale = Locale::resolve(Some(&tag), []);
                if locale != self.locale {
                    self.locale = locale;
                    self.analytics.set_locale(locale);
                    self.stack.truncate(1);
                    if let Loading::Ready(library) = &self.loading {
                        library.retire();
                    }
                    if !matches!(self.loading, Loading::NotAsked) {
                        self.loading = Loading::Pending;
                        self.load(ctx);
                    }
                }
            }
            Command::Search(query) => {
                self.stack = vec![Screen::Search];
                self.query = query;
                self.look_for_newer_index(ctx);
                self.set_open(host, true);
            }
            Command::OpenArticle(id) => {
                self.stack = vec![Screen::Search];
                self.apply(ctx, Msg::Go(Screen::Article(id)));
                self.set_open(host, true);
            }
            Command::OpenTicket { id, token } => {
                self.edge.remember_token(token.as_deref());
                self.stack = vec![Screen::Requests];
                self.apply(ctx, Msg::Go(Screen::Ticket(id)));
                self.set_open(host, true);
            }
        }
    }

    /// Once the user has had a first answer (results, an article, or the Ask tab), the desk
    /// module (ticket form, requests, chat) is loaded in idle time, so a user who goes offline
    /// after that can still write a request. It never delays a first answer, and someone who
    /// only looks something up in passing never downloads it.
    fn prefetch_desk(&mut self, host: &Host) {
        let journey = &self.journey;
        let answered = !journey.searches.is_empty() || !journey.articles_read.is_empty() || self.stack.first() == Some(&Screen::Ask);
        if self.open && answered && !self.desk_asked {
            self.desk_asked = true;
            host.prefetch_desk();
        }
    }

    fn set_open(&mut self, host: &Host, open: bool) {
        if open != self.open {
            self.open = open;
            host.emit(if open { "open" } else { "close" }, JsValue::NULL);
            if !open {
                self.analytics.flush();
            }
        }
    }

    fn record(&mut self, record: Record) {
        let journey = Rc::make_mut(&mut self.journey);
        match record {
            // Analytics keeps only the query the user stopped typing at.
            Record::Search { query, verdict, results } => {
                journey.record_search(&query);
                self.analytics.searched(&query, verdict, results);
            }
            Record::Article(id) => {
                journey.record_article(&id);
                self.analytics.push(Event::ArticleView(id));
            }
            Record::Line(speaker, text) => journey.record_line(speaker, &text),
            Record::Exchange(exchange) => journey.record_exchange(exchange),
            Record::Triage(reasons) => journey.record_triage(reasons),
            Record::Vote(id, helpful) => {
                self.analytics.push(Event::Vote(id.clone(), helpful));
                if helpful {
                    self.analytics.push(Event::Deflected(id));
                }
                self.analytics.flush();
            }
            Record::Comment(id, comment) => {
                self.analytics.push(Event::Comment(id, comment));
                self.analytics.flush();
            }
            Record::ContactStarted => self.analytics.push(Event::ContactStarted),
        }
    }
}

/// Listens for as long as the page lives (the app is never unmounted).
fn on_window_event(name: &str, listener: impl Fn() + 'static) {
    let closure = wasm_bindgen::closure::Closure::<dyn Fn()>::new(listener);
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback(name, wasm_bindgen::JsCast::unchecked_ref(closure.as_ref()));
    }
    closure.forget();
}

fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default()
}
