//! The email channel at the edge, over the `mail` crate's rules: which sites mail and from
//! where (`site_mail`), the outbox (`outbox`: events of the ticket log taken up once, composed
//! into mails, sent through the `send_email` binding with retries), and inbound mail
//! (`inbound`: the worker's `email` handler files or threads it).
//!
//! A site mails when its support address is set: `MAIL_ADDRESS_<SITE>` (`[vars]` in
//! wrangler.toml, the site id in capitals). Notices come from that address, replies go to its
//! plus-addresses, and new mail to it files tickets.

pub mod inbound;
pub mod outbox;

use desk::Site;
use mail::address::SupportAddress;
use worker::Env;

use crate::api::caller::secret_in;
use crate::api::ApiError;
use crate::sites;

/// A site that mails: its support address and the secret its links and reply addresses are
/// signed with (the site's identity secret; each use has its own HMAC label, `mail::link`).
pub struct SiteMail {
    pub site: &'static Site,
    pub support: SupportAddress,
    pub secret: Vec<u8>,
}

/// The site's mail settings; `None` when the site sends and takes no mail.
pub fn site_mail(env: &Env, site_id: &str) -> Result<Option<SiteMail>, ApiError> {
    let Some(site) = sites::all().get(site_id) else { return Ok(None) };
    let Ok(address) = env.var(&format!("MAIL_ADDRESS_{}", site.id.to_ascii_uppercase())) else { return Ok(None) };
    let support = SupportAddress::parse(&address.to_string())
        .ok_or_else(|| ApiError::Internal(format!("MAIL_ADDRESS_{} is not a plain address", site.id.to_ascii_uppercase())))?;
    Ok(Some(SiteMail { site, support, secret: secret_in(env, site)?.into_bytes() }))
}

/// Where users reach this worker (`PUBLIC_ORIGIN`): every link in a mail is built on it.
pub fn public_origin(env: &Env) -> Result<String, ApiError> {
    let origin = env.var("PUBLIC_ORIGIN").map_err(|_| ApiError::Internal("PUBLIC_ORIGIN is not set".into()))?;
    Ok(origin.to_string().trim_end_matches('/').to_string())
}
