//! What the chat objects write to a chat's ticket (the transcript when a chat ends, the note of a
//! transfer), through the same ticket store the HTTP routes use.

use desk::{DeskError, Event, Ticket};
use worker::{console_error, Env};

use crate::api::ApiError;
use crate::store::tickets::{self, Writes};

/// Why an entry did not reach the ticket.
#[derive(Debug)]
pub enum Unrecorded {
    /// The store failed or the ticket kept changing: trying later may work.
    Transient(String),
    /// The ticket is gone or refuses the entry: trying again will not change that.
    Permanent(String),
}

impl std::fmt::Display for Unrecorded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unrecorded::Transient(why) => write!(f, "{why} (will retry)"),
            Unrecorded::Permanent(why) => write!(f, "{why} (given up)"),
        }
    }
}

/// Applies `change` to the ticket and stores it with its events; a version conflict (someone
/// wrote first) reads the ticket again and reapplies the change (`tickets::apply`), so the
/// chat's entry is never dropped for a coincidence.
pub async fn record(env: &Env, site: &str, ticket_id: &str, change: impl Fn(&mut Ticket) -> Result<Vec<Event>, DeskError>) -> Result<(), Unrecorded> {
    let transient = |e: &dyn std::fmt::Debug| Unrecorded::Transient(format!("ticket store: {e:?}"));
    let db = env.d1("DB").map_err(|e| transient(&e))?;
    let ticket = tickets::load(&db, site, ticket_id)
        .await
        .map_err(|e| transient(&e))?
        .ok_or_else(|| Unrecorded::Permanent(format!("chat ticket {ticket_id} is missing")))?;
    let written = tickets::apply(&db, ticket, |ticket, _| Ok(Writes { events: change(ticket)?, also: None })).await;
    match written {
        Ok(_) => Ok(()),
        Err(ApiError::Invalid { message, .. }) => Err(Unrecorded::Permanent(format!("ticket {ticket_id} refused the chat's entry: {message}"))),
        Err(ApiError::NotFound(_)) => Err(Unrecorded::Permanent(format!("chat ticket {ticket_id} is missing"))),
        Err(other) => Err(transient(&other)),
    }
}

/// Like [`record`], for entries that must not undo what already happened (a transfer has taken
/// place whether or not its note reached the ticket): a failure is logged.
pub async fn record_or_log(env: &Env, site: &str, ticket_id: &str, change: impl Fn(&mut Ticket) -> Result<Vec<Event>, DeskError>) {
    if let Err(error) = record(env, site, ticket_id, change).await {
        console_error!("ticket log: {error}");
    }
}
