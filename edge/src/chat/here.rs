//! Who else is here, on the site's desk object: each agent's open case screen holds a socket
//! tagged with the case, whose attachment is the visit (`livechat::here::Visit`) and who the agent
//! is. Nothing is stored: a closed tab or a lost socket is simply gone from the object's sockets,
//! and the others are told. Whenever a case's visitors change, each of them is told the others,
//! after the case's access is read again, so someone who no longer reaches the case (a transfer,
//! a collaborator removed, a task cancelled) is let go rather than told.
//!
//! The same sockets time the agent's work on the case (`desk::work_time`): one clock per agent
//! and case, copied onto each of their tabs on it at every open and keystroke report, and
//! written to D1 when their last tab on the case closes.

use desk::team::Member;
use desk::work_time::WorkClock;
use livechat::here::{self, Visit};
use serde::{Deserialize, Serialize};
use wire::chat::{ClientFrame, Here, ServerFrame};
use wire::team::Role;
use worker::*;

use super::frames::{read_frame, send, FrameError};
use super::stubs;
use crate::store::{staffing, tasks::CaseAccess, tickets};

/// Who a case socket belongs to and what they are doing there, kept on the socket across
/// hibernation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Visitor {
    pub site: String,
    pub ticket_id: String,
    /// The person's roles and departments, to judge again whether they still reach the case.
    pub roles: Vec<Role>,
    pub departments: Vec<String>,
    pub visit: Visit,
    /// The agent's work on the case since they opened it, shared by their tabs on it.
    pub clock: WorkClock,
}

impl Visitor {
    fn member(&self) -> Member {
        Member { id: self.visit.agent_id.clone(), roles: self.roles.clone(), departments: self.departments.clone() }
    }
}

/// The close code of a case socket whose agent no longer reaches the case.
pub const LEFT_THE_CASE: u16 = 4003;

pub fn case_tag(ticket_id: &str) -> String {
    format!("case:{ticket_id}")
}

/// Tags an agent's case sockets, so evicting them closes these too.
pub fn visitor_tag(agent_id: &str) -> String {
    format!("visitor:{agent_id}")
}

/// An agent opened a case (the worker checked they reach it): keep the socket, tell everyone on
/// the case, the newcomer included.
pub async fn accept(state: &State, env: &Env, req: &Request) -> Result<Response> {
    let mut who = stubs::CASE_SOCKET.who(req)?;
    // Another tab of the agent's on the case: this one joins its session.
    if let Some((_, tab)) = tabs(state, &who).into_iter().next() {
        who.clock = tab.clock;
        who.clock.active(now_ms());
    }
    let pair = WebSocketPair::new()?;
    state.accept_websocket_with_tags(&pair.server, &[&case_tag(&who.ticket_id), &visitor_tag(&who.visit.agent_id)]);
    pair.server.serialize_attachment(&who)?;
    share_clock(state, &who)?;
    tell(state, env, &who.site, &who.ticket_id).await?;
    Response::from_websocket(pair.client)
}

/// One frame on a case socket: `typing` marks or unmarks the agent as replying. Anything else
/// is refused with an error frame.
pub async fn message(state: &State, env: &Env, ws: WebSocket, mut who: Visitor, message: WebSocketIncomingMessage) -> Result<()> {
    let Some(frame) = read_frame(&ws, message)? else { return Ok(()) };
    match frame {
        ClientFrame::Typing { on } => {
            let news = who.visit.typing(on, now());
            who.clock.active(now_ms());
            ws.serialize_attachment(&who)?;
            share_clock(state, &who)?;
            if news {
                if let Err(error) = tell(state, env, &who.site, &who.ticket_id).await {
                    console_error!("case presence: {error}");
                    return send(&ws, &FrameError::Internal.frame());
                }
            }
            schedule_lapse(state).await
        }
        _ => send(&ws, &FrameError::WrongSocket.frame()),
    }
}

/// A case socket closed (the tab, the screen or the connection went): the others are told, and
/// if it was the agent's last tab on the case, their session's work is recorded.
pub async fn closed(state: &State, env: &Env, who: &Visitor) -> Result<()> {
    if tabs(state, who).is_empty() {
        let now = now_ms();
        let (clock, db) = (&who.clock, env.d1("DB")?);
        staffing::worked(&db, &who.site, &who.ticket_id, &who.visit.agent_id, clock.since, now.max(clock.since), clock.worked_until(now))
            .await
            .map_err(|e| Error::RustError(format!("case {}: work time: {e:?}", who.ticket_id)))?;
    }
    tell(state, env, &who.site, &who.ticket_id).await?;
    schedule_lapse(state).await
}

