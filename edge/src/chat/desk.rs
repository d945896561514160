//! The Desk Durable Object: one per site. It keeps the site's `livechat::Dispatcher` in storage,
//! holds the agents' desk sockets (presence, queue view, accept, transfer), and after every change
//! tells each waiting user their place and expected wait, and each agent the line. It also holds
//! the agents' case sockets: who else has a case open (`here`).

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use wire::agent::TicketUpdate;
use wire::chat::{ClientFrame, DeskSnapshot, MyChat, OverdueTask, ServerFrame, WaitingEntry};
use worker::*;

use livechat::{AgentProfile, Assignment, DispatchError, Dispatcher, Presence, Priority, QueueStatus, Role, WaitingChat};

use super::conversation::{Participant, QueueUpdate, Transferred};
use super::frames::{read_frame, send, FrameError};
use super::here::{self, Visitor};
use super::{stubs, ticket_log};
use crate::sites;
use crate::store::staffing;

/// A desk change the dispatcher may refuse.
type Refused<T> = std::result::Result<T, DispatchError>;

/// Everything the desk keeps, in one storage value: each change is one read-modify-write with
/// no other I/O in between, so concurrent events cannot lose each other's updates. Each chat's
/// details (its ticket, first words, transfer note) live in the dispatcher with the chat itself.
#[derive(Default, Serialize, Deserialize)]
struct DeskState {
    dispatcher: Dispatcher,
    /// Bumped by every change; conversations drop queue frames older than the last they took.
    version: u64,
}

/// The worker's request to put a chat, with its details, in line.
#[derive(Serialize, Deserialize)]
pub struct Enqueue {
    pub chat: WaitingChat,
}

/// Where an enqueued chat stands right after joining: with an agent already, or in line.
#[derive(Serialize, Deserialize)]
pub struct Placed {
    pub agent_name: Option<String>,
    pub queue: Option<QueueStatus>,
    pub agents_online: u32,
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

/// A person whose sockets must close: deactivated, or their credentials rotated.
#[derive(Serialize, Deserialize)]
pub struct Evict {
    pub agent_id: String,
}

/// Leads to tell, on their desk sockets, of a task past its due time.
#[derive(Serialize, Deserialize)]
pub struct TellOverdue {
    pub lead_ids: Vec<String>,
    pub task: OverdueTask,
}

/// The close code an evicted agent's sockets get (4000–4999 are the application's).
pub const EVICTED: u16 = 4001;

/// Who an agent's desk socket belongs to, kept on the socket across hibernation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DeskAgent {
    pub agent: Participant,
    pub departments: Vec<String>,
    pub site: String,
}

#[durable_object]
pub struct Desk {
    state: State,
    env: Env,
    /// Chats just assigned whose conversation has not yet confirmed it knows its agent. They stay
    /// out of every agent's `mine` until it has: a console connects to a chat as soon as it is
    /// listed, and the conversation would refuse an agent it has not heard of. Kept in memory
    /// only: the object cannot hibernate while it waits on those calls.
    informing: RefCell<BTreeSet<String>>,
}

impl DurableObject for Desk {
    fn new(state: State, env: Env) -> Self {
        Desk { state, env, informing: RefCell::new(BTreeSet::new()) }
    }

