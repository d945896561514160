//! Escalation that reads how people write, not only which phrases they use: generic signals of
//! a message ([`signals`]: the cue reasons, intensity, time lost, money, blame) combined by a
//! small logistic model ([`model`]) whose weights are fit on labelled messages. `faq eval
//! --folds K` fits it on K−1 folds of the labelled queries and scores the held-out fold, so its
//! figures say how it does on messages it has not seen.

pub mod model;
pub mod signals;
