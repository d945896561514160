//! Live chat at the edge: a Desk object per site (agents, the line, assignment) and a
//! Conversation object per chat (sockets, stored messages, replay). The rules they follow are
//! the `livechat` crate's; the frames are `wire::chat`'s, described in edge/PROTOCOL.md.

mod conversation;
mod desk;
mod frames;
mod stubs;
