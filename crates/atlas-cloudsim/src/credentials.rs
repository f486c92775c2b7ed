//! What a person or a test needs to connect to the simulator: per tenant, the directory id,
//! domain, the simulated app registration and the URLs (for `atlas sim serve` to print).

use std::fmt::Write as _;

use serde::Serialize;
use uuid::Uuid;

use crate::model::TenantInfo;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TenantCredentials {
    pub tenant_id: Uuid,
    pub display_name: String,
    pub primary_domain: String,
    pub client_id: Uuid,
    /// Simulated only: accepted by this simulator and nowhere else.
    pub client_secret: String,
    /// Authority root (what replaces `https://login.microsoftonline.com`).
    pub authority_url: String,
    pub token_endpoint: String,
    /// Graph root (what replaces `https://graph.microsoft.com`).
    pub graph_url: String,
}

impl TenantCredentials {
    pub fn new(info: &TenantInfo, base_url: &str) -> Self {
        Self {
            tenant_id: info.tenant_id,
            display_name: info.display_name.clone(),
            primary_domain: info.primary_domain.clone(),
            client_id: info.client_id,
            client_secret: info.client_secret.clone(),
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
        let _ = writeln!(out, "  authority:      {}", c.authority_url);
        let _ = writeln!(out, "  token endpoint: {}", c.token_endpoint);
        let _ = writeln!(out, "  graph:          {}", c.graph_url);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_names_everything_a_client_needs() {
        let info = crate::generate::tenant_info(1, 0);
        let c = TenantCredentials::new(&info, "http://127.0.0.1:8080");
        let text = describe(std::slice::from_ref(&c));
        for needle in [
            info.tenant_id.to_string(),
            info.client_id.to_string(),
            info.client_secret.clone(),
            info.primary_domain.clone(),
            format!("http://127.0.0.1:8080/{}/oauth2/v2.0/token", info.tenant_id),
        ] {
            assert!(text.contains(&needle), "{needle} missing from {text}");
        }
    }
}
