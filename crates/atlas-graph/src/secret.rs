//! Who the client authenticates as, and with what: a client secret or a certificate. Neither
//! ever shows itself — `Debug` and `Display` print a marker (a certificate its thumbprint, which
//! is public) — so a credential cannot leak through a log line, an error or a run record.

mod certificate;

use std::fmt;

pub use certificate::ClientCertificate;

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

impl From<String> for ClientSecret {
    fn from(secret: String) -> Self {
        Self(secret)
    }
}

impl From<&str> for ClientSecret {
    fn from(secret: &str) -> Self {
        Self(secret.to_owned())
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

/// How the app proves who it is at the token endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClientCredential {
    /// `client_secret` in the token request.
    Secret(ClientSecret),
    /// A client assertion signed with the certificate's key, made fresh for each request.
    Certificate(ClientCertificate),
}

/// Who the client authenticates as, for one customer tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The directory (tenant) id or a verified domain.
    pub tenant: String,
    pub client_id: String,
    pub credential: ClientCredential,
}

impl Credentials {
    pub fn with_secret(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        secret: impl Into<ClientSecret>,
    ) -> Self {
        Self {
            tenant: tenant.into(),
            client_id: client_id.into(),
            credential: ClientCredential::Secret(secret.into()),
        }
    }

    pub fn with_certificate(
        tenant: impl Into<String>,
        client_id: impl Into<String>,
        certificate: ClientCertificate,
    ) -> Self {
        Self {
            tenant: tenant.into(),
            client_id: client_id.into(),
            credential: ClientCredential::Certificate(certificate),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let c = Credentials::with_secret("t", "c", "hunter2-very-secret");
        let ClientCredential::Secret(secret) = &c.credential else {
            panic!("a secret credential");
        };
        let shown = format!("{c:?} {secret} {secret:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert_eq!(secret.expose(), "hunter2-very-secret");
    }
}
