//! Typed calls between the worker and the two Durable Objects. Each internal route is declared
//! once, here, as a [`Route`] that ties its path to the body it takes and the answer it gives
//! (and each object's socket to who may open it, [`Socket`]), so a call cannot pair a path with
//! the wrong body and an object reads exactly what its callers send. The objects' routes are
//! reachable only through these stubs, never from outside, so an object trusts what the worker
//! tells it (who is connecting) and checks nothing twice.

use std::marker::PhantomData;

use livechat::{Admission, DepartmentLoad};
use serde::{de::DeserializeOwned, Serialize};
use worker::{Env, Headers, Method, Request, RequestInit, Response, Result, Stub, Url};

use super::conversation::{ChatMeta, EraseChat, OpenChat, Participant, QueueUpdate, Transferred};
use super::desk::{AdmissionQuery, ChatRef, DeskAgent, Enqueue, Evict, Placed, TellOverdue};
use super::here::Visitor;

/// The host is never resolved: a stub routes every request to its object.
const INTERNAL: &str = "https://chat.internal";

/// The desk: may this department's chat join the line now?
pub const ADMISSION: Route<AdmissionQuery, Admission> = Route::new("/admission");
/// The desk: put a chat in line (it may be assigned at once).
pub const ENQUEUE: Route<Enqueue, Placed> = Route::new("/enqueue");
/// The desk: a chat ended; free its agent or take it out of line.
pub const CLOSED: Route<ChatRef, ()> = Route::new("/closed");
/// The desk: each named department's load now (the minute sweep samples it for staffing).
pub const LOADS: Route<Vec<String>, Vec<DepartmentLoad>> = Route::new("/loads");
/// A conversation: create it with the bot transcript and the user's first words.
pub const OPEN: Route<OpenChat, ChatMeta> = Route::new("/open");
/// A conversation: the desk's word on the user's place in line.
pub const QUEUE: Route<QueueUpdate, ()> = Route::new("/queue");
/// A conversation: the desk assigned this agent.
pub const ASSIGNED: Route<Participant, ()> = Route::new("/assigned");
/// A conversation: the desk handed the chat to another department.
pub const TRANSFERRED: Route<Transferred, ()> = Route::new("/transferred");
/// A conversation: what it knows about itself.
pub const META: Route<(), ChatMeta> = Route::new("/meta");
/// The desk, then each of the person's conversations: close a deactivated person's sockets.
pub const EVICT: Route<Evict, ()> = Route::new("/evict");
/// The desk: tell these leads (on their desk sockets) that a task of theirs went past its due time.
pub const TASK_OVERDUE: Route<TellOverdue, ()> = Route::new("/task-overdue");
/// A conversation: remove the requester's personal data from its copy of the messages.
pub const ERASE: Route<EraseChat, ()> = Route::new("/erase");

/// A conversation's socket, opened for a user or an agent of the chat.
pub const CONVERSATION_SOCKET: Socket<Participant> = Socket::new("/socket");
/// A desk's socket, opened for an agent of the site.
pub const DESK_SOCKET: Socket<DeskAgent> = Socket::new("/socket");
/// The desk, for a case's socket: an agent has the case open (who else is here).
pub const CASE_SOCKET: Socket<Visitor> = Socket::new("/case-socket");

/// An object's internal `POST` route: its path, what it takes (`Req`) and answers (`Rep`, JSON;
/// an empty answer reads as `()`).
pub struct Route<Req, Rep> {
    path: &'static str,
    types: PhantomData<fn(Req) -> Rep>,
}

impl<Req: Serialize + DeserializeOwned, Rep: Serialize + DeserializeOwned> Route<Req, Rep> {
    const fn new(path: &'static str) -> Self {
        Route { path, types: PhantomData }
    }

    /// Whether an object's request is for this route.
    pub fn is(&self, req: &Request) -> bool {
        req.method() == Method::Post && req.path() == self.path
    }

    /// The worker's side: sends `body` to the object behind `stub` and reads its answer.
    pub async fn call(&self, stub: &Stub, body: &Req) -> Result<Rep> {
        let headers = Headers::new();
        headers.set("content-type", "application/json")?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post).with_headers(headers).with_body(Some(serde_json::to_string(body)?.into()));
        let request = Request::new_with_init(&format!("{INTERNAL}{}", self.path), &init)?;
        let mut response = stub.fetch_with_request(request).await?;
        if response.status_code() >= 400 {
            return Err(worker::Error::RustError(format!("{} answered {}", self.path, response.status_code())));
        }
        let text = response.text().await?;
        Ok(serde_json::from_str(if text.is_empty() { "null" } else { &text })?)
    }

    /// The object's side: the body of a request for this route.
    pub async fn body(&self, req: &mut Request) -> Result<Req> {
        req.json().await
    }

    /// The object's side: its answer.
    pub fn reply(&self, answer: &Rep) -> Result<Response> {
        Response::from_json(answer)
    }
}

/// An object's socket route (`GET {path}`), and who opens it (`W`, whom the worker has
/// authenticated). `W` travels in the query: names may be Chinese, and header values must be
/// Latin-1.
pub struct Socket<W> {
    path: &'static str,
    who: PhantomData<fn(W)>,
}

impl<W: Serialize + DeserializeOwned> Socket<W> {
    const fn new(path: &'static str) -> Self {
        Socket { path, who: PhantomData }
    }

    /// Whether an object's request is for this socket.
    pub fn is(&self, req: &Request) -> bool {
        req.method() == Method::Get && req.path() == self.path
    }

    /// The worker's side: asks the object to accept a WebSocket for `who`. The answer is the
    /// object's: 101 with the socket, or its refusal.
    pub async fn open(&self, stub: &Stub, who: &W) -> Result<Response> {
        let mut url = Url::parse(&format!("{INTERNAL}{}", self.path))?;
        url.query_pairs_mut().append_pair("who", &serde_json::to_string(who)?);
        let headers = Headers::new();
        headers.set("upgrade", "websocket")?;
        let mut init = RequestInit::new();
        init.with_method(Method::Get).with_headers(headers);
        stub.fetch_with_request(Request::new_with_init(url.as_str(), &init)?).await
    }

    /// The object's side: who the socket request is for.
    pub fn who(&self, req: &Request) -> Result<W> {
        let url = req.url()?;
        let json = url.query_pairs().find(|(k, _)| k == "who").map(|(_, v)| v.into_owned()).unwrap_or_default();
        serde_json::from_str(&json).map_err(|e| worker::Error::RustError(format!("socket request without a valid participant: {e}")))
    }
}

/// The site's desk: one object per site, named by the site id.
pub fn desk(env: &Env, site: &str) -> Result<Stub> {
    env.durable_object("DESK")?.id_from_name(site)?.get_stub()
}

/// A conversation: one object per chat, named by the chat id.
pub fn conversation(env: &Env, chat_id: &str) -> Result<Stub> {
    env.durable_object("CONVERSATION")?.id_from_name(chat_id)?.get_stub()
}
