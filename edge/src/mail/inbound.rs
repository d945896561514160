//! The worker's `email` handler (Email Routing): a mail to a site's support address files a
//! ticket on channel `email`, triaged and routed as the ticket form is; an answer to one of our
//! mails threads into its ticket.
//!
//! Threading: the reply address carries an HMAC of the ticket (`mail::address`), which is
//! proof enough. Without it (a client that answers the From address), `In-Reply-To` and
//! `References` naming our mail or thread count only when the sender is the ticket's
//! requester, since anyone can write those headers. A reply address with a wrong signature is
//! a new request (a ticket of its own), never a message in someone else's ticket: refusing it
//! would bounce a real requester whose client mangled the address, and a new ticket costs an
//! agent a glance. Automatic replies, bounces, lists and our own mail are dropped (no bounce:
//! answering an automatic mail is how loops start). A mail already seen (its Message-ID) is
//! not filed twice. Senders the site does not know (no ticket with their address) file at most
//! `MAIL_UNKNOWN_SENDER_TICKETS` new tickets an hour between them (`mail::inbound`); past that
//! their mail is refused (Email Routing bounces it with the reason) and the refusal logged.

use mail::address::{Recipient, Reference};
use mail::inbound::{category, read, unknown_sender_admitted, unknown_sender_limit, Ignored, Inbound, MAX_BYTES, UNKNOWN_SENDER_WINDOW_MS};
use serde::Deserialize;
use wire::tickets::{Channel, NewTicket, TicketContext};
use worker::js_sys::Promise;
use worker::wasm_bindgen::{self, prelude::wasm_bindgen, JsCast, JsValue};
use worker::wasm_bindgen_futures::JsFuture;
use worker::{console_error, console_log, D1Database, D1PreparedStatement, Env, ForwardableEmailMessage};

use super::{attachments, site_mail, SiteMail};
use crate::api::caller::Requester;
use crate::api::ApiError;
use crate::routes::filing::Filing;
use crate::sites;
use crate::store::int;
use crate::store::tickets::{self, Writes};

/// What became of a mail, for the log and `inbound_mails.outcome`.
enum Outcome {
    Filed(i64),
    Threaded(i64),
    Ignored(Ignored),
    Seen,
    /// An unknown sender past the hour's limit: `filed` tickets of unknown senders in the hour.
    Limited { domain: String, filed: u32, limit: u32 },
}

pub async fn receive(message: ForwardableEmailMessage, env: Env, now: i64) {
    match handle(&message, &env, now).await {
        Ok(Outcome::Filed(number)) => console_log!("inbound mail: filed ticket #{number}"),
        Ok(Outcome::Threaded(number)) => console_log!("inbound mail: threaded into ticket #{number}"),
        Ok(Outcome::Ignored(why)) => console_log!("inbound mail: ignored ({why:?})"),
        Ok(Outcome::Seen) => console_log!("inbound mail: seen before"),
        Ok(Outcome::Limited { domain, filed, limit }) => {
            console_log!("inbound mail: refused from an unknown sender at {domain}: unknown senders filed {filed} tickets in the last hour (limit {limit})")
        }
        Err(error) => {
            console_error!("inbound mail failed: {error:?}");
            // The sender learns it did not arrive, rather than waiting for an answer.
            reject(&message, "the help desk could not take this message; please try again later").await;
        }
    }
}

#[wasm_bindgen]
extern "C" {
    /// The inbound message seen for its `setReject` with the result, which the crate's binding drops.
    type Rejectable;
    #[wasm_bindgen(method, js_name = setReject)]
    fn set_reject(this: &Rejectable, reason: &str) -> JsValue;
}

/// Refuses the mail: Email Routing bounces it to the sender with `reason`. On the platform
/// `setReject` returns nothing; under Miniflare it is a call into the simulator whose result is
/// awaited here (`Promise.resolve` adopts it), so the refusal lands before the handler ends.
async fn reject(message: &ForwardableEmailMessage, reason: &str) {
    let _ = JsFuture::from(Promise::resolve(&message.unchecked_ref::<Rejectable>().set_reject(reason))).await;
}

