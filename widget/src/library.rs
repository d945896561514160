//! Loads a locale's index from the edge: the manifest names the content-addressed files, the
//! search part comes first (the widget can search), the bodies after (articles can open).

use std::cell::RefCell;
use std::rc::Rc;

use faq_data::Index;
use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::host::Host;
use crate::i18n::Locale;
use crate::js;

/// The loaded index, shared by every screen; bodies are attached in place when they arrive.
pub type Library = Rc<RefCell<Index>>;

pub struct Files {
    pub index: String,
    pub bodies: String,
}

pub async fn files(host: &Host, locale: Locale) -> Result<Files, String> {
    let manifest = fetch_json(host, &format!("{}/index/manifest.json", host.edge)).await?;
    let entry = js::get(&manifest, locale.index_name());
    match (js::string(&entry, "index"), js::string(&entry, "bodies")) {
        (Some(index), Some(bodies)) => Ok(Files {
            index: format!("{}/index/{index}", host.edge),
            bodies: format!("{}/index/{bodies}", host.edge),
        }),
        _ => Err(format!("the manifest has no index for {}", locale.index_name())),
    }
}

pub async fn load_index(host: &Host, url: &str) -> Result<Library, String> {
    let index = Index::from_bytes(fetch_bytes(host, url).await?).map_err(|e| e.to_string())?;
    Ok(Rc::new(RefCell::new(index)))
}

pub async fn attach_bodies(host: &Host, library: &Library, url: &str) -> Result<(), String> {
    let bytes = fetch_bytes(host, url).await?;
    library.borrow_mut().attach_bodies(bytes).map_err(|e| e.to_string())
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
