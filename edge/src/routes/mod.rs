//! One file per resource; each handler parses, calls `desk`, and maps the outcome.

pub mod agent;
pub mod analytics;
pub mod events;
pub mod tickets;
