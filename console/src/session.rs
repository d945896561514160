//! What the console remembers in this browser tab: the agent token (sessionStorage, so it goes
//! when the tab closes) and the chosen language (localStorage, it is only a preference).

use browser_kit::http::EdgeError;
use wire::error::ErrorCode;

const TOKEN_KEY: &str = "help-console.agent-token";
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
    }
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
