//! A locale's index, fetched part by part as answers need them. The core comes first, from the
//! name the edge always serves the locale's newest core at (`<locale>.core`); it holds the
//! categories, triage and the query planner, and names every other part by its content, so no
//! manifest stands between a click and the first answer. Each screen asks
//! [`Library::answer`], which answers from what is attached or fetches the parts the reader says
//! are missing (each once, through the loader's Cache Storage) and re-renders the app when they
//! arrive. Once nothing the user waits for is on the way, the rest is fetched in the background,
//! so that search works offline on a later visit. A panel left open asks for the core again at
//! its next search once the edge's copy may have changed (its `max-age`; the edge answers 304
//! while it has not), and swaps in the new index when an editor has published.

use std::cell::{Cell, Ref, RefCell};
use std::future::Future;
use std::rc::Rc;

use faq_data::{Index, Missing, PartId};
use gloo_timers::callback::Timeout;
use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::Callback;

use crate::host::Host;
use crate::i18n::Locale;
use crate::js;

/// The loaded index, shared by every screen.
pub type Library = Rc<Shelf>;

/// Why a screen has no answer yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// The parts it needs are on their way.
    Loading,
    /// A part it needs could not be fetched and is not cached (offline on a first visit).
    Unavailable,
}

/// How long the panel must have waited on nothing before the background fetch starts, and how
/// many parts it asks for in each of its requests, one request at a time (the user's own
/// requests go first).
const IDLE_MS: u32 = 1_500;
const PREFETCH_BATCH: usize = 16;
/// The most parts one request asks for (the edge's limit, `help_center::serve::parts`).
const PARTS_PER_REQUEST: usize = 64;
/// Megabytes of index parts the background fetch keeps in memory, unless the page says
/// otherwise (`data-index-memory`). Past it, parts are kept in Cache Storage only and read into
/// memory when a screen asks: with every part in memory a 100,000-article help center took
/// 410 MB of wasm memory, more than a phone gives a page. A 10,000-article one (17 MB of
/// postings and articles) stays whole in memory.
const BACKGROUND_MEMORY_MB: f64 = 24.0;
/// How long the edge lets a current core be cached (`help_center::serve`'s `max-age`): asking
/// again sooner could only return the same one.
const CORE_MAX_AGE_MS: f64 = 5_000.0;

pub struct Shelf {
    index: RefCell<Index>,
    core: CoreAddress,
    /// The loaded core's content hash, as the edge tags it: a published index has another.
    core_tag: String,
    locale: Locale,
    host: Rc<Host>,
    /// When the core was last asked for (ms since the epoch).
    core_read_at: Cell<f64>,
    /// Parts on the way, and whether a screen waits for them (a background fetch does not
    /// re-render on arrival unless a screen asked for the part meanwhile).
    fetching: RefCell<Vec<(PartId, bool)>>,
    /// Parts that could not be fetched (offline, say): not asked again until [`Shelf::retry`].
    failed: RefCell<Vec<PartId>>,
    prefetching: Cell<bool>,
    /// Bytes of parts attached in memory, and the most the background fetch may bring it to.
    attached_bytes: Cell<usize>,
    background_memory: usize,
    /// Parts the background fetch left in Cache Storage only (past `background_memory`): not
    /// fetched again in the background, read from the cache when a screen asks.
    shelved: RefCell<Vec<PartId>>,
    /// Earlier cores' parts were dropped from Cache Storage.
    swept: Cell<bool>,
    /// Another locale replaced this one: no more background fetches.
    retired: Cell<bool>,
    /// Tells the app that the parts screens wait for have arrived (or failed).
    arrived: Callback<()>,
}

/// Where a locale's files are: the folder every part is published in, and the URL of the
/// locale's current core.
#[derive(Clone)]
struct CoreAddress {
    folder: String,
    url: String,
}

impl CoreAddress {
    fn of(host: &Host, locale: Locale) -> CoreAddress {
        let folder = format!("{}/index/", host.edge);
        let site = js_sys::encode_uri_component(&host.site);
        let url = format!("{folder}{}?site={site}", faq_data::current_core_name(locale.index_name()));
        CoreAddress { folder, url }
    }
}

/// Fetches the locale's current core and reads it: nothing else until a screen asks. The
/// request leaves at this call.
pub fn load(host: Rc<Host>, locale: Locale, arrived: Callback<()>) -> impl Future<Output = Result<Library, String>> {
    let core = CoreAddress::of(&host, locale);
    let fetched = fetch_core(&host, &core.url, None);
    async move {
        let (tag, bytes) = fetched.await?.ok_or("no core")?;
        open(host, locale, core, tag, bytes, arrived)
    }
}

