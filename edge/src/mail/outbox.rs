//! The outbox: each pass (the cron trigger's, and one after every agent write, in `waitUntil`)
//! takes up the ticket log's new events that mail (`mail::delivery::kind_of`), composes the due
//! ones into mails (a burst of replies as one, `mail::delivery::due_at`) along with the mails
//! asked for (`super::requests`: transcripts, callbacks), and sends the queued
//! mails whose time has come through the `EMAIL` binding, retrying with backoff.
//!
//! Exactly once per event: an event is taken up by its id (`mail_events.event_seq`, insert or
//! ignore), claimed by one mail in the batch that inserts that mail (a concurrent pass claims
//! nothing and inserts nothing), and a mail is claimed for each attempt by a conditional
//! update of its attempt count, so two passes never send it at once. A send whose outcome is
//! lost (the isolate dies after the binding accepted it) is tried again: the same bytes, with
//! the same Message-ID, which receiving servers deduplicate.

use std::collections::BTreeMap;

use desk::Ticket;
use mail::delivery::{due_at, group, kind_of, retry_after};
use mail::link::{Link, Purpose, ACCESS_LIFETIME_MS, UNSUBSCRIBE_LIFETIME_MS};
use mail::notice::{Links, News, Notice, Reply};
use serde::Deserialize;
use wire::mail::MailKind;
use wire::tickets::{ActorKind, Change};
use worker::{D1Database, D1PreparedStatement, EmailMessage, Env};

use super::{public_origin, requests, site_mail, SiteMail};
use crate::api::caller::random_hex;
use crate::api::ApiError;
use crate::store::{int, tickets};

/// Rows of each kind one pass handles; the rest wait for the next.
const BATCH: u32 = 200;

/// What one pass did.
#[derive(Default, Debug)]
pub struct Pass {
    pub composed: usize,
    pub sent: usize,
    pub failed: usize,
}

pub async fn run(env: &Env, now: i64) -> Result<Pass, ApiError> {
    let db = env.d1("DB")?;
    take_up(env, &db).await?;
    let composed = compose(env, &db, now).await? + requests::compose(env, &db, now).await?;
    let (sent, failed) = send_due(env, &db, now).await?;
    Ok(Pass { composed, sent, failed })
}

#[derive(Deserialize)]
struct NewEvent {
    seq: f64,
    ticket_id: String,
    site: String,
    at: f64,
    actor_kind: ActorKind,
    change: String,
}

/// Takes up the events written since the last pass that mail a requester who has an address,
/// on a site that mails that kind of event, and has not unsubscribed.
async fn take_up(env: &Env, db: &D1Database) -> Result<(), ApiError> {
    let events = db
        .prepare(
            "SELECT e.seq, e.ticket_id, t.site, e.at, e.actor_kind, e.change FROM ticket_events e
             JOIN tickets t ON t.id = e.ticket_id
             LEFT JOIN mail_threads th ON th.ticket_id = e.ticket_id
             WHERE e.seq > (SELECT last_seq FROM mail_cursor WHERE id = 1) AND e.internal = 0
               AND t.email IS NOT NULL AND th.unsubscribed_at IS NULL
             ORDER BY e.seq LIMIT ?1",
        )
        .bind(&[int(i64::from(BATCH))])?
        .all()
        .await?
        .results::<NewEvent>()?;
    let Some(last) = events.last().map(|e| e.seq as i64) else { return Ok(()) };
    let mut statements = Vec::new();
    let mut sites: BTreeMap<String, Option<SiteMail>> = BTreeMap::new();
    for event in &events {
        let change: Change = serde_json::from_str(&event.change)?;
        let Some(kind) = kind_of(event.actor_kind, &change) else { continue };
        if !sites.contains_key(&event.site) {
            sites.insert(event.site.clone(), site_mail(env, db, &event.site).await?);
        }
        if !sites.get(&event.site).and_then(Option::as_ref).is_some_and(|mail| mail.settings.mails(kind)) {
            continue;
        }
        statements.push(
            db.prepare("INSERT OR IGNORE INTO mail_events (event_seq, ticket_id, kind, at) VALUES (?1, ?2, ?3, ?4)")
                .bind(&[int(event.seq as i64), event.ticket_id.as_str().into(), kind.as_str().into(), int(event.at as i64)])?,
        );
        statements.push(db.prepare("INSERT OR IGNORE INTO mail_threads (ticket_id) VALUES (?1)").bind(&[event.ticket_id.as_str().into()])?);
    }
    statements.push(db.prepare("UPDATE mail_cursor SET last_seq = MAX(last_seq, ?1) WHERE id = 1").bind(&[int(last)])?);
    db.batch(statements).await?;
    Ok(())
}

