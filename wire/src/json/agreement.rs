//! The codec and serde agree on every type the codec knows: what one writes, the other reads
//! back as the same value, both ways, for arbitrary values; and a read view (`crate::views`)
//! read from what serde writes for its full type is that type's projection. The codec runs here over
//! `serde_json::Value` exactly as it runs over the browser's values: numbers are f64s, and a
//! whole f64 is written as an integer, as `JSON.stringify` does.

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use super::sample::any;
use super::{read, Json, Read, Unreadable, Write};
use crate::analytics::EventBatch;
use crate::chat::{ClientFrame, Envelope, ServerFrame};
use crate::chat_admission::{ChatAdmission, NewChat};
use crate::error::ErrorBody;
use crate::tickets::{
    Change, TicketCreated, TicketDetail, TicketEvent, TicketList, TicketSummary, CallbackRequest, Csat, FollowUpAnswer, NewMessage, NewTicket,
    Reopen,
};
use crate::views::{Author, ChatLine, Filed, PageChange, PageEvent, Score, TicketLine, TicketLines, TicketPage};

impl Json for Value {
    fn field(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).filter(|v| !v.is_null()).cloned()
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
    fn null() -> Self {
        Value::Null
    }
    fn new_object() -> Self {
        Value::Object(Map::new())
    }
    fn set(&mut self, key: &str, value: Self) {
        if let Value::Object(map) = self {
            map.insert(key.to_string(), value);
        }
    }
    fn from_string(value: &str) -> Self {
        Value::String(value.to_string())
    }
    fn from_number(value: f64) -> Self {
        if value.fract() == 0.0 && value.abs() <= super::MAX_SAFE_INTEGER as f64 {
            Value::Number(Number::from(value as i64))
        } else {
            Number::from_f64(value).map_or(Value::Null, Value::Number)
        }
    }
    fn from_boolean(value: bool) -> Self {
        Value::Bool(value)
    }
    fn new_list() -> Self {
        Value::Array(Vec::new())
    }
    fn push(&mut self, item: Self) {
        if let Value::Array(items) = self {
            items.push(item);
        }
    }
}

/// Codec → serde and serde → codec both give back `value`.
fn agree<T: Read + Write + Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &T) -> Result<(), TestCaseError> {
    let by_codec: Value = value.write();
    let serde_read: T = serde_json::from_value(by_codec.clone()).map_err(|e| TestCaseError::fail(format!("serde cannot read {by_codec}: {e}")))?;
    prop_assert_eq!(&serde_read, value);
    let by_serde = serde_json::to_value(value).unwrap();
    let codec_read: Result<T, Unreadable> = read(by_serde.clone());
    prop_assert_eq!(codec_read.as_ref(), Ok(value), "codec reading {}", by_serde);
    Ok(())
}

/// The codec reads, from what serde writes for `full`, the view `seen`.
fn reads_as<T: Serialize, V: Read + PartialEq + std::fmt::Debug>(full: &T, seen: V) -> Result<(), TestCaseError> {
    let by_serde = serde_json::to_value(full).unwrap();
    let codec_read: Result<V, Unreadable> = read(by_serde.clone());
    prop_assert_eq!(codec_read, Ok(seen), "codec reading {}", by_serde);
    Ok(())
}

fn line(summary: &TicketSummary) -> TicketLine {
    TicketLine { id: summary.id.clone(), number: summary.number, subject: summary.subject.clone(), status: summary.status }
}

fn page(ticket: &TicketDetail) -> TicketPage {
    TicketPage {
        summary: line(&ticket.summary),
        csat: ticket.csat.as_ref().map(|csat| Score { score: csat.score }),
        follow_up_pending: ticket.follow_up_pending,
        events: ticket.events.iter().map(page_event).collect(),
    }
}

fn page_event(event: &TicketEvent) -> PageEvent {
    let change = match &event.change {
        Change::Message { text } => PageChange::Message { text: text.clone() },
        Change::Status { to, .. } => PageChange::Status { to: *to },
        Change::Chat { messages, .. } => PageChange::Chat { messages: messages.iter().map(|m| ChatLine { role: m.role, text: m.text.clone() }).collect() },
        Change::Note { .. }
        | Change::Priority { .. }
        | Change::Department { .. }
        | Change::Assignee { .. }
        | Change::Csat { .. }
        | Change::FollowUpAsked
        | Change::FollowUpAnswered { .. }
        | Change::SlaBreached { .. } => PageChange::Other,
    };
    PageEvent { actor: Author { kind: event.actor.kind }, change }
}

