//! What the console remembers in this browser tab: the agent token (sessionStorage, so it goes
//! when the tab closes), whether it is a session of a password sign-in (signing out ends those
//! at the edge too; a pasted integration token is only forgotten, as other tools still use it),
//! and the chosen language (localStorage, it is only a preference).

use browser_kit::http::EdgeError;
use wire::error::ErrorCode;

const TOKEN_KEY: &str = "help-console.agent-token";
const BY_PASSWORD_KEY: &str = "help-console.by-password";
const LOCALE_KEY: &str = "help-console.locale";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn token() -> Option<String> {
    session_storage()?.get_item(TOKEN_KEY).ok().flatten().filter(|t| !t.is_empty())
}

pub fn keep_token(token: &str) {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(TOKEN_KEY, token);
    }
}

pub fn forget_token() {
    if let Some(storage) = session_storage() {
        let _ = storage.remove_item(TOKEN_KEY);
        let _ = storage.remove_item(BY_PASSWORD_KEY);
    }
}

/// Marks the kept token as a sign-in session (kept before the token itself).
pub fn keep_by_password() {
    if let Some(storage) = session_storage() {
        let _ = storage.set_item(BY_PASSWORD_KEY, "1");
    }
}

pub fn by_password() -> bool {
    session_storage().and_then(|s| s.get_item(BY_PASSWORD_KEY).ok().flatten()).is_some()
}

pub fn locale() -> Option<String> {
    local_storage()?.get_item(LOCALE_KEY).ok().flatten()
}

pub fn keep_locale(tag: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LOCALE_KEY, tag);
    }
}

/// Whether a failed check of the kept token ends the session: only the edge's word that the
/// token is not valid does. Offline at a reload, or an edge that fails, keeps the agent signed
/// in, to try again.
pub fn signs_out(error: &EdgeError) -> bool {
    error.is(ErrorCode::Unauthorized)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_unauthorized_answer_signs_the_agent_out() {
        let refused = |status, code| EdgeError::Refused { status, code, message: String::new() };
        assert!(signs_out(&refused(401, ErrorCode::Unauthorized)));
        assert!(!signs_out(&EdgeError::Offline));
        assert!(!signs_out(&refused(503, ErrorCode::Unavailable)));
        assert!(!signs_out(&refused(500, ErrorCode::Internal)));
        assert!(!signs_out(&refused(429, ErrorCode::RateLimited)));
        assert!(!signs_out(&EdgeError::Unreadable { detail: "agent".into() }));
    }
}