/// The index an editor published since `shelf`'s core was read, if any: `Ok(None)` while the
/// edge serves the same core (offline, the cached copy answers, and it is the same).
pub async fn newer(shelf: Library, arrived: Callback<()>) -> Result<Option<Library>, String> {
    let Some((tag, bytes)) = fetch_core(&shelf.host, &shelf.core.url, Some(&shelf.core_tag)).await? else { return Ok(None) };
    if tag == shelf.core_tag {
        return Ok(None);
    }
    open(shelf.host.clone(), shelf.locale, shelf.core.clone(), tag, bytes, arrived).map(Some)
}

/// The core's bytes and its tag: the edge's ETag (its content hash), or the hash of the bytes
/// from a host that sends none. `None` when the ETag is `held`, the tag of the core in use: its
/// bytes are not read again (a panel typing away asks every few seconds).
fn fetch_core(host: &Host, url: &str, held: Option<&str>) -> impl Future<Output = Result<Option<(String, Vec<u8>)>, String>> {
    let response = host.fetch_cached(url);
    let held = held.map(str::to_string);
    async move {
        let response = response.await.map_err(describe)?;
        let etag = response.headers().get("etag").ok().flatten();
        if etag.is_some() && etag == held {
            return Ok(None);
        }
        let buffer = JsFuture::from(response.array_buffer().map_err(describe)?).await.map_err(describe)?;
        let bytes = Uint8Array::new(&buffer).to_vec();
        let tag = etag.unwrap_or_else(|| format!("\"{}\"", faq_data::hex(&faq_data::part_hash(&bytes))));
        Ok(Some((tag, bytes)))
    }
}

fn open(host: Rc<Host>, locale: Locale, core: CoreAddress, core_tag: String, bytes: Vec<u8>, arrived: Callback<()>) -> Result<Library, String> {
    let read_at = js_sys::Date::now();
    let index = Index::from_core(bytes).map_err(|e| format!("{}: {e}", core.url))?;
    if index.locale() != locale.index_name() {
        return Err(format!("{}: the core of {}, not {}", core.url, index.locale(), locale.index_name()));
    }
    Ok(Rc::new(Shelf {
        index: RefCell::new(index),
        core,
        core_tag,
        locale,
        host: host.clone(),
        core_read_at: Cell::new(read_at),
        fetching: RefCell::default(),
        failed: RefCell::default(),
        prefetching: Cell::new(false),
        attached_bytes: Cell::new(0),
        background_memory: (host.index_memory_mb.unwrap_or(BACKGROUND_MEMORY_MB).max(0.0) * 1e6) as usize,
        shelved: RefCell::default(),
        swept: Cell::new(false),
        retired: Cell::new(false),
        arrived,
    }))
}

