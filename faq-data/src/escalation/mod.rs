//! Escalation that reads how people write, not only which phrases they use: generic signals of
//! a message ([`signals`]: the cue reasons; intensity, time lost, repeated attempts, money near
//! loss, account takeover, threats to leave or complain, hurry, calm, with negation) combined
//! by a small logistic model ([`model`]) whose weights are fit on labelled messages: the dev
//! queries and the project's own (`content/<locale>/_data/escalation-examples.txt`). `faq eval
//! --folds K` fits it on K−1 folds and scores the held-out fold. Not shipped: the model of the
//! writing signals, heard when no cue fires, gains out of fold but costs the first-open module
//! 2.8 KB brotli, over its ceiling (BENCHMARKS.md, "Everything tuned, out of fold").

pub mod model;
pub mod signals;
