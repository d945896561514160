//! The ticket list's filters and how they become the agent list route's query string
//! (`GET /api/v1/agent/tickets?status=&priority=&department=&assignee=&channel=&sla_breached=&q=`).

use wire::tickets::{Channel, Priority, Status};

/// The list route's `q` limit: the contract's limit for a search query.
pub const MAX_QUERY_CHARS: usize = wire::limits::QUERY;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    pub status: Option<Status>,
    pub priority: Option<Priority>,
    pub department: Option<String>,
    /// An agent id, or `me`.
    pub assignee: Option<String>,
    pub channel: Option<Channel>,
    pub sla_breached: Option<bool>,
    /// Words in the subject or description.
    pub q: String,
}

impl Filters {
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if let Some(s) = self.status {
            pairs.push(("status", s.as_str().into()));
        }
        if let Some(p) = self.priority {
            pairs.push(("priority", p.as_str().into()));
        }
        if let Some(d) = self.department.as_ref().filter(|d| !d.is_empty()) {
            pairs.push(("department", d.clone()));
        }
        if let Some(a) = self.assignee.as_ref().filter(|a| !a.is_empty()) {
            pairs.push(("assignee", a.clone()));
        }
        if let Some(c) = self.channel {
            pairs.push(("channel", c.as_str().into()));
        }
        if let Some(b) = self.sla_breached {
            pairs.push(("sla_breached", b.to_string()));
        }
        let q: String = self.q.trim().chars().take(MAX_QUERY_CHARS).collect();
        if !q.is_empty() {
            pairs.push(("q", q));
        }
        pairs.push(("limit", "200".into()));
        pairs.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect::<Vec<_>>().join("&")
    }
}

/// `encodeURIComponent`: everything but unreserved characters as UTF-8 `%XX`.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_filters_asks_for_the_newest_two_hundred() {
        assert_eq!(Filters::default().to_query(), "limit=200");
    }

    #[test]
    fn every_filter_becomes_a_parameter_with_its_wire_name() {
        let filters = Filters {
            status: Some(Status::OnHold),
            priority: Some(Priority::Urgent),
            department: Some("billing".into()),
            assignee: Some("me".into()),
            channel: Some(Channel::Hotline),
            sla_breached: Some(true),
            q: "  扣费 & 退款  ".into(),
        };
        assert_eq!(
            filters.to_query(),
            "status=on_hold&priority=urgent&department=billing&assignee=me&channel=hotline&sla_breached=true\
             &q=%E6%89%A3%E8%B4%B9%20%26%20%E9%80%80%E6%AC%BE&limit=200"
        );
    }

    #[test]
    fn empty_choices_and_long_searches_stay_within_the_route() {
        let filters = Filters { department: Some(String::new()), q: "x".repeat(300), ..Filters::default() };
        let query = filters.to_query();
        assert!(!query.contains("department"));
        assert_eq!(query.matches('x').count(), MAX_QUERY_CHARS);
    }
}
