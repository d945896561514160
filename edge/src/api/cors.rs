//! CORS for the requester routes: only the site's allowed origins, preflight included. The
//! agent routes are for the console this worker serves itself, so they accept no cross-origin
//! callers at all. Browsers send `Origin` on WebSocket handshakes too but apply no CORS to them:
//! the same check is what keeps other sites from opening a user's or an agent's chat socket.

use desk::Site;
use worker::{Headers, Response};

use super::ApiError;

const ALLOWED_HEADERS: &str = "content-type, idempotency-key, x-user-id, x-user-hash, x-requester-token";
const ALLOWED_METHODS: &str = "GET, POST, OPTIONS";

/// The answer to a preflight from an origin the site allows.
pub fn preflight(origin: &str) -> Result<Response, ApiError> {
    let headers = Headers::new();
    headers.set("access-control-allow-methods", ALLOWED_METHODS)?;
    headers.set("access-control-allow-headers", ALLOWED_HEADERS)?;
    headers.set("access-control-max-age", "600")?;
    Ok(allow(Response::empty()?.with_status(204).with_headers(headers), origin))
}

/// Marks an answer as readable by `origin`.
pub fn allow(mut response: Response, origin: &str) -> Response {
    let headers = response.headers_mut();
    let _ = headers.set("access-control-allow-origin", origin);
    let _ = headers.set("access-control-expose-headers", "retry-after");
    let _ = headers.set("vary", "origin");
    response
}

/// Whether a cross-origin caller may use this path for this site.
pub fn allowed(path: &str, site: Option<&Site>, origin: &str) -> bool {
    // The help center's files are public: any host page's widget reads them.
    if path.starts_with("/index/") {
        return true;
    }
    let public = path.starts_with("/api/v1/tickets") || path.starts_with("/api/v1/chats") || path == "/api/v1/callbacks" || path == "/api/v1/events" || path == "/api/v1/mail/access";
    public && site.is_some_and(|s| s.origin_allowed(origin))
}
