//! The index files a locale's help center is made of, by name: the one place that knows which
//! parts the builder emits (format 3: a core, postings and article chunks, bodies) and how the
//! manifest lists them. Everything else (R2, serving) handles a list of named files.

use faq_data::build::BuiltIndex;
use faq_data::{Index, PartId};
use wire::kb::PublishedFiles;
use worker::js_sys::{ArrayBuffer, Promise, Uint8Array};
use worker::wasm_bindgen::{self, prelude::wasm_bindgen, JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{Bucket, Env, HttpMetadata};

use crate::api::ApiError;

/// The R2 binding the published files live in, and their key prefix (the path they are served at).
const BUCKET: &str = "HELP_CENTER";
const PREFIX: &str = "index/";
/// A name never changes its bytes, so a browser may keep it forever.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// One file of a locale's index.
pub struct IndexFile {
    /// `<locale>.<16 hex digits>.<part>` (`core`, `p3`, `d0`, `bodies`), as
    /// `scripts/publish-index.sh` names them: a chunk by its build id, the core and the bodies
    /// by their SHA-256 ([`faq_data::published_name`]).
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files of a built locale, named by their content, and the manifest entry that lists them.
/// The core names every other part, as a reader finds them; the core goes by its own hash.
pub async fn named(locale: &str, built: BuiltIndex) -> Result<(Vec<IndexFile>, PublishedFiles), ApiError> {
    let index = Index::from_core(built.core.clone()).map_err(|e| ApiError::Internal(format!("the core just built: {e}")))?;
    let name = |part: PartId, bytes: Vec<u8>| {
        let name = index.published_name(part).ok_or_else(|| ApiError::Internal(format!("the core just built lists no {}", part.kind())))?;
        Ok::<_, ApiError>(IndexFile { name, bytes })
    };
    let mut files = Vec::new();
    let mut listed = PublishedFiles::default();
    let hash = sha256_hex(&built.core).await?;
    let core = IndexFile { name: faq_data::published_name(locale, &hash[..16], "core"), bytes: built.core };
    listed.core = core.name.clone();
    files.push(core);
    for (n, bytes) in built.postings.into_iter().enumerate() {
        let file = name(PartId::Postings(n as u32), bytes)?;
        listed.postings.push(file.name.clone());
        files.push(file);
    }
    for (n, bytes) in built.docs.into_iter().enumerate() {
        let file = name(PartId::Docs(n as u32), bytes)?;
        listed.docs.push(file.name.clone());
        files.push(file);
    }
    let bodies = name(PartId::Bodies, built.bodies)?;
    listed.bodies = bodies.name.clone();
    files.push(bodies);
    Ok((files, listed))
}

/// The parts of a listed index a search reads (postings and article chunks; not the bodies), by
/// the name each is stored under.
pub fn search_parts(listed: &PublishedFiles) -> Vec<(PartId, &str)> {
    let postings = listed.postings.iter().enumerate().map(|(n, name)| (PartId::Postings(n as u32), name.as_str()));
    let docs = listed.docs.iter().enumerate().map(|(n, name)| (PartId::Docs(n as u32), name.as_str()));
    postings.chain(docs).collect()
}

/// Stores each file not stored yet (a name is its content, so one already there is the same).
pub async fn store(env: &Env, files: &[IndexFile]) -> Result<(), ApiError> {
    let bucket = env.bucket(BUCKET)?;
    for file in files {
        let key = format!("{PREFIX}{}", file.name);
        if bucket.head(&key).await?.is_none() {
            let metadata = HttpMetadata { content_type: Some("application/octet-stream".into()), cache_control: Some(IMMUTABLE.into()), ..HttpMetadata::default() };
            bucket.put(key, file.bytes.clone()).http_metadata(metadata).execute().await?;
        }
    }
    Ok(())
}

/// A published file's bytes, if R2 has it.
pub async fn read(bucket: &Bucket, name: &str) -> Result<Option<Vec<u8>>, ApiError> {
    match bucket.get(format!("{PREFIX}{name}")).execute().await? {
        Some(object) => match object.body() {
            Some(body) => Ok(Some(body.bytes().await?)),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

pub fn bucket(env: &Env) -> Result<Bucket, ApiError> {
    Ok(env.bucket(BUCKET)?)
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["crypto", "subtle"], js_name = digest)]
    fn digest(algorithm: &str, data: &Uint8Array) -> Promise;
}

/// SHA-256 through the runtime's WebCrypto, in lower-case hex.
pub(super) async fn sha256_hex(bytes: &[u8]) -> Result<String, ApiError> {
    let failed = |e: JsValue| ApiError::Internal(format!("webcrypto: {e:?}"));
    let hash = JsFuture::from(digest("SHA-256", &Uint8Array::from(bytes))).await.map_err(failed)?;
    let hash: ArrayBuffer = hash.dyn_into().map_err(failed)?;
    Ok(faq_data::hex(&Uint8Array::new(&hash).to_vec()))
}
