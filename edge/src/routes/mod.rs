//! One file per resource; each handler parses, calls `desk`, and maps the outcome.

pub mod agent;
pub mod analytics;
pub mod audit;
pub mod callbacks;
pub mod collaborators;
pub mod chat_rating;
pub mod chat_sockets;
pub mod chats;
pub mod events;
pub(crate) mod filing;
pub mod kb_articles;
pub mod kb_queries;
pub mod kb_settings;
pub mod kb_images;
pub mod kb_io;
pub mod kb_tree;
pub mod last_answer;
pub mod mail_links;
pub mod mail_log;
pub mod requesters;
pub mod tasks;
pub mod staffing;
pub mod team;
pub mod tickets;
