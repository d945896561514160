//! Who is calling: a requester of a site (verified user, token holder, or nobody yet) or an
//! agent (bearer token). Only digests of tokens are looked up or stored.

use desk::identity::{token_digest, user_verified};
use desk::limits::USER_ID;
use desk::team::{Ability, Member, Scope};
use desk::Site;
use wire::team::TokenScope;
use serde::de::IgnoredAny;
use serde::Deserialize;
use worker::Request;

use super::{query, ApiError, Call};
use crate::sites;
use crate::store::int;

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

    /// Who an Idempotency-Key sent by this requester belongs to (see `store::idempotency`).
    pub fn key_owner(&self) -> String {
        match self {
            Requester::User(id) => format!("user:{id}"),
            Requester::Token(digest) => format!("token:{digest}"),
            Requester::Nobody => "nobody".into(),
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

/// What a requester presents: headers on HTTP routes, query parameters on WebSocket routes
/// (browsers cannot set headers on a WebSocket).
enum Credentials {
    /// `field` names where the id came from, for the error that refuses a malformed one.
    User { id: String, hash: String, field: &'static str },
    Token(String),
    None,
}

impl Credentials {
    fn from_headers(req: &Request) -> Result<Credentials, ApiError> {
        let headers = req.headers();
        if let Some(id) = headers.get("x-user-id")? {
            return Ok(Credentials::User { id, hash: headers.get("x-user-hash")?.unwrap_or_default(), field: "X-User-Id" });
        }
        Ok(headers.get("x-requester-token")?.map_or(Credentials::None, Credentials::Token))
    }

    fn from_query(req: &Request) -> Result<Credentials, ApiError> {
        if let Some(id) = query(req, "userId")? {
            return Ok(Credentials::User { id, hash: query(req, "userHash")?.unwrap_or_default(), field: "userId" });
        }
        Ok(query(req, "token")?.map_or(Credentials::None, Credentials::Token))
    }

    /// A malformed user id is invalid (422); a wrong hash or an unknown token is refused (401),
    /// never ignored.
    async fn verify(self, call: &Call, site: &Site) -> Result<Requester, ApiError> {
        match self {
            Credentials::User { id, hash, field } => {
                if id.is_empty() || id.chars().count() > USER_ID {
                    return Err(ApiError::invalid(field, format!("must be 1 to {USER_ID} characters")));
                }
                let secret = site_secret(call, site)?;
                if !user_verified(secret.as_bytes(), &id, &hash) {
                    return Err(ApiError::Unauthorized("the identity hash does not match the user id"));
                }
                Ok(Requester::User(id))
            }
            Credentials::Token(token) => {
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
            Credentials::None => Ok(Requester::Nobody),
        }
    }
}

/// Identifies the requester from `X-User-Id` + `X-User-Hash` or `X-Requester-Token`.
pub async fn requester(req: &Request, call: &Call, site: &Site) -> Result<Requester, ApiError> {
    Credentials::from_headers(req)?.verify(call, site).await
}

/// Identifies the requester of a WebSocket route from `?userId=&userHash=` or `?token=`.
pub async fn requester_from_query(req: &Request, call: &Call, site: &Site) -> Result<Requester, ApiError> {
    Credentials::from_query(req)?.verify(call, site).await
}

/// A signed-in person of the team, through one of their credentials (a sign-in session or an
/// integration token).
pub struct Agent {
    pub id: String,
    pub site: String,
    pub name: String,
    /// Where live chats are offered to them first.
    pub department: String,
    /// Their roles and departments, as `desk::team` judges them.
    pub member: Member,
    /// What the credential may be used for: a session, everything the person may do.
    pub scopes: Vec<TokenScope>,
    pub credential_id: String,
}

impl Agent {
    /// Refuses (403) what the person may not do, or what their credential does not cover.
    pub fn require(&self, ability: Ability) -> Result<(), ApiError> {
        if !self.member.may(ability) {
            return Err(ApiError::Forbidden("your role does not allow this"));
        }
        if !self.scopes.contains(&ability.token_scope()) {
            return Err(ApiError::Forbidden("this token's scopes do not allow this"));
        }
        Ok(())
    }

    /// The departments whose cases this person sees.
    pub fn scope(&self) -> Scope {
        self.member.scope()
    }
}

#[derive(Deserialize)]
struct AgentRow {
    id: String,
    site: String,
    name: String,
    department: String,
    roles: String,
    departments: String,
    scopes: String,
    credential_id: String,
}

/// The person whose bearer credential this request carries: `Authorization: Bearer`, or
/// `?agent_token=` on WebSocket routes (browsers cannot set headers on a WebSocket). Revoked or
/// expired credentials and deactivated people are refused, on every request.
pub async fn agent(req: &Request, call: &Call) -> Result<Agent, ApiError> {
    let header = req.headers().get("authorization")?.unwrap_or_default();
    let token = match header.strip_prefix("Bearer ").map(str::trim).filter(|t| !t.is_empty()) {
        Some(token) => token.to_string(),
        None => query(req, "agent_token")?.ok_or(ApiError::Unauthorized("send Authorization: Bearer <token> (or ?agent_token= on a socket)"))?,
    };
    let row = call
        .db
        .prepare(
            "SELECT a.id, a.site, a.name, a.department, a.roles, c.scopes, c.id AS credential_id,
                (SELECT json_group_array(d.department) FROM agent_departments d WHERE d.agent_id = a.id) AS departments
             FROM credentials c JOIN agents a ON a.id = c.agent_id
             WHERE c.token_digest = ?1 AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > ?2) AND a.active = 1",
        )
        .bind(&[token_digest(&token).into(), int(call.now)])?
        .first::<AgentRow>(None)
        .await?
        .ok_or(ApiError::Unauthorized("unknown, expired or revoked token"))?;
    let member = Member { id: row.id.clone(), roles: serde_json::from_str(&row.roles)?, departments: serde_json::from_str(&row.departments)? };
    Ok(Agent { id: row.id, site: row.site, name: row.name, department: row.department, member, scopes: serde_json::from_str(&row.scopes)?, credential_id: row.credential_id })
}

/// The site an agent works for.
pub fn agent_site(agent: &Agent) -> Result<&'static Site, ApiError> {
    sites::all().get(&agent.site).ok_or_else(|| ApiError::Internal(format!("agent {} belongs to unknown site {}", agent.id, agent.site)))
}

/// The site's identity secret (a wrangler secret; `.dev.vars` locally).
pub fn site_secret(call: &Call, site: &Site) -> Result<String, ApiError> {
    secret_in(&call.env, site)
}

/// [`site_secret`] outside an HTTP request (the cron trigger, an inbound mail).
pub fn secret_in(env: &worker::Env, site: &Site) -> Result<String, ApiError> {
    env.secret(&site.secret_var).map(|s| s.to_string()).map_err(|_| ApiError::Internal(format!("secret {} is not set", site.secret_var)))
}

/// A fresh random id or secret: 128 bits from the platform's CSPRNG, hex.
pub fn random_hex() -> Result<String, ApiError> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes).map_err(|e| ApiError::Internal(format!("getrandom: {e}")))?;
    Ok(desk::identity::secret_from(&bytes))
}
