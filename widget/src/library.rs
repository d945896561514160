//! Loads a locale's index from the edge: the manifest names the content-addressed parts; the
//! core and its chunks come first (the widget can search), the bodies after (articles can open).

use std::cell::RefCell;
use std::rc::Rc;

use faq_data::{Index, PartId};
use js_sys::{Array, ArrayBuffer, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::host::Host;
use crate::i18n::Locale;
use crate::js;

/// The loaded index, shared by every screen; bodies are attached in place when they arrive.
pub type Library = Rc<RefCell<Index>>;

pub struct Files {
    pub index: IndexFiles,
    pub bodies: String,
}

/// Where a locale's core and chunks are (the manifest lists each chunk by number).
pub struct IndexFiles {
    core: String,
    postings: Vec<String>,
    docs: Vec<String>,
}

impl IndexFiles {
    fn url(&self, part: PartId) -> Option<&str> {
        match part {
            PartId::Postings(n) => self.postings.get(n as usize),
            PartId::Docs(n) => self.docs.get(n as usize),
            PartId::Bodies => None,
        }
        .map(String::as_str)
    }
}

pub async fn files(host: &Host, locale: Locale) -> Result<Files, String> {
    let manifest = fetch_json(host, &format!("{}/index/manifest.json", host.edge)).await?;
    let entry = js::get(&manifest, locale.index_name());
    let url = |name: String| format!("{}/index/{name}", host.edge);
    let list = |key: &str| -> Option<Vec<String>> {
        let array = js::get(&entry, key).dyn_into::<Array>().ok()?;
        array.iter().map(|v| v.as_string().map(url)).collect()
    };
    match (js::string(&entry, "core"), list("postings"), list("docs"), js::string(&entry, "bodies")) {
        (Some(core), Some(postings), Some(docs), Some(bodies)) => {
            Ok(Files { index: IndexFiles { core: url(core), postings, docs }, bodies: url(bodies) })
        }
        _ => Err(format!("the manifest has no index for {}", locale.index_name())),
    }
}

/// The core, then every postings and article chunk at once (the browser multiplexes them on
/// one connection).
pub async fn load_index(host: &Host, files: &IndexFiles) -> Result<Library, String> {
    let mut index = Index::from_core(fetch_bytes(host, &files.core).await?).map_err(|e| e.to_string())?;
    let mut chunks: Vec<(PartId, &str)> = Vec::new();
    for part in index.parts().into_iter().filter(|p| *p != PartId::Bodies) {
        chunks.push((part, files.url(part).ok_or("the manifest lists fewer chunks than the index core")?));
    }
    let fetches: Array = chunks.iter().map(|(_, url)| host.start_fetch_cached(url, true)).collect::<Result<_, _>>().map_err(describe)?;
    let responses = Array::from(&JsFuture::from(Promise::all(&fetches)).await.map_err(describe)?);
    let buffers = Array::new();
    for ((_, url), response) in chunks.iter().zip(responses.iter()) {
        buffers.push(&Host::checked(url, response.unchecked_into()).and_then(|r| r.array_buffer()).map_err(describe)?.into());
    }
    let buffers = Array::from(&JsFuture::from(Promise::all(&buffers)).await.map_err(describe)?);
    for ((part, url), buffer) in chunks.into_iter().zip(buffers.iter()) {
        index.add_part(part, Uint8Array::new(&buffer).to_vec()).map_err(|e| format!("{url}: {e}"))?;
    }
    Ok(Rc::new(RefCell::new(index)))
}

pub async fn attach_bodies(host: &Host, library: &Library, url: &str) -> Result<(), String> {
    let bytes = fetch_bytes(host, url).await?;
    library.borrow_mut().add_part(PartId::Bodies, bytes).map_err(|e| e.to_string())
}

async fn fetch_bytes(host: &Host, url: &str) -> Result<Vec<u8>, String> {
    let response = host.fetch_cached(url, true).await.map_err(describe)?;
    let buffer = JsFuture::from(response.array_buffer().map_err(describe)?).await.map_err(describe)?;
    Ok(Uint8Array::new(&ArrayBuffer::from(buffer)).to_vec())
}

async fn fetch_json(host: &Host, url: &str) -> Result<JsValue, String> {
    let response = host.fetch_cached(url, false).await.map_err(describe)?;
    JsFuture::from(response.json().map_err(describe)?).await.map_err(describe)
}

pub fn describe(error: JsValue) -> String {
    error.as_string().unwrap_or_else(|| js::to_json(&error))
}