#[derive(Deserialize, Clone)]
struct Waiting {
    event_seq: f64,
    ticket_id: String,
    kind: String,
    at: f64,
    actor_name: String,
    change: String,
    last_mail_at: Option<f64>,
    link_generation: f64,
}

/// Composes the mails that are due from the waiting events, ticket by ticket.
async fn compose(env: &Env, db: &D1Database, now: i64) -> Result<usize, ApiError> {
    let waiting = db
        .prepare(
            "SELECT me.event_seq, me.ticket_id, me.kind, me.at, e.actor_name, e.change, th.last_mail_at, th.link_generation
             FROM mail_events me JOIN ticket_events e ON e.seq = me.event_seq JOIN mail_threads th ON th.ticket_id = me.ticket_id
             WHERE me.mail_id IS NULL AND th.unsubscribed_at IS NULL ORDER BY me.event_seq LIMIT ?1",
        )
        .bind(&[int(i64::from(BATCH))])?
        .all()
        .await?
        .results::<Waiting>()?;
    let mut by_ticket: BTreeMap<String, Vec<Waiting>> = BTreeMap::new();
    for row in waiting {
        by_ticket.entry(row.ticket_id.clone()).or_default().push(row);
    }
    let mut composed = 0;
    for (ticket_id, rows) in by_ticket {
        let first = &rows[0];
        if due_at(first.last_mail_at.map(|t| t as i64), first.at as i64) > now {
            continue;
        }
        composed += compose_ticket(env, db, &ticket_id, &rows, now).await?;
    }
    Ok(composed)
}

async fn compose_ticket(env: &Env, db: &D1Database, ticket_id: &str, rows: &[Waiting], now: i64) -> Result<usize, ApiError> {
    let ticket = tickets::select(db, "id = ?1", &[ticket_id.into()], 1).await?.pop();
    let Some((ticket, mail, to)) = (match ticket {
        Some(t) => site_mail(env, db, &t.site).await?.zip(t.requester.email.clone()).map(|(mail, to)| (t, mail, to)),
        None => None,
    }) else {
        // Nobody to mail any more (the address was erased, the site stopped mailing): the
        // waiting events mail nobody, and must not hold up the others' in the next passes.
        db.prepare("DELETE FROM mail_events WHERE ticket_id = ?1 AND mail_id IS NULL").bind(&[ticket_id.into()])?.run().await?;
        return Ok(0);
    };
    let origin = public_origin(env)?;
    let generation = rows[0].link_generation as i64;
    let kinds: Vec<(MailKind, &Waiting)> = rows.iter().filter_map(|r| MailKind::from_name(&r.kind).map(|k| (k, r))).collect();
    let mut written = 0;
    for (kind, events) in group(&kinds) {
        let news = match kind {
            MailKind::Reply => News::Replies(events.iter().filter_map(|e| reply_of(e)).collect()),
            MailKind::Solved => News::Solved,
            // Asked for, not events of the log: `requests` composes them.
            MailKind::Transcript | MailKind::Callback => continue,
        };
        let mail_id = random_hex()?;
        let notice = notice(&mail, &origin, &ticket, &to, kind, news, generation, &mail_id, now);
        let seqs: Vec<String> = events.iter().map(|e| (e.event_seq as i64).to_string()).collect();
        let claimed = seqs.len() as i64;
        // Event sequence numbers are integers read from D1, so they are safe to inline.
        let in_list = seqs.join(",");
        let statements = vec![
            db.prepare(format!("UPDATE mail_events SET mail_id = ?1 WHERE mail_id IS NULL AND event_seq IN ({in_list})")).bind(&[mail_id.as_str().into()])?,
            queue(db, &mail_id, &ticket, kind, &to, &notice, now, ("(SELECT COUNT(*) FROM mail_events WHERE mail_id = ?1)", claimed))?,
            // Another pass claimed some of these events first: give back the rest.
            db.prepare("UPDATE mail_events SET mail_id = NULL WHERE mail_id = ?1 AND NOT EXISTS (SELECT 1 FROM mails WHERE id = ?1)").bind(&[mail_id.as_str().into()])?,
            db.prepare("UPDATE mail_threads SET last_mail_at = ?2 WHERE ticket_id = ?1 AND EXISTS (SELECT 1 FROM mails WHERE id = ?3)")
                .bind(&[ticket.id.as_str().into(), int(now), mail_id.as_str().into()])?,
        ];
        let results = db.batch(statements).await?;
        let inserted = results.get(1).and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0);
        written += inserted;
    }
    Ok(written)
}

