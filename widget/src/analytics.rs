//! Usage events for the support lead's numbers (`POST /api/v1/events`): what users search, with
//! what verdict, which articles they read and rate, when they give up and contact a person.
//! Batched, sent through the outbox (so offline votes are not lost), searches counted once the
//! user stops typing.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsValue;

use crate::edge::{Edge, Sent};
use crate::i18n::Locale;
use crate::js;

/// A query still unchanged after this long is a search, not a keystroke.
const SETTLE_MS: u32 = 1200;
/// Events wait at most this long before they are sent together.
const BATCH_MS: u32 = 5000;
const MAX_QUERY_CHARS: usize = 200;

pub enum Event {
    Search { query: String, verdict: &'static str, results: usize },
    ArticleView(String),
    Vote(String, bool),
    Deflected(String),
    ContactStarted,
}

struct Queue {
    events: Vec<JsValue>,
    /// The search being typed, and the timer that records it when typing stops.
    typing: Option<JsValue>,
    settle: Option<Timeout>,
    /// A send is scheduled. (A timer is never dropped from its own callback: that would free
    /// the closure while it runs.)
    batch_due: bool,
}

pub struct Analytics {
    edge: Rc<Edge>,
    locale: Locale,
    channel: String,
    queue: Rc<RefCell<Queue>>,
}

impl Analytics {
    pub fn new(edge: Rc<Edge>, locale: Locale, channel: &str) -> Analytics {
        let queue = Queue { events: Vec::new(), typing: None, settle: None, batch_due: false };
        Analytics { edge, locale, channel: channel.to_string(), queue: Rc::new(RefCell::new(queue)) }
    }

    pub fn set_locale(&mut self, locale: Locale) {
        self.locale = locale;
    }

    /// A keystroke's search: recorded once the query has settled.
    pub fn searched(&self, query: &str, verdict: &'static str, results: usize) {
        let query: String = query.trim().chars().take(MAX_QUERY_CHARS).collect();
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

    fn encode(&self, event: Event) -> JsValue {
        let at = JsValue::from_f64(js_sys::Date::now());
        let locale = JsValue::from_str(self.locale.index_name());
        let mut fields = vec![("at", at), ("locale", locale)];
        let (kind, rest): (&str, Vec<(&str, JsValue)>) = match event {
            Event::Search { query, verdict, results } => (
                "search",
                vec![("query", query.into()), ("verdict", verdict.into()), ("results", (results as u32).into())],
            ),
            Event::ArticleView(id) => ("article_view", vec![("article", id.into())]),
            Event::Vote(id, helpful) => ("helpful_vote", vec![("article", id.into()), ("helpful", helpful.into())]),
            Event::Deflected(id) => ("deflected", vec![("article", id.into())]),
            Event::ContactStarted => ("contact_started", vec![("channel", self.channel.as_str().into())]),
        };
        fields.push(("type", kind.into()));
        fields.extend(rest);
        js::object(&fields)
    }
}

fn enqueue(queue: &Rc<RefCell<Queue>>, edge: &Rc<Edge>, event: JsValue) {
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
    let body = js::object(&[("events", js::list(events))]);
    let edge = edge.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(Sent::Answered(_)) | Ok(Sent::Queued) = edge.send("events", "/events", &body, None).await {
            return;
        }
        web_sys::console::warn_1(&"help widget: analytics events refused".into());
    });
}
