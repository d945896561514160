//! The mounted widget in headless Chromium (wasm-bindgen-test), driven through its public face —
//! `mount` and `command`, as the loader uses them — over the real demo index that
//! `scripts/build.sh` writes to build/index-whole. The index is served to the widget from memory, so
//! these tests check the components; tests/e2e checks the same flows over the network.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use js_sys::{Function, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement, InputEvent, InputEventInit, Response};

wasm_bindgen_test_configure!(run_in_browser);

/// The demo index as `scripts/build.sh` writes it to build/index-whole: one postings chunk and
/// one article chunk (the chunked layout is tested over the network in tests/e2e).
const ZH_PARTS: &[(&str, &[u8])] = &[
    ("zh-cn.core", include_bytes!("../../build/index-whole/zh-cn.core")),
    ("zh-cn.p0", include_bytes!("../../build/index-whole/zh-cn.p0")),
    ("zh-cn.d0", include_bytes!("../../build/index-whole/zh-cn.d0")),
    ("zh-cn.bodies", include_bytes!("../../build/index-whole/zh-cn.bodies")),
];

thread_local! {
    /// Every URL the widgets of this test binary asked `fetchCached` or `fetchParts` for.
    static FETCHED: std::cell::RefCell<Vec<String>> = Default::default();
}

/// The file `faq build` wrote for a URL the widget asks for: a part's published name
/// (`…/zh-cn.<hash>.p0`) or the current core's (`…/zh-cn.core?site=demo`) → `zh-cn.p0`, `zh-cn.core`.
fn built_name(url: &str) -> String {
    let name = url.rsplit('/').next().unwrap_or_default().split('?').next().unwrap_or_default();
    let segments: Vec<&str> = name.split('.').collect();
    format!("{}.{}", segments[0], segments[segments.len() - 1])
}

fn built_bytes(url: &str) -> Option<&'static [u8]> {
    FETCHED.with(|f| f.borrow_mut().push(url.to_string()));
    ZH_PARTS.iter().find(|(name, _)| built_name(url) == *name).map(|(_, bytes)| *bytes)
}

/// The loader's `fetchParts`, answering from the bytes above: a promise of each part's bytes.
fn serve_parts(folder: String, names: js_sys::Array) -> js_sys::Array {
    names
        .iter()
        .map(|name| match built_bytes(&format!("{folder}{}", name.as_string().unwrap_or_default())) {
            Some(bytes) => Promise::resolve(&JsValue::from(Uint8Array::from(bytes).buffer())),
            None => Promise::reject(&"HTTP 404".into()),
        })
        .collect()
}

/// The loader's `fetchCached`, answering from the bytes above.
fn serve(url: String) -> Promise {
    let response = match built_bytes(&url) {
        Some(bytes) => Response::new_with_opt_buffer_source(Some(&Uint8Array::from(bytes))).unwrap(),
        None => {
            let init = web_sys::ResponseInit::new();
            init.set_status(404);
            Response::new_with_opt_str_and_init(None, &init).unwrap()
        }
    };
    let response: JsValue = response.into();
    Promise::resolve(&response)
}

struct Mounted {
    root: Element,
    widget: widget::Widget,
    events: js_sys::Array,
}

fn mount() -> Mounted {
    mount_at("http://127.0.0.1:9")
}

/// A widget whose edge is `edge`: its fetches can be told from other tests' widgets, which stay
/// mounted (and fetch the rest of the index in the background).
fn mount_at(edge: &str) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let events = js_sys::Array::new();
    let log = events.clone();
    let emit = Closure::<dyn Fn(String, JsValue)>::new(move |name: String, _detail: JsValue| {
        log.push(&name.into());
    });
    let fetch = Closure::<dyn Fn(String) -> Promise>::new(serve);
    let fetch_parts = Closure::<dyn Fn(String, js_sys::Array) -> js_sys::Array>::new(serve_parts);
    let options = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| js_sys::Reflect::set(&options, &k.into(), v).unwrap();
    set("site", &"demo".into());
    set("locale", &"zh-CN".into());
    set("edge", &edge.into());
    set("channel", &"web".into());
    set("fetchCached", fetch.as_ref().unchecked_ref::<Function>());
    set("fetchParts", fetch_parts.as_ref().unchecked_ref::<Function>());
    set("emit", emit.as_ref().unchecked_ref::<Function>());
    fetch.forget();
    fetch_parts.forget();
    emit.forget();
    let widget = widget::mount(root.clone(), options.into());
    Mounted { root, widget, events }
}