    async fn fetch(&self, mut req: Request) -> Result<Response> {
        if stubs::ADMISSION.is(&req) {
            let query = stubs::ADMISSION.body(&mut req).await?;
            return stubs::ADMISSION.reply(&self.load().await?.dispatcher.admission(&query.department, query.priority));
        }
        if stubs::ENQUEUE.is(&req) {
            return self.enqueue(stubs::ENQUEUE.body(&mut req).await?).await;
        }
        if stubs::LOADS.is(&req) {
            let departments = stubs::LOADS.body(&mut req).await?;
            let desk = self.load().await?;
            return stubs::LOADS.reply(&departments.iter().map(|d| desk.dispatcher.load_of(d)).collect());
        }
        if stubs::CLOSED.is(&req) {
            let chat = stubs::CLOSED.body(&mut req).await?;
            let ended = staffing::ended(&self.env.d1("DB")?, &chat.chat_id, now() as i64).await;
            measured("a chat's end", ended);
            let closed = self.commit(|desk, now| desk.dispatcher.close(&chat.chat_id, now));
            // Closing twice (a retried end) changes nothing.
            if let Ok((desk, assignments)) = closed.await? {
                self.publish(&desk, &assignments).await?;
            }
            return stubs::CLOSED.reply(&());
        }
        if stubs::DESK_SOCKET.is(&req) {
            return self.accept_socket(&req);
        }
        if stubs::CASE_SOCKET.is(&req) {
            return here::accept(&self.state, &self.env, &req).await;
        }
        if stubs::TASK_OVERDUE.is(&req) {
            let tell = stubs::TASK_OVERDUE.body(&mut req).await?;
            let frame = ServerFrame::TaskOverdue(tell.task);
            for lead in &tell.lead_ids {
                for socket in self.state.get_websockets_with_tag(&agent_tag(lead)) {
                    let _ = send(&socket, &frame);
                }
            }
            return stubs::TASK_OVERDUE.reply(&());
        }
        if stubs::EVICT.is(&req) {
            let evicted = stubs::EVICT.body(&mut req).await?;
            self.evict(&evicted.agent_id).await?;
            return stubs::EVICT.reply(&());
        }
        Response::error("not found", 404)
    }

    async fn websocket_message(&self, ws: WebSocket, message: WebSocketIncomingMessage) -> Result<()> {
        // A case socket's attachment is a `Visitor`; read as one, a desk socket's fails.
        if let Ok(Some(visitor)) = ws.deserialize_attachment::<Visitor>() {
            return here::message(&self.state, &self.env, ws, visitor, message).await;
        }
        let Some(who) = ws.deserialize_attachment::<DeskAgent>()? else {
            return ws.close(Some(1011), Some("lost agent"));
        };
        let Some(frame) = read_frame(&ws, message)? else { return Ok(()) };
        let outcome = match self.handle(&ws, &who, frame).await {
            Ok(outcome) => outcome,
            Err(error) => {
                console_error!("desk: {error}");
                Err(FrameError::Internal)
            }
        };
        match outcome {
            Ok(()) => Ok(()),
            Err(refused) => send(&ws, &refused.frame()),
        }
    }

    async fn websocket_close(&self, ws: WebSocket, code: usize, reason: String, _was_clean: bool) -> Result<()> {
        let code = if code == 1005 || code == 1006 { 1000 } else { code as u16 };
        if let Ok(Some(visitor)) = ws.deserialize_attachment::<Visitor>() {
            // A case socket the desk let go (evicted, no longer reaching the case) is closed
            // already; the others are told all the same.
            let _ = ws.close(Some(code), Some(reason));
            return here::closed(&self.state, &self.env, &visitor).await;
        }
        ws.close(Some(code), Some(reason))?;
        // An agent whose last desk socket closed is offline for new chats; open chats stay theirs.
        let Some(who) = ws.deserialize_attachment::<DeskAgent>()? else { return Ok(()) };
        let open = self.state.get_websockets_with_tag(&agent_tag(&who.agent.id));
        if open.iter().any(|socket| socket.as_ref().ready_state() == web_sys::WebSocket::OPEN) {
            return Ok(());
        }
        let went = self.commit(|desk, now| {
            let capacity = desk.dispatcher.agents().find(|a| a.profile.agent_id == who.agent.id).map_or(0, |a| a.profile.capacity);
            Ok(desk.dispatcher.update_agent(profile(&who, capacity), Presence::Offline, now))
        });
        if let Ok((desk, assignments)) = went.await? {
            self.publish(&desk, &assignments).await?;
        }
        Ok(())
    }

    async fn websocket_error(&self, ws: WebSocket, _error: Error) -> Result<()> {
        ws.close(Some(1011), Some("socket error"))
    }

