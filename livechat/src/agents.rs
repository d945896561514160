//! Agents as the dispatcher sees them: who is there, for which departments, with how much room.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::Millis;

/// An agent's availability: the wire's word for it is the rules' word too.
pub use wire::chat::AgentStatus as Presence;

/// What an agent says about themselves when they sign in or change settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgentProfile {
    pub agent_id: String,
    pub name: String,
    pub departments: Vec<String>,
    /// How many chats the agent handles at once.
    pub capacity: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agent {
    pub profile: AgentProfile,
    pub presence: Presence,
    pub active_chats: BTreeSet<String>,
    /// When the agent last got a chat: among equally busy agents the one idle longest goes next.
    pub last_assigned_at: Option<Millis>,
}

impl Agent {
    pub fn new(profile: AgentProfile, presence: Presence) -> Self {
        Agent { profile, presence, active_chats: BTreeSet::new(), last_assigned_at: None }
    }

    pub fn serves(&self, department: &str) -> bool {
        self.profile.departments.iter().any(|d| d == department)
    }

    /// Chat slots this agent can fill right now.
    pub fn free_slots(&self) -> u32 {
        match self.presence {
            Presence::Online => self.profile.capacity.saturating_sub(self.active_chats.len() as u32),
            Presence::Away | Presence::Offline => 0,
        }
    }

    /// Chat slots this agent brings to the department while online (busy or not).
    pub fn serving_slots(&self) -> u32 {
        match self.presence {
            Presence::Online => self.profile.capacity,
            Presence::Away | Presence::Offline => 0,
        }
    }

    /// Fraction of capacity in use; the dispatcher gives the next chat to the least loaded.
    pub fn load(&self) -> f64 {
        if self.profile.capacity == 0 {
            return f64::INFINITY;
        }
        self.active_chats.len() as f64 / self.profile.capacity as f64
    }
}
