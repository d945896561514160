//! What the chat objects write to a chat's ticket (the transcript when a chat ends, the note of a
//! transfer), through the same ticket store the HTTP routes use.

use desk::{DeskError, Event, Ticket};
use worker::{console_error, Env, Error, Result};

use crate::api::ApiError;
use crate::store::tickets;

/// How often a write is tried again when an agent changed the ticket at the same moment.
const ATTEMPTS: usize = 3;

/// Applies `change` to the ticket and stores it with its events. A version conflict (someone
/// wrote first) reads the ticket again and reapplies the change, so the chat's entry is never
/// dropped for a coincidence.
pub async fn record(env: &Env, site: &str, ticket_id: &str, change: impl Fn(&mut Ticket) -> std::result::Result<Vec<Event>, DeskError>) -> Result<()> {
    let db = env.d1("DB")?;
    for _ in 0..ATTEMPTS {
        let mut ticket = tickets::load(&db, site, ticket_id)
            .await
            .map_err(runtime)?
            .ok_or_else(|| Error::RustError(format!("chat ticket {ticket_id} is missing")))?;
        let read_version = ticket.version;
        let events = change(&mut ticket).map_err(|e| Error::RustError(format!("ticket {ticket_id} refused the chat's change: {e:?}")))?;
        if events.is_empty() {
            return Ok(());
        }
        match tickets::save(&db, &ticket, read_version, &events).await {
            Ok(()) => return Ok(()),
            Err(ApiError::Conflict(_)) => continue,
            Err(other) => return Err(runtime(other)),
        }
    }
    Err(Error::RustError(format!("ticket {ticket_id} kept changing; the chat's entry was not written")))
}

/// Like [`record`], for entries that must not undo what already happened (a transfer has taken
/// place whether or not its note reached the ticket): a failure is logged.
pub async fn record_or_log(env: &Env, site: &str, ticket_id: &str, change: impl Fn(&mut Ticket) -> std::result::Result<Vec<Event>, DeskError>) {
    if let Err(error) = record(env, site, ticket_id, change).await {
        console_error!("ticket log: {error}");
    }
}

fn runtime(error: ApiError) -> Error {
    Error::RustError(format!("ticket store: {error:?}"))
}
