//! A client secret that never shows itself: `Debug` and `Display` print a marker, so it cannot
//! leak through a log line, an error or a run record.

use std::fmt;

#[derive(Clone, PartialEq, Eq)]
pub struct ClientSecret(String);

impl ClientSecret {
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself, for the one place that sends it: the token request.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ClientSecret(***)")
    }
}

impl fmt::Display for ClientSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

/// Who the client authenticates as, for one customer tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The directory (tenant) id or a verified domain.
    pub tenant: String,
    pub client_id: String,
    pub secret: ClientSecret,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let c = Credentials {
            tenant: "t".into(),
            client_id: "c".into(),
            secret: ClientSecret::new("hunter2-very-secret"),
        };
        let shown = format!("{c:?} {}", c.secret);
        assert!(!shown.contains("hunter2"), "{shown}");
    }
}
