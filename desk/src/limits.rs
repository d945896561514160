//! Checks that each field is within its limit. The limits themselves are the contract's
//! (`wire::limits`, re-exported here); the edge also caps whole bodies by bytes before parsing
//! ([`MAX_BODY_BYTES`]).

use wire::agent::TicketUpdate;
use wire::analytics::{EventBatch, WidgetEventKind};
use wire::chat::Speaker;
use wire::tickets::{Csat, NewTicket, TicketContext, TriageReason};

use crate::DeskError;

pub use wire::limits::*;

/// Text that must be present: at most `max` characters as sent (the contract's `maxLength`
/// counts the spaces around it too), kept trimmed, and not blank.
pub fn required(field: &str, value: &str, max: usize) -> Result<String, DeskError> {
    at_most(field, value, max)?;
    let value = value.trim();
    if value.is_empty() {
        return Err(DeskError::invalid(field, "must not be empty"));
    }
    Ok(value.to_string())
}

/// Text that may be absent (blank counts as absent); at most `max` characters as sent.
pub fn optional(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>, DeskError> {
    if let Some(sent) = value {
        at_most(field, sent, max)?;
    }
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => Ok(Some(v.to_string())),
    }
}

pub fn at_most(field: &str, value: &str, max: usize) -> Result<(), DeskError> {
    if value.chars().count() > max {
        return Err(DeskError::invalid(field, format!("must be at most {max} characters")));
    }
    Ok(())
}

/// An email address that may be absent (blank counts as absent): trimmed, at most
/// [`EMAIL`] characters, with an `@`.
pub fn email(field: &str, value: Option<&str>) -> Result<Option<String>, DeskError> {
    let email = optional(field, value, EMAIL)?;
    if email.as_deref().is_some_and(|e| !e.contains('@')) {
        return Err(DeskError::invalid(field, "must be an email address"));
    }
    Ok(email)
}

fn list<T>(field: &str, items: &[T], max: usize, each: impl Fn(&str, &T) -> Result<(), DeskError>) -> Result<(), DeskError> {
    if items.len() > max {
        return Err(DeskError::invalid(field, format!("must have at most {max} entries")));
    }
    items.iter().enumerate().try_for_each(|(i, item)| each(&format!("{field}.{i}"), item))
}

/// A ticket request with every field trimmed and checked. The category and locale are checked
/// against the site by [`crate::Site::department_for`].
pub fn new_ticket(ticket: &NewTicket) -> Result<NewTicket, DeskError> {
    let email = email("email", ticket.email.as_deref())?;
    Ok(NewTicket {
        subject: required("subject", &ticket.subject, SUBJECT)?,
        description: required("description", &ticket.description, TEXT)?,
        category: required("category", &ticket.category, CATEGORY)?,
        name: optional("name", ticket.name.as_deref(), NAME)?,
        email,
        channel: ticket.channel,
        context: context(&ticket.context)?,
    })
}

fn context(context: &TicketContext) -> Result<TicketContext, DeskError> {
    list("context.searches", &context.searches, SEARCHES, |f, q| at_most(f, q, QUERY))?;
    list("context.articles_read", &context.articles_read, ARTICLES, |f, a| at_most(f, a, ARTICLE_ID))?;
    list("context.bot_transcript", &context.bot_transcript, TRANSCRIPT_LINES, |f, l| {
        // The widget's bot conversation has two speakers; a line claiming to be an agent's or the
        // system's would put words in their mouth in the chat and the ticket.
        if !matches!(l.speaker, Speaker::User | Speaker::Bot) {
            return Err(DeskError::invalid(&format!("{f}.speaker"), "must be user or bot: the transcript is the conversation with the bot"));
        }
        at_most(&format!("{f}.text"), &l.text, TRANSCRIPT_LINE)
    })?;
    list("context.triage", &context.triage, TriageReason::ALL.len(), |_, _| Ok(()))?;
    Ok(TicketContext {
        page_url: optional("context.page_url", context.page_url.as_deref(), URL)?,
        locale: optional("context.locale", context.locale.as_deref(), LOCALE)?.map(|l| l.to_lowercase()),
        ..context.clone()
    })
}

/// A satisfaction rating: a score of 1 to 5 and an optional comment, trimmed.
pub fn csat(csat: &Csat) -> Result<Csat, DeskError> {
    if !(1..=5).contains(&csat.score) {
        return Err(DeskError::invalid("score", "must be 1 to 5"));
    }
    Ok(Csat { score: csat.score, comment: optional("comment", csat.comment.as_deref(), COMMENT)? })
}

/// A message, reply or note body.
pub fn text(text: &str) -> Result<String, DeskError> {
    required("text", text, TEXT)
}

/// An agent's change request: at least one field, and a note with every transfer.
pub fn update(update: &TicketUpdate) -> Result<TicketUpdate, DeskError> {
    let note = optional("note", update.note.as_deref(), TEXT)?;
    let department = optional("department", update.department.as_deref(), CATEGORY)?;
    if department.is_some() && note.is_none() {
        return Err(DeskError::invalid("note", "a department transfer needs a note saying why"));
    }
    let assignee = update.assignee.as_deref().map(|a| at_most("assignee", a, ARTICLE_ID).map(|()| a.trim().to_string()));
    let update = TicketUpdate { department, note, assignee: assignee.transpose()?, ..update.clone() };
    if update == TicketUpdate::default() {
        return Err(DeskError::invalid("status", "nothing to change"));
    }
    Ok(update)
}

