//! Who is asking. A logged-in user arrives with the host's `userHash` = HMAC-SHA256(site
//! secret, user id) in hex, as Intercom and Zendesk do it; an anonymous one holds a random
//! requester token, of which only the SHA-256 is stored (so is every agent token).

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Whether `hash_hex` is the site's signature of `user_id`; compared in constant time.
pub fn user_verified(secret: &[u8], user_id: &str, hash_hex: &str) -> bool {
    let Ok(claimed) = hex::decode(hash_hex.trim()) else { return false };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else { return false };
    mac.update(user_id.as_bytes());
    mac.verify_slice(&claimed).is_ok()
}

/// The signature a host computes for its user (for tests and the demo page's documentation).
pub fn sign_user(secret: &[u8], user_id: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes keys of any length");
    mac.update(user_id.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// An anonymous requester's token, derived from their id with the site secret: an idempotent
/// retry can hand out the same token again although only its digest is stored.
pub fn requester_token(secret: &[u8], requester_id: &str) -> String {
    sign_user(secret, &format!("requester-token:{requester_id}"))
}

/// What is stored for a bearer secret (requester or agent token).
pub fn token_digest(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A bearer secret or id from random bytes: hex keeps it URL- and header-safe.
pub fn secret_from(random: &[u8]) -> String {
    hex::encode(random)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_verifies_only_for_its_user_and_secret() {
        let hash = sign_user(b"demo-site-secret-change-me", "user-42");
        assert!(user_verified(b"demo-site-secret-change-me", "user-42", &hash));
        assert!(user_verified(b"demo-site-secret-change-me", "user-42", &hash.to_uppercase()));
        assert!(!user_verified(b"demo-site-secret-change-me", "user-43", &hash));
        assert!(!user_verified(b"another-secret", "user-42", &hash));
        assert!(!user_verified(b"demo-site-secret-change-me", "user-42", "not hex"));
        assert!(!user_verified(b"demo-site-secret-change-me", "user-42", &hash[..32]));
    }

    #[test]
    fn the_hmac_matches_the_rfc_4231_vector() {
        // RFC 4231 test case 2.
        assert_eq!(
            sign_user(b"Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn token_digests_are_sha256_hex() {
        assert_eq!(token_digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(secret_from(&[0xab, 0x01]), "ab01");
        assert_ne!(requester_token(b"k", "r1"), requester_token(b"k", "r2"));
        assert_ne!(requester_token(b"k", "u"), sign_user(b"k", "u"), "a token is no user signature");
    }
}
