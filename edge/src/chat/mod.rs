//! Live chat at the edge: a Desk object per site (agents, the line, assignment, transfer) and a
//! Conversation object per chat (sockets, stored messages, replay, the transcript). The desk also
//! tells agents who else has a case open (`here`). The rules
//! they follow are the `livechat` crate's; the frames are `wire::chat`'s, described in
//! edge/PROTOCOL.md. The worker's routes (routes/chats.rs, routes/chat_sockets.rs) authenticate
//! callers and reach the objects only through `stubs`.

mod conversation;
mod desk;
mod frames;
mod here;
mod messages;
pub mod stubs;
mod ticket_log;

pub use conversation::{EraseChat, OpenChat, Participant, TranscriptLine};
pub use desk::{AdmissionQuery, DeskAgent, Enqueue, Evict, TellOverdue};
pub use here::Visitor;