fn envelopes() -> impl Strategy<Value = Envelope<ClientFrame>> {
    (any::<u32>(), any::<ClientFrame>()).prop_map(|(v, frame)| Envelope { v, frame })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    // What the widget writes.
    #[test]
    fn new_tickets(value in any::<NewTicket>()) { agree(&value)?; }
    #[test]
    fn new_chats(value in any::<NewChat>()) { agree(&value)?; }
    #[test]
    fn callback_requests(value in any::<CallbackRequest>()) { agree(&value)?; }
    #[test]
    fn transcript_requests(value in any::<crate::mail::TranscriptRequest>()) { agree(&value)?; }
    #[test]
    fn messages_reopenings_ratings_and_follow_ups(m in any::<NewMessage>(), r in any::<Reopen>(), c in any::<Csat>(), f in any::<FollowUpAnswer>()) {
        agree(&m)?;
        agree(&r)?;
        agree(&c)?;
        agree(&f)?;
    }
    #[test]
    fn event_batches(value in any::<EventBatch>()) { agree(&value)?; }
    #[test]
    fn client_frames(value in envelopes()) { agree(&value)?; }

    // What the widget reads.
    #[test]
    fn ticket_pages(value in any::<TicketDetail>()) { reads_as(&value, page(&value))?; }
    #[test]
    fn filings(value in any::<TicketCreated>()) {
        reads_as(&value, Filed { ticket: line(&value.ticket.summary), requester_token: value.requester_token.clone() })?;
    }
    #[test]
    fn ticket_lists(value in any::<TicketList>()) { reads_as(&value, TicketLines { tickets: value.tickets.iter().map(line).collect() })?; }
    #[test]
    fn chat_admissions(value in any::<ChatAdmission>()) { agree(&value)?; }
    #[test]
    fn server_frames(value in any::<ServerFrame>()) { agree(&value)?; }
    #[test]
    fn error_bodies(value in any::<ErrorBody>()) { agree(&value)?; }
}

#[test]
fn a_missing_or_mistyped_required_field_is_named_never_defaulted() {
    let summary = serde_json::json!({
        "id": "t1", "number": 7, "subject": "s", "status": "open", "priority": "high", "category": "c",
        "department": "d", "channel": "web", "created_at": 1, "updated_at": 2
    });
    let mut list = serde_json::json!({ "tickets": [summary.clone()] });
    assert!(read::<TicketLines, _>(list.clone()).is_ok());
    list["tickets"][0].as_object_mut().unwrap().remove("number");
    assert_eq!(read::<TicketLines, _>(list.clone()).unwrap_err(), Unreadable { field: "number" });
    list["tickets"][0]["number"] = serde_json::json!("7");
    assert_eq!(read::<TicketLines, _>(list.clone()).unwrap_err(), Unreadable { field: "number" });
    list["tickets"][0]["number"] = serde_json::json!(7.5);
    assert_eq!(read::<TicketLines, _>(list.clone()).unwrap_err(), Unreadable { field: "number" });
    list["tickets"][0]["number"] = serde_json::json!(7);
    list["tickets"][0]["status"] = serde_json::json!("bogus");
    assert_eq!(read::<TicketLines, _>(list.clone()).unwrap_err(), Unreadable { field: "status" });
    let frame = serde_json::json!({"v": 1, "type": "shiny_new"});
    assert_eq!(read::<ServerFrame, _>(frame).unwrap_err(), Unreadable { field: "type" });
    let event = serde_json::json!({"at": 1, "actor": {"kind": "agent", "name": "Ana"}, "type": "shiny_new"});
    assert_eq!(read::<PageEvent, _>(event.clone()).unwrap_err(), Unreadable { field: "type" });
    let mut message = event;
    message["type"] = serde_json::json!("message");
    assert_eq!(read::<PageEvent, _>(message.clone()).unwrap_err(), Unreadable { field: "text" });
    message["text"] = serde_json::json!("hi");
    message["actor"]["kind"] = serde_json::json!("robot");
    assert_eq!(read::<PageEvent, _>(message).unwrap_err(), Unreadable { field: "kind" });
}

#[test]
fn desk_frames_are_not_read_by_the_codec() {
    let desk = serde_json::json!({"v": 1, "type": "desk", "status": "online", "waiting": [], "mine": [], "agents_online": 1});
    assert_eq!(read::<ServerFrame, _>(desk).unwrap_err(), Unreadable { field: "type" });
}

#[test]
fn unknown_error_codes_read_as_unknown_like_serde() {
    let body = serde_json::json!({"error": {"code": "shiny_new", "message": "m"}});
    let read: ErrorBody = read(body.clone()).unwrap();
    assert_eq!(read, serde_json::from_value::<ErrorBody>(body).unwrap());
}