    /// The only alarm the desk sets: a typing mark on a case is due to lapse.
    async fn alarm(&self) -> Result<Response> {
        here::lapse(&self.state, &self.env).await?;
        Response::empty()
    }
}

impl Desk {
    /// A person who was deactivated or whose credentials were rotated: their desk sockets close
    /// now, they go offline for new chats, and the conversations of their open chats close their
    /// sockets too (the chats stay in the line's records for a lead to transfer).
    async fn evict(&self, agent_id: &str) -> Result<()> {
        let cases = self.state.get_websockets_with_tag(&here::visitor_tag(agent_id));
        for socket in self.state.get_websockets_with_tag(&agent_tag(agent_id)).into_iter().chain(cases) {
            let _ = socket.close(Some(EVICTED), Some("signed out"));
        }
        let desk = self.load().await?;
        let Some(agent) = desk.dispatcher.agents().find(|a| a.profile.agent_id == agent_id) else { return Ok(()) };
        let (profile, chats) = (agent.profile.clone(), agent.active_chats.clone());
        for chat_id in chats {
            stubs::EVICT.call(&stubs::conversation(&self.env, &chat_id)?, &Evict { agent_id: agent_id.to_string() }).await?;
        }
        if let Ok((desk, assignments)) = self.commit(|desk, now| Ok(desk.dispatcher.update_agent(profile, Presence::Offline, now))).await? {
            self.publish(&desk, &assignments).await?;
        }
        Ok(())
    }

    async fn load(&self) -> Result<DeskState> {
        Ok(self.state.storage().get::<DeskState>("desk").await?.unwrap_or_default())
    }

    fn accept_socket(&self, req: &Request) -> Result<Response> {
        let who = stubs::DESK_SOCKET.who(req)?;
        let pair = WebSocketPair::new()?;
        self.state.accept_websocket_with_tags(&pair.server, &[&agent_tag(&who.agent.id)]);
        pair.server.serialize_attachment(&who)?;
        Response::from_websocket(pair.client)
    }

    /// One frame from an agent's desk socket. The outer error is the runtime's, the inner one a
    /// refusal that goes back to the agent as an error frame.
    async fn handle(&self, ws: &WebSocket, who: &DeskAgent, frame: ClientFrame) -> Result<std::result::Result<(), FrameError>> {
        let agent_id = who.agent.id.clone();
        let changed = match frame {
            ClientFrame::Hello { .. } => {
                let desk = self.load().await?;
                send(ws, &ServerFrame::Desk(snapshot(&desk, who, &self.informing.borrow())))?;
                return Ok(Ok(()));
            }
            ClientFrame::Presence { status, capacity } => {
                let profile = profile(who, capacity);
                self.commit(|desk, now| Ok(desk.dispatcher.update_agent(profile, status, now))).await?
            }
            ClientFrame::Accept { chat_id } => {
                self.commit(|desk, now| desk.dispatcher.accept(&agent_id, &chat_id, now).map(|a| vec![a])).await?
            }
            ClientFrame::Transfer { chat_id, department, note } => return self.transfer(who, chat_id, department, note).await,
            _ => return Ok(Err(FrameError::WrongSocket)),
        };
        match changed {
            Ok((desk, assignments)) => {
                self.publish(&desk, &assignments).await?;
                Ok(Ok(()))
            }
            Err(refusal) => Ok(Err(FrameError::Dispatch(refusal))),
        }
    }

