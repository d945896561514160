//! The help center's files at the paths the widget reads: `/index/manifest.json` (each locale's
//! current files; briefly cacheable, so an open widget sees a publish within seconds),
//! `/index/<name>` (immutable) and `/index/parts?names=` (several immutable files at once). A
//! locale never published at the edge is served from the static build (`build/site/index`, the
//! assets binding), so a fresh deployment works before any publish.

use std::cell::RefCell;

use serde_json::{Map, Value};
use wire::kb::PublishedFiles;
use worker::{console_error, Env, Headers, Request, Response, RouteContext};

use super::files::{self, IMMUTABLE};
use crate::api::{query, ApiError};
use crate::sites;
use crate::store::kb as store;

/// The assets binding answers any host; the path is what matters.
const ASSETS: &str = "https://assets.invalid";
/// How long a browser may use a manifest without asking again: the delay before an open widget
/// sees a publish.
const MANIFEST_CACHE: &str = "public, max-age=5";
/// The most files one `/index/parts` request may name (the widget asks for at most as many).
const PARTS_PER_REQUEST: usize = 64;

/// `GET /index/manifest.json[?site=]`: every locale's files, the published ones over the static.
pub async fn manifest(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    Ok(async {
        let entries = entries(&ctx.env, &site_of(&req)?).await?;
        respond(200, serde_json::to_vec(&entries)?, "application/json; charset=utf-8", MANIFEST_CACHE)
    }
    .await
    .unwrap_or_else(ApiError::into_response))
}

/// The site a request for the help center's files names (`?site=`), else the first configured.
fn site_of(req: &Request) -> Result<String, ApiError> {
    let site = match query(req, "site")? {
        Some(id) => sites::all().get(&id).ok_or(ApiError::NotFound("no such site"))?,
        None => sites::all().first().ok_or(ApiError::NotFound("no site is configured"))?,
    };
    Ok(site.id.clone())
}

/// `GET /index/<name>`: a published file from R2, else the static build's; `<locale>.core`, the
/// locale's current core ([`current_core`]).
pub async fn file(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    let name = ctx.param("name").cloned().unwrap_or_default();
    Ok(async {
        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
            return Err(ApiError::NotFound("no such file"));
        }
        let encoding = encoding_for(&req)?;
        if let Some(locale) = name.strip_suffix(".core").filter(|locale| !locale.contains('.')) {
            return compressed(current_core(&req, &ctx.env, locale).await?, encoding);
        }
        let response = match files::read(&files::bucket(&ctx.env)?, &name).await? {
            Some(bytes) => respond(200, bytes, "application/octet-stream", IMMUTABLE)?,
            None => {
                let found = ctx.env.assets("ASSETS")?.fetch_request(req).await?;
                if found.status_code() == 404 {
                    return Err(ApiError::NotFound("no such file"));
                }
                // A fetched response's headers cannot be changed: copied, they can.
                let headers = Headers::new();
                for (key, value) in found.headers() {
                    headers.set(&key, &value)?;
                }
                found.with_headers(headers)
            }
        };
        compressed(response, encoding)
    }
    .await
    .unwrap_or_else(ApiError::into_response))
}

/// `GET /index/parts?names=<name>,<name>…`: published files, each after its length in bytes
/// (4 bytes, little-endian), in the order named. A first answer needs a dozen of a large help
/// center's parts at once, and a browser spends milliseconds on each request of its own
/// (BENCHMARKS.md, "Parts in one request"). Only names made by content qualify, so the answer is
/// as immutable as each file; one unknown name and nothing is sent.
pub async fn parts(req: Request, ctx: RouteContext<()>) -> worker::Result<Response> {
    Ok(async {
        let listed = query(&req, "names")?.ok_or_else(|| ApiError::invalid("names", "name the files, separated by commas"))?;
        let names: Vec<&str> = listed.split(',').collect();
        if names.len() > PARTS_PER_REQUEST {
            return Err(ApiError::invalid("names", format!("at most {PARTS_PER_REQUEST} files a request")));
        }
        if let Some(name) = names.iter().find(|name| !is_part_name(name)) {
            return Err(ApiError::invalid("names", format!("{name:?} is not a part's published name")));
        }
        let read = futures_util::future::try_join_all(names.iter().map(|name| stored(&ctx.env, name))).await?;
        let mut body = Vec::with_capacity(read.iter().flatten().map(|bytes| 4 + bytes.len()).sum());
        for bytes in read {
            let bytes = bytes.ok_or(ApiError::NotFound("no such file"))?;
            body.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            body.extend_from_slice(&bytes);
        }
        compressed(respond(200, body, "application/octet-stream", IMMUTABLE)?, encoding_for(&req)?)
    }
    .await
    .unwrap_or_else(ApiError::into_response))
}