impl Shelf {
    /// The index as attached so far.
    pub fn borrow(&self) -> Ref<'_, Index> {
        self.index.borrow()
    }

    /// `ask`'s answer if the attached parts hold it; otherwise the missing parts are put on
    /// their way (the app re-renders when they arrive and the screen asks again).
    pub fn answer<T>(self: &Rc<Self>, ask: impl FnOnce(&Index) -> Result<T, Missing>) -> Result<T, Wait> {
        let asked = ask(&self.index.borrow());
        let missing = match asked {
            Ok(answer) => return Ok(answer),
            Err(missing) => missing.parts,
        };
        self.fetch(&missing, true);
        if missing.iter().any(|p| self.failed.borrow().contains(p)) {
            Err(Wait::Unavailable)
        } else {
            Err(Wait::Loading)
        }
    }

    /// Whether the edge may have published since the core was read; a `true` counts as a
    /// reading, so a panel typing away asks the edge at most once per `max-age`.
    pub fn core_due(&self) -> bool {
        let now = js_sys::Date::now();
        let due = now - self.core_read_at.get() > CORE_MAX_AGE_MS;
        if due {
            self.core_read_at.set(now);
        }
        due
    }

    /// Stops the background fetch: the user switched to another locale, or a newer index
    /// replaced this one.
    pub fn retire(&self) {
        self.retired.set(true);
    }

    /// Asks again for what failed (the browser is back online).
    pub fn retry(self: &Rc<Self>) {
        self.failed.borrow_mut().clear();
        self.prefetch_when_idle();
    }

    /// Starts fetching the parts not attached, failed or on the way already (nor, for the
    /// background, shelved), together: those not in Cache Storage leave in one request.
    /// `wanted` marks those a screen waits for (a part the background fetch has on the way
    /// becomes wanted).
    fn fetch(self: &Rc<Self>, parts: &[PartId], wanted: bool) {
        let mut due = Vec::new();
        for &part in parts {
            if self.index.borrow().has(part) || self.failed.borrow().contains(&part) || (!wanted && self.shelved.borrow().contains(&part)) {
                continue;
            }
            let mut fetching = self.fetching.borrow_mut();
            if let Some(on_the_way) = fetching.iter_mut().find(|(p, _)| *p == part) {
                on_the_way.1 |= wanted;
                continue;
            }
            fetching.push((part, wanted));
            due.push(part);
        }
        for batch in due.chunks(PARTS_PER_REQUEST) {
            let names: Vec<String> = batch.iter().map(|&part| self.name(part)).collect();
            let responses = self.host.fetch_parts(&self.core.folder, &names);
            for (&part, response) in batch.iter().zip(responses) {
                let (shelf, url) = (self.clone(), self.url(part));
                spawn_local(async move {
                    let fetched = response.await.map_err(|e| format!("{url}: {}", describe(e)));
                    shelf.arrive(part, fetched);
                });
            }
        }
    }

    /// The name `part` is published under: the core names it by its content.
    fn name(&self, part: PartId) -> String {
        self.index.borrow().published_name(part).unwrap_or_else(|| part.kind())
    }

    fn url(&self, part: PartId) -> String {
        format!("{}{}", self.core.folder, self.name(part))
    }

    fn arrive(self: &Rc<Self>, part: PartId, fetched: Result<ArrayBuffer, String>) {
        let wanted = {
            let mut fetching = self.fetching.borrow_mut();
            let at = fetching.iter().position(|(p, _)| *p == part);
            at.is_some_and(|at| fetching.remove(at).1)
        };
        let attached = fetched.and_then(|buffer| self.attach(part, &buffer, wanted));
        if let Err(error) = attached {
            web_sys::console::warn_1(&error.into());
            self.failed.borrow_mut().push(part);
        }
        // One re-render when the last part a screen waits for is in, not one per part: each
        // render asks the reader again, which plans the whole query.
        if wanted && !self.waiting() {
            self.arrived.emit(());
        }
        if self.prefetching.get() {
            self.prefetch_next();
        } else if !self.waiting() {
            self.prefetch_when_idle();
        }
    }

    /// Reads a fetched part into memory if a screen waits for it or the background budget has
    /// room; else leaves it shelved in Cache Storage (where fetching it put it), without ever
    /// copying it into wasm memory, which does not shrink.
    fn attach(&self, part: PartId, buffer: &ArrayBuffer, wanted: bool) -> Result<(), String> {
        let size = buffer.byte_length() as usize;
        if !wanted && self.attached_bytes.get() + size > self.background_memory {
            self.shelved.borrow_mut().push(part);
            return Ok(());
        }
        let bytes = Uint8Array::new(buffer).to_vec();
        let added = self.index.borrow_mut().add_part(part, bytes);
        added.map_err(|e| format!("{}: {e}", self.url(part)))?;
        self.attached_bytes.set(self.attached_bytes.get() + size);
        self.shelved.borrow_mut().retain(|&p| p != part);
        Ok(())
    }

    /// Whether a screen waits for a part.
    fn waiting(&self) -> bool {
        self.fetching.borrow().iter().any(|(_, wanted)| *wanted)
    }

    /// Fetches the rest of the index once the panel has waited on nothing for a while; first
    /// drops earlier cores' parts from Cache Storage.
    pub fn prefetch_when_idle(self: &Rc<Self>) {
        let shelf = self.clone();
        Timeout::new(IDLE_MS, move || {
            if !shelf.waiting() && !shelf.prefetching.replace(true) {
                shelf.sweep_cache();
                shelf.prefetch_next();
            }
        })
        .forget();
    }

    /// Asks the loader to keep, of this locale's files in Cache Storage, only the current core
    /// and the parts it names (once; in idle time, as naming a large help center's thousand
    /// parts costs milliseconds a first answer should not wait for).
    fn sweep_cache(&self) {
        if self.retired.get() || self.swept.replace(true) {
            return;
        }
        let index = self.index.borrow();
        let locale = self.locale.index_name();
        let mut keep = vec![faq_data::current_core_name(locale)];
        keep.extend(index.parts().into_iter().filter_map(|part| index.published_name(part)));
        self.host.keep_index(&self.core.folder, locale, &keep.join("\n"));
    }

    /// Fetches the next batch of the rest in the background, once the last batch is in and
    /// nothing a screen waits for is on the way.
    fn prefetch_next(self: &Rc<Self>) {
        if self.waiting() || self.retired.get() {
            self.prefetching.set(false);
            return;
        }
        if !self.fetching.borrow().is_empty() {
            return;
        }
        let next: Vec<PartId> = {
            let (failed, shelved) = (self.failed.borrow(), self.shelved.borrow());
            let index = self.index.borrow();
            index.missing_parts().into_iter().filter(|p| !failed.contains(p) && !shelved.contains(p)).take(PREFETCH_BATCH).collect()
        };
        if next.is_empty() {
            self.prefetching.set(false);
        }
        self.fetch(&next, false);
    }
}

pub fn describe(error: JsValue) -> String {
    error.as_string().unwrap_or_else(|| js::to_json(&error))
}
