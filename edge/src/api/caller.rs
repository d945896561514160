//! Who is calling: a requester of a site (verified user, token holder, or nobody yet) or an
//! agent (bearer token). Only digests of tokens are looked up or stored.

use desk::identity::{token_digest, user_verified};
use desk::limits::USER_ID;
use desk::Site;
use serde::de::IgnoredAny;
use serde::Deserialize;
use worker::Request;

use super::{query, ApiError, Call};
use crate::sites;

/// A requester as the request proves it.
pub enum Requester {
    /// The host signed this user id with the site secret.
    User(String),
    /// The holder of a requester token (its digest).
    Token(String),
    /// No identity yet: may file a ticket, which mints a token.
    Nobody,
}

pub const NO_IDENTITY: &str = "send X-User-Id and X-User-Hash, or X-Requester-Token";

impl Requester {
    /// Refuses callers who cannot own tickets yet (listing, reading, writing to a ticket).
    pub fn known(self) -> Result<Requester, ApiError> {
        match self {
            Requester::Nobody => Err(ApiError::Unauthorized(NO_IDENTITY)),
            known => Ok(known),
        }
    }

    /// The `tickets` column that names this requester's tickets, and its value.
    pub fn owner_column(&self) -> Option<(&'static str, &str)> {
        match self {
            Requester::User(id) => Some(("user_id", id)),
            Requester::Token(digest) => Some(("token_digest", digest)),
            Requester::Nobody => None,
        }
    }

    /// Whether this requester owns a ticket with these owner fields.
    pub fn owns(&self, user_id: Option<&str>, digest: Option<&str>) -> bool {
        match self {
            Requester::User(id) => user_id == Some(id.as_str()),
            Requester::Token(d) => digest == Some(d.as_str()),
            Requester::Nobody => false,
        }
    }
}

/// The site named by `?site=`; unknown sites are 404 like any unknown resource.
pub fn site(req: &Request) -> Result<&'static Site, ApiError> {
    let id = query(req, "site")?.ok_or_else(|| ApiError::BadRequest("the site query parameter is required".into()))?;
    sites::all().get(&id).ok_or(ApiError::NotFound("no such site"))
}

/// Identifies the requester; a wrong hash or an unknown token is refused, never ignored.
pub async fn requester(req: &Request, call: &Call, site: &Site) -> Result<Requester, ApiError> {
    let headers = req.headers();
    if let Some(user_id) = headers.get("x-user-id")? {
        let hash = headers.get("x-user-hash")?.unwrap_or_default();
        let secret = site_secret(call, site)?;
        if user_id.is_empty() || user_id.chars().count() > USER_ID || !user_verified(secret.as_bytes(), &user_id, &hash) {
            return Err(ApiError::Unauthorized("the identity hash does not match the user id"));
        }
        return Ok(Requester::User(user_id));
    }
    let Some(token) = headers.get("x-requester-token")? else { return Ok(Requester::Nobody) };
    let digest = token_digest(&token);
    let found = call
        .db
        .prepare("SELECT 1 AS found FROM requesters WHERE site = ?1 AND token_digest = ?2")
        .bind(&[site.id.as_str().into(), digest.as_str().into()])?
        .first::<IgnoredAny>(None)
        .await?;
    match found {
        Some(_) => Ok(Requester::Token(digest)),
        None => Err(ApiError::Unauthorized("unknown requester token")),
    }
}

/// A signed-in agent.
#[derive(Deserialize)]
pub struct Agent {
    pub id: String,
    pub site: String,
    pub name: String,
}

/// The agent whose bearer token this is.
pub async fn agent(req: &Request, call: &Call) -> Result<Agent, ApiError> {
    let header = req.headers().get("authorization")?.unwrap_or_default();
    let Some(token) = header.strip_prefix("Bearer ").map(str::trim).filter(|t| !t.is_empty()) else {
        return Err(ApiError::Unauthorized("send Authorization: Bearer <agent token>"));
    };
    call.db
        .prepare("SELECT id, site, name FROM agents WHERE token_digest = ?1")
        .bind(&[token_digest(token).into()])?
        .first::<Agent>(None)
        .await?
        .ok_or(ApiError::Unauthorized("unknown agent token"))
}

/// The site an agent works for.
pub fn agent_site(agent: &Agent) -> Result<&'static Site, ApiError> {
    sites::all().get(&agent.site).ok_or_else(|| ApiError::Internal(format!("agent {} belongs to unknown site {}", agent.id, agent.site)))
}

/// The site's identity secret (a wrangler secret; `.dev.vars` locally).
pub fn site_secret(call: &Call, site: &Site) -> Result<String, ApiError> {
    call.env.secret(&site.secret_var).map(|s| s.to_string()).map_err(|_| ApiError::Internal(format!("secret {} is not set", site.secret_var)))
}

/// A fresh random id or secret: 128 bits from the platform's CSPRNG, hex.
pub fn random_hex() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::Internal(format!("getrandom: {e}")))?;
    Ok(desk::identity::secret_from(&bytes))
}
