//! Typed calls between the worker and the two Durable Objects, so each JSON hop is written once.

use serde::{de::DeserializeOwned, Serialize};
use worker::{Env, Headers, Method, Request, RequestInit, Response, Result, Stub};

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
    // The host is never resolved: a stub routes every request to its object.
    let request = Request::new_with_init(&format!("https://chat.internal{path}"), &init)?;
    let response = stub.fetch_with_request(request).await?;
    if response.status_code() >= 400 {
        return Err(worker::Error::RustError(format!("{path} answered {}", response.status_code())));
    }
    Ok(response)
}

/// The site's desk: one object per site, named by the site id.
pub fn desk(env: &Env, site: &str) -> Result<Stub> {
    env.durable_object("DESK")?.id_from_name(site)?.get_stub()
}

/// A conversation: one object per chat, named by the chat id.
pub fn conversation(env: &Env, chat_id: &str) -> Result<Stub> {
    env.durable_object("CONVERSATION")?.id_from_name(chat_id)?.get_stub()
}
