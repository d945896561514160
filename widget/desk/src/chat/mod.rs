//! Live chat with a person: the protocol's rules for the user's side ([`session`], pure) and the
//! WebSocket that carries them ([`socket`]).

pub mod links;
pub mod session;
pub mod socket;
