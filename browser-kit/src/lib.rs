//! The ground both browser apps stand on — the help widget and the agent console: the two
//! locales and how a screen's texts are declared ([`locale`]), reading and writing plain JS
//! objects with the browser's own JSON parser ([`js`]) and the wire types through them
//! ([`json`], `wire`'s codec without serde), JSON over `fetch` against the edge with its one
//! error shape ([`http`]), live chat's client rules and reconnecting socket ([`chat`]),
//! whichever end of the chat the app is, and files handed to the user to save ([`download`]).
//!
//! **Architecture Invariant:** nothing here knows a screen or a route; of the product's words it
//! knows only the contract's (`wire`, without serde).

pub mod chat;
pub mod download;
pub mod http;
pub mod js;
pub mod json;
pub mod locale;
