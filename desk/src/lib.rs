//! Here is a request for help: make sure it gets solved.
//!
//! The help desk's rules as plain Rust: which status a ticket may move to and who may move it
//! ([`ticket`]), which department owns a category and how fast it must be answered ([`site`],
//! [`sla`], [`business_hours`]), how triage raises the priority ([`escalation`]), what the nightly sweep does to
//! solved and overdue tickets ([`sweep`]), when live chat is staffed ([`hours`]), what other departments are asked on a case ([`task`]), what a callback request files ([`callback`]), how long agents worked on a case ([`work_time`]), how big each field may be ([`limits`]), and who a
//! requester is ([`identity`]).
//!
//! **Architecture Invariant:** this crate imports no `worker`; the edge maps HTTP and D1 onto it.
//! Time is always passed in (`now`, ms since the epoch), so every rule is testable at any hour.

pub mod analytics;
pub mod business_hours;
pub mod callback;
pub mod chat_log;
pub mod error;
pub mod erasure;
pub mod escalation;
pub mod handoffs;
pub mod hours;
pub mod identity;
pub mod limits;
pub mod password;
pub mod site;
pub mod sla;
pub mod sweep;
pub mod task;
pub mod team;
pub mod ticket;
pub mod work_time;

pub use error::DeskError;
pub use site::{Site, Sites};
pub use ticket::{Event, Requester, Ticket};

/// Milliseconds since the Unix epoch, UTC.
pub type Millis = i64;

pub const HOUR: Millis = 60 * 60 * 1000;
pub const DAY: Millis = 24 * HOUR;
