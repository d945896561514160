//! Passwords of the team: what a new one must be, how a stored one is written, and how sign-in
//! failures slow down a guesser. The key derivation itself (PBKDF2-HMAC-SHA256) runs where it is
//! fast: the worker's WebCrypto, or Node's crypto in `edge/tools/agents.mjs`.

use crate::{DeskError, Millis};

/// PBKDF2 rounds: the most the Workers runtime's WebCrypto accepts (100,000), about 30 ms there.
pub const ITERATIONS: u32 = 100_000;
/// Characters a password must have at least; long passphrases are welcome.
pub const MIN_CHARS: usize = 10;
pub const MAX_CHARS: usize = 200;
/// Sign-in failures in a row before the account is locked for a while.
pub const FAILURES_BEFORE_LOCK: u32 = 5;
const FIRST_LOCK: Millis = 60 * 1000;
const LONGEST_LOCK: Millis = 60 * 60 * 1000;

/// A new password: long enough to resist guessing, short enough to hash cheaply.
pub fn check_new(password: &str) -> Result<(), DeskError> {
    let chars = password.chars().count();
    if !(MIN_CHARS..=MAX_CHARS).contains(&chars) {
        return Err(DeskError::invalid("password", format!("must be {MIN_CHARS} to {MAX_CHARS} characters")));
    }
    if password.trim().is_empty() {
        return Err(DeskError::invalid("password", "must not be only spaces"));
    }
    Ok(())
}

/// A stored password: `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPassword {
    pub iterations: u32,
    pub salt: Vec<u8>,
    pub hash: Vec<u8>,
}

impl StoredPassword {
    pub fn parse(stored: &str) -> Option<StoredPassword> {
        let mut parts = stored.split('$');
        if parts.next()? != "pbkdf2-sha256" {
            return None;
        }
        let iterations = parts.next()?.parse().ok().filter(|n| *n > 0)?;
        let salt = hex::decode(parts.next()?).ok()?;
        let hash = hex::decode(parts.next()?).ok()?;
        (parts.next().is_none() && !salt.is_empty() && hash.len() == 32).then_some(StoredPassword { iterations, salt, hash })
    }

    pub fn format(&self) -> String {
        format!("pbkdf2-sha256${}${}${}", self.iterations, hex::encode(&self.salt), hex::encode(&self.hash))
    }

    /// Whether `derived` (the candidate password derived with this salt and these iterations)
    /// is the stored hash; compared in constant time.
    pub fn matches(&self, derived: &[u8]) -> bool {
        derived.len() == self.hash.len() && derived.iter().zip(&self.hash).fold(0u8, |diff, (a, b)| diff | (a ^ b)) == 0
    }
}

/// How long an account stays locked after `failures` failed sign-ins in a row: none before
/// [`FAILURES_BEFORE_LOCK`], then a minute, doubling with each further failure up to an hour.
pub fn lock_for(failures: u32) -> Option<Millis> {
    let beyond = failures.checked_sub(FAILURES_BEFORE_LOCK)?;
    Some(FIRST_LOCK.saturating_mul(1 << beyond.min(10)).min(LONGEST_LOCK))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_password_reads_back_and_foreign_formats_do_not() {
        let stored = StoredPassword { iterations: ITERATIONS, salt: vec![1, 2, 3], hash: vec![7; 32] };
        assert_eq!(StoredPassword::parse(&stored.format()), Some(stored.clone()));
        for bad in ["", "bcrypt$10$x$y", "pbkdf2-sha256$0$01$07", "pbkdf2-sha256$10$zz$07", "pbkdf2-sha256$10$01$0707", &format!("{}$extra", stored.format())] {
            assert_eq!(StoredPassword::parse(bad), None, "{bad}");
        }
        assert!(stored.matches(&[7; 32]));
        assert!(!stored.matches(&[8; 32]) && !stored.matches(&[7; 31]));
    }

    #[test]
    fn new_passwords_are_long_enough_and_not_blank() {
        assert!(check_new("correct horse").is_ok());
        assert!(check_new("short").is_err());
        assert!(check_new("            ").is_err());
        assert!(check_new(&"x".repeat(MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn failures_lock_the_account_longer_each_time_up_to_an_hour() {
        assert_eq!(lock_for(FAILURES_BEFORE_LOCK - 1), None);
        assert_eq!(lock_for(FAILURES_BEFORE_LOCK), Some(60_000));
        assert_eq!(lock_for(FAILURES_BEFORE_LOCK + 1), Some(120_000));
        assert_eq!(lock_for(FAILURES_BEFORE_LOCK + 30), Some(3_600_000));
    }
}
