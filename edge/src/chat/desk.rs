//! The Desk Durable Object: one per site. It keeps the site's `livechat::Dispatcher` in storage,
//! holds the agents' desk sockets (presence, queue view), and after every change tells each
//! waiting user their place and expected wait, and each agent the line.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use wire::chat::{AgentStatus, ClientFrame, DeskSnapshot, ServerFrame, WaitingEntry};
use worker::*;

use livechat::{AgentProfile, Assignment, DispatchError, Dispatcher, Presence, Priority, WaitingChat};

use super::conversation::Participant;
use super::frames::{read_frame, send, FrameError};
use super::stubs;

/// A desk change the dispatcher may refuse.
type Refused<T> = std::result::Result<T, DispatchError>;

/// What agents see about a waiting chat beyond its place in line.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ChatDetails {
    pub reasons: Vec<String>,
    pub first_message: String,
}

/// The worker's request to put a chat in line.
#[derive(Serialize, Deserialize)]
pub struct Enqueue {
    pub chat: WaitingChat,
    pub details: ChatDetails,
}

#[derive(Serialize, Deserialize)]
pub struct AdmissionQuery {
    pub department: String,
    pub priority: Priority,
}

#[derive(Serialize, Deserialize)]
pub struct ChatRef {
    pub chat_id: String,
}

/// Who an agent's desk socket belongs to, kept on the socket across hibernation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DeskAgent {
    pub agent: Participant,
    pub departments: Vec<String>,
}

#[durable_object]
pub struct Desk {
    state: State,
    env: Env,
}

impl DurableObject for Desk {
    fn new(state: State, env: Env) -> Self {
        Desk { state, env }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let path = req.path();
        match (req.method(), path.as_str()) {
            (Method::Post, "/admission") => {
                let query: AdmissionQuery = req.json().await?;
                Response::from_json(&self.dispatcher().await?.admission(&query.department, query.priority))
            }
            (Method::Post, "/enqueue") => self.enqueue(req.json().await?).await,
            (Method::Post, "/withdraw") => {
                let chat: ChatRef = req.json().await?;
                self.change(|desk, _| desk.withdraw(&chat.chat_id).map(|_| Vec::new())).await
            }
            (Method::Post, "/ended") => {
                let chat: ChatRef = req.json().await?;
                self.change(|desk, now| desk.end_chat(&chat.chat_id, now)).await
            }
            (Method::Post, "/agent-of") => {
                let chat: ChatRef = req.json().await?;
                Response::from_json(&self.dispatcher().await?.agent_of(&chat.chat_id))
            }
            (Method::Get, "/socket") => self.accept_socket(&req),
            _ => Response::error("not found", 404),
        }
    }

    async fn websocket_message(&self, ws: WebSocket, message: WebSocketIncomingMessage) -> Result<()> {
        let Some(who) = ws.deserialize_attachment::<DeskAgent>()? else {
            return ws.close(Some(1011), Some("lost agent"));
        };
        let Some(frame) = read_frame(&ws, message)? else { return Ok(()) };
        let agent_id = who.agent.id.clone();
        let outcome = match frame {
            ClientFrame::Hello { .. } => self.apply(|_, _| Ok(Vec::new())).await?,
            ClientFrame::Presence { status, capacity } => {
                let profile = profile(&who, capacity);
                self.apply(|desk, now| Ok(desk.update_agent(profile, presence(status), now))).await?
            }
            ClientFrame::Accept { chat_id } => {
                self.apply(|desk, now| desk.accept(&agent_id, &chat_id, now).map(|a| vec![a])).await?
            }
            ClientFrame::Transfer { chat_id, department, note } => {
                let moved = self.apply(|desk, now| desk.transfer(&chat_id, &department, &note, now)).await?;
                if moved.is_ok() {
                    let conversation = stubs::conversation(&self.env, &chat_id)?;
                    stubs::post(&conversation, "/waiting", &ChatRef { chat_id: chat_id.clone() }).await?;
                }
                moved
            }
            _ => return send(&ws, &FrameError::WrongSocket.frame()),
        };
        match outcome {
            Ok(()) => Ok(()),
            Err(error) => send(&ws, &ServerFrame::Error { code: error.code().into(), message: error.message().into() }),
        }
    }

    async fn websocket_close(&self, ws: WebSocket, code: usize, reason: String, _was_clean: bool) -> Result<()> {
        let code = if code == 1005 || code == 1006 { 1000 } else { code as u16 };
        ws.close(Some(code), Some(reason))?;
        // An agent whose last desk socket closed is offline for new chats; open chats stay theirs.
        if let Some(who) = ws.deserialize_attachment::<DeskAgent>()? {
            let still_here = self.state.get_websockets_with_tag(&agent_tag(&who.agent.id)).len() > 1;
            if !still_here {
                let capacity = self.dispatcher().await?.agents().find(|a| a.profile.agent_id == who.agent.id).map_or(0, |a| a.profile.capacity);
                let profile = profile(&who, capacity);
                self.apply(|desk, now| Ok(desk.update_agent(profile, Presence::Offline, now))).await?.ok();
            }
        }
        Ok(())
    }

    async fn websocket_error(&self, ws: WebSocket, _error: Error) -> Result<()> {
        ws.close(Some(1011), Some("socket error"))
    }
}

