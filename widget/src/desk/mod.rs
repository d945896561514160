//! The desk module (`widget/desk`: the ticket form, My requests, live chat, the callback and the
//! ratings) is a second wasm module, loaded the first time the user wants a person, so that
//! searching never downloads it. This is the search-first side of the seam: what the two modules
//! say to each other ([`protocol`], read and written by both) and the frame the desk module
//! renders into ([`frame`]).

#[cfg(feature = "app")]
pub mod frame;
pub mod protocol;
