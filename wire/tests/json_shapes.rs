#![cfg(feature = "serde")]

//! The JSON the types read and write is the JSON edge/openapi.yaml documents.

use serde_json::json;
use wire::analytics::{EventBatch, Verdict, WidgetEventKind};
use wire::error::{ErrorBody, ErrorCode};
use wire::tickets::{Actor, ActorKind, Change, NewTicket, Status, TicketEvent};

#[test]
fn a_minimal_ticket_request_fills_the_context_with_defaults() {
    let ticket: NewTicket = serde_json::from_value(json!({
        "subject": "扣款两次", "description": "VIP 扣了两次钱", "category": "支付问题", "channel": "app"
    }))
    .unwrap();
    assert_eq!(ticket.context.searches.len(), 0);
    assert_eq!(ticket.name, None);
}

#[test]
fn events_are_tagged_by_type_beside_time_and_actor() {
    let event = TicketEvent {
        at: 5,
        actor: Actor { kind: ActorKind::System, name: "system".into() },
        change: Change::Status { from: Status::Solved, to: Status::OnHold },
    };
    assert_eq!(
        serde_json::to_value(&event).unwrap(),
        json!({"at": 5, "actor": {"kind": "system", "name": "system"}, "type": "status", "from": "solved", "to": "on_hold"})
    );
}

#[test]
fn unknown_error_codes_from_a_newer_server_still_parse() {
    let body: ErrorBody =
        serde_json::from_value(json!({"error": {"code": "shiny_new", "message": "m"}})).unwrap();
    assert_eq!(body.error.code, ErrorCode::Unknown);
    assert_eq!(body.error.field, None);
    assert_eq!(ErrorCode::RateLimited.status(), 429);
}

#[test]
fn analytics_events_read_from_the_widget_batch() {
    let batch: EventBatch = serde_json::from_value(json!({"events": [
        {"at": 1, "locale": "en-us", "type": "search", "query": "refund", "verdict": "unsure", "results": 0}
    ]}))
    .unwrap();
    assert_eq!(
        batch.events[0].kind,
        WidgetEventKind::Search { query: "refund".into(), verdict: Verdict::Unsure, results: 0 }
    );
}
