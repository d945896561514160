//! Live chat from the agent's side (edge/PROTOCOL.md, v1): the rules of one conversation
//! ([`conversation`], pure and tested natively) and the WebSocket that carries frames
//! ([`socket`], shared by the desk, every chat tab and the case screen), and when a composer
//! reports typing ([`typing`]).

pub mod conversation;
pub mod socket;
pub mod typing;
