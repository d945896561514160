//! The ground both browser apps stand on — the help widget and the agent console: the two
//! locales and how a screen's texts are declared ([`locale`]), reading and writing plain JS
//! objects with the browser's own JSON parser ([`js`]), JSON over `fetch` against the edge
//! with its one error shape ([`http`]), and live chat's client rules and reconnecting socket
//! ([`chat`]), whichever end of the chat the app is.
//!
//! **Architecture Invariant:** nothing here knows a screen, a route or a product word; it is
//! the layer under them.

pub mod chat;
pub mod http;
pub mod js;
pub mod locale;
