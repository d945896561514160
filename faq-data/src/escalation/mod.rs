//! Escalation that reads how people write, not only which phrases they use: generic signals of
//! a message ([`signals`]: the cue reasons; intensity, time lost, repeated attempts, money near
//! loss, account takeover, threats to leave or complain, hurry, calm, with negation) combined
//! by a small logistic model ([`model`]) whose weights are fit on labelled messages: the dev
//! queries and the project's own (`content/<locale>/_data/escalation-examples.txt`). `faq eval
//! --folds K` fits it on K−1 folds and scores the held-out fold. The model of the writing
//! signals alone, fit on everything, ships in every index ([`shipped`]) and is heard when the
//! cue lists are silent ([`by_writing`]).

pub mod model;
pub mod signals;
#[cfg(feature = "build")]
pub mod shipped;

use crate::triage::Reason;
use model::Model;
use signals::{reason_of, Signals};

/// Whether the writing model sends `text` to a person, and why: the reason of the signal that
/// weighed most towards it (so the console explains it like a cue), or `None` when it does not.
pub fn by_writing(model: &Model, text: &str) -> Option<Reason> {
    let signals = Signals::writing(text);
    if !model.escalate(&signals.values) {
        return None;
    }
    let pull = |s: usize| model.weights.get(s).copied().unwrap_or(0.0) * signals.values[s];
    (0..signals.values.len())
        .filter(|&s| pull(s) > 0.0)
        .filter_map(|s| Some((pull(s), reason_of(s)?)))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, reason)| reason)
}

#[cfg(test)]
mod tests {
    use super::*;
    use signals::NAMES;

    fn model(weighted: &[(&str, f32)], bias: f32) -> Model {
        let mut weights = vec![0.0; NAMES.len()];
        for (name, w) in weighted {
            weights[NAMES.iter().position(|n| n == name).unwrap()] = *w;
        }
        Model { weights, bias, threshold: 0.5 }
    }

    #[test]
    fn the_reason_is_the_signal_that_weighed_most() {
        let m = model(&[("money_and_loss", 3.0), ("upset_words", 1.0), ("hurry", 2.0)], -1.0);
        assert_eq!(by_writing(&m, "you charged my card twice, this is ridiculous"), Some(Reason::MoneyLost));
        assert_eq!(by_writing(&m, "this is ridiculous, I need it right now"), Some(Reason::Urgent));
        assert_eq!(by_writing(&m, "how do I change the language"), None);
    }

    #[test]
    fn nothing_it_cannot_name_sends_a_message_to_a_person() {
        // A model whose bias alone passes its threshold still needs a signal to name.
        let m = model(&[("calm", -1.0)], 2.0);
        let plain = "how do I change the subtitle language";
        assert!(m.escalate(&Signals::writing(plain).values));
        assert_eq!(by_writing(&m, plain), None);
    }
}
