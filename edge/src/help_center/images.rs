//! Articles' images in R2 (`HELP_CENTER`, key `images/<name>`), named `<sha256/16>.<ext>` by
//! their bytes, so a name never changes its image and a browser may keep it forever; served from
//! the help host, which a host page's CSP lists as `img-src`.

use kb::image::{check_image, ImageInfo};
use wire::limits::IMAGE_BYTES;
use worker::{Env, Fetch, HttpMetadata, Url};

use super::files::{bucket, sha256_hex, IMMUTABLE};
use crate::api::ApiError;

const PREFIX: &str = "images/";

/// Stores the image (once: the same bytes have the same name) and gives its name.
pub async fn store(env: &Env, bytes: Vec<u8>, info: ImageInfo) -> Result<String, ApiError> {
    let name = format!("{}.{}", &sha256_hex(&bytes).await?[..16], info.kind.extension());
    let bucket = bucket(env)?;
    let key = format!("{PREFIX}{name}");
    if bucket.head(&key).await?.is_none() {
        let metadata = HttpMetadata { content_type: Some(info.kind.mime().into()), cache_control: Some(IMMUTABLE.into()), ..HttpMetadata::default() };
        bucket.put(key, bytes).http_metadata(metadata).execute().await?;
    }
    Ok(name)
}

/// An image's bytes, if R2 has one by this name.
pub async fn read(env: &Env, name: &str) -> Result<Option<Vec<u8>>, ApiError> {
    match bucket(env)?.get(format!("{PREFIX}{name}")).execute().await? {
        Some(object) => match object.body() {
            Some(body) => Ok(Some(body.bytes().await?)),
            None => Ok(None),
        },
        None => Ok(None),
    }
}

/// An image on another host fetched and stored like an upload: its name, or why it was not.
pub async fn copy(env: &Env, url: &str) -> Result<String, String> {
    let parsed = Url::parse(url).map_err(|_| "not an absolute address".to_string())?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err("not an http(s) address".into());
    }
    let mut response = Fetch::Url(parsed).send().await.map_err(|e| format!("could not be fetched: {e}"))?;
    if response.status_code() != 200 {
        return Err(format!("could not be fetched: HTTP {}", response.status_code()));
    }
    let declared = response.headers().get("content-length").ok().flatten().and_then(|l| l.parse::<usize>().ok());
    if declared.is_some_and(|l| l > IMAGE_BYTES) {
        return Err(format!("larger than {IMAGE_BYTES} bytes"));
    }
    let bytes = response.bytes().await.map_err(|e| format!("could not be fetched: {e}"))?;
    if bytes.len() > IMAGE_BYTES {
        return Err(format!("larger than {IMAGE_BYTES} bytes"));
    }
    let info = check_image(&bytes).map_err(|e| e.to_string())?;
    store(env, bytes, info).await.map_err(|e| format!("could not be stored: {e:?}"))
}
