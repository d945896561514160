//! Typed calls between the worker and the two Durable Objects, so each JSON hop is written once.
//! The objects' routes are reachable only through these stubs, never from outside, so an object
//! trusts what the worker tells it (who is connecting) and checks nothing twice.

use serde::{de::DeserializeOwned, Serialize};
use worker::{Env, Headers, Method, Request, RequestInit, Response, Result, Stub, Url};

/// The host is never resolved: a stub routes every request to its object.
const INTERNAL: &str = "https://chat.internal";

/// Sends `body` as JSON to a Durable Object's internal route and reads the JSON answer.
pub async fn call<B: Serialize, T: DeserializeOwned>(stub: &Stub, path: &str, body: &B) -> Result<T> {
    let mut response = post(stub, path, body).await?;
    response.json().await
}

/// Sends `body` as JSON and only checks that the object took it.
pub async fn post<B: Serialize>(stub: &Stub, path: &str, body: &B) -> Result<Response> {
    let headers = Headers::new();
    headers.set("content-type", "application/json")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_headers(headers).with_body(Some(serde_json::to_string(body)?.into()));
    let request = Request::new_with_init(&format!("{INTERNAL}{path}"), &init)?;
    let response = stub.fetch_with_request(request).await?;
    if response.status_code() >= 400 {
        return Err(worker::Error::RustError(format!("{path} answered {}", response.status_code())));
    }
    Ok(response)
}

/// Asks an object to accept a WebSocket for `who`, whom the worker has authenticated. `who`
/// travels in the query: names may be Chinese, and header values must be Latin-1. The answer is
/// the object's: 101 with the socket, or its refusal.
pub async fn socket<W: Serialize>(stub: &Stub, who: &W) -> Result<Response> {
    let mut url = Url::parse(&format!("{INTERNAL}/socket"))?;
    url.query_pairs_mut().append_pair("who", &serde_json::to_string(who)?);
    let headers = Headers::new();
    headers.set("upgrade", "websocket")?;
    let mut init = RequestInit::new();
    init.with_method(Method::Get).with_headers(headers);
    stub.fetch_with_request(Request::new_with_init(url.as_str(), &init)?).await
}

/// Reads the `who` an object's socket request carries.
pub fn who<W: DeserializeOwned>(req: &Request) -> Result<W> {
    let url = req.url()?;
    let json = url.query_pairs().find(|(k, _)| k == "who").map(|(_, v)| v.into_owned()).unwrap_or_default();
    serde_json::from_str(&json).map_err(|e| worker::Error::RustError(format!("socket request without a valid participant: {e}")))
}

/// The site's desk: one object per site, named by the site id.
pub fn desk(env: &Env, site: &str) -> Result<Stub> {
    env.durable_object("DESK")?.id_from_name(site)?.get_stub()
}

/// A conversation: one object per chat, named by the chat id.
pub fn conversation(env: &Env, chat_id: &str) -> Result<Stub> {
    env.durable_object("CONVERSATION")?.id_from_name(chat_id)?.get_stub()
}
