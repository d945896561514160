//! One file per resource; each handler parses, calls `desk`, and maps the outcome.

pub mod agent;
pub mod analytics;
pub mod audit;
pub mod callbacks;
pub mod chat_rating;
pub mod chat_sockets;
pub mod chats;
pub mod events;
mod filing;
pub mod kb_articles;
pub mod kb_tree;
pub mod mail_links;
pub mod requesters;
pub mod team;
pub mod tickets;
