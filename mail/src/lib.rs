//! The email channel's rules, without a runtime: the mails a requester gets about their ticket
//! (`notice`: MIME in their language), the signed links in them (`link`), the support address
//! and what is derived from it (`address`), when a mail goes (`delivery`: which events, a burst
//! as one mail, retries), what an inbound mail says (`inbound`) and which of its files are kept (`attachment`), and a
//! site's own settings
//! (`settings`). The edge stores, sends and receives (`edge/src/mail/`); nothing here imports
//! `worker`.

pub mod address;
pub mod attachment;
pub mod delivery;
pub mod inbound;
pub mod link;
pub mod notice;
pub mod page;
pub mod quote;
pub mod settings;
