//! Live chat's client side, for both ends (the widget's user, the console's agent): the rules of
//! a conversation's messages ([`transcript`], pure, tested natively) and the WebSocket that
//! carries the frames and comes back after a drop ([`socket`]). The frames themselves are each
//! app's: the widget reads them without serde, the console through `wire`.

pub mod socket;
pub mod transcript;
