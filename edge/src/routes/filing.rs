//! Filing a new ticket, shared by the ticket form and live chat: who owns it (an anonymous
//! caller gets a requester token minted here), the desk's routing and priority, and the D1
//! statements that write the requester, the ticket and its first events in one batch.

use desk::identity::{requester_token, token_digest};
use desk::{Event, Requester as Owner, Site, Ticket};
use serde::Deserialize;
use wire::tickets::{Callback, NewTicket};
use worker::{D1Database, D1PreparedStatement, D1Result, Env};

use crate::api::caller::{random_hex, secret_in, Requester};
use crate::api::{ApiError, Call};
use crate::store::{int, staffing, tickets};
use crate::triage;

/// A ticket routed and checked by `desk`, not written yet.
pub struct Filing {
    pub ticket: Ticket,
    pub events: Vec<Event>,
    /// A requester minted for an anonymous caller: their id and token.
    new_requester: Option<(String, String)>,
}

impl Filing {
    /// Validates and routes `request` for the caller; nothing is written. What the edge owns in
    /// the context is never the client's word: urgency comes from the edge's own triage of the
    /// words, and a booked callback only from the callback route (`callback`, checked by
    /// `desk::callback`), whatever the request's context claims.
    pub async fn prepare(call: &Call, site: &Site, who: Requester, request: &NewTicket, callback: Option<Callback>) -> Result<Filing, ApiError> {
        Filing::prepare_at(&call.env, call.now, site, who, request, callback).await
    }

    /// [`Filing::prepare`] outside an HTTP request (an inbound mail, `crate::mail::inbound`).
    pub async fn prepare_at(env: &Env, now: i64, site: &Site, who: Requester, request: &NewTicket, callback: Option<Callback>) -> Result<Filing, ApiError> {
        let mut request = request.clone();
        request.context.callback = callback;
        // Without the index the ticket is still filed (at its category's normal priority):
        // losing it is worse.
        request.context.triage = match triage::judge(env, &site.id, site.locale(request.context.locale.as_deref()), &request).await {
            Ok(reasons) => reasons,
            Err(error) => {
                worker::console_error!("triage unavailable, filing without it: {error:?}");
                Vec::new()
            }
        };
        let (owner, new_requester) = match who {
            Requester::User(id) => (Owner { user_id: Some(id), token_digest: None, name: None, email: None }, None),
            Requester::Token(digest) => (Owner { user_id: None, token_digest: Some(digest), name: None, email: None }, None),
            Requester::Nobody => {
                let id = random_hex()?;
                let token = requester_token(secret_in(env, site)?.as_bytes(), &id);
                (Owner { user_id: None, token_digest: Some(token_digest(&token)), name: None, email: None }, Some((id, token)))
            }
        };
        let (mut ticket, events) = Ticket::file(random_hex()?, site, &request, owner, now)?;
        if let Some(hours) = staffing::sla_hours(&env.d1("DB")?, site, &ticket.department).await? {
            ticket.count_sla_in(&hours);
        }
        Ok(Filing { ticket, events, new_requester })
    }

    /// The statements that write the filing, and the index of the ticket insert, whose result
    /// holds the ticket's number.
    pub fn statements(&self, db: &D1Database, now: i64) -> Result<(Vec<D1PreparedStatement>, usize), ApiError> {
        let mut batch = Vec::new();
        if let (Some((id, _)), Some(digest)) = (&self.new_requester, &self.ticket.requester.token_digest) {
            batch.push(
                db.prepare("INSERT INTO requesters (token_digest, id, site, created_at) VALUES (?1, ?2, ?3, ?4)")
                    .bind(&[digest.as_str().into(), id.as_str().into(), self.ticket.site.as_str().into(), int(now)])?,
            );
        }
        let insert_at = batch.len();
        batch.push(tickets::insert(db, &self.ticket)?);
        batch.extend(tickets::append(db, &self.ticket.id, self.ticket.version, &self.events)?);
        if self.ticket.context.callback.is_some() && self.ticket.requester.email.is_some() {
            // The booking's confirmation mail, taken up by the outbox (crate::mail::requests).
            batch.push(crate::mail::requests::callback_booked(db, &self.ticket.id, now)?);
        }
        Ok((batch, insert_at))
    }

    /// Takes the per-site number the insert at `insert_at` gave the ticket.
    pub fn numbered(&mut self, results: &[D1Result], insert_at: usize) -> Result<(), ApiError> {
        #[derive(Deserialize)]
        struct Numbered {
            number: f64,
        }
        let numbered = results.get(insert_at).ok_or_else(|| ApiError::Internal("the batch lost the insert".into()))?.results::<Numbered>()?;
        self.ticket.number = numbered.first().map(|n| n.number as i64).ok_or_else(|| ApiError::Internal("insert returned no number".into()))?;
        Ok(())
    }

    /// The id of the requester minted for an anonymous caller.
    pub fn requester_id(&self) -> Option<String> {
        self.new_requester.as_ref().map(|(id, _)| id.clone())
    }

    /// The token to hand an anonymous caller.
    pub fn requester_token(&self) -> Option<String> {
        self.new_requester.as_ref().map(|(_, token)| token.clone())
    }
}
