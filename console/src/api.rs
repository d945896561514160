//! The console's client of the edge's agent routes: the bearer token on every call, the wire
//! types read straight from the parsed JSON (serde-wasm-bindgen, no JSON library in the bundle).
//! A 401 on a signed-in call means the credential ended (signed out elsewhere, deactivated,
//! rotated): the call says so to the app with the window event [`CREDENTIAL_ENDED`].

use browser_kit::http::{self, answer, send, EdgeError};
use browser_kit::js;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;
use wire::agent::{AgentTicket, AgentTicketList, SignedIn, TicketUpdate};
use wire::analytics::{AnalyticsReport, HandoffReport};
use wire::mail::{TicketAttachments, TicketMails};
use wire::tasks::{CaseTask, NewCollaborator, NewTask, OpenTasksRefused, TaskAssignment, TaskQueue};
use wire::tickets::NewMessage;

use crate::filters::Filters;

pub mod kb;
pub mod staffing;
pub mod team;

const BASE: &str = "/api/v1";

/// The window event a call fires when the edge no longer knows its credential (app.rs listens).
pub const CREDENTIAL_ENDED: &str = "help-console-credential-ended";

#[derive(Clone, PartialEq)]
pub struct Api {
    token: String,
}

impl Api {
    pub fn new(token: &str) -> Api {
        Api { token: token.trim().to_string() }
    }

    pub fn token(&self) -> &str {
        &self.token
    }

    pub async fn me(&self) -> Result<SignedIn, EdgeError> {
        self.call("GET", "/agent/me", None::<&()>).await
    }

    pub async fn tickets(&self, filters: &Filters) -> Result<AgentTicketList, EdgeError> {
        self.call("GET", &format!("/agent/tickets?{}", filters.to_query()), None::<&()>).await
    }

    pub async fn ticket(&self, id: &str) -> Result<AgentTicket, EdgeError> {
        self.call("GET", &format!("/agent/tickets/{}", encode(id)), None::<&()>).await
    }

    /// A public reply the requester sees.
    pub async fn reply(&self, id: &str, text: &str) -> Result<AgentTicket, EdgeError> {
        self.call("POST", &format!("/agent/tickets/{}/replies", encode(id)), Some(&NewMessage { text: text.to_string() })).await
    }

    /// An internal note, for agents only.
    pub async fn note(&self, id: &str, text: &str) -> Result<AgentTicket, EdgeError> {
        self.call("POST", &format!("/agent/tickets/{}/notes", encode(id)), Some(&NewMessage { text: text.to_string() })).await
    }

    /// The mails sent about the ticket and what became of each.
    pub async fn mails(&self, id: &str) -> Result<TicketMails, EdgeError> {
        self.call("GET", &format!("/agent/tickets/{}/mails", encode(id)), None::<&()>).await
    }

    /// The files kept from the ticket's inbound mail.
    pub async fn attachments(&self, id: &str) -> Result<TicketAttachments, EdgeError> {
        self.call("GET", &format!("/agent/tickets/{}/attachments", encode(id)), None::<&()>).await
    }

    /// One attachment's bytes, fetched with this credential (the edge serves them to no one else).
    pub async fn attachment(&self, ticket: &str, id: &str) -> Result<web_sys::Blob, EdgeError> {
        let headers = js::object(&[("authorization", format!("Bearer {}", self.token).into())]);
        let fetched = http::receive_file(&format!("{BASE}/agent/tickets/{}/attachments/{}", encode(ticket), encode(id)), &headers).await;
        if matches!(fetched, Err(EdgeError::Refused { status: 401, .. })) {
            credential_ended();
        }
        fetched
    }

    /// Every link in the mails sent so far about the ticket stops working; its mails again.
    pub async fn revoke_mail_links(&self, id: &str) -> Result<TicketMails, EdgeError> {
        self.call("POST", &format!("/agent/tickets/{}/mail-links/revoke", encode(id)), None::<&()>).await
    }