    /// Hands a chat to another department. The conversation hears of it before any new agent
    /// is assigned, and the note joins the ticket's log for the next team.
    async fn transfer(&self, who: &DeskAgent, chat_id: String, department: String, note: String) -> Result<std::result::Result<(), FrameError>> {
        let Some(site) = sites::all().get(&who.site) else { return Ok(Err(FrameError::UnknownDepartment)) };
        if !site.has_department(&department) {
            return Ok(Err(FrameError::UnknownDepartment));
        }
        let moved = self.commit(|desk, now| desk.dispatcher.transfer_by(&who.agent.id, &chat_id, &department, &note, now));
        let (desk, assignments) = match moved.await? {
            Ok(done) => done,
            Err(refusal) => return Ok(Err(FrameError::Dispatch(refusal))),
        };
        // A transferred chat is in line or with its next agent, its details with it.
        let ticket_id = desk.dispatcher.details(&chat_id).map(|d| d.ticket_id.clone()).ok_or_else(|| Error::RustError(format!("transferred chat {chat_id} is not on the desk")))?;
        stubs::TRANSFERRED.call(&stubs::conversation(&self.env, &chat_id)?, &Transferred { department: department.clone() }).await?;
        measured("a chat's transfer", staffing::transferred(&self.env.d1("DB")?, &chat_id, &department).await);
        let update = TicketUpdate { department: Some(department.clone()), note: Some(note.clone()), ..TicketUpdate::default() };
        let now = now() as i64;
        ticket_log::record_or_log(&self.env, &site.id, &ticket_id, |ticket| ticket.update(&who.agent.name, site, &update, None, now)).await;
        self.publish(&desk, &assignments).await?;
        Ok(Ok(()))
    }

    async fn enqueue(&self, Enqueue { chat }: Enqueue) -> Result<Response> {
        let (chat_id, department) = (chat.chat_id.clone(), chat.department.clone());
        let joined = self.commit(|desk, now| desk.dispatcher.enqueue(chat, now));
        let (desk, assignments) = match joined.await? {
            Ok(done) => done,
            Err(refusal) => return Response::error(refusal.message(), 409),
        };
        self.publish(&desk, &assignments).await?;
        let agent_name = desk.dispatcher.agent_of(&chat_id).map(|id| agent_name(&desk, id));
        let queue = desk.dispatcher.queue_status().into_iter().find(|s| s.chat_id == chat_id);
        stubs::ENQUEUE.reply(&Placed { agent_name, queue, agents_online: desk.dispatcher.agents_online(&department) })
    }

    /// Applies a change to the stored desk and saves it, or leaves it untouched when the
    /// dispatcher refuses. Returns the new desk and the chats it assigned, for [`Self::publish`].
    async fn commit(
        &self,
        change: impl FnOnce(&mut DeskState, u64) -> Refused<Vec<Assignment>>,
    ) -> Result<Refused<(DeskState, Vec<Assignment>)>> {
        let mut desk = self.load().await?;
        let assignments = match change(&mut desk, now()) {
            Ok(assignments) => assignments,
            Err(refusal) => return Ok(Err(refusal)),
        };
        desk.version += 1;
        self.state.storage().put("desk", &desk).await?;
        Ok(Ok((desk, assignments)))
    }

    /// Tells everyone what changed: assigned chats their agent (awaited, so the agent's console
    /// is never refused the chat it is about to be shown), then agents the line, then waiting
    /// users their place.
    async fn publish(&self, desk: &DeskState, assignments: &[Assignment]) -> Result<()> {
        let chat_ids: Vec<&str> = assignments.iter().map(|a| a.chat_id.as_str()).collect();
        measured("chats answered", staffing::answered(&self.env.d1("DB")?, &chat_ids, now() as i64).await);
        let informed = self.inform_conversations(desk, assignments).await;
        self.show_agents().await?;
        informed?;
        let updates = desk.dispatcher.queue_status().into_iter().map(|status| {
            let update = QueueUpdate {
                version: desk.version,
                frame: ServerFrame::Queue {
                    position: status.position,
                    estimated_wait_secs: status.estimated_wait_secs,
                    agents_online: status.agents_online,
                },
            };
            let env = self.env.clone();
            async move { stubs::QUEUE.call(&stubs::conversation(&env, &status.chat_id)?, &update).await }
        });
        for result in futures_util::future::join_all(updates).await {
            result?;
        }
        Ok(())
    }