/// One mail about `ticket` to `to`, in the ticket's language and the site's words.
#[allow(clippy::too_many_arguments)]
pub(super) fn notice(mail: &SiteMail, origin: &str, ticket: &Ticket, to: &str, kind: MailKind, news: News, generation: i64, mail_id: &str, now: i64) -> Notice {
    Notice {
        site_name: mail.sender_name(),
        from: mail.support.address(),
        reply_to: mail.support.reply_address(&mail.secret, &ticket.id),
        to: to.to_string(),
        requester_name: ticket.requester.name.clone(),
        locale: ticket.locale.clone(),
        ticket_number: ticket.number,
        ticket_subject: ticket.subject.clone(),
        links: links(mail, origin, &ticket.id, &ticket.locale, generation, kind, now),
        news,
        message_id: mail.support.message_id(mail_id),
        thread_id: mail.support.thread_id(&ticket.id),
        date: now / 1000,
        wording: mail.settings.lines(kind, &ticket.locale),
    }
}

/// The statement that queues `notice` as mail `mail_id`, only when `claim` holds: the count
/// its SQL (with `?1` the mail's id) gives equals the number, i.e. the mail's events are all
/// claimed by it (a concurrent pass that claimed one first inserts the mail instead).
#[allow(clippy::too_many_arguments)]
pub(super) fn queue(db: &D1Database, mail_id: &str, ticket: &Ticket, kind: MailKind, to: &str, notice: &Notice, now: i64, claim: (&str, i64)) -> Result<D1PreparedStatement, ApiError> {
    let (count, claimed) = claim;
    Ok(db
        .prepare(format!(
            "INSERT INTO mails (id, site, ticket_id, kind, recipient, subject, mime, status, attempts, next_attempt_at, created_at)
             SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, 'queued', 0, ?8, ?8 WHERE {count} = ?9"
        ))
        .bind(&[
            mail_id.into(),
            ticket.site.as_str().into(),
            ticket.id.as_str().into(),
            kind.as_str().into(),
            to.into(),
            notice.subject().into(),
            notice.to_mime().into(),
            int(now),
            int(claimed),
        ])?)
}

/// An agent's public message as the mail shows it.
fn reply_of(event: &Waiting) -> Option<Reply> {
    match serde_json::from_str(&event.change).ok()? {
        Change::Message { text } => Some(Reply { agent: event.actor_name.clone(), text }),
        _ => None,
    }
}

/// The signed links of a mail about `ticket_id`: the ticket opens in the full-page widget
/// (`/app`, in the ticket's language), where the loader trades the link for the requester's
/// access; the answers and the unsubscribe page are the edge's own small pages.
fn links(mail: &SiteMail, origin: &str, ticket_id: &str, locale: &str, generation: i64, kind: MailKind, now: i64) -> Links {
    let sign = |purpose, lifetime| Link { purpose, ticket_id: ticket_id.to_string(), generation, expires_at: now + lifetime }.sign(&mail.secret);
    let tag = if locale.to_ascii_lowercase().starts_with("zh") { "zh-CN" } else { "en-US" };
    let page = |path: &str, purpose| format!("{origin}/api/v1/mail/{path}?link={}", sign(purpose, ACCESS_LIFETIME_MS));
    Links {
        ticket: format!("{origin}/app?locale={tag}#hw-access={}", sign(Purpose::Access, ACCESS_LIFETIME_MS)),
        unsubscribe: format!("{origin}/api/v1/mail/unsubscribe?link={}", sign(Purpose::Unsubscribe, UNSUBSCRIBE_LIFETIME_MS)),
        still_solved: (kind == MailKind::Solved).then(|| (page("follow-up", Purpose::StillSolved), page("follow-up", Purpose::NotSolved))),
    }
}