    /// A change of the case; a solve or close the edge refused for the case's open tasks comes
    /// back as those tasks, so the agent is asked what becomes of them.
    pub async fn update(&self, id: &str, update: &TicketUpdate) -> Result<Updated, EdgeError> {
        let (status, text) = self.exchange("PATCH", &format!("/agent/tickets/{}", encode(id)), Some(update)).await?;
        if status == 409 {
            let parsed = js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL);
            if let Ok(refused) = serde_wasm_bindgen::from_value::<OpenTasksRefused>(parsed) {
                return Ok(Updated::OpenTasks(refused.open_tasks));
            }
        }
        serde_wasm_bindgen::from_value(answer(status, &text)?).map(|t| Updated::Stored(Box::new(t))).map_err(unreadable)
    }

    /// Adds a person of another department to the case (they read it and write notes).
    pub async fn add_collaborator(&self, ticket: &str, agent_id: &str) -> Result<AgentTicket, EdgeError> {
        self.call("POST", &format!("/agent/tickets/{}/collaborators", encode(ticket)), Some(&NewCollaborator { agent_id: agent_id.to_string() })).await
    }

    pub async fn remove_collaborator(&self, ticket: &str, agent_id: &str) -> Result<AgentTicket, EdgeError> {
        self.call("DELETE", &format!("/agent/tickets/{}/collaborators/{}", encode(ticket), encode(agent_id)), None::<&()>).await
    }

    /// The tasks asked of the person's departments (`status=open`, `overdue=true`, …).
    pub async fn tasks(&self, query: &str) -> Result<TaskQueue, EdgeError> {
        self.call("GET", &format!("/agent/tasks?{query}"), None::<&()>).await
    }

    /// Asks another department a question on the case.
    pub async fn open_task(&self, ticket: &str, task: &NewTask) -> Result<CaseTask, EdgeError> {
        self.call("POST", &format!("/agent/tickets/{}/tasks", encode(ticket)), Some(task)).await
    }

    /// A message on a task's thread, or (`answer`) the asked department's answer.
    pub async fn task_message(&self, task: &str, text: &str, answer: bool) -> Result<CaseTask, EdgeError> {
        let path = format!("/agent/tasks/{}/{}", encode(task), if answer { "answer" } else { "messages" });
        self.call("POST", &path, Some(&NewMessage { text: text.to_string() })).await
    }

    pub async fn cancel_task(&self, task: &str) -> Result<CaseTask, EdgeError> {
        self.call("POST", &format!("/agent/tasks/{}/cancel", encode(task)), None::<&()>).await
    }

    /// Who works the task (`""`: nobody).
    pub async fn assign_task(&self, task: &str, assignee: &str) -> Result<CaseTask, EdgeError> {
        self.call("PATCH", &format!("/agent/tasks/{}", encode(task)), Some(&TaskAssignment { assignee: assignee.to_string() })).await
    }

    pub async fn analytics(&self, from: &str, to: &str) -> Result<AnalyticsReport, EdgeError> {
        self.call("GET", &format!("/analytics?from={}&to={}", encode(from), encode(to)), None::<&()>).await
    }

    /// How the cases opened in the range moved between departments.
    pub async fn handoffs(&self, from: &str, to: &str) -> Result<HandoffReport, EdgeError> {
        self.call("GET", &format!("/analytics/handoffs?from={}&to={}", encode(from), encode(to)), None::<&()>).await
    }

    async fn call<T: DeserializeOwned, B: Serialize>(&self, method: &str, path: &str, body: Option<&B>) -> Result<T, EdgeError> {
        serde_wasm_bindgen::from_value(self.raw(method, path, body).await?).map_err(unreadable)
    }

    /// The answer as the browser parsed it (for a download that keeps the edge's JSON as is).
    async fn raw<B: Serialize>(&self, method: &str, path: &str, body: Option<&B>) -> Result<JsValue, EdgeError> {
        let (status, text) = self.exchange(method, path, body).await?;
        answer(status, &text)
    }

    /// The status and body's text as they came (a 401 on a signed-in call still ends the tab's
    /// credential), for a caller that reads an error answer's own shape.
    async fn exchange<B: Serialize>(&self, method: &str, path: &str, body: Option<&B>) -> Result<(u16, String), EdgeError> {
        let mut headers = vec![("content-type", JsValue::from("application/json"))];
        // Signing in and accepting an invitation carry no credential yet.
        if !self.token.is_empty() {
            headers.push(("authorization", format!("Bearer {}", self.token).into()));
        }
        let headers = js::object(&headers);
        let body = match body {
            // json_compatible: plain objects and null, exactly what JSON.stringify expects.
            Some(body) => Some(js::to_json(&body.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(unreadable)?)),
            None => None,
        };
        let sent = send(method, &format!("{BASE}{path}"), &headers, body.as_deref()).await;
        if matches!(sent, Ok((401, _))) && !self.token.is_empty() {
            credential_ended();
        }
        sent
    }
}

/// What a change of a case became.
pub enum Updated {
    Stored(Box<AgentTicket>),
    /// Refused: the case has these open tasks and the change did not say what becomes of them.
    OpenTasks(Vec<CaseTask>),
}

fn credential_ended() {
    if let (Some(window), Ok(event)) = (web_sys::window(), web_sys::Event::new(CREDENTIAL_ENDED)) {
        let _ = window.dispatch_event(&event);
    }
}

/// A body that is not the documented shape (a client older than the edge, most likely): never
/// mistaken for an answer of the edge's.
fn unreadable(error: serde_wasm_bindgen::Error) -> EdgeError {
    EdgeError::Unreadable { detail: error.to_string() }
}

fn encode(value: &str) -> String {
    crate::filters::percent_encode(value)
}
