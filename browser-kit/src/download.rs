//! Hands the browser a file to save: the console's CSV exports and mail attachments, a
//! requester's data in either app.

use wasm_bindgen::JsCast;

/// A CSV file (a BOM first, so spreadsheets read the Chinese as UTF-8).
pub fn csv(name: &str, text: &str) {
    save(name, "text/csv;charset=utf-8", &format!("\u{feff}{text}"));
}

/// A JSON file.
pub fn json(name: &str, text: &str) {
    save(name, "application/json", text);
}

fn save(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        file(name, &blob);
    }
}

/// A file as the edge handed it out (an attachment, the knowledge base's archive).
pub fn file(name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else { return };
    let document = web_sys::window().and_then(|w| w.document());
    if let Some(link) = document.and_then(|d| d.create_element("a").ok()).and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok()) {
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
