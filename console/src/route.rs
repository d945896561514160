//! Where the console is, in the URL's fragment, so the back button, reloads and links work:
//! `#/tickets`, `#/tickets/<id>`, `#/tasks`, `#/analytics`, `#/staffing`, `#/chats`, `#/team`, `#/mail`, `#/audit`, the knowledge
//! base (`#/kb`, `#/kb/new`, `#/kb/articles/<id>`), and
//! `#/accept/<token>` (an invitation's one-time link, opened before anyone is signed in).

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Screen {
    Tickets,
    Ticket(String),
    /// The tasks other departments asked of the person's departments.
    Tasks,
    Analytics,
    /// Staffing: the forecast against the shifts planned, and the plan (leads and admins).
    Staffing,
    /// Live chat's queue and chat tabs: its place in the console (see views/chats.rs).
    Chats,
    /// People, integration tokens and the retention setting (admins).
    Team,
    /// The site's mail settings (admins).
    Mail,
    /// The audit log (admins).
    Audit,
    /// The knowledge base: the tree and the article list (editors).
    Kb,
    /// A new article in the editor.
    KbNew,
    /// An article in the editor.
    KbArticle(String),
    /// Choosing a password through an invitation's (or a rotation's) one-time link.
    Accept(String),
}

impl Screen {
    pub fn from_hash(hash: &str) -> Screen {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.split('/');
        match (parts.next(), parts.next()) {
            (Some("tickets"), Some(id)) if is_ticket_id(id) => Screen::Ticket(id.to_string()),
            (Some("tasks"), _) => Screen::Tasks,
            (Some("analytics"), _) => Screen::Analytics,
            (Some("staffing"), _) => Screen::Staffing,
            (Some("chats"), _) => Screen::Chats,
            (Some("team"), _) => Screen::Team,
            (Some("mail"), _) => Screen::Mail,
            (Some("audit"), _) => Screen::Audit,
            (Some("kb"), Some("new")) => Screen::KbNew,
            (Some("kb"), Some("articles")) => match parts.next() {
                Some(id) if is_article_id(id) => Screen::KbArticle(id.to_string()),
                _ => Screen::Kb,
            },
            (Some("kb"), _) => Screen::Kb,
            (Some("accept"), Some(token)) if is_invitation(token) => Screen::Accept(token.to_string()),
            _ => Screen::Tickets,
        }
    }

    pub fn hash(&self) -> String {
        match self {
            Screen::Tickets => "#/tickets".into(),
            Screen::Ticket(id) => format!("#/tickets/{id}"),
            Screen::Tasks => "#/tasks".into(),
            Screen::Analytics => "#/analytics".into(),
            Screen::Staffing => "#/staffing".into(),
            Screen::Chats => "#/chats".into(),
            Screen::Team => "#/team".into(),
            Screen::Mail => "#/mail".into(),
            Screen::Audit => "#/audit".into(),
            Screen::Kb => "#/kb".into(),
            Screen::KbNew => "#/kb/new".into(),
            Screen::KbArticle(id) => format!("#/kb/articles/{id}"),
            Screen::Accept(token) => format!("#/accept/{token}"),
        }
    }
}

/// Ticket ids are 32 hex digits; anything else in the fragment is not one.
fn is_ticket_id(id: &str) -> bool {
    id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Article ids are the edge's 16 hex digits or an import's ids (digits, letters, `-`, `_`).
fn is_article_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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
        for screen in [Screen::Tickets, Screen::Ticket(id.into()), Screen::Tasks, Screen::Analytics, Screen::Chats, Screen::Team, Screen::Audit, Screen::Accept(invitation)]
            .into_iter()
            .chain([Screen::Kb, Screen::KbNew, Screen::KbArticle("4435050".into()), Screen::KbArticle("0a1b2c3d4e5f6a7b".into())])
        {
            assert_eq!(Screen::from_hash(&screen.hash()), screen);
        }
    }

    #[test]
    fn anything_else_is_the_ticket_list() {
        for hash in ["", "#", "#/nowhere", "#/tickets/<script>", "#/tickets/123", "#/accept/", "#/accept/x\"onload", "#/ticketsx"] {
            assert_eq!(Screen::from_hash(hash), Screen::Tickets, "{hash}");
        }
        for hash in ["#/kb/articles/<b>", "#/kb/articles/", "#/kb/whatever"] {
            assert_eq!(Screen::from_hash(hash), Screen::Kb, "{hash}");
        }
    }
}