async fn handle(message: &ForwardableEmailMessage, env: &Env, now: i64) -> Result<Outcome, ApiError> {
    let to = message.to();
    let db = env.d1("DB")?;
    let mut found = None;
    for site in sites::all().iter() {
        if let Some(mail) = site_mail(env, &db, &site.id).await? {
            let recipient = mail.support.recipient(&mail.secret, &to);
            if recipient != Recipient::Elsewhere {
                found = Some((mail, recipient));
                break;
            }
        }
    }
    let Some((mail, recipient)) = found else {
        reject(message, "no such mailbox").await;
        return Ok(Outcome::Ignored(Ignored::NoSender));
    };
    if message.raw_size() as usize > MAX_BYTES {
        reject(message, "the message is too large for the help desk (1 MiB at most)").await;
        return Ok(Outcome::Ignored(Ignored::TooLarge));
    }
    let raw = message.raw_bytes().await?;
    let inbound = match read(&raw, &mail.support) {
        Ok(inbound) => inbound,
        Err(why) => return Ok(Outcome::Ignored(why)),
    };
    if let Some(id) = &inbound.message_id {
        let seen = db.prepare("SELECT 1 AS seen FROM inbound_mails WHERE site = ?1 AND message_id = ?2").bind(&[mail.site.id.as_str().into(), id.as_str().into()])?.first::<f64>(Some("seen")).await?;
        if seen.is_some() {
            return Ok(Outcome::Seen);
        }
    }
    let thread = match &recipient {
        Recipient::Reply { ticket_id } => Some(ticket_id.clone()),
        _ => referenced_ticket(&db, &mail, &inbound).await?,
    };
    if let Some(ticket) = match thread {
        Some(id) => tickets::load(&db, &mail.site.id, &id).await?,
        None => None,
    } {
        // A closed ticket takes no more words: the mail becomes a new request.
        if ticket.status.takes_messages() {
            let number = ticket.number;
            let ticket_id = ticket.id.clone();
            let (_, events) = tickets::apply(&db, ticket, |t, _| Ok(Writes { events: t.requester_message(&inbound.text, now)?, also: None })).await?;
            if !events.is_empty() {
                seen(&db, &mail, &inbound, &ticket_id, "threaded", false, now)?.run().await?;
                attachments::keep(env, &db, &mail.site.id, &ticket_id, inbound.attachments.clone(), now).await;
                return Ok(Outcome::Threaded(number));
            }
        }
    }
    let known = db
        .prepare("SELECT 1 AS known FROM tickets WHERE site = ?1 AND lower(email) = ?2 LIMIT 1")
        .bind(&[mail.site.id.as_str().into(), inbound.from.as_str().into()])?
        .first::<f64>(Some("known"))
        .await?
        .is_some();
    if !known {
        let filed = db
            .prepare("SELECT COUNT(*) AS n FROM inbound_mails WHERE site = ?1 AND unknown_sender = 1 AND outcome = 'filed' AND at > ?2")
            .bind(&[mail.site.id.as_str().into(), int(now - UNKNOWN_SENDER_WINDOW_MS)])?
            .first::<f64>(Some("n"))
            .await?
            .unwrap_or(0.0) as u32;
        let limit = unknown_sender_limit(env.var("MAIL_UNKNOWN_SENDER_TICKETS").ok().map(|v| v.to_string()).as_deref());
        if !unknown_sender_admitted(filed, limit) {
            reject(message, "the help desk takes no more new requests by mail from new senders right now; please try again later or use the help center").await;
            let domain = inbound.from.rsplit_once('@').map(|(_, d)| d.to_string()).unwrap_or_default();
            return Ok(Outcome::Limited { domain, filed, limit });
        }
    }
    file(env, &db, &mail, &inbound, !known, now).await
}

/// The ticket our mail or thread named in the headers belongs to, if the sender is its requester.
async fn referenced_ticket(db: &D1Database, mail: &SiteMail, inbound: &Inbound) -> Result<Option<String>, ApiError> {
    #[derive(Deserialize)]
    struct Owner {
        id: String,
    }
    for reference in &inbound.references {
        let (sql, id) = match reference {
            Reference::Mail(id) => ("SELECT t.id FROM mails m JOIN tickets t ON t.id = m.ticket_id WHERE m.id = ?1 AND t.site = ?2 AND lower(t.email) = ?3", id),
            Reference::Ticket(id) => ("SELECT id FROM tickets WHERE id = ?1 AND site = ?2 AND lower(email) = ?3", id),
        };
        let owner = db.prepare(sql).bind(&[id.as_str().into(), mail.site.id.as_str().into(), inbound.from.as_str().into()])?.first::<Owner>(None).await?;
        if let Some(owner) = owner {
            return Ok(Some(owner.id));
        }
    }
    Ok(None)
}

/// Files the mail as a new ticket on channel `email`, as the ticket form would: the edge's
/// triage and the desk's routing. The requester is anonymous (a mail proves no host identity);
/// our notices and their links are how they come back to it.
async fn file(env: &Env, db: &D1Database, mail: &SiteMail, inbound: &Inbound, unknown_sender: bool, now: i64) -> Result<Outcome, ApiError> {
    let site = mail.site;
    let category = category(site.categories.iter().map(|(name, department)| (name.as_str(), department.as_str())), &site.default_department, inbound.locale)
        .ok_or_else(|| ApiError::Internal(format!("site {} routes no category to its default department", site.id)))?;
    let request = NewTicket {
        subject: wire::limits::subject_or_opening(Some(&inbound.subject), &inbound.text),
        description: inbound.text.clone(),
        category: category.to_string(),
        name: inbound.name.clone(),
        email: Some(inbound.from.clone()),
        channel: Channel::Email,
        context: TicketContext { locale: Some(inbound.locale.to_string()), ..TicketContext::default() },
    };
    let mut filing = Filing::prepare_at(env, now, site, Requester::Nobody, &request, None).await?;
    let (mut statements, insert_at) = filing.statements(db, now)?;
    statements.push(seen(db, mail, inbound, &filing.ticket.id, "filed", unknown_sender, now)?);
    let results = db.batch(statements).await?;
    filing.numbered(&results, insert_at)?;
    attachments::keep(env, db, &site.id, &filing.ticket.id, inbound.attachments.clone(), now).await;
    Ok(Outcome::Filed(filing.ticket.number))
}

/// The row that marks the mail seen, so a redelivery files or threads nothing twice, and counts
/// it against the unknown senders' limit when it filed a ticket for one. A mail without a
/// Message-ID is marked by its ticket (such a mail cannot be recognised again).
fn seen(db: &D1Database, mail: &SiteMail, inbound: &Inbound, ticket_id: &str, outcome: &str, unknown_sender: bool, now: i64) -> Result<D1PreparedStatement, ApiError> {
    Ok(db
        .prepare("INSERT OR IGNORE INTO inbound_mails (site, message_id, ticket_id, outcome, at, sender, unknown_sender) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
        .bind(&[
            mail.site.id.as_str().into(),
            inbound.message_id.as_deref().unwrap_or(ticket_id).into(),
            ticket_id.into(),
            outcome.into(),
            int(now),
            inbound.from.as_str().into(),
            int(i64::from(unknown_sender)),
        ])?)
}
