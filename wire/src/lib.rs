//! Wire types shared by the widget, the agent console and the edge worker. Plain serde structs
//! and enums, no JSON library: each side brings its own (the browser keeps its bundle small).
//! edge/openapi.yaml describes the same shapes route by route.

pub mod agent;
pub mod analytics;
pub mod chat;
pub mod chat_admission;
pub mod error;
pub mod team;
pub mod tickets;
