//! One site's live-chat desk: the agents, the line of waiting users, and who talks to whom.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::agents::{Agent, AgentProfile, Presence};
use crate::estimate::{expected_wait_secs, HandleTimes};
use crate::queue::{ChatDetails, Priority, WaitingChat, WaitingQueue};
use crate::Millis;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DispatchSettings {
    /// Hand waiting chats to the least busy agent at once; when off, agents accept from the queue.
    pub auto_assign: bool,
    /// Past this expected wait, offer a ticket or a callback instead of the line.
    pub max_wait_secs: u64,
}

impl Default for DispatchSettings {
    fn default() -> Self {
        DispatchSettings { auto_assign: true, max_wait_secs: 15 * 60 }
    }
}

/// A waiting user got an agent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub chat_id: String,
    pub agent_id: String,
    pub waited_ms: Millis,
}

/// What a waiting user is told, and told again whenever the line or the agents change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueStatus {
    pub chat_id: String,
    /// 1 for the next user to be served in this department.
    pub position: u32,
    /// `None` when no online agent serves the department.
    pub estimated_wait_secs: Option<u64>,
    pub agents_online: u32,
}

/// Whether a user asking for a human should join the line, or be offered a ticket right away.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Admission {
    Queue { estimated_wait_secs: u64 },
    NoAgentOnline,
    WaitTooLong { estimated_wait_secs: u64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DispatchError {
    UnknownAgent,
    UnknownChat,
    /// The chat is already waiting or already with an agent.
    AlreadyOpen,
    /// The agent is away or offline.
    AgentUnavailable,
    AgentFull,
    WrongDepartment,
    /// A case handed to another department must say why, so nothing is lost between teams.
    NoteRequired,
    /// Only the agent a chat is with may hand it on (or, while it waits, an agent of its department).
    NotYourChat,
}

impl DispatchError {
    pub fn code(self) -> &'static str {
        match self {
            DispatchError::UnknownAgent => "unknown_agent",
            DispatchError::UnknownChat => "unknown_chat",
            DispatchError::AlreadyOpen => "already_open",
            DispatchError::AgentUnavailable => "agent_unavailable",
            DispatchError::AgentFull => "agent_full",
            DispatchError::WrongDepartment => "wrong_department",
            DispatchError::NoteRequired => "note_required",
            DispatchError::NotYourChat => "not_your_chat",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            DispatchError::UnknownAgent => "this agent is not signed in to the desk",
            DispatchError::UnknownChat => "no such chat is waiting or open",
            DispatchError::AlreadyOpen => "the chat is already in line or with an agent",
            DispatchError::AgentUnavailable => "set yourself online to take chats",
            DispatchError::AgentFull => "you have as many chats as your capacity allows",
            DispatchError::WrongDepartment => "the chat belongs to a department you do not serve",
            DispatchError::NoteRequired => "a transfer needs a note for the next team",
            DispatchError::NotYourChat => "only the agent of this chat (or of its department, while it waits) may transfer it",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct ActiveChat {
    agent_id: String,
    department: String,
    priority: Priority,
    waiting_since: Millis,
    started_at: Millis,
    details: ChatDetails,
}

/// See [`Dispatcher::load_of`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentLoad {
    pub agents_online: u32,
    pub chats: u32,
    pub capacity: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dispatcher {
    settings: DispatchSettings,
    agents: BTreeMap<String, Agent>,
    queue: WaitingQueue,
    active: BTreeMap<String, ActiveChat>,
    handle_times: HandleTimes,
}

impl Dispatcher {
    pub fn new(settings: DispatchSettings) -> Self {
        Dispatcher { settings, ..Dispatcher::default() }
    }

    pub fn agents(&self) -> impl Iterator<Item = &Agent> {
        self.agents.values()
    }

    pub fn waiting(&self) -> impl Iterator<Item = &WaitingChat> {
        self.queue.iter()
    }

    /// The agent a chat is with, if it is with one.
    pub fn agent_of(&self, chat_id: &str) -> Option<&str> {
        self.active.get(chat_id).map(|a| a.agent_id.as_str())
    }

    /// The chats an agent is in, with their details, by chat id.
    pub fn chats_of<'a>(&'a self, agent_id: &'a str) -> impl Iterator<Item = (&'a str, &'a ChatDetails)> + 'a {
        self.active.iter().filter(move |(_, chat)| chat.agent_id == agent_id).map(|(id, chat)| (id.as_str(), &chat.details))
    }

    /// The details of a chat in line or with an agent.
    pub fn details(&self, chat_id: &str) -> Option<&ChatDetails> {
        match self.active.get(chat_id) {
            Some(active) => Some(&active.details),
            None => self.queue.iter().find(|c| c.chat_id == chat_id).map(|c| &c.details),
        }
    }

    /// An agent signs in, changes presence, capacity or departments. Open chats stay theirs.
    pub fn update_agent(&mut self, profile: AgentProfile, presence: Presence, now: Millis) -> Vec<Assignment> {
        match self.agents.get_mut(&profile.agent_id) {
            Some(agent) => {
                agent.profile = profile;
                agent.presence = presence;
            }
            None => {
                self.agents.insert(profile.agent_id.clone(), Agent::new(profile, presence));
            }
        }
        self.assign_waiting(now)
    }

    /// What a user asking for a human in `department` would face if they joined the line now.
    pub fn admission(&self, department: &str, priority: Priority) -> Admission {
        let ahead = self
            .queue
            .iter()
            .filter(|c| c.department == department && c.priority >= priority)
            .count() as u32;
        match self.estimate(department, ahead) {
            None => Admission::NoAgentOnline,
            Some(secs) if secs > self.settings.max_wait_secs => Admission::WaitTooLong { estimated_wait_secs: secs },
            Some(secs) => Admission::Queue { estimated_wait_secs: secs },
        }
    }

    pub fn enqueue(&mut self, chat: WaitingChat, now: Millis) -> Result<Vec<Assignment>, DispatchError> {
        if self.queue.contains(&chat.chat_id) || self.active.contains_key(&chat.chat_id) {
            return Err(DispatchError::AlreadyOpen);
        }
        self.queue.insert(chat);
        Ok(self.assign_waiting(now))
    }

    /// The user left the line (closed the widget, or chose a ticket instead).
    pub fn withdraw(&mut self, chat_id: &str) -> Result<WaitingChat, DispatchError> {
        self.queue.remove(chat_id).ok_or(DispatchError::UnknownChat)
    }

    /// An agent takes a waiting chat themselves.
    pub fn accept(&mut self, agent_id: &str, chat_id: &str, now: Millis) -> Result<Assignment, DispatchError> {
        let agent = self.agents.get(agent_id).ok_or(DispatchError::UnknownAgent)?;
        let chat = self.queue.iter().find(|c| c.chat_id == chat_id).ok_or(DispatchError::UnknownChat)?;
        if agent.presence != Presence::Online {
            return Err(DispatchError::AgentUnavailable);
        }
        if !agent.serves(&chat.department) {
            return Err(DispatchError::WrongDepartment);
        }
        if agent.free_slots() == 0 {
            return Err(DispatchError::AgentFull);
        }
        let chat = self.queue.remove(chat_id).ok_or(DispatchError::UnknownChat)?;
        Ok(self.start(agent_id, chat, now))
    }

    /// The conversation is over: the agent's slot frees up and its length teaches the estimate.
    pub fn end_chat(&mut self, chat_id: &str, now: Millis) -> Result<Vec<Assignment>, DispatchError> {
        let chat = self.release(chat_id)?;
        let handle_secs = (now.saturating_sub(chat.started_at) / 1000).min(u32::MAX as u64) as u32;
        self.handle_times.record(&chat.department, handle_secs);
        Ok(self.assign_waiting(now))
    }

    /// The conversation is over, whoever ended it: a chat with an agent ends (and teaches the
    /// estimate), a chat still in line just leaves it.
    pub fn close(&mut self, chat_id: &str, now: Millis) -> Result<Vec<Assignment>, DispatchError> {
        if self.queue.remove(chat_id).is_some() {
            return Ok(self.assign_waiting(now));
        }
        self.end_chat(chat_id, now)
    }

    /// An agent hands a chat to another department: the chat must be theirs, or wait in a
    /// department they serve.
    pub fn transfer_by(&mut self, agent_id: &str, chat_id: &str, department: &str, note: &str, now: Millis) -> Result<Vec<Assignment>, DispatchError> {
        let agent = self.agents.get(agent_id).ok_or(DispatchError::UnknownAgent)?;
        let allowed = match (self.active.get(chat_id), self.queue.iter().find(|c| c.chat_id == chat_id)) {
            (Some(active), _) => active.agent_id == agent_id,
            (None, Some(waiting)) => agent.serves(&waiting.department),
            (None, None) => return Err(DispatchError::UnknownChat),
        };
        if !allowed {
            return Err(DispatchError::NotYourChat);
        }
        self.transfer(chat_id, department, note, now)
    }

    /// Hand a chat to another department. It goes back into the line at its original place in
    /// time, so the user does not start waiting again from zero, with the note for the next team.
    pub fn transfer(&mut self, chat_id: &str, department: &str, note: &str, now: Millis) -> Result<Vec<Assignment>, DispatchError> {
        let note = note.trim();
        if note.is_empty() {
            return Err(DispatchError::NoteRequired);
        }
        let (priority, since, mut details) = match self.queue.remove(chat_id) {
            Some(waiting) => (waiting.priority, waiting.since, waiting.details),
            None => {
                let active = self.release(chat_id)?;
                (active.priority, active.waiting_since, active.details)
            }
        };
        details.transfer_note = Some(note.to_string());
        self.queue.insert(WaitingChat { chat_id: chat_id.to_string(), department: department.to_string(), priority, since, details });
        Ok(self.assign_waiting(now))
    }

    /// Every waiting user's place and expected wait, in service order.
    pub fn queue_status(&self) -> Vec<QueueStatus> {
        let mut ahead_in: BTreeMap<&str, u32> = BTreeMap::new();
        self.queue
            .iter()
            .map(|chat| {
                let ahead = ahead_in.entry(&chat.department).or_default();
                let status = QueueStatus {
                    chat_id: chat.chat_id.clone(),
                    position: *ahead + 1,
                    estimated_wait_secs: self.estimate(&chat.department, *ahead),
                    agents_online: self.agents_online(&chat.department),
                };
                *ahead += 1;
                status
            })
            .collect()
    }

    /// Online agents serving `department`, busy or not.
    pub fn agents_online(&self, department: &str) -> u32 {
        self.agents.values().filter(|a| a.presence == Presence::Online && a.serves(department)).count() as u32
    }

    /// The department's load now, for staffing's occupancy: online agents serving it, its chats
    /// in progress, and the chat slots those agents bring (an agent of two departments counts in
    /// both; their chats count where each chat belongs).
    pub fn load_of(&self, department: &str) -> DepartmentLoad {
        let online = self.agents.values().filter(|a| a.presence == Presence::Online && a.serves(department));
        let (agents_online, capacity) = online.fold((0, 0), |(n, c), a| (n + 1, c + a.serving_slots()));
        let chats = self.active.values().filter(|chat| chat.department == department).count() as u32;
        DepartmentLoad { agents_online, chats, capacity }
    }

    fn estimate(&self, department: &str, ahead: u32) -> Option<u64> {
        let serving = self.agents.values().filter(|a| a.serves(department));
        let (free, slots) = serving.fold((0, 0), |(f, s), a| (f + a.free_slots(), s + a.serving_slots()));
        expected_wait_secs(ahead, free, slots, self.handle_times.mean_secs(department))
    }

    fn release(&mut self, chat_id: &str) -> Result<ActiveChat, DispatchError> {
        let chat = self.active.remove(chat_id).ok_or(DispatchError::UnknownChat)?;
        if let Some(agent) = self.agents.get_mut(&chat.agent_id) {
            agent.active_chats.remove(chat_id);
        }
        Ok(chat)
    }

    /// Opens the conversation between an agent and a chat already taken out of the line.
    fn start(&mut self, agent_id: &str, chat: WaitingChat, now: Millis) -> Assignment {
        if let Some(agent) = self.agents.get_mut(agent_id) {
            agent.active_chats.insert(chat.chat_id.clone());
            agent.last_assigned_at = Some(now);
        }
        let assignment = Assignment {
            chat_id: chat.chat_id.clone(),
            agent_id: agent_id.to_string(),
            waited_ms: now.saturating_sub(chat.since),
        };
        self.active.insert(
            chat.chat_id,
            ActiveChat {
                agent_id: agent_id.to_string(),
                department: chat.department,
                priority: chat.priority,
                waiting_since: chat.since,
                started_at: now,
                details: chat.details,
            },
        );
        assignment
    }

    /// Give each waiting chat, in service order, to the least loaded online agent of its
    /// department (the one idle longest among equals).
    fn assign_waiting(&mut self, now: Millis) -> Vec<Assignment> {
        if !self.settings.auto_assign {
            return Vec::new();
        }
        let waiting: Vec<(String, String)> =
            self.queue.iter().map(|c| (c.chat_id.clone(), c.department.clone())).collect();
        let mut assignments = Vec::new();
        for (chat_id, department) in waiting {
            let best = self
                .agents
                .values()
                .filter(|a| a.serves(&department) && a.free_slots() > 0)
                .min_by(|a, b| {
                    a.load()
                        .total_cmp(&b.load())
                        .then(a.last_assigned_at.cmp(&b.last_assigned_at))
                        .then(a.profile.agent_id.cmp(&b.profile.agent_id))
                })
                .map(|a| a.profile.agent_id.clone());
            let Some(agent_id) = best else { continue };
            if let Some(chat) = self.queue.remove(&chat_id) {
                assignments.push(self.start(&agent_id, chat, now));
            }
        }
        assignments
    }
}