/// Waits until `selector` matches inside the widget (rendering and loading are asynchronous).
async fn find(root: &Element, selector: &str) -> Element {
    for _ in 0..200 {
        if let Some(found) = root.query_selector(selector).unwrap() {
            return found;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("{selector} never appeared");
}

fn type_into(input: &HtmlInputElement, text: &str) {
    input.set_value(text);
    let init = InputEventInit::new();
    init.set_bubbles(true);
    input.dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

const QUIET_EDGE: &str = "http://127.0.0.1:10";

/// What the widget mounted at [`QUIET_EDGE`] asked for.
fn fetched_quietly() -> Vec<String> {
    FETCHED.with(|f| f.borrow().iter().filter_map(|u| u.strip_prefix(QUIET_EDGE).map(str::to_string)).collect())
}

fn fetched(name: &str) -> bool {
    fetched_quietly().iter().any(|u| built_name(u) == name)
}

#[wasm_bindgen_test]
async fn nothing_of_the_index_is_fetched_before_intent_and_hovering_starts_it() {
    let m = mount_at(QUIET_EDGE);
    TimeoutFuture::new(200).await;
    assert_eq!(fetched_quietly(), Vec::<String>::new(), "nothing fetched before intent");
    m.widget.command("prepare", JsValue::NULL);
    for _ in 0..200 {
        if fetched("zh-cn.core") {
            break;
        }
        TimeoutFuture::new(10).await;
    }
    assert!(fetched("zh-cn.core"), "the core, by the name that always serves the current one");
    assert!(!fetched("manifest.json"), "the core names every part: no manifest");
    assert!(!fetched("zh-cn.bodies"), "bodies wait for an article (or the idle background fetch)");
    assert!(m.root.query_selector("[role=dialog]").unwrap().is_none(), "preparing does not open the panel");
}

#[wasm_bindgen_test]
async fn open_shows_a_dialog_with_popular_questions_and_categories() {
    let m = mount();
    m.widget.command("open", JsValue::NULL);
    let dialog = find(&m.root, "[role=dialog]").await;
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    // Categories are in the index core; promoted articles follow with their article chunk.
    find(&m.root, ".categories a").await;
    find(&m.root, ".articles a").await;
    assert_eq!(m.events.to_vec(), [JsValue::from("open")]);
}

#[wasm_bindgen_test]
async fn typing_shows_ranked_results_with_marked_words() {
    let m = mount();
    m.widget.command("open", JsValue::NULL);
    let input: HtmlInputElement = find(&m.root, "input[type=search]").await.unchecked_into();
    find(&m.root, ".categories").await;
    type_into(&input, "会员自动续费");
    let count = find(&m.root, ".count").await.text_content().unwrap();
    assert!(count.starts_with("找到"), "{count}");
    let first = find(&m.root, ".articles a .title").await;
    assert!(first.text_content().unwrap().contains("续费"), "{:?}", first.text_content());
    let html = m.root.query_selector(".articles").unwrap().unwrap().inner_html();
    assert!(m.root.query_selector(".articles mark").unwrap().is_some(), "matched words are marked: {html}");
}

#[wasm_bindgen_test]
async fn the_search_command_fills_the_box_and_open_article_shows_the_body() {
    let m = mount();
    m.widget.command("search", JsValue::from("修改密码"));
    let input: HtmlInputElement = find(&m.root, "input[type=search]").await.unchecked_into();
    assert_eq!(input.value(), "修改密码");
    let link = find(&m.root, ".articles a").await;
    let id = link.get_attribute("href").unwrap().trim_start_matches("#help-article-").to_string();
    m.widget.command("openArticle", JsValue::from(id));
    find(&m.root, ".content p").await;
    find(&m.root, "[role=group] button").await;
}

#[wasm_bindgen_test]
async fn an_unknown_article_says_so_and_close_emits_close() {
    let m = mount();
    m.widget.command("openArticle", JsValue::from("no-such-article"));
    let alert = find(&m.root, "[role=alert]").await;
    assert_eq!(alert.text_content().as_deref(), Some("找不到这篇文章"));
    m.widget.command("close", JsValue::NULL);
    TimeoutFuture::new(20).await;
    assert!(m.root.query_selector("[role=dialog]").unwrap().is_none());
    assert_eq!(m.events.to_vec(), [JsValue::from("open"), JsValue::from("close")]);
}

#[wasm_bindgen_test]
async fn the_bot_answers_and_offers_a_person_for_an_urgent_message() {
    let m = mount();
    m.widget.command("open", JsValue::NULL);
    find(&m.root, ".categories").await;
    let tabs = m.root.query_selector_all(".tab").unwrap();
    tabs.item(1).unwrap().unchecked_into::<web_sys::HtmlElement>().click();
    let textarea: web_sys::HtmlTextAreaElement = find(&m.root, ".ask textarea").await.unchecked_into();
    textarea.set_value("我的账号被盗了，钱也被扣了，快帮我！");
    let init = InputEventInit::new();
    init.set_bubbles(true);
    textarea.dispatch_event(&InputEvent::new_with_event_init_dict("input", &init).unwrap()).unwrap();
    TimeoutFuture::new(10).await;
    find(&m.root, ".composer button").await.unchecked_into::<web_sys::HtmlElement>().click();
    find(&m.root, ".log li.user").await;
    let offer = find(&m.root, ".log .human").await;
    assert_eq!(offer.text_content().as_deref(), Some("联系人工客服"));
}
