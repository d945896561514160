//! D1 reads and writes. D1 refuses JavaScript BigInts, so every integer is bound as an f64
//! (exact up to 2^53, far beyond any timestamp or count here).

pub mod analytics;
pub mod audit;
pub mod chats;
pub mod credentials;
pub mod erasure;
pub mod handoffs;
pub mod idempotency;
pub mod kb;
pub mod kb_queries;
pub mod kb_io;
pub mod people;
pub mod tasks;
pub mod staffing;
pub mod tickets;

use serde::Serialize;
use worker::wasm_bindgen::JsValue;

use crate::api::ApiError;

pub fn int(v: i64) -> JsValue {
    JsValue::from_f64(v as f64)
}

pub fn opt_int(v: Option<i64>) -> JsValue {
    v.map_or(JsValue::NULL, int)
}

pub fn opt_text(v: &Option<String>) -> JsValue {
    v.as_deref().map_or(JsValue::NULL, JsValue::from_str)
}

/// The snake_case name serde gives a wire enum, as stored in enum columns.
pub fn name<T: Serialize>(value: &T) -> Result<String, ApiError> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(ApiError::Internal(format!("{other} is not a unit variant"))),
    }
}

/// The `type` tag serde writes for an internally tagged enum value.
pub fn tag<T: Serialize>(value: &T) -> Result<String, ApiError> {
    match serde_json::to_value(value)?.get("type") {
        Some(serde_json::Value::String(s)) => Ok(s.clone()),
        _ => Err(ApiError::Internal("value has no type tag".into())),
    }
}
