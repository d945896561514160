//! `POST /api/v1/events?site=`: the widget's analytics, stored one row per event in one batch.

use desk::analytics::{day_of, event_times};
use desk::limits;
use wire::analytics::{EventBatch, WidgetEventKind};
use worker::wasm_bindgen::JsValue;
use worker::{Request, Response};

use crate::api::{caller, json, ApiError, Call};
use crate::store::{int, name, tag};

pub async fn record(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let site = caller::site(&req)?;
    let batch: EventBatch = json(&mut req).await?;
    limits::event_batch(&batch)?;
    event_times(&batch, call.now)?;
    let mut statements = Vec::with_capacity(batch.events.len());
    for event in &batch.events {
        let text = |s: &str| JsValue::from_str(s);
        let (query, verdict, results, article, helpful, channel) = match &event.kind {
            WidgetEventKind::Search { query, verdict, results } => (text(query), text(&name(verdict)?), int(i64::from(*results)), JsValue::NULL, JsValue::NULL, JsValue::NULL),
            WidgetEventKind::ArticleView { article } | WidgetEventKind::Deflected { article } => (JsValue::NULL, JsValue::NULL, JsValue::NULL, text(article), JsValue::NULL, JsValue::NULL),
            WidgetEventKind::HelpfulVote { article, helpful } => (JsValue::NULL, JsValue::NULL, JsValue::NULL, text(article), int(i64::from(*helpful)), JsValue::NULL),
            WidgetEventKind::ContactStarted { channel } => (JsValue::NULL, JsValue::NULL, JsValue::NULL, JsValue::NULL, JsValue::NULL, text(&name(channel)?)),
        };
        statements.push(
            call.db
                .prepare(
                    "INSERT INTO widget_events (site, day, at, locale, type, query, verdict, results, article, helpful, channel)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )
                .bind(&[
                    site.id.as_str().into(),
                    day_of(event.at).into(),
                    int(event.at),
                    event.locale.to_lowercase().into(),
                    tag(&event.kind)?.into(),
                    query,
                    verdict,
                    results,
                    article,
                    helpful,
                    channel,
                ])?,
        );
    }
    call.db.batch(statements).await?;
    Ok(Response::empty()?.with_status(202))
}
