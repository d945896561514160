//! Triage raises the priority: faq-data's judgement names why a person should step in, and each
//! reason says how urgent the ticket is and, for some, which department must own it (a stolen
//! account is security's, lost money is billing's, whatever category the user picked).
//!
//! Reasons arrive as the contract's [`TriageReason`]s, so this mapping does not depend on how
//! they were found.

use wire::tickets::{Priority, TriageReason};

/// What one triage reason asks for.
fn for_reason(reason: TriageReason) -> (Priority, Option<&'static str>) {
    match reason {
        TriageReason::AccountStolen => (Priority::Urgent, Some("security")),
        TriageReason::MoneyLost => (Priority::Urgent, Some("billing")),
        TriageReason::ComplaintThreat | TriageReason::Urgent | TriageReason::Anger | TriageReason::RepeatedFailure => (Priority::High, None),
    }
}

/// The ticket's priority and, when a reason demands one, its department. The highest priority
/// wins; between owners, security goes before billing (a hacked account that also lost money is
/// first a security case).
pub fn escalate(reasons: &[TriageReason]) -> (Priority, Option<&'static str>) {
    let mut found: Vec<_> = reasons.iter().map(|&r| for_reason(r)).collect();
    found.sort_by_key(|(_, department)| department.map_or(1, |d| u8::from(d != "security")));
    let priority = found.iter().map(|(p, _)| *p).max().unwrap_or(Priority::Normal);
    (priority, found.iter().find_map(|(_, d)| *d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<TriageReason> {
        list.iter().map(|s| TriageReason::from_name(s).unwrap()).collect()
    }

    #[test]
    fn stolen_accounts_go_to_security_and_lost_money_to_billing_both_urgent() {
        assert_eq!(escalate(&names(&["account_stolen"])), (Priority::Urgent, Some("security")));
        assert_eq!(escalate(&names(&["money_lost"])), (Priority::Urgent, Some("billing")));
        assert_eq!(escalate(&names(&["money_lost", "account_stolen"])), (Priority::Urgent, Some("security")));
    }

    #[test]
    fn emotion_raises_priority_without_moving_the_ticket() {
        assert_eq!(escalate(&names(&["anger"])), (Priority::High, None));
        assert_eq!(escalate(&names(&["anger", "money_lost"])), (Priority::Urgent, Some("billing")));
        assert_eq!(escalate(&[]), (Priority::Normal, None));
    }
}
