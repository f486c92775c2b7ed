//! "Every token issued so far is now expired" (the mid-run token expiry fault). Tokens carry
//! their issue time only in whole seconds, so a time cut-off cannot tell a token issued just
//! before the expiry from one issued just after it; instead every token the token endpoint
//! issues is remembered (by signature, until it expires anyway), and an expiry revokes exactly
//! those.

use std::collections::HashMap;

#[derive(Debug, Default)]
pub(crate) struct Revocation {
    /// Signature → expiry (Unix seconds) of tokens issued since the last expiry.
    issued: HashMap<String, i64>,
    revoked: HashMap<String, i64>,
}

impl Revocation {
    pub fn issued(&mut self, signature: &str, expires_at: i64) {
        self.issued.insert(signature.to_owned(), expires_at);
    }

    /// Whether a token (valid signature and lifetime) is still accepted.
    pub fn admit(&self, signature: &str) -> bool {
        !self.revoked.contains_key(signature)
    }

    /// Revokes every token issued until `now` (Unix seconds); forgets those past their expiry,
    /// which their lifetime refuses anyway.
    pub fn expire_all(&mut self, now: i64) {
        self.revoked.extend(self.issued.drain());
        self.revoked.retain(|_, expires_at| *expires_at > now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_issued_before_the_expiry_are_refused_later_ones_pass() {
        let mut r = Revocation::default();
        r.issued("a", 4_000);
        r.issued("old", 150);
        assert!(r.admit("a"));
        r.expire_all(200);
        assert!(!r.admit("a"));
        assert!(r.admit("b"), "never issued here: its signature decides");
        r.issued("b", 4_000);
        assert!(r.admit("b"), "issued after the expiry");
        assert_eq!(r.revoked.len(), 1, "the long-expired token is forgotten");
        r.expire_all(200);
        assert!(!r.admit("b"));
    }
}
