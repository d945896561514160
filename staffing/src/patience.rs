//! Users' patience in the chat line, measured, and which queue model the forecast uses for it.
//!
//! Patience is taken as exponential (Erlang A's assumption), whose rate has a standard estimate
//! from a line's records: those who left it, over the total time everyone spent waiting in it —
//! those served count their wait too, as patience that had not yet run out when an agent came
//! (censored observations). Its mean is the inverse. With few who left, the estimate is noise,
//! so Erlang A is used only past [`MIN_ABANDONED`] of them; otherwise Erlang C, which assumes
//! endless patience and so errs towards more agents, with the reason said.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::demand::ChatRecord;

/// Users who left the line a department needs in the weeks read before its patience is trusted:
/// with n of them the estimate's relative standard error is about 1/√n, so 30 keeps it near 18 %.
pub const MIN_ABANDONED: u32 = 30;

/// A department's line as its records tell it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Patience {
    /// Users who waited in line (answered or left; those still waiting are not counted).
    pub waited: u32,
    /// Those of them who left before an agent took them.
    pub abandoned: u32,
    /// Seconds all of them spent in line.
    pub waiting_secs: f64,
}

impl Patience {
    /// The mean patience in seconds; `None` when nobody left (patience never ran out: the
    /// records give no upper bound).
    pub fn mean_secs(&self) -> Option<f64> {
        (self.abandoned > 0).then(|| self.waiting_secs / f64::from(self.abandoned))
    }
}

/// Each department's measured patience from its chats.
pub fn measured(chats: &[ChatRecord]) -> BTreeMap<String, Patience> {
    let mut by_department: BTreeMap<String, Patience> = BTreeMap::new();
    for chat in chats {
        let left = match (chat.answered_ms, chat.ended_ms) {
            (Some(answered), _) => answered,
            (None, Some(ended)) => ended,
            (None, None) => continue,
        };
        let patience = by_department.entry(chat.department.clone()).or_default();
        patience.waited += 1;
        patience.abandoned += u32::from(chat.abandoned());
        patience.waiting_secs += (left - chat.queued_ms).max(0) as f64 / 1000.0;
    }
    by_department
}

/// Why the chat line's forecast fell back to Erlang C.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fallback {
    /// Nobody left the line: no patience to measure.
    NobodyLeft,
    /// Some left, fewer than [`MIN_ABANDONED`]: the estimate would be noise.
    TooFewLeft,
}

/// The queue model for a department's chat line.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum ChatModel {
    ErlangA { patience_secs: f64 },
    ErlangC(Fallback),
}

/// Erlang A with the measured patience when there is enough to measure it by, else Erlang C.
pub fn model_for(patience: &Patience) -> ChatModel {
    match patience.mean_secs() {
        None => ChatModel::ErlangC(Fallback::NobodyLeft),
        Some(_) if patience.abandoned < MIN_ABANDONED => ChatModel::ErlangC(Fallback::TooFewLeft),
        Some(mean) => ChatModel::ErlangA { patience_secs: mean.max(1.0) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chat(department: &str, answered_after: Option<i64>, ended_after: Option<i64>) -> ChatRecord {
        ChatRecord { department: department.into(), queued_ms: 1_000_000, answered_ms: answered_after.map(|s| 1_000_000 + s * 1000), ended_ms: ended_after.map(|s| 1_000_000 + s * 1000) }
    }

    #[test]
    fn patience_is_those_who_left_over_everyone_s_time_in_line() {
        let chats = [
            chat("billing", Some(30), Some(300)), // served after 30 s: censored at 30 s
            chat("billing", Some(0), Some(100)),  // served at once
            chat("billing", None, Some(50)),      // left after 50 s
            chat("billing", None, Some(40)),      // left after 40 s
            chat("billing", None, None),          // still waiting: not counted
            chat("security", Some(10), None),
        ];
        let measured = measured(&chats);
        let billing = measured["billing"];
        assert_eq!((billing.waited, billing.abandoned, billing.waiting_secs), (4, 2, 120.0));
        assert_eq!(billing.mean_secs(), Some(60.0));
        assert_eq!(measured["security"].mean_secs(), None, "nobody left: no bound on patience");
    }

    #[test]
    fn erlang_a_only_with_enough_who_left() {
        assert_eq!(model_for(&Patience { waited: 500, abandoned: 0, waiting_secs: 900.0 }), ChatModel::ErlangC(Fallback::NobodyLeft));
        assert_eq!(model_for(&Patience { waited: 500, abandoned: MIN_ABANDONED - 1, waiting_secs: 900.0 }), ChatModel::ErlangC(Fallback::TooFewLeft));
        assert_eq!(model_for(&Patience { waited: 500, abandoned: 30, waiting_secs: 1800.0 }), ChatModel::ErlangA { patience_secs: 60.0 });
    }
}
