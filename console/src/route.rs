//! Where the console is, in the URL's fragment, so the back button, reloads and links work:
//! `#/tickets`, `#/tickets/<id>`, `#/analytics`, `#/chats`, `#/team`, `#/audit`, and
//! `#/accept/<token>` (an invitation's one-time link, opened before anyone is signed in).

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Tickets,
    Ticket(String),
    Analytics,
    /// Live chat's queue and chat tabs: its place in the console (see views/chats.rs).
    Chats,
    /// People, integration tokens and the retention setting (admins).
    Team,
    /// The audit log (admins).
    Audit,
    /// Choosing a password through an invitation's (or a rotation's) one-time link.
    Accept(String),
}

impl Screen {
    pub fn from_hash(hash: &str) -> Screen {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/');
        match (parts.next(), parts.next()) {
            (Some("tickets"), Some(id)) if is_ticket_id(id) => Screen::Ticket(id.to_string()),
            (Some("analytics"), _) => Screen::Analytics,
            (Some("chats"), _) => Screen::Chats,
            (Some("team"), _) => Screen::Team,
            (Some("audit"), _) => Screen::Audit,
            (Some("accept"), Some(token)) if is_invitation(token) => Screen::Accept(token.to_string()),
            _ => Screen::Tickets,
        }
    }

    pub fn hash(&self) -> String {
        match self {
            Screen::Tickets => "#/tickets".into(),
            Screen::Ticket(id) => format!("#/tickets/{id}"),
            Screen::Analytics => "#/analytics".into(),
            Screen::Chats => "#/chats".into(),
            Screen::Team => "#/team".into(),
            Screen::Audit => "#/audit".into(),
            Screen::Accept(token) => format!("#/accept/{token}"),
        }
    }
}

/// Ticket ids are 32 hex digits; anything else in the fragment is not one.
fn is_ticket_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Invitation tokens are 64 hex digits (edge/src/routes/team.rs).
fn is_invitation(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_screens_and_back() {
        let id = "0123456789abcdef0123456789abcdef";
        let invitation = "ab".repeat(32);
        for screen in [Screen::Tickets, Screen::Ticket(id.into()), Screen::Analytics, Screen::Chats, Screen::Team, Screen::Audit, Screen::Accept(invitation)] {
            assert_eq!(Screen::from_hash(&screen.hash()), screen);
        }
    }

    #[test]
    fn anything_else_is_the_ticket_list() {
        for hash in ["", "#", "#/nowhere", "#/tickets/<script>", "#/tickets/123", "#/accept/", "#/accept/x\"onload"] {
            assert_eq!(Screen::from_hash(hash), Screen::Tickets, "{hash}");
        }
    }
}
