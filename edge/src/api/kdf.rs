//! PBKDF2-HMAC-SHA256 through the runtime's WebCrypto: native code, about 30 ms for the 100,000
//! rounds `desk::password` asks for, where the same rounds in wasm would cost several times that
//! in CPU time per sign-in.

use desk::password::{StoredPassword, ITERATIONS};
use worker::js_sys::{Array, ArrayBuffer, Object, Promise, Reflect, Uint8Array};
use worker::wasm_bindgen::{self, prelude::wasm_bindgen, JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;

use super::ApiError;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = importKey)]
    fn import_key(format: &str, key: &Uint8Array, algorithm: &str, extractable: bool, usages: &Array) -> Promise;
    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = deriveBits)]
    fn derive_bits(algorithm: &Object, key: &JsValue, length: u32) -> Promise;
}

/// The 32-byte PBKDF2-HMAC-SHA256 of `password` with `salt` and `iterations`.
pub async fn derive(password: &str, salt: &[u8], iterations: u32) -> Result<Vec<u8>, ApiError> {
    let failed = |e: JsValue| ApiError::Internal(format!("webcrypto: {e:?}"));
    let usages = Array::of1(&JsValue::from_str("deriveBits"));
    let key = JsFuture::from(import_key("raw", &Uint8Array::from(password.as_bytes()), "PBKDF2", false, &usages)).await.map_err(failed)?;
    let params = Object::new();
    for (field, value) in [
        ("name", JsValue::from_str("PBKDF2")),
        ("hash", JsValue::from_str("SHA-256")),
        ("salt", Uint8Array::from(salt).into()),
        ("iterations", JsValue::from(iterations)),
    ] {
        Reflect::set(&params, &JsValue::from_str(field), &value).map_err(failed)?;
    }
    let bits = JsFuture::from(derive_bits(&params, &key, 256)).await.map_err(failed)?;
    let bits: ArrayBuffer = bits.dyn_into().map_err(failed)?;
    Ok(Uint8Array::new(&bits).to_vec())
}

/// A new password, salted and derived, as it is stored.
pub async fn hash(password: &str) -> Result<String, ApiError> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| ApiError::Internal(format!("getrandom: {e}")))?;
    let hash = derive(password, &salt, ITERATIONS).await?;
    Ok(StoredPassword { iterations: ITERATIONS, salt: salt.to_vec(), hash }.format())
}

/// Whether `password` is the one `stored` was made from. An unreadable stored value matches
/// nothing.
pub async fn verify(password: &str, stored: &str) -> Result<bool, ApiError> {
    let Some(stored) = StoredPassword::parse(stored) else { return Ok(false) };
    Ok(stored.matches(&derive(password, &stored.salt, stored.iterations).await?))
}
