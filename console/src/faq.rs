//! The help center's articles, for linking them in a chat: the same published index and the
//! same `faq_data` search the widget runs (one tokenizer, one ranker), loaded once per locale
//! on first use and kept for every chat tab of the page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use browser_kit::http::{request, EdgeError};
use browser_kit::js;
use browser_kit::locale::Locale;
use faq_data::{Index, PartId};
use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

thread_local! {
    static LOADED: RefCell<HashMap<Locale, Rc<Index>>> = RefCell::new(HashMap::new());
}

/// The locale's search index, from the cache or the edge (`/index/manifest.json` names the
/// content-addressed parts): the core and every postings and article chunk, fetched all at once
/// (the browser multiplexes them on one connection), so that the picker then searches as the
/// agent types without waiting on the network; bodies are not needed to find titles.
pub async fn index(locale: Locale) -> Result<Rc<Index>, String> {
    if let Some(index) = LOADED.with(|l| l.borrow().get(&locale).cloned()) {
        return Ok(index);
    }
    let manifest = request("GET", "/index/manifest.json", &js::object(&[]), None).await.map_err(|e: EdgeError| e.message())?;
    let entry = js::get(&manifest, locale.index_name());
    let core = js::string(&entry, "core").ok_or_else(|| format!("the manifest has no index for {}", locale.index_name()))?;
    let mut index = Index::from_core(fetch_all(&[format!("/index/{core}")]).await?.remove(0)).map_err(|e| e.to_string())?;
    let mut chunks = Vec::new();
    for part in index.parts() {
        let (list, n) = match part {
            PartId::Postings(n) => ("postings", n),
            PartId::Docs(n) => ("docs", n),
            PartId::Bodies => continue,
        };
        let name = js::get(&entry, list).dyn_into::<Array>().ok().and_then(|a| a.get(n).as_string());
        chunks.push((part, name.ok_or_else(|| format!("the manifest has no {list} chunk {n} for {}", locale.index_name()))?));
    }
    let urls: Vec<String> = chunks.iter().map(|(_, name)| format!("/index/{name}")).collect();
    for ((part, name), bytes) in chunks.into_iter().zip(fetch_all(&urls).await?) {
        index.add_part(part, bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    let index = Rc::new(index);
    LOADED.with(|l| l.borrow_mut().insert(locale, index.clone()));
    Ok(index)
}

/// Fetches every URL at once; their bytes in the same order, or the first failure.
async fn fetch_all(urls: &[String]) -> Result<Vec<Vec<u8>>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let describe = |e: JsValue| e.as_string().unwrap_or_else(|| js::to_json(&e));
    let fetches: Array = urls.iter().map(|url| JsValue::from(window.fetch_with_str(url))).collect();
    let responses = Array::from(&JsFuture::from(Promise::all(&fetches)).await.map_err(describe)?);
    let buffers = Array::new();
    for (url, response) in urls.iter().zip(responses.iter()) {
        let response: Response = response.unchecked_into();
        if !response.ok() {
            return Err(format!("{url} answered {}", response.status()));
        }
        buffers.push(&response.array_buffer().map_err(describe)?.into());
    }
    let buffers = Array::from(&JsFuture::from(Promise::all(&buffers)).await.map_err(describe)?);
    Ok(buffers.iter().map(|buffer| Uint8Array::new(&buffer).to_vec()).collect())
}

/// Where a user opens an article: the full-page help center (`/app`) of the edge at `origin`,
/// which opens the article by itself. A plain https link, so it works wherever the chat is read
/// (the widget, the ticket's transcript, an email).
pub fn article_url(origin: &str, locale: Locale, article_id: &str) -> String {
    format!("{origin}/app?locale={}&article={}", locale.tag(), crate::filters::percent_encode(article_id))
}

/// What goes into the composer: the title, then the link on the same line, after what the agent
/// has written so far.
pub fn with_link(draft: &str, title: &str, url: &str) -> String {
    let line = format!("{title} {url}");
    match draft.trim_end() {
        "" => line,
        before => format!("{before}\n{line}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_link_opens_the_help_center_page_in_the_users_language() {
        assert_eq!(
            article_url("https://help.example.com", Locale::EnUs, "4818684"),
            "https://help.example.com/app?locale=en-US&article=4818684"
        );
        assert_eq!(article_url("http://127.0.0.1:8787", Locale::ZhCn, "a b&c"), "http://127.0.0.1:8787/app?locale=zh-CN&article=a%20b%26c");
    }

    #[test]
    fn the_link_joins_the_draft_on_a_line_of_its_own() {
        assert_eq!(with_link("", "如何关闭自动续费", "https://h/app"), "如何关闭自动续费 https://h/app");
        assert_eq!(with_link("请看这篇：  ", "如何关闭自动续费", "https://h/app"), "请看这篇：\n如何关闭自动续费 https://h/app");
    }
}
