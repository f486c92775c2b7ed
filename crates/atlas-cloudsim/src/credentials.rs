//! What a person or a test needs to connect to the simulator: per tenant, the directory id,
//! domain, the simulated app registration with both of its credentials (a client secret and a
//! certificate) and the URLs (for `atlas sim serve` to print).

use std::fmt::{self, Write as _};
use std::path::PathBuf;

use serde::Serialize;
use uuid::Uuid;

use crate::model::TenantInfo;

#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct TenantCredentials {
    pub tenant_id: Uuid,
    pub display_name: String,
    pub primary_domain: String,
    pub client_id: Uuid,
    /// Simulated only: accepted by this simulator and nowhere else.
    pub client_secret: String,
    /// The app registration's certificate, for signed client assertions instead of the secret.
    pub certificate: CertificateCredential,
    /// Authority root (what replaces `https://login.microsoftonline.com`).
    pub authority_url: String,
    pub token_endpoint: String,
    /// Graph root (what replaces `https://graph.microsoft.com`).
    pub graph_url: String,
}

/// A certificate registered on the app registration, with its (simulated) private key.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct CertificateCredential {
    /// SHA-1, upper-case hex, as the Entra portal shows it.
    pub thumbprint: String,
    pub certificate_pem: String,
    /// Simulated only: the key of a certificate registered on this simulator's apps alone.
    pub private_key_pem: String,
    /// The same two PEMs as files, for tools that want paths.
    pub certificate_path: PathBuf,
    pub private_key_path: PathBuf,
}

/// Simulated or not, secrets and keys stay out of `Debug` output.
impl fmt::Debug for TenantCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TenantCredentials")
            .field("tenant_id", &self.tenant_id)
            .field("primary_domain", &self.primary_domain)
            .field("client_id", &self.client_id)
            .field("client_secret", &"***")
            .field("certificate", &self.certificate)
            .field("authority_url", &self.authority_url)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for CertificateCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CertificateCredential")
            .field("thumbprint", &self.thumbprint)
            .field("certificate_path", &self.certificate_path)
            .field("private_key", &"***")
            .finish_non_exhaustive()
    }
}

impl TenantCredentials {
    pub fn new(info: &TenantInfo, base_url: &str, certificate: &CertificateCredential) -> Self {
        Self {
            tenant_id: info.tenant_id,
            display_name: info.display_name.clone(),
            primary_domain: info.primary_domain.clone(),
            client_id: info.client_id,
            client_secret: info.client_secret.clone(),
            certificate: certificate.clone(),
            authority_url: base_url.to_owned(),
            token_endpoint: format!("{base_url}/{}/oauth2/v2.0/token", info.tenant_id),
            graph_url: base_url.to_owned(),
        }
    }
}

/// A plain-text listing, one block per tenant.
pub fn describe(credentials: &[TenantCredentials]) -> String {
    let mut out = String::new();
    for c in credentials {
        let _ = writeln!(out, "{} ({})", c.display_name, c.primary_domain);
        let _ = writeln!(out, "  tenant id:      {}", c.tenant_id);
        let _ = writeln!(out, "  client id:      {}", c.client_id);
        let _ = writeln!(out, "  client secret:  {}  (simulated)", c.client_secret);
        let _ = writeln!(
            out,
            "  certificate:    {}  (thumbprint {})",
            c.certificate.certificate_path.display(),
            c.certificate.thumbprint
        );
        let _ = writeln!(
            out,
            "  private key:    {}  (simulated)",
            c.certificate.private_key_path.display()
        );
        let _ = writeln!(out, "  authority:      {}", c.authority_url);
        let _ = writeln!(out, "  token endpoint: {}", c.token_endpoint);
        let _ = writeln!(out, "  graph:          {}", c.graph_url);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn certificate() -> CertificateCredential {
        CertificateCredential {
            thumbprint: "AB12".into(),
            certificate_pem: "-----BEGIN CERTIFICATE-----".into(),
            private_key_pem: "-----BEGIN PRIVATE KEY-----\nsecret-key-bits".into(),
            certificate_path: "/tmp/sim/app-certificate.pem".into(),
            private_key_path: "/tmp/sim/app-private-key.pem".into(),
        }
    }

    #[test]
    fn the_listing_names_everything_a_client_needs() {
        let info = crate::generate::tenant_info(1, 0);
        let c = TenantCredentials::new(&info, "https://127.0.0.1:8080", &certificate());
        let text = describe(std::slice::from_ref(&c));
        for needle in [
            info.tenant_id.to_string(),
            info.client_id.to_string(),
            info.client_secret.clone(),
            info.primary_domain.clone(),
            format!(
                "https://127.0.0.1:8080/{}/oauth2/v2.0/token",
                info.tenant_id
            ),
            "/tmp/sim/app-certificate.pem  (thumbprint AB12)".into(),
            "/tmp/sim/app-private-key.pem".into(),
        ] {
            assert!(text.contains(&needle), "{needle} missing from {text}");
        }
    }

    #[test]
    fn debug_output_shows_no_secret_and_no_key() {
        let info = crate::generate::tenant_info(1, 0);
        let c = TenantCredentials::new(&info, "http://127.0.0.1:8080", &certificate());
        let shown = format!("{c:?}");
        assert!(!shown.contains(&info.client_secret), "{shown}");
        assert!(!shown.contains("secret-key-bits"), "{shown}");
        assert!(shown.contains("AB12"), "{shown}");
    }
}
