//! The seam between the search-first module and the desk module, as the JavaScript values that
//! cross it. The search-first module mounts the desk module with the host's options, a
//! [`State`] (which desk screen, and what the user's journey left for a person to read) and a
//! bridge of three functions (go somewhere, tell the user something, suggest articles); it
//! pushes a new `State` whenever that changes. Both sides read and write these shapes through
//! this one file, so they cannot drift apart.

use js_sys::Function;
use wasm_bindgen::{JsCast, JsValue};
use wire::tickets::TicketContext;

use crate::host::Identity;
use crate::i18n::Locale;
use crate::js;
use crate::list::Item;

/// Where a desk screen sends the user: one of its own screens, an article, or back to searching.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    Search,
    Contact,
    Requests,
    Ticket(String),
    Article(String),
}

impl Place {
    fn to_js(&self) -> (&'static str, &str) {
        match self {
            Place::Search => ("search", ""),
            Place::Contact => ("contact", ""),
            Place::Requests => ("requests", ""),
            Place::Ticket(id) => ("ticket", id),
            Place::Article(id) => ("article", id),
        }
    }

    fn from_js(name: &str, id: String) -> Option<Place> {
        Some(match name {
            "search" => Place::Search,
            "contact" => Place::Contact,
            "requests" => Place::Requests,
            "ticket" => Place::Ticket(id),
            "article" => Place::Article(id),
            _ => return None,
        })
    }
}

/// What the desk module shows and knows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Contact, Requests or a Ticket.
    pub screen: Place,
    pub locale: Locale,
    /// Who the host page says the user is (it may change with `identify`).
    pub identity: Identity,
    /// The journey as a ticket carries it: searches, articles read, the bot conversation.
    pub context: TicketContext,
    /// The user's first words to the bot, or their last search: the form starts with them.
    pub first_words: String,
    /// The help center's categories, for the form's choice; empty until the index is loaded.
    pub categories: Vec<String>,
    /// Bumped when index chunks arrive: the desk asks for its suggestions again.
    pub index_generation: u32,
}

impl State {
    pub fn to_js(&self) -> JsValue {
        let (screen, id) = self.screen.to_js();
        js::object(&[
            ("screen", screen.into()),
            ("id", id.into()),
            ("locale", self.locale.tag().into()),
            ("identity", self.identity.to_js()),
            ("context", browser_kit::json::value(&self.context)),
            ("firstWords", self.first_words.as_str().into()),
            ("categories", js::strings(&self.categories)),
            ("indexGeneration", self.index_generation.into()),
        ])
    }

    pub fn from_js(value: &JsValue) -> Result<State, String> {
        let screen = Place::from_js(&js::text(value, "screen"), js::text(value, "id")).ok_or("desk state: no screen")?;
        let context = browser_kit::json::read(js::get(value, "context")).map_err(|e| format!("desk state: context.{}", e.field))?;
        Ok(State {
            screen,
            locale: Locale::resolve(js::string(value, "locale").as_deref(), []),
            identity: Identity::from_js(&js::get(value, "identity")),
            context,
            first_words: js::text(value, "firstWords"),
            categories: js::array(value, "categories").iter().filter_map(JsValue::as_string).collect(),
            index_generation: js::number(value, "indexGeneration").unwrap_or(0.0) as u32,
        })
    }
}

/// Articles for what the user is describing, and the category of the best one.
#[derive(Clone, PartialEq, Default)]
pub struct Suggestions {
    pub articles: Vec<Item>,
    pub category: Option<String>,
    /// The index chunks that answer are still on the way: ask again when they arrive.
    pub pending: bool,
}

impl Suggestions {
    pub fn to_js(&self) -> JsValue {
        js::object(&[
            ("articles", js::list(self.articles.iter().map(Item::to_js))),
            ("category", js::optional(self.category.as_deref())),
            ("pending", self.pending.into()),
        ])
    }

    fn from_js(value: &JsValue) -> Suggestions {
        Suggestions {
            articles: js::array(value, "articles").iter().filter_map(Item::from_js).collect(),
            category: js::string(value, "category"),
            pending: js::get(value, "pending").as_bool().unwrap_or(false),
        }
    }
}

/// The desk module's calls back into the search-first module.
pub struct Bridge {
    go: Function,
    notice: Function,
    suggest: Function,
}

impl Bridge {
    /// The bridge as the search-first module hands it over: `go(place)`, `notice(text)` and
    /// `suggest(text, limit)`, the last returning articles as [`Item::to_js`] writes them.
    pub fn to_js(go: &Function, notice: &Function, suggest: &Function) -> JsValue {
        js::object(&[("go", go.into()), ("notice", notice.into()), ("suggest", suggest.into())])
    }

    pub fn from_js(value: &JsValue) -> Bridge {
        let function = |key| js::get(value, key).dyn_into::<Function>().unwrap_or_else(|_| Function::new_no_args(""));
        Bridge { go: function("go"), notice: function("notice"), suggest: function("suggest") }
    }

    pub fn go(&self, place: &Place) {
        let (name, id) = place.to_js();
        let _ = self.go.call2(&JsValue::NULL, &name.into(), &id.into());
    }

    pub fn notice(&self, text: &str) {
        let _ = self.notice.call1(&JsValue::NULL, &text.into());
    }

    /// Up to `limit` articles for what the user is describing, best first.
    pub fn suggest(&self, text: &str, limit: usize) -> Suggestions {
        let found = self.suggest.call2(&JsValue::NULL, &text.into(), &(limit as f64).into()).unwrap_or(JsValue::UNDEFINED);
        Suggestions::from_js(&found)
    }

    /// The other side of [`Bridge::go`]: `go`'s arguments as a place.
    pub fn place(name: &str, id: String) -> Option<Place> {
        Place::from_js(name, id)
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use wasm_bindgen_test::*;
    use wire::tickets::TranscriptLine;

    use super::*;

    #[wasm_bindgen_test]
    fn a_state_crosses_the_seam_unchanged() {
        let state = State {
            screen: Place::Ticket("t-1".into()),
            locale: Locale::EnUs,
            identity: Identity { user_id: Some("u1".into()), user_hash: Some("h".into()), name: None, email: Some("a@b.c".into()) },
            context: TicketContext {
                searches: vec!["refund".into()],
                bot_transcript: vec![TranscriptLine { speaker: wire::chat::Speaker::User, text: "charged twice".into() }],
                ..TicketContext::default()
            },
            first_words: "charged twice".into(),
            categories: vec!["Billing".into(), "Account".into()],
            index_generation: 3,
        };
        assert_eq!(State::from_js(&state.to_js()), Ok(state));
    }
}
