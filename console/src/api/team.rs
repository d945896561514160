//! The team's routes (edge/openapi.yaml under /api/v1/team, /api/v1/audit, /api/v1/requesters):
//! signing in, people, integration tokens, the retention and mail settings, the audit log and one
//! requester's data.

use browser_kit::http::EdgeError;
use wasm_bindgen::JsValue;
use wire::team::{
    AcceptInvitation, ApiTokenCreated, ApiTokenList, AuditPage, Erased, Erasure, InvitationCreated, NewApiToken, NewInvitation, PeopleList, Person, PersonUpdate,
    Session, SignIn, SiteSettings,
};

use wire::mail::{MailSettings, MailSettingsView};

use super::{encode, Api};

/// What the audit log is filtered by (each optional), and where its page starts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AuditQuery {
    /// Milliseconds since the epoch, inclusive.
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// An audited action's wire name.
    pub action: Option<String>,
    /// A person's id.
    pub actor: Option<String>,
    pub before: Option<i64>,
}

impl AuditQuery {
    fn to_query(&self) -> String {
        let numbers = [("from", self.from), ("to", self.to), ("before", self.before)];
        let texts = [("action", &self.action), ("actor", &self.actor)];
        numbers
            .iter()
            .filter_map(|(name, v)| v.map(|v| format!("{name}={v}")))
            .chain(texts.iter().filter_map(|(name, v)| v.as_ref().map(|v| format!("{name}={}", encode(v)))))
            .collect::<Vec<_>>()
            .join("&")
    }
}

impl Api {
    /// Email and password; the answer's token is a session of this tab.
    pub async fn sign_in(site: &str, email: &str, password: &str) -> Result<Session, EdgeError> {
        let body = SignIn { site: site.to_string(), email: email.trim().to_string(), password: password.to_string() };
        Api::new("").call("POST", "/team/sign-in", Some(&body)).await
    }

    /// An invitation's one-time token and the password its person chose.
    pub async fn accept(token: &str, password: &str) -> Result<Session, EdgeError> {
        Api::new("").call("POST", "/team/invitations/accept", Some(&AcceptInvitation { token: token.to_string(), password: password.to_string() })).await
    }

    /// Ends this session at the edge (not only in the tab).
    pub async fn sign_out(&self) -> Result<(), EdgeError> {
        self.call("POST", "/team/sign-out", None::<&()>).await
    }

    pub async fn people(&self) -> Result<PeopleList, EdgeError> {
        self.call("GET", "/team/people", None::<&()>).await
    }

    pub async fn invite(&self, invitation: &NewInvitation) -> Result<InvitationCreated, EdgeError> {
        self.call("POST", "/team/invitations", Some(invitation)).await
    }

    pub async fn update_person(&self, id: &str, update: &PersonUpdate) -> Result<Person, EdgeError> {
        self.call("PATCH", &format!("/team/people/{}", encode(id)), Some(update)).await
    }

    /// Revokes every credential of the person; the answer carries their new one-time link's token.
    pub async fn rotate(&self, id: &str) -> Result<InvitationCreated, EdgeError> {
        self.call("POST", &format!("/team/people/{}/rotate", encode(id)), None::<&()>).await
    }

    pub async fn api_tokens(&self) -> Result<ApiTokenList, EdgeError> {
        self.call("GET", "/team/tokens", None::<&()>).await
    }

    pub async fn create_api_token(&self, token: &NewApiToken) -> Result<ApiTokenCreated, EdgeError> {
        self.call("POST", "/team/tokens", Some(token)).await
    }

    pub async fn revoke_api_token(&self, id: &str) -> Result<(), EdgeError> {
        self.call("DELETE", &format!("/team/tokens/{}", encode(id)), None::<&()>).await
    }

    pub async fn settings(&self) -> Result<SiteSettings, EdgeError> {
        self.call("GET", "/team/settings", None::<&()>).await
    }

    pub async fn set_settings(&self, settings: &SiteSettings) -> Result<SiteSettings, EdgeError> {
        self.call("PUT", "/team/settings", Some(settings)).await
    }

    pub async fn mail_settings(&self) -> Result<MailSettingsView, EdgeError> {
        self.call("GET", "/mail/settings", None::<&()>).await
    }

    pub async fn set_mail_settings(&self, settings: &MailSettings) -> Result<MailSettingsView, EdgeError> {
        self.call("PUT", "/mail/settings", Some(settings)).await
    }

    pub async fn audit(&self, query: &AuditQuery) -> Result<AuditPage, EdgeError> {
        self.call("GET", &format!("/audit?{}", query.to_query()), None::<&()>).await
    }

    /// Everything about the requester of a ticket, as the edge's JSON (downloaded as is).
    pub async fn export_requester(&self, ticket_id: &str) -> Result<JsValue, EdgeError> {
        self.raw("GET", &format!("/requesters/export?ticket_id={}", encode(ticket_id)), None::<&()>).await
    }

    pub async fn erase_requester(&self, erasure: &Erasure) -> Result<Erased, EdgeError> {
        self.call("POST", "/requesters/erase", Some(erasure)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_audit_query_sends_only_what_is_set() {
        assert_eq!(AuditQuery::default().to_query(), "");
        let query = AuditQuery { from: Some(1), to: None, action: Some("sign_in".into()), actor: Some("a b".into()), before: Some(9) };
        assert_eq!(query.to_query(), "from=1&before=9&action=sign_in&actor=a%20b");
    }
}