    /// Tells each newly assigned chat who its agent is, keeping those chats out of the agents'
    /// view until their conversation has answered.
    async fn inform_conversations(&self, desk: &DeskState, assignments: &[Assignment]) -> Result<()> {
        self.informing.borrow_mut().extend(assignments.iter().map(|a| a.chat_id.clone()));
        let calls = assignments.iter().map(|assignment| {
            let agent = Participant { role: Role::Agent, id: assignment.agent_id.clone(), name: agent_name(desk, &assignment.agent_id) };
            let env = self.env.clone();
            async move { stubs::ASSIGNED.call(&stubs::conversation(&env, &assignment.chat_id)?, &agent).await }
        });
        let results = futures_util::future::join_all(calls).await;
        let mut informing = self.informing.borrow_mut();
        for assignment in assignments {
            informing.remove(&assignment.chat_id);
        }
        results.into_iter().collect()
    }

    /// Sends every agent's desk socket its view of the desk as stored now. Other events may have
    /// run while this one waited on the conversations; reading the stored desk (no other event
    /// runs during a storage read) and sending at once keeps each agent's snapshots in order,
    /// the newest last.
    async fn show_agents(&self) -> Result<()> {
        let desk = self.load().await?;
        let informing = self.informing.borrow();
        for socket in self.state.get_websockets() {
            if let Ok(Some(who)) = socket.deserialize_attachment::<DeskAgent>() {
                let _ = send(&socket, &ServerFrame::Desk(snapshot(&desk, &who, &informing)));
            }
        }
        Ok(())
    }
}

/// What one agent's console shows: the line of their departments with its context, and the
/// agent's own chats (but not those whose conversation is still `informing`: not yet theirs to
/// connect to).
fn snapshot(desk: &DeskState, who: &DeskAgent, informing: &BTreeSet<String>) -> DeskSnapshot {
    let agent_id = who.agent.id.as_str();
    let waiting = desk
        .dispatcher
        .waiting()
        .filter(|chat| who.departments.contains(&chat.department))
        .map(|chat| WaitingEntry {
            chat_id: chat.chat_id.clone(),
            ticket_id: chat.details.ticket_id.clone(),
            department: chat.department.clone(),
            priority: chat.priority,
            waiting_since: chat.since,
            reasons: chat.details.reasons.clone(),
            first_message: chat.details.first_message.clone(),
            transfer_note: chat.details.transfer_note.clone(),
        })
        .collect();
    let me = desk.dispatcher.agents().find(|a| a.profile.agent_id == agent_id);
    let agents_online = desk.dispatcher.agents().filter(|a| a.presence == Presence::Online).count() as u32;
    let status = me.map_or(Presence::Offline, |a| a.presence);
    let mine = desk
        .dispatcher
        .chats_of(agent_id)
        .filter(|(chat_id, _)| !informing.contains(*chat_id))
        .map(|(chat_id, details)| MyChat { chat_id: chat_id.to_string(), ticket_id: details.ticket_id.clone() })
        .collect();
    DeskSnapshot { status, waiting, mine, agents_online }
}

/// Staffing's records are measurements: one that fails is logged, and the chat goes on.
fn measured(what: &str, outcome: std::result::Result<(), crate::api::ApiError>) {
    if let Err(error) = outcome {
        console_error!("staffing: recording {what} failed: {error:?}");
    }
}

fn agent_name(desk: &DeskState, agent_id: &str) -> String {
    desk.dispatcher.agents().find(|a| a.profile.agent_id == agent_id).map_or_else(|| agent_id.to_string(), |a| a.profile.name.clone())
}

fn agent_tag(agent_id: &str) -> String {
    format!("agent:{agent_id}")
}

fn profile(who: &DeskAgent, capacity: u32) -> AgentProfile {
    AgentProfile { agent_id: who.agent.id.clone(), name: who.agent.name.clone(), departments: who.departments.clone(), capacity }
}

fn now() -> u64 {
    Date::now().as_millis()
}
