//! What the search finds, in the words of the contract between the widget, the console and the
//! edge (`wire`): the triage reasons a ticket carries and the verdict analytics counts. One
//! mapping, checked by the compiler, for the widget and the edge alike.

use wire::analytics::Verdict as WireVerdict;
use wire::tickets::TriageReason;

use crate::{Reason, Verdict};

impl From<Reason> for TriageReason {
    fn from(reason: Reason) -> TriageReason {
        match reason {
            Reason::Anger => TriageReason::Anger,
            Reason::RepeatedFailure => TriageReason::RepeatedFailure,
            Reason::MoneyLost => TriageReason::MoneyLost,
            Reason::AccountStolen => TriageReason::AccountStolen,
            Reason::ComplaintThreat => TriageReason::ComplaintThreat,
            Reason::Urgent => TriageReason::Urgent,
        }
    }
}

impl From<Verdict> for WireVerdict {
    fn from(verdict: Verdict) -> WireVerdict {
        match verdict {
            Verdict::Answer => WireVerdict::Answer,
            Verdict::Candidates => WireVerdict::Candidates,
            Verdict::Unsure => WireVerdict::Unsure,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contract_names_each_reason_and_verdict_as_the_index_does() {
        for reason in Reason::ALL {
            assert_eq!(TriageReason::from(reason).as_str(), reason.name());
        }
        for verdict in [Verdict::Answer, Verdict::Candidates, Verdict::Unsure] {
            assert_eq!(WireVerdict::from(verdict).as_str(), verdict.name());
        }
    }
}
