//! What a mail's signed links open (`mail::link`): the access exchange the widget's loader
//! calls with a link from `#hw-access=` (it answers the requester's token, so a fresh browser
//! holds the ticket again), the unsubscribe page (and its one-click POST, RFC 8058), and the
//! answer to "still solved?". The pages change nothing on GET: only their button's POST does.

use desk::identity::{requester_token, token_digest};
use desk::Ticket;
use mail::link::{Link, LinkError, Purpose};
use mail::page::Page;
use serde::{Deserialize, Serialize};
use worker::{console_log, Headers, Request, Response};

use crate::mail::site_mail;
use crate::api::{json, query, reply, ApiError, Call};
use crate::store::int;
use crate::store::tickets::{self, Writes};

#[derive(Deserialize, Serialize)]
pub struct AccessRequest {
    pub link: String,
}

/// `POST /api/v1/mail/access`: the ticket an access link names, and the requester token that
/// opens it (null for a verified user's ticket: their identity comes from the host).
#[derive(Serialize)]
struct Access {
    ticket_id: String,
    site: String,
    locale: String,
    requester_token: Option<String>,
}

pub async fn access(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let body: AccessRequest = json(&mut req).await?;
    let (ticket, _) = verified(&call, &body.link, &[Purpose::Access]).await.map_err(|_| ApiError::Forbidden("this link does not work (expired, revoked or not ours)"))?;
    let requester_token = match &ticket.requester.token_digest {
        Some(digest) => Some(token_for(&call, &ticket, digest).await?),
        None => None,
    };
    reply(200, &Access { ticket_id: ticket.id, site: ticket.site, locale: ticket.locale, requester_token })
}

/// The anonymous requester's token, derived again from their id (`desk::identity`): only its
/// digest is stored, and the derivation is what minted it.
async fn token_for(call: &Call, ticket: &Ticket, digest: &str) -> Result<String, ApiError> {
    #[derive(Deserialize)]
    struct RequesterRow {
        id: String,
    }
    let row = call.db.prepare("SELECT id FROM requesters WHERE token_digest = ?1").bind(&[digest.into()])?.first::<RequesterRow>(None).await?;
    let mail = site_mail(&call.env, &call.db, &ticket.site).await?.ok_or(ApiError::NotFound("this site sends no mail"))?;
    let token = row.map(|r| requester_token(&mail.secret, &r.id)).filter(|t| token_digest(t) == digest);
    token.ok_or(ApiError::Internal(format!("ticket {}: its requester token cannot be derived again", ticket.id)))
}

/// `GET /api/v1/mail/unsubscribe?link=`: asks to confirm.
pub async fn unsubscribe_page(req: Request, call: Call) -> Result<Response, ApiError> {
    let link = query(&req, "link")?.unwrap_or_default();
    match verified(&call, &link, &[Purpose::Unsubscribe]).await {
        Ok((ticket, _)) => page(200, &ticket.locale, &Page::ConfirmUnsubscribe { number: ticket.number, action: action(&req)? }),
        Err(_) => page(403, "", &Page::LinkBroken),
    }
}

/// `POST /api/v1/mail/unsubscribe?link=`: the page's button, or a mail client's one-click
/// unsubscribe. Saying it twice is fine.
pub async fn unsubscribe(req: Request, call: Call) -> Result<Response, ApiError> {
    let link = query(&req, "link")?.unwrap_or_default();
    let Ok((ticket, _)) = verified(&call, &link, &[Purpose::Unsubscribe]).await else { return page(403, "", &Page::LinkBroken) };
    call.db
        .prepare("INSERT INTO mail_threads (ticket_id, unsubscribed_at) VALUES (?1, ?2) ON CONFLICT (ticket_id) DO UPDATE SET unsubscribed_at = COALESCE(unsubscribed_at, ?2)")
        .bind(&[ticket.id.as_str().into(), int(call.now)])?
        .run()
        .await?;
    page(200, &ticket.locale, &Page::Unsubscribed { number: ticket.number })
}

/// `GET /api/v1/mail/follow-up?link=`: asks to confirm the answer the link stands for.
pub async fn follow_up_page(req: Request, call: Call) -> Result<Response, ApiError> {
    let link = query(&req, "link")?.unwrap_or_default();
    match verified(&call, &link, &[Purpose::StillSolved, Purpose::NotSolved]).await {
        Ok((ticket, purpose)) => page(200, &ticket.locale, &Page::ConfirmAnswer { number: ticket.number, still_solved: purpose == Purpose::StillSolved, action: action(&req)? }),
        Err(_) => page(403, "", &Page::LinkBroken),
    }
}