/// `<locale>.<16 hex digits>.<part>`: a name `faq_data::published_name` makes, never the
/// short-lived `<locale>.core`.
fn is_part_name(name: &str) -> bool {
    let segments: Vec<&str> = name.split('.').collect();
    let [locale, hash, part] = segments[..] else { return false };
    let word = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    word(locale) && word(part) && hash.len() == 16 && hash.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

/// `GET /index/<locale>.core[?site=]`: the core a widget starts from, whatever was published
/// last. The core names every other part, so a widget's first request needs no manifest. As
/// short-lived as the manifest, with the core's hash as its ETag: a widget that holds it is
/// answered 304, without the bytes.
async fn current_core(req: &Request, env: &Env, locale: &str) -> Result<Response, ApiError> {
    let files = current_files(env, &site_of(req)?, locale).await?.ok_or(ApiError::NotFound("no index for this locale"))?;
    let hash = files.core.split('.').nth(1).unwrap_or_default();
    let etag = format!("\"{hash}\"");
    let held = req.headers().get("if-none-match")?.is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag));
    let mut response = if held {
        // A 304 has no body at all (an empty one is refused by the runtime).
        Response::empty()?.with_status(304).with_headers(headers("application/octet-stream", MANIFEST_CACHE)?)
    } else {
        respond(200, bytes(env, &files.core).await?, "application/octet-stream", MANIFEST_CACHE)?
    };
    response.headers_mut().set("etag", &etag)?;
    // The widget on another origin compares it with the core it holds.
    response.headers_mut().set("access-control-expose-headers", "etag")?;
    Ok(response)
}

/// Each locale's manifest entry: the static build's, then the site's publications over them.
async fn entries(env: &Env, site: &str) -> Result<Map<String, Value>, ApiError> {
    let mut entries = static_manifest(env).await?;
    // Widgets keep working on the static help center while D1 cannot be read, and on a locale
    // published in another index format (before a deploy that changed it) until the scheduled
    // sweep has built it again: widgets of this deploy read only its own format.
    match store::servable_publications(&env.d1("DB")?, site).await {
        Ok(publications) => {
            for publication in publications {
                entries.insert(publication.locale.clone(), serde_json::to_value(&publication.files)?);
            }
        }
        Err(error) => console_error!("publications unavailable, serving the static help center: {error:?}"),
    }
    Ok(entries)
}

thread_local! {
    /// The static build's manifest: deployed with this code, so read once per isolate.
    static STATIC_MANIFEST: RefCell<Option<Map<String, Value>>> = const { RefCell::new(None) };
}

async fn static_manifest(env: &Env) -> Result<Map<String, Value>, ApiError> {
    if let Some(manifest) = STATIC_MANIFEST.with(|m| m.borrow().clone()) {
        return Ok(manifest);
    }
    let mut response = env.assets("ASSETS")?.fetch(format!("{ASSETS}/index/manifest.json"), None).await?;
    let manifest = if response.status_code() == 200 { response.json().await? } else { Map::new() };
    STATIC_MANIFEST.with(|m| *m.borrow_mut() = Some(manifest.clone()));
    Ok(manifest)
}

/// The name of `locale`'s current index core (what the edge's triage reads), if it has one.
pub async fn index_name(env: &Env, site: &str, locale: &str) -> Result<Option<String>, ApiError> {
    Ok(current_files(env, site, locale).await?.map(|files| files.core))
}

/// The files `locale`'s widgets read now (published at the edge, else the static build's), if any.
pub async fn current_files(env: &Env, site: &str, locale: &str) -> Result<Option<PublishedFiles>, ApiError> {
    let Some(entry) = entries(env, site).await?.remove(locale) else { return Ok(None) };
    Ok(Some(serde_json::from_value(entry)?))
}

/// A file of the help center, published or static.
pub async fn bytes(env: &Env, name: &str) -> Result<Vec<u8>, ApiError> {
    stored(env, name).await?.ok_or_else(|| ApiError::Internal(format!("index file {name}: not found")))
}

/// A file of the help center, published (R2) or static (the assets binding), if there is one.
async fn stored(env: &Env, name: &str) -> Result<Option<Vec<u8>>, ApiError> {
    if let Some(bytes) = files::read(&files::bucket(env)?, name).await? {
        return Ok(Some(bytes));
    }
    let mut response = env.assets("ASSETS")?.fetch(format!("{ASSETS}/index/{name}"), None).await?;
    match response.status_code() {
        200 => Ok(Some(response.bytes().await?)),
        404 => Ok(None),
        status => Err(ApiError::Internal(format!("index file {name}: HTTP {status}"))),
    }
}

/// The encoding an index file goes out in: brotli, else gzip, for a browser that accepts it.
fn encoding_for(req: &Request) -> Result<Option<&'static str>, ApiError> {
    let accepted = req.headers().get("accept-encoding")?.unwrap_or_default();
    let accepts = |name: &str| accepted.split(',').any(|coding| coding.split(';').next().is_some_and(|c| c.trim() == name));
    Ok(if accepts("br") {
        Some("br")
    } else if accepts("gzip") {
        Some("gzip")
    } else {
        None
    })
}

/// Index files are binary, and Cloudflare compresses only the types it lists, never
/// `application/octet-stream`: named in `Content-Encoding`, the runtime compresses the body on
/// the way out (its default, automatic body encoding). The first answer's core and chunks come
/// to about a third of their size.
fn compressed(mut response: Response, encoding: Option<&str>) -> Result<Response, ApiError> {
    response.headers_mut().set("vary", "accept-encoding")?;
    if let (200, Some(encoding)) = (response.status_code(), encoding) {
        response.headers_mut().set("content-encoding", encoding)?;
    }
    Ok(response)
}

fn respond(status: u16, body: Vec<u8>, content_type: &str, cache: &str) -> Result<Response, ApiError> {
    Ok(Response::from_bytes(body)?.with_status(status).with_headers(headers(content_type, cache)?))
}

fn headers(content_type: &str, cache: &str) -> Result<Headers, ApiError> {
    let headers = Headers::new();
    headers.set("content-type", content_type)?;
    headers.set("cache-control", cache)?;
    // Widgets on any host page fetch these.
    headers.set("access-control-allow-origin", "*")?;
    headers.set("x-content-type-options", "nosniff")?;
    Ok(headers)
}