/// The desk's alarm: takes off the typing marks whose time has passed and tells their cases.
pub async fn lapse(state: &State, env: &Env) -> Result<()> {
    let now = now();
    let mut lapsed: Vec<(String, String)> = Vec::new();
    for (socket, mut who) in visitors(state.get_websockets()) {
        if who.visit.lapse(now) {
            socket.serialize_attachment(&who)?;
            if !lapsed.iter().any(|(_, ticket)| *ticket == who.ticket_id) {
                lapsed.push((who.site, who.ticket_id));
            }
        }
    }
    for (site, ticket_id) in lapsed {
        tell(state, env, &site, &ticket_id).await?;
    }
    schedule_lapse(state).await
}

/// Sets the desk's alarm for the next typing mark to lapse (the desk has no other alarm).
async fn schedule_lapse(state: &State) -> Result<()> {
    let visits: Vec<Visit> = visitors(state.get_websockets()).into_iter().map(|(_, who)| who.visit).collect();
    match here::next_lapse(&visits) {
        Some(at) => state.storage().set_alarm(at.saturating_sub(now()) as i64).await,
        None => Ok(()),
    }
}

/// Tells each visitor of a case the others on it, once the case's access has been read again:
/// those who no longer reach it (or a case gone) have their socket closed instead.
async fn tell(state: &State, env: &Env, site: &str, ticket_id: &str) -> Result<()> {
    let present = visitors(state.get_websockets_with_tag(&case_tag(ticket_id)));
    if present.is_empty() {
        return Ok(());
    }
    let db = env.d1("DB")?;
    let failed = |e: crate::api::ApiError| Error::RustError(format!("case {ticket_id}: {e:?}"));
    let access = match tickets::load(&db, site, ticket_id).await.map_err(failed)? {
        Some(ticket) => Some(CaseAccess::of(&db, &ticket).await.map_err(failed)?),
        None => None,
    };
    let (staying, leaving): (Vec<_>, Vec<_>) = present.into_iter().partition(|(_, who)| access.as_ref().is_some_and(|a| a.reach(&who.member()).is_some()));
    for (socket, _) in leaving {
        let _ = socket.close(Some(LEFT_THE_CASE), Some("you no longer reach this case"));
    }
    let visits: Vec<Visit> = staying.iter().map(|(_, who)| who.visit.clone()).collect();
    let now = now();
    for (socket, who) in &staying {
        let _ = send(socket, &roster(ticket_id, &visits, &who.visit.agent_id, now));
    }
    Ok(())
}

/// The agent's other open tabs on the case `who` is on.
fn tabs(state: &State, who: &Visitor) -> Vec<(WebSocket, Visitor)> {
    visitors(state.get_websockets_with_tag(&case_tag(&who.ticket_id))).into_iter().filter(|(_, tab)| tab.visit.agent_id == who.visit.agent_id).collect()
}

/// Copies `who`'s work clock onto the agent's other tabs on the case, so whichever closes last
/// records the whole session once.
fn share_clock(state: &State, who: &Visitor) -> Result<()> {
    for (socket, mut tab) in tabs(state, who) {
        if tab.clock != who.clock {
            tab.clock = who.clock;
            socket.serialize_attachment(&tab)?;
        }
    }
    Ok(())
}

fn roster(ticket_id: &str, visits: &[Visit], viewer: &str, now: u64) -> ServerFrame {
    ServerFrame::Here(Here { ticket_id: ticket_id.to_string(), others: here::others(visits, viewer, now) })
}

/// The open case sockets among `sockets`, with who is on each (desk sockets are skipped: their
/// attachment is a `DeskAgent`).
fn visitors(sockets: Vec<WebSocket>) -> Vec<(WebSocket, Visitor)> {
    sockets
        .into_iter()
        .filter(|s| s.as_ref().ready_state() == web_sys::WebSocket::OPEN)
        .filter_map(|s| s.deserialize_attachment::<Visitor>().ok().flatten().map(|who| (s, who)))
        .collect()
}

fn now() -> u64 {
    Date::now().as_millis()
}

fn now_ms() -> desk::Millis {
    now() as desk::Millis
}
