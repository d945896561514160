//! The wire types to and from the browser's own JSON values (what `JSON.parse` gives and
//! `JSON.stringify` takes), through `wire::json`'s codec: no serde and no JSON library in the
//! bundle, and a missing or mistyped field is an error, never a quiet default.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use wire::json::{Json, Read, Unreadable, Write};

/// A browser JSON value, as `wire::json` reads and writes them.
#[derive(Clone)]
pub struct Js(pub JsValue);

impl Json for Js {
    fn field(&self, key: &str) -> Option<Self> {
        if !self.0.is_object() {
            return None;
        }
        let value = Reflect::get(&self.0, &JsValue::from_str(key)).ok()?;
        (!value.is_undefined() && !value.is_null()).then_some(Js(value))
    }
    fn string(&self) -> Option<String> {
        self.0.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        Some(self.0.dyn_ref::<Array>()?.iter().map(Js).collect())
    }
    fn null() -> Self {
        Js(JsValue::NULL)
    }
    fn new_object() -> Self {
        Js(Object::new().into())
    }
    fn set(&mut self, key: &str, value: Self) {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value.0);
    }
    fn from_string(value: &str) -> Self {
        Js(JsValue::from_str(value))
    }
    fn from_number(value: f64) -> Self {
        Js(JsValue::from_f64(value))
    }
    fn from_boolean(value: bool) -> Self {
        Js(JsValue::from_bool(value))
    }
    fn new_list() -> Self {
        Js(Array::new().into())
    }
    fn push(&mut self, item: Self) {
        self.0.unchecked_ref::<Array>().push(&item.0);
    }
}

/// Reads a wire type from a parsed JSON value.
pub fn read<T: Read>(value: JsValue) -> Result<T, Unreadable> {
    wire::json::read(Js(value))
}

/// A wire type as a plain JS object (e.g. to hand to the host page).
pub fn value<T: Write>(value: &T) -> JsValue {
    value.write::<Js>().0
}

/// A wire type as JSON text.
pub fn text<T: Write>(value: &T) -> String {
    stringify(&self::value(value))
}

fn stringify(value: &JsValue) -> String {
    JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_default()
}

/// Reads a wire type from JSON text; text that is not JSON reads as null (and so fails).
pub fn parse<T: Read>(text: &str) -> Result<T, Unreadable> {
    read(JSON::parse(text).unwrap_or(JsValue::NULL))
}
