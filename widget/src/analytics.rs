//! Usage events for the support lead's numbers (`POST /api/v1/events`): what users search, with
//! what verdict, which articles they read and rate, when they give up and contact a person.
//! Batched, sent through the outbox (so offline votes are not lost), searches counted once the
//! user stops typing.

use std::cell::RefCell;
use std::rc::Rc;

use browser_kit::json;
use gloo_timers::callback::Timeout;
use wire::analytics::{EventBatch, Verdict, WidgetEvent, WidgetEventKind};
use wire::limits;
use wire::tickets::Channel;

use crate::edge::{Edge, Sent};
use crate::i18n::Locale;

/// A query still unchanged after this long is a search, not a keystroke.
const SETTLE_MS: u32 = 1200;
/// Events wait at most this long before they are sent together.
const BATCH_MS: u32 = 5000;

pub enum Event {
    Search { query: String, verdict: Verdict, results: usize },
    ArticleView(String),
    Vote(String, bool),
    Comment(String, String),
    Deflected(String),
    ContactStarted,
}

struct Queue {
    events: Vec<WidgetEvent>,
    /// The search being typed, and the timer that records it when typing stops.
    typing: Option<WidgetEvent>,
    settle: Option<Timeout>,
    /// A send is scheduled. (A timer is never dropped from its own callback: that would free
    /// the closure while it runs.)
    batch_due: bool,
}

pub struct Analytics {
    edge: Rc<Edge>,
    locale: Locale,
    channel: Channel,
    queue: Rc<RefCell<Queue>>,
}

impl Analytics {
    pub fn new(edge: Rc<Edge>, locale: Locale, channel: Channel) -> Analytics {
        let queue = Queue { events: Vec::new(), typing: None, settle: None, batch_due: false };
        Analytics { edge, locale, channel, queue: Rc::new(RefCell::new(queue)) }
    }

    pub fn set_locale(&mut self, locale: Locale) {
        self.locale = locale;
    }

    /// A keystroke's search: recorded once the query has settled.
    pub fn searched(&self, query: &str, verdict: Verdict, results: usize) {
        let query: String = query.trim().chars().take(limits::QUERY).collect();
        let event = self.encode(Event::Search { query, verdict, results });
        let (queue, edge) = (self.queue.clone(), self.edge.clone());
        let settle = Timeout::new(SETTLE_MS, move || {
            let typing = queue.borrow_mut().typing.take();
            if let Some(event) = typing {
                enqueue(&queue, &edge, event);
            }
        });
        let mut q = self.queue.borrow_mut();
        q.typing = Some(event);
        q.settle = Some(settle);
    }

    pub fn push(&self, event: Event) {
        enqueue(&self.queue, &self.edge, self.encode(event));
    }

    /// Sends everything now (the panel closed, a vote was cast).
    pub fn flush(&self) {
        let typing = {
            let mut q = self.queue.borrow_mut();
            q.settle = None;
            q.typing.take()
        };
        if let Some(event) = typing {
            self.queue.borrow_mut().events.push(event);
        }
        send(&self.queue, &self.edge);
    }

    fn encode(&self, event: Event) -> WidgetEvent {
        let kind = match event {
            Event::Search { query, verdict, results } => WidgetEventKind::Search { query, verdict, results: results as u32 },
            Event::ArticleView(article) => WidgetEventKind::ArticleView { article },
            Event::Vote(article, helpful) => WidgetEventKind::HelpfulVote { article, helpful },
            Event::Comment(article, comment) => WidgetEventKind::ArticleComment { article, comment },
            Event::Deflected(article) => WidgetEventKind::Deflected { article },
            Event::ContactStarted => WidgetEventKind::ContactStarted { channel: self.channel },
        };
        WidgetEvent { at: js_sys::Date::now() as i64, locale: self.locale.index_name().to_string(), kind }
    }
}

fn enqueue(queue: &Rc<RefCell<Queue>>, edge: &Rc<Edge>, event: WidgetEvent) {
    let mut q = queue.borrow_mut();
    q.events.push(event);
    if !q.batch_due {
        q.batch_due = true;
        let (queue, edge) = (queue.clone(), edge.clone());
        Timeout::new(BATCH_MS, move || send(&queue, &edge)).forget();
    }
}

fn send(queue: &Rc<RefCell<Queue>>, edge: &Rc<Edge>) {
    let events = {
        let mut q = queue.borrow_mut();
        q.batch_due = false;
        std::mem::take(&mut q.events)
    };
    if events.is_empty() {
        return;
    }
    let body = json::text(&EventBatch { events });
    let edge = edge.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(Sent::Answered(_)) | Ok(Sent::Queued) = edge.send("events", "/events", &body, None).await {
            return;
        }
        web_sys::console::warn_1(&"help widget: analytics events refused".into());
    });
}
