//! Live chat as rules without a runtime: who is waiting and in what order, which agent takes
//! whom, how long a waiting user should expect to wait, and which agents are on a case together.
//!
//! The edge keeps one [`Dispatcher`] per site in a Durable Object's storage and calls these
//! methods on every change; it then pushes [`Dispatcher::queue_status`] to each waiting user.
//! Nothing here knows about sockets, storage or clocks: time comes in as milliseconds.

mod agents;
mod conversation;
mod dispatcher;
mod estimate;
pub mod here;
mod queue;

pub use agents::{Agent, AgentProfile, Presence};
pub use conversation::{
    check_message, check_read, check_volume, may_act, ChatState, Refusal, Role, VolumeLimits, MAX_CLIENT_ID_CHARS, MAX_FRAME_BYTES, MAX_TEXT_CHARS,
};
pub use dispatcher::{Admission, Assignment, DepartmentLoad, DispatchError, Dispatcher, DispatchSettings, QueueStatus};
pub use estimate::HandleTimes;
pub use queue::{ChatDetails, Priority, WaitingChat};

/// Milliseconds since the Unix epoch, as the worker's `Date.now()` gives them.
pub type Millis = u64;