impl Desk {
    async fn dispatcher(&self) -> Result<Dispatcher> {
        Ok(self.state.storage().get::<Dispatcher>("dispatcher").await?.unwrap_or_default())
    }

    async fn details(&self) -> Result<BTreeMap<String, ChatDetails>> {
        Ok(self.state.storage().get("details").await?.unwrap_or_default())
    }

    fn accept_socket(&self, req: &Request) -> Result<Response> {
        let who: DeskAgent = serde_json::from_str(&req.headers().get("x-desk-agent")?.unwrap_or_default())
            .map_err(|e| Error::RustError(format!("desk agent header: {e}")))?;
        let pair = WebSocketPair::new()?;
        self.state.accept_websocket_with_tags(&pair.server, &[&agent_tag(&who.agent.id)]);
        pair.server.serialize_attachment(&who)?;
        Response::from_websocket(pair.client)
    }

    async fn enqueue(&self, request: Enqueue) -> Result<Response> {
        let mut details = self.details().await?;
        details.insert(request.chat.chat_id.clone(), request.details);
        self.state.storage().put("details", &details).await?;
        let chat = request.chat;
        self.change(move |desk, now| desk.enqueue(chat, now)).await
    }

    /// Applies a change for an internal route and answers with its assignments, or 409.
    async fn change(&self, change: impl FnOnce(&mut Dispatcher, u64) -> Refused<Vec<Assignment>>) -> Result<Response> {
        let mut desk = self.dispatcher().await?;
        match change(&mut desk, now()) {
            Ok(assignments) => {
                self.state.storage().put("dispatcher", &desk).await?;
                self.publish(assignments.clone()).await?;
                Response::from_json(&assignments)
            }
            Err(error) => Response::error(error.message(), 409),
        }
    }

    /// Applies a change asked for on an agent's socket. The outer error is the runtime's, the
    /// inner one the desk's refusal, which goes back to the agent as an error frame.
    async fn apply(
        &self,
        change: impl FnOnce(&mut Dispatcher, u64) -> Refused<Vec<Assignment>>,
    ) -> Result<Refused<()>> {
        let mut desk = self.dispatcher().await?;
        let assignments = match change(&mut desk, now()) {
            Ok(assignments) => assignments,
            Err(refusal) => return Ok(Err(refusal)),
        };
        self.state.storage().put("dispatcher", &desk).await?;
        self.publish(assignments).await?;
        Ok(Ok(()))
    }

    /// Tells everyone what changed: assigned users get their agent, waiting users their place,
    /// agents the line.
    async fn publish(&self, assignments: Vec<Assignment>) -> Result<()> {
        let desk = self.dispatcher().await?;
        let mut details = self.details().await?;
        for assignment in &assignments {
            details.remove(&assignment.chat_id);
            let agent = desk.agents().find(|a| a.profile.agent_id == assignment.agent_id);
            let name = agent.map_or_else(|| assignment.agent_id.clone(), |a| a.profile.name.clone());
            let participant = Participant { role: livechat::Role::Agent, id: assignment.agent_id.clone(), name };
            stubs::post(&stubs::conversation(&self.env, &assignment.chat_id)?, "/assigned", &participant).await?;
        }
        self.state.storage().put("details", &details).await?;

        let updates = desk.queue_status().into_iter().map(|status| {
            let frame = ServerFrame::Queue {
                position: status.position,
                estimated_wait_secs: status.estimated_wait_secs,
                agents_online: status.agents_online,
            };
            let env = self.env.clone();
            async move { stubs::post(&stubs::conversation(&env, &status.chat_id)?, "/queue", &frame).await.map(|_| ()) }
        });
        for result in futures_util::future::join_all(updates).await {
            result?;
        }

        let waiting: Vec<WaitingEntry> = desk
            .waiting()
            .map(|chat| {
                let about = details.get(&chat.chat_id);
                WaitingEntry {
                    chat_id: chat.chat_id.clone(),
                    department: chat.department.clone(),
                    priority: format!("{:?}", chat.priority).to_lowercase(),
                    waiting_since: chat.since,
                    reasons: about.map(|d| d.reasons.clone()).unwrap_or_default(),
                    first_message: about.map(|d| d.first_message.clone()).unwrap_or_default(),
                }
            })
            .collect();
        let agents_online = desk.agents().filter(|a| a.presence == Presence::Online).count() as u32;
        for agent in desk.agents() {
            let snapshot = DeskSnapshot { waiting: waiting.clone(), mine: agent.active_chats.iter().cloned().collect(), agents_online };
            for socket in self.state.get_websockets_with_tag(&agent_tag(&agent.profile.agent_id)) {
                let _ = send(&socket, &ServerFrame::Desk(snapshot.clone()));
            }
        }
        Ok(())
    }
}

fn agent_tag(agent_id: &str) -> String {
    format!("agent:{agent_id}")
}

fn profile(who: &DeskAgent, capacity: u32) -> AgentProfile {
    AgentProfile { agent_id: who.agent.id.clone(), name: who.agent.name.clone(), departments: who.departments.clone(), capacity }
}

fn presence(status: AgentStatus) -> Presence {
    match status {
        AgentStatus::Online => Presence::Online,
        AgentStatus::Away => Presence::Away,
        AgentStatus::Offline => Presence::Offline,
    }
}

fn now() -> u64 {
    Date::now().as_millis()
}
