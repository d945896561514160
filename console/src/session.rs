//! What the console remembers in this browser tab: the agent token (sessionStorage, so it goes
//! when the tab closes) and the chosen language (localStorage, it is only a preference).

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
