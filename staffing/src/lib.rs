//! Staffing (排班) from measured demand. Pure logic, no I/O: the edge records contacts and
//! shifts, the console shows what this crate computes from them.
//!
//! - [`erlang`]: how many agents a queue of random arrivals needs to meet a service level.
//! - [`erlang_a`]: the same with users who give up (Palm's M/M/n+M).
//! - [`demand`]: arrivals, waits, abandonment and handle times per 15-minute slot, from the
//!   chats and tickets the edge stores.
//! - [`lines`]: both lines of the desk in one forecast (chats, and tickets answered within the
//!   SLA), whose agents a department needs added.
//! - [`patience`]: users' patience in the chat line, measured, and whether the forecast uses
//!   Erlang A with it or Erlang C (and why).
//! - [`plan`]: the shifts planned (week template and dated exceptions), who is on duty, and
//!   each department's business hours.
//! - [`week`]: the typical week's demand per department and hour, from the last weeks'
//!   contacts; the agents it needs, with what-ifs; the shifts planned, hour by hour.

pub mod demand;
pub mod erlang;
pub mod erlang_a;
pub mod lines;
pub mod patience;
pub mod plan;
pub mod week;

pub use erlang::{agents_needed, mean_wait_secs, service_level, wait_probability, Load, Policy, Target};
pub use week::{planned_hours, staffing_week, typical_week, with_departments, Contact, HourDemand, HourStaffing, Shift, WhatIf, HOURS_IN_WEEK};
