//! Wire types shared by the widget, the agent console and the edge worker. Plain serde structs
//! and enums, no JSON library: each side brings its own (the browser keeps its bundle small).

pub mod chat;
