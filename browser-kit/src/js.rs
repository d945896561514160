//! Reading and writing plain JS objects without serde: the browser already has a JSON parser,
//! and serde_json would cost the bundle more than these few helpers.

use js_sys::{Array, Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub fn string(value: &JsValue, key: &str) -> Option<String> {
    get(value, key).as_string()
}

/// A string field, or "" when it is missing or null.
pub fn text(value: &JsValue, key: &str) -> String {
    string(value, key).unwrap_or_default()
}

pub fn number(value: &JsValue, key: &str) -> Option<f64> {
    get(value, key).as_f64()
}

pub fn boolean(value: &JsValue, key: &str) -> bool {
    get(value, key).as_bool().unwrap_or(false)
}

pub fn array(value: &JsValue, key: &str) -> Vec<JsValue> {
    get(value, key).dyn_into::<Array>().map(|a| a.to_vec()).unwrap_or_default()
}

/// Builds an object: `object(&[("a", 1.into())])`.
pub fn object(fields: &[(&str, JsValue)]) -> JsValue {
    let out = Object::new();
    for (key, value) in fields {
        let _ = Reflect::set(&out, &JsValue::from_str(key), value);
    }
    out.into()
}

pub fn strings<S: AsRef<str>>(items: &[S]) -> JsValue {
    items.iter().map(|s| JsValue::from_str(s.as_ref())).collect::<Array>().into()
}

pub fn list(items: impl IntoIterator<Item = JsValue>) -> JsValue {
    items.into_iter().collect::<Array>().into()
}

pub fn optional(value: Option<&str>) -> JsValue {
    value.map(JsValue::from_str).unwrap_or(JsValue::NULL)
}

pub fn to_json(value: &JsValue) -> String {
    JSON::stringify(value).ok().and_then(|s| s.as_string()).unwrap_or_default()
}