#[derive(Deserialize)]
struct Queued {
    id: String,
    site: String,
    recipient: String,
    mime: String,
    attempts: f64,
}

/// Sends the queued mails that are due; returns how many went and how many were given up.
async fn send_due(env: &Env, db: &D1Database, now: i64) -> Result<(usize, usize), ApiError> {
    let due = db
        .prepare("SELECT id, site, recipient, mime, attempts FROM mails WHERE status = 'queued' AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2")
        .bind(&[int(now), int(i64::from(BATCH))])?
        .all()
        .await?
        .results::<Queued>()?;
    let (mut sent, mut failed) = (0, 0);
    for mail in due {
        let attempt = mail.attempts as i64 + 1;
        // Claim this attempt; a lease as long as the next backoff keeps other passes off it.
        let lease = now + retry_after(attempt).unwrap_or(retry_after(1).unwrap_or(60_000));
        let claim = db
            .prepare("UPDATE mails SET attempts = ?2, next_attempt_at = ?3 WHERE id = ?1 AND status = 'queued' AND attempts = ?4")
            .bind(&[mail.id.as_str().into(), int(attempt), int(lease), int(attempt - 1)])?
            .run()
            .await?;
        if claim.meta()?.and_then(|m| m.changes).unwrap_or(0) != 1 {
            continue;
        }
        match deliver(env, &mail).await {
            Ok(()) => {
                sent += 1;
                db.prepare("UPDATE mails SET status = 'sent', sent_at = ?2, mime = NULL, last_error = NULL WHERE id = ?1")
                    .bind(&[mail.id.as_str().into(), int(now)])?
                    .run()
                    .await?;
            }
            Err(reason) => {
                let status = if retry_after(attempt).is_some() { "queued" } else { "failed" };
                failed += usize::from(status == "failed");
                db.prepare("UPDATE mails SET status = ?2, last_error = ?3 WHERE id = ?1")
                    .bind(&[mail.id.as_str().into(), status.into(), reason.as_str().into()])?
                    .run()
                    .await?;
            }
        }
    }
    Ok((sent, failed))
}

/// One attempt through the `send_email` binding; the reason the platform gave on failure.
async fn deliver(env: &Env, mail: &Queued) -> Result<(), String> {
    let db = env.d1("DB").map_err(|e| e.to_string())?;
    let site = site_mail(env, &db, &mail.site).await.map_err(|e| format!("{e:?}"))?.ok_or("the site no longer sends mail")?;
    let message = EmailMessage::new(&site.support.address(), &mail.recipient, &mail.mime).map_err(|e| format!("{e:?}"))?;
    let binding = env.send_email("EMAIL").map_err(|e| e.to_string())?;
    binding.send(&message).await.map(|_| ()).map_err(|e| js_error_text(&e))
}

fn js_error_text(error: &worker::js_sys::Error) -> String {
    String::from(error.message())
}

/// Whether a request may have written an event that mails: an agent's write to a ticket, a
/// booked callback, or a transcript asked for.
pub fn wakes(req: &worker::Request) -> bool {
    let path = req.path();
    req.method() != worker::Method::Get
        && (path.starts_with("/api/v1/agent/tickets") || path == "/api/v1/callbacks" || (path.starts_with("/api/v1/chats/") && path.ends_with("/transcript")))
}

/// A pass now, its outcome logged (a pass that fails leaves everything for the next).
pub async fn run_logged(env: &Env) {
    run_at(env, worker::Date::now().as_millis() as i64).await
}

/// A pass at `now` (the cron trigger's scheduled time), its outcome logged.
pub async fn run_at(env: &Env, now: i64) {
    match run(env, now).await {
        Ok(pass) => worker::console_log!("mail: {} composed, {} sent, {} given up", pass.composed, pass.sent, pass.failed),
        Err(error) => worker::console_error!("mail pass failed: {error:?}"),
    }
}
