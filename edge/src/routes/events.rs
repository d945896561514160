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
        let text = |s: &str| JsValue::from_str(s.trim());
        let columns = match &event.kind {
            WidgetEventKind::Search { query, verdict, results } => Columns { query: text(query), verdict: text(&name(verdict)?), results: int(i64::from(*results)), ..Columns::default() },
            WidgetEventKind::ArticleView { article } | WidgetEventKind::Deflected { article } => Columns { article: text(article), ..Columns::default() },
            WidgetEventKind::HelpfulVote { article, helpful } => Columns { article: text(article), helpful: int(i64::from(*helpful)), ..Columns::default() },
            WidgetEventKind::ArticleComment { article, comment } => Columns { article: text(article), comment: text(comment), ..Columns::default() },
            WidgetEventKind::ContactStarted { channel } => Columns { channel: text(&name(channel)?), ..Columns::default() },
        };
        statements.push(
            call.db
                .prepare(
                    "INSERT INTO widget_events (site, day, at, locale, type, query, verdict, results, article, helpful, channel, comment)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .bind(&[
                    site.id.as_str().into(),
                    day_of(event.at).into(),
                    int(event.at),
                    event.locale.to_lowercase().into(),
                    tag(&event.kind)?.into(),
                    columns.query,
                    columns.verdict,
                    columns.results,
                    columns.article,
                    columns.helpful,
                    columns.channel,
                    columns.comment,
                ])?,
        );
    }
    call.db.batch(statements).await?;
    Ok(Response::empty()?.with_status(202))
}

/// An event's own columns of `widget_events`; the others stay NULL.
struct Columns {
    query: JsValue,
    verdict: JsValue,
    results: JsValue,
    article: JsValue,
    helpful: JsValue,
    channel: JsValue,
    comment: JsValue,
}

impl Default for Columns {
    fn default() -> Columns {
        let null = || JsValue::NULL;
        Columns { query: null(), verdict: null(), results: null(), article: null(), helpful: null(), channel: null(), comment: null() }
    }
}
