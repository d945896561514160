//! The email channel at the edge, over the `mail` crate's rules: which sites mail and from
//! where (`site_mail`), the outbox (`outbox`: events of the ticket log taken up once, composed
//! into mails, sent through the `send_email` binding with retries), and inbound mail
//! (`inbound`: the worker's `email` handler files or threads it).
//!
//! A site mails when it has a support address: its own from the console's mail settings
//! (`settings`, stored in `mail_settings`), else the deployment's `MAIL_ADDRESS_<SITE>`
//! (`[vars]` in wrangler.toml, the site id in capitals). Notices come from that address, replies
//! go to its plus-addresses, and new mail to it files tickets.

pub mod attachments;
pub mod inbound;
pub mod outbox;
pub mod requests;
pub mod settings;

use desk::Site;
use mail::address::SupportAddress;
use mail::settings::Settings;
use worker::{D1Database, Env};

use crate::api::caller::secret_in;
use crate::api::ApiError;
use crate::sites;

/// A site that mails: its support address, the secret its links and reply addresses are
/// signed with (the site's identity secret; each use has its own HMAC label, `mail::link`), and
/// its settings (which kinds of mail go, in whose words).
pub struct SiteMail {
    pub site: &'static Site,
    pub support: SupportAddress,
    pub secret: Vec<u8>,
    pub settings: Settings,
}

impl SiteMail {
    /// The name mails come from.
    pub fn sender_name(&self) -> String {
        self.settings.sender_name(&self.site.name)
    }
}

/// The site's mail settings; `None` when the site sends and takes no mail.
pub async fn site_mail(env: &Env, db: &D1Database, site_id: &str) -> Result<Option<SiteMail>, ApiError> {
    let Some(site) = sites::all().get(site_id) else { return Ok(None) };
    let settings = settings::load(db, &site.id).await?;
    let Some(support) = settings.support(configured_address(env, site)?) else { return Ok(None) };
    Ok(Some(SiteMail { site, support, secret: secret_in(env, site)?.into_bytes(), settings }))
}

/// The deployment's support address for the site (`MAIL_ADDRESS_<SITE>`), if it sets one.
pub fn configured_address(env: &Env, site: &Site) -> Result<Option<SupportAddress>, ApiError> {
    let name = format!("MAIL_ADDRESS_{}", site.id.to_ascii_uppercase());
    let Ok(address) = env.var(&name) else { return Ok(None) };
    SupportAddress::parse(&address.to_string()).map(Some).ok_or_else(|| ApiError::Internal(format!("{name} is not a plain address")))
}

/// Where users reach this worker (`PUBLIC_ORIGIN`): every link in a mail is built on it.
pub fn public_origin(env: &Env) -> Result<String, ApiError> {
    let origin = env.var("PUBLIC_ORIGIN").map_err(|_| ApiError::Internal("PUBLIC_ORIGIN is not set".into()))?;
    Ok(origin.to_string().trim_end_matches('/').to_string())
}
