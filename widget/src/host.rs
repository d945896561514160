//! What the loader (widget/loader/embed.js) hands the app: the host page's settings, the
//! identity, and functions: `fetchCached`, `fetchParts` and `keepIndex` (Cache Storage), `emit`
//! (events to the host page's `HelpWidget('on', …)` listeners and, in a webview, to the native
//! side), `loadDesk` (the desk module, loaded once) and `prefetchDesk` (the same, in idle time).

use std::future::Future;

use js_sys::{ArrayBuffer, Function, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

use crate::js;
use wire::tickets::Channel;

/// A signed-in user of the host site: `userHash` is HMAC-SHA256(site secret, userId), computed
/// by the host's server; the edge refuses a wrong one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Identity {
    pub user_id: Option<String>,
    pub user_hash: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
}

impl Identity {
    pub fn from_js(value: &JsValue) -> Identity {
        let field = |key| js::string(value, key).filter(|s| !s.is_empty());
        Identity {
            user_id: field("userId"),
            user_hash: field("userHash"),
            name: field("name"),
            email: field("email"),
        }
    }

    pub fn to_js(&self) -> JsValue {
        js::object(&[
            ("userId", js::optional(self.user_id.as_deref())),
            ("userHash", js::optional(self.user_hash.as_deref())),
            ("name", js::optional(self.name.as_deref())),
            ("email", js::optional(self.email.as_deref())),
        ])
    }
}

#[derive(Clone)]
pub struct Host {
    pub site: String,
    /// The locale the page asked for (`data-locale`, `setLocale`), maybe empty.
    pub locale: String,
    /// Base URL of the edge worker: the API and the indexes.
    pub edge: String,
    pub hotline: String,
    /// `web`, or `app` in a webview.
    pub channel: Channel,
    /// Full-page (webview) mode: no launcher, always open.
    pub page: bool,
    pub identity: Identity,
    /// Megabytes of index the background fetch may keep in memory (`data-index-memory`).
    pub index_memory_mb: Option<f64>,
    fetch_cached: Function,
    fetch_parts: Function,
    keep_index: Function,
    emit: Function,
    load_desk: Function,
    prefetch_desk: Function,
    /// The options as the loader gave them, handed on to the desk module.
    pub options: JsValue,
}

impl PartialEq for Host {
    fn eq(&self, other: &Host) -> bool {
        self.site == other.site && self.edge == other.edge && self.identity == other.identity
    }
}

impl Host {
    pub fn from_js(options: &JsValue) -> Host {
        let function = |key| js::get(options, key).dyn_into::<Function>().unwrap_or_else(|_| Function::new_no_args(""));
        Host {
            site: js::text(options, "site"),
            locale: js::text(options, "locale"),
            edge: js::text(options, "edge"),
            hotline: js::text(options, "hotline"),
            channel: if js::string(options, "channel").as_deref() == Some("app") { Channel::App } else { Channel::Web },
            page: js::boolean(options, "page"),
            identity: Identity::from_js(&js::get(options, "identity")),
            index_memory_mb: js::number(options, "indexMemory"),
            fetch_cached: function("fetchCached"),
            fetch_parts: function("fetchParts"),
            keep_index: function("keepIndex"),
            emit: function("emit"),
            load_desk: function("loadDesk"),
            prefetch_desk: function("prefetchDesk"),
            options: options.clone(),
        }
    }

    /// Tells the host page (and the native app) that something happened.
    pub fn emit(&self, event: &str, detail: JsValue) {
        let _ = self.emit.call2(&JsValue::NULL, &JsValue::from_str(event), &detail);
    }

    /// The desk module's exports (its wasm-bindgen glue, initialised), loaded on the first call.
    pub async fn load_desk(&self) -> Result<JsValue, JsValue> {
        JsFuture::from(self.load_desk.call0(&JsValue::NULL)?.dyn_into::<Promise>()?).await
    }

    /// Asks the loader to load the desk module when the browser is idle.
    pub fn prefetch_desk(&self) {
        let _ = self.prefetch_desk.call0(&JsValue::NULL);
    }

    /// Fetches through the widget's Cache Storage, network first, so the current core works
    /// offline once loaded. The request leaves when this is called, not when the future is first
    /// polled: a core asked for while a screen renders is on the wire before that render and
    /// its layout are done.
    pub fn fetch_cached(&self, url: &str) -> impl Future<Output = Result<Response, JsValue>> {
        let started = self.fetch_cached.call1(&JsValue::NULL, &JsValue::from_str(url));
        let url = url.to_string();
        async move {
            let response: Response = JsFuture::from(started?.dyn_into::<Promise>()?).await?.dyn_into()?;
            if response.ok() {
                Ok(response)
            } else {
                Err(JsValue::from_str(&format!("{url}: HTTP {}", response.status())))
            }
        }
    }

    /// The bytes of the index parts `names` in `folder` (published names): from Cache Storage
    /// where held, the rest in one request that leaves at this call. One future per name, in
    /// order.
    pub fn fetch_parts(&self, folder: &str, names: &[String]) -> Vec<impl Future<Output = Result<ArrayBuffer, JsValue>>> {
        let list: js_sys::Array = names.iter().map(|name| JsValue::from_str(name)).collect();
        let started = self.fetch_parts.call2(&JsValue::NULL, &JsValue::from_str(folder), &list).map(|promises| js_sys::Array::from(&promises));
        (0..names.len() as u32)
            .map(|at| {
                let promise = started.clone().and_then(|promises| promises.get(at).dyn_into::<Promise>());
                async move { JsFuture::from(promise?).await?.dyn_into::<ArrayBuffer>() }
            })
            .collect()
    }

    /// Drops from the widget's Cache Storage the files of `locale` in `folder` whose names are
    /// not among `keep` (one per line): parts an earlier core named, which nothing asks for
    /// again. One string, not a call per name: a large help center has a thousand parts.
    pub fn keep_index(&self, folder: &str, locale: &str, keep: &str) {
        let _ = self.keep_index.call3(&JsValue::NULL, &JsValue::from_str(folder), &JsValue::from_str(locale), &JsValue::from_str(keep));
    }
}
