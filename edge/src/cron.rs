//! The scheduled sweep (`[triggers] crons` in wrangler.toml): asks solved tickets whether they
//! stayed solved, closes them after four days, flags SLA breaches, and forgets expired
//! idempotency keys. The event's scheduled time is the clock, so tests
//! can run the sweep "days later".

use desk::sweep::{CLOSE_AFTER, FOLLOW_UP_AFTER};
use worker::Env;

use crate::api::ApiError;
use crate::store::{idempotency, int, tickets};

/// Tickets per run; the rest wait for the next run.
const BATCH: u32 = 500;

/// How many tickets changed.
pub async fn sweep(env: &Env, now: i64) -> Result<usize, ApiError> {
    let db = env.d1("DB")?;
    let due = "(status = 'solved' AND solved_at <= ?1 AND (follow_up_asked_at IS NULL OR solved_at <= ?2))
        OR (status NOT IN ('solved', 'closed') AND ((first_response_at IS NULL AND first_response_breached = 0 AND first_response_due < ?3)
            OR (resolution_breached = 0 AND resolution_due < ?3)))";
    let candidates = tickets::select(&db, due, &[int(now - FOLLOW_UP_AFTER), int(now - CLOSE_AFTER), int(now)], BATCH).await?;
    let mut changed = 0;
    for mut ticket in candidates {
        let read_version = ticket.version;
        let events = ticket.sweep(now);
        if events.is_empty() {
            continue;
        }
        match tickets::save(&db, &ticket, read_version, &events).await {
            Ok(()) => changed += 1,
            // Someone changed it meanwhile: the next run sees the new state.
            Err(ApiError::Conflict(_)) => {}
            Err(other) => return Err(other),
        }
    }
    db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?1").bind(&[int(now - idempotency::KEEP_MS)])?.run().await?;
    Ok(changed)
}
