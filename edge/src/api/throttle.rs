//! Rate limits per client and route, counted by Cloudflare's Rate Limiting bindings (one per
//! route class, budgets in wrangler.toml): in memory at the edge, so a request pays no database
//! write for them. Clients are told when the window ends (`Retry-After`).

use worker::Request;

use super::{ApiError, Call};

/// Every binding counts over one-minute windows (`period = 60` in wrangler.toml).
const PERIOD_SECS: i64 = 60;

/// Route classes, each with its own budget per client and minute.
#[derive(Clone, Copy)]
pub enum Limit {
    TicketCreate,
    RequesterWrite,
    RequesterRead,
    Events,
    /// Asking for a human: each one files a ticket, so it has the ticket budget's size.
    ChatCreate,
    /// Opening a chat socket (reconnects included).
    ChatSocket,
    Agent,
    /// Signing in and accepting invitations: a password guesser's budget.
    SignIn,
    /// Health checks: probes must never be turned away.
    Unmetered,
}

impl Limit {
    /// The wrangler.toml binding that counts this class, if it is counted.
    fn binding(self) -> Option<&'static str> {
        Some(match self {
            Limit::TicketCreate => "LIMIT_TICKET_CREATE",
            Limit::RequesterWrite => "LIMIT_REQUESTER_WRITE",
            Limit::RequesterRead => "LIMIT_REQUESTER_READ",
            Limit::Events => "LIMIT_EVENTS",
            Limit::ChatCreate => "LIMIT_CHAT_CREATE",
            Limit::ChatSocket => "LIMIT_CHAT_SOCKET",
            Limit::Agent => "LIMIT_AGENT",
            Limit::SignIn => "LIMIT_SIGN_IN",
            Limit::Unmetered => return None,
        })
    }
}

/// Counts this request and refuses it when the client's budget for the window is spent.
pub async fn check(call: &Call, req: &Request, limit: Limit) -> Result<(), ApiError> {
    let Some(binding) = limit.binding() else { return Ok(()) };
    // Cloudflare sets the client address; local runs without it share one budget.
    let client = req.headers().get("cf-connecting-ip")?.unwrap_or_else(|| "local".into());
    let outcome = call.env.rate_limiter(binding)?.limit(client).await?;
    if !outcome.success {
        // Windows are aligned to the clock, so the current one ends at the next whole period.
        let elapsed_secs = (call.now / 1000).rem_euclid(PERIOD_SECS);
        return Err(ApiError::RateLimited { retry_after_secs: PERIOD_SECS - elapsed_secs });
    }
    Ok(())
}