/// `POST /api/v1/mail/follow-up?link=`: "yes" answers the follow-up question if it was asked
/// (else the ticket simply stays solved); "no" answers it, or reopens the solved ticket, with
/// the comment or words that say it came by mail.
pub async fn follow_up(mut req: Request, call: Call) -> Result<Response, ApiError> {
    let link = query(&req, "link")?.unwrap_or_default();
    let Ok((ticket, purpose)) = verified(&call, &link, &[Purpose::StillSolved, Purpose::NotSolved]).await else { return page(403, "", &Page::LinkBroken) };
    let still_solved = purpose == Purpose::StillSolved;
    let comment = match req.form_data().await {
        Ok(form) => match form.get("comment") {
            Some(worker::FormEntry::Field(text)) if !text.trim().is_empty() => Some(text),
            _ => None,
        },
        Err(_) => None,
    };
    let (number, locale) = (ticket.number, ticket.locale.clone());
    let reopen_text = comment.clone().unwrap_or_else(|| if locale.starts_with("zh") { "问题没有解决（邮件中的回答）".into() } else { "Not solved (answered by email)".into() });
    let outcome = tickets::apply(&call.db, ticket, |t, _| {
        let events = if t.follow_up_pending {
            t.answer_follow_up(still_solved, comment.as_deref(), call.now)?
        } else if !still_solved && t.status.reopenable() {
            t.reopen(&reopen_text, call.now)?
        } else {
            Vec::new()
        };
        Ok(Writes { events, also: None })
    })
    .await;
    match outcome {
        Ok(_) if still_solved => page(200, &locale, &Page::Thanks { number }),
        Ok((t, _)) if t.status.takes_messages() && !t.status.reopenable() => page(200, &locale, &Page::Reopened { number }),
        // Closed meanwhile: the answer cannot reopen it; the widget files a new request.
        Ok(_) | Err(ApiError::Invalid { .. }) => page(409, &locale, &Page::LinkBroken),
        Err(other) => Err(other),
    }
}

/// The ticket a link names and the link's purpose, if the site signed it for one of `purposes`
/// and it is neither expired nor revoked. Why a link failed goes to the log, not to its holder.
async fn verified(call: &Call, token: &str, purposes: &[Purpose]) -> Result<(Ticket, Purpose), LinkError> {
    let claims = Link::read(token)?;
    let found = async {
        let ticket = tickets::select(&call.db, "id = ?1", &[claims.ticket_id.as_str().into()], 1).await?.pop();
        let Some(ticket) = ticket else { return Ok(None) };
        let generation = call
            .db
            .prepare("SELECT link_generation FROM mail_threads WHERE ticket_id = ?1")
            .bind(&[ticket.id.as_str().into()])?
            .first::<f64>(Some("link_generation"))
            .await?
            .unwrap_or(0.0) as i64;
        let secret = site_mail(&call.env, &call.db, &ticket.site).await?.map(|m| m.secret);
        Ok::<_, ApiError>(secret.map(|s| (ticket, generation, s)))
    };
    let (ticket, generation, secret) = found.await.ok().flatten().ok_or(LinkError::Forged)?;
    let link = Link::verify(&secret, token, call.now, generation).inspect_err(|why| console_log!("mail link refused: {why:?}"))?;
    if !purposes.contains(&link.purpose) {
        return Err(LinkError::Forged);
    }
    Ok((ticket, link.purpose))
}

/// Where the page's form posts: the same path and link.
fn action(req: &Request) -> Result<String, ApiError> {
    let url = req.url()?;
    Ok(format!("{}?{}", url.path(), url.query().unwrap_or_default()))
}

fn page(status: u16, locale: &str, page: &Page) -> Result<Response, ApiError> {
    let headers = Headers::new();
    headers.set("content-type", "text/html; charset=utf-8")?;
    headers.set("content-security-policy", "default-src 'none'; form-action 'self'; frame-ancestors 'none'")?;
    headers.set("cache-control", "no-store")?;
    headers.set("referrer-policy", "no-referrer")?;
    Ok(Response::ok(page.render(locale))?.with_status(status).with_headers(headers))
}