/// An analytics batch from the widget: 1..=100 events with short fields.
pub fn event_batch(batch: &EventBatch) -> Result<(), DeskError> {
    if batch.events.is_empty() {
        return Err(DeskError::invalid("events", "must not be empty"));
    }
    list("events", &batch.events, EVENTS_PER_BATCH, |f, e| {
        at_most(&format!("{f}.locale"), &e.locale, LOCALE)?;
        match &e.kind {
            WidgetEventKind::Search { query, .. } => at_most(&format!("{f}.query"), query, QUERY),
            WidgetEventKind::ArticleView { article } | WidgetEventKind::HelpfulVote { article, .. } | WidgetEventKind::Deflected { article } => {
                required(&format!("{f}.article"), article, ARTICLE_ID).map(drop)
            }
            WidgetEventKind::ArticleComment { article, comment } => {
                required(&format!("{f}.article"), article, ARTICLE_ID)?;
                required(&format!("{f}.comment"), comment, FEEDBACK_COMMENT).map(drop)
            }
            WidgetEventKind::ContactStarted { .. } => Ok(()),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ticket(v: serde_json::Value) -> NewTicket {
        let mut base = json!({"subject": "s", "description": "d", "category": "c", "channel": "web"});
        base.as_object_mut().unwrap().extend(v.as_object().unwrap().clone());
        serde_json::from_value(base).unwrap()
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let chinese = "扣".repeat(SUBJECT);
        assert!(new_ticket(&ticket(json!({"subject": chinese}))).is_ok());
        let err = new_ticket(&ticket(json!({"subject": "扣".repeat(SUBJECT + 1)}))).unwrap_err();
        assert!(matches!(err, DeskError::Invalid { ref field, .. } if field == "subject"));
    }

    #[test]
    fn blank_required_fields_and_bad_emails_are_refused_with_their_field() {
        let field = |v| match new_ticket(&ticket(v)).unwrap_err() {
            DeskError::Invalid { field, .. } => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(json!({"description": "   "})), "description");
        assert_eq!(field(json!({"email": "nobody"})), "email");
        assert_eq!(field(json!({"context": {"searches": vec!["q"; SEARCHES + 1]}})), "context.searches");
        assert_eq!(field(json!({"context": {"bot_transcript": [{"speaker": "bot", "text": "x".repeat(TRANSCRIPT_LINE + 1)}]}})), "context.bot_transcript.0.text");
        for speaker in ["agent", "system"] {
            let line = json!({"speaker": speaker, "text": "refund approved"});
            assert_eq!(field(json!({"context": {"bot_transcript": [{"speaker": "user", "text": "hi"}, line]}})), "context.bot_transcript.1.speaker");
        }
    }

    #[test]
    fn fields_are_trimmed_and_blank_optionals_dropped() {
        let t = new_ticket(&ticket(json!({"subject": "  hi ", "name": " ", "context": {"locale": "EN-US"}}))).unwrap();
        assert_eq!((t.subject.as_str(), t.name, t.context.locale.as_deref()), ("hi", None, Some("en-us")));
    }

    #[test]
    fn limits_count_what_was_sent_spaces_included() {
        // The contract's maxLength counts every character sent: a value that only fits once
        // trimmed is refused, not stored shorter than it was checked.
        let padded = format!("\u{a0}{}", "x".repeat(SUBJECT));
        assert!(required("subject", &padded, SUBJECT).is_err());
        assert!(optional("name", Some(&padded), SUBJECT).is_err());
        assert_eq!(required("subject", &"x".repeat(SUBJECT), SUBJECT).unwrap().len(), SUBJECT);
    }

    #[test]
    fn event_batches_are_bounded() {
        let batch = |n: usize, query: &str| -> EventBatch {
            let event = json!({"at": 1, "locale": "zh-cn", "type": "search", "query": query, "verdict": "unsure", "results": 0});
            serde_json::from_value(json!({"events": vec![event; n]})).unwrap()
        };
        assert!(event_batch(&batch(EVENTS_PER_BATCH, "退款")).is_ok());
        assert!(event_batch(&batch(EVENTS_PER_BATCH + 1, "退款")).is_err());
        assert!(event_batch(&batch(0, "退款")).is_err());
        let long = event_batch(&batch(1, &"x".repeat(QUERY + 1))).unwrap_err();
        assert!(matches!(long, DeskError::Invalid { field, .. } if field == "events.0.query"));
        let comment = |text: &str| -> EventBatch {
            serde_json::from_value(json!({"events": [{"at": 1, "locale": "en-us", "type": "article_comment", "article": "a1", "comment": text}]})).unwrap()
        };
        assert!(event_batch(&comment(&"字".repeat(FEEDBACK_COMMENT))).is_ok());
        for bad in ["  ".to_string(), "字".repeat(FEEDBACK_COMMENT + 1)] {
            assert!(matches!(event_batch(&comment(&bad)), Err(DeskError::Invalid { field, .. }) if field == "events.0.comment"));
        }
    }

    #[test]
    fn a_transfer_without_a_note_is_refused() {
        let transfer = TicketUpdate { department: Some("billing".into()), ..Default::default() };
        assert!(matches!(update(&transfer), Err(DeskError::Invalid { ref field, .. }) if field == "note"));
        assert!(update(&TicketUpdate::default()).is_err());
        let with_note = TicketUpdate { note: Some("card issue".into()), ..transfer };
        assert!(update(&with_note).is_ok());
    }
}
