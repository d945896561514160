//! Rate limits per client and route: a fixed one-minute window counted in D1 (one upsert per
//! request), so it holds across isolates without a Durable Object. Clients are told when to
//! come back (`Retry-After`).

use worker::Request;

use super::{ApiError, Call};

const WINDOW_MS: i64 = 60_000;

/// Route classes, each with its own budget per client and minute.
#[derive(Clone, Copy)]
pub enum Limit {
    TicketCreate,
    RequesterWrite,
    RequesterRead,
    Events,
    /// Asking for a human: each one files a ticket, so it shares the ticket budget's size.
    ChatCreate,
    /// Opening a chat socket (reconnects included).
    ChatSocket,
    Agent,
    /// Health checks: probes must never be turned away (and cost no write).
    Unmetered,
}

impl Limit {
    fn name(self) -> &'static str {
        match self {
            Limit::TicketCreate => "ticket_create",
            Limit::RequesterWrite => "requester_write",
            Limit::RequesterRead => "requester_read",
            Limit::Events => "events",
            Limit::ChatCreate => "chat_create",
            Limit::ChatSocket => "chat_socket",
            Limit::Agent => "agent",
            Limit::Unmetered => "unmetered",
        }
    }

    fn per_minute(self) -> f64 {
        match self {
            Limit::TicketCreate => 10.0,
            Limit::RequesterWrite => 30.0,
            Limit::RequesterRead => 120.0,
            Limit::Events => 60.0,
            Limit::ChatCreate => 10.0,
            Limit::ChatSocket => 60.0,
            Limit::Agent => 600.0,
            Limit::Unmetered => f64::INFINITY,
        }
    }
}

#[derive(serde::Deserialize)]
struct Counted {
    count: f64,
}

/// Counts this request and refuses it when the client's budget for the window is spent.
/// `RATE_LIMIT_MULTIPLIER` (a var) scales every budget, e.g. for load tests from one address.
pub async fn check(call: &Call, req: &Request, limit: Limit) -> Result<(), ApiError> {
    if matches!(limit, Limit::Unmetered) {
        return Ok(());
    }
    let multiplier = call.env.var("RATE_LIMIT_MULTIPLIER").ok().and_then(|v| v.to_string().parse::<f64>().ok()).unwrap_or(1.0);
    // Cloudflare sets the client address; local runs without it share one budget.
    let client = req.headers().get("cf-connecting-ip")?.unwrap_or_else(|| "local".into());
    let window = call.now - call.now.rem_euclid(WINDOW_MS);
    let counted = call
        .db
        .prepare(
            "INSERT INTO rate_limits (key, window_start, count) VALUES (?1, ?2, 1)
             ON CONFLICT (key) DO UPDATE SET
               count = CASE WHEN window_start = ?2 THEN count + 1 ELSE 1 END, window_start = ?2
             RETURNING count",
        )
        .bind(&[format!("{}:{client}", limit.name()).into(), (window as f64).into()])?
        .first::<Counted>(None)
        .await?
        .ok_or_else(|| ApiError::Internal("rate limit upsert returned nothing".into()))?;
    if counted.count > limit.per_minute() * multiplier {
        let retry_after_secs = (window + WINDOW_MS - call.now + 999) / 1000;
        return Err(ApiError::RateLimited { retry_after_secs });
    }
    Ok(())
}
