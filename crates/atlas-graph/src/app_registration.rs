//! What the customer's app registration says about the credential TenantAtlas signs in with:
//! when it ends. Read from `applications(appId='…')` (needs `Application.Read.All`); the secret
//! is found among the registration's secrets by its hint (Entra keeps a secret's first three
//! characters), the certificate by its thumbprint. Nothing of either leaves this module.

use atlas_domain::Timestamp;
use serde_json::Value;

use crate::{ApiVersion, ClientCredential, Credentials, GraphClient, GraphError, ListQuery};

impl GraphClient {
    /// When the app registration says the credential in `credentials` ends; `None` when it
    /// lists no matching secret or certificate with an end date.
    pub async fn credential_end(
        &self,
        credentials: &Credentials,
    ) -> Result<Option<Timestamp>, GraphError> {
        let query = ListQuery {
            select: vec!["passwordCredentials".into(), "keyCredentials".into()],
            ..Default::default()
        };
        let client = credentials.client_id.replace('\'', "''");
        let url = self.url(
            ApiVersion::V1,
            &format!("applications(appId='{client}')"),
            &query,
        )?;
        let (registration, _) = self.get_json(credentials, &url).await?;
        Ok(end_of(&registration, &credentials.credential))
    }
}

/// The end date of the registration's entry for `credential`.
fn end_of(registration: &Value, credential: &ClientCredential) -> Option<Timestamp> {
    // Secrets are told apart by their hint, certificates by their thumbprint.
    let (list, field, wanted) = match credential {
        ClientCredential::Secret(secret) => (
            "passwordCredentials",
            "hint",
            secret.expose().chars().take(3).collect::<String>(),
        ),
        ClientCredential::Certificate(certificate) => (
            "keyCredentials",
            "customKeyIdentifier",
            certificate.thumbprint(),
        ),
    };
    registration[list]
        .as_array()?
        .iter()
        // Thumbprints are hex in either case; hints are the secret's own characters.
        .filter(|c| {
            c[field].as_str().is_some_and(|v| {
                v == wanted || (field == "customKeyIdentifier" && v.eq_ignore_ascii_case(&wanted))
            })
        })
        .filter_map(|c| serde_json::from_value::<Timestamp>(c["endDateTime"].clone()).ok())
        // Two secrets with the same first characters: the earlier end never hides a warning.
        .min_by_key(Timestamp::unix_millis)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ClientSecret;

    #[test]
    fn the_secret_is_found_by_its_hint_and_the_earlier_end_wins() {
        let registration = json!({"passwordCredentials": [
            {"hint": "abc", "endDateTime": "2027-06-01T00:00:00Z"},
            {"hint": "xyz", "endDateTime": "2026-12-20T00:00:00Z"},
            {"hint": "abc", "endDateTime": "2027-03-01T00:00:00Z"}
        ]});
        let secret = ClientCredential::Secret(ClientSecret::new("abcdef123"));
        let end = end_of(&registration, &secret).unwrap();
        assert_eq!(end.to_rfc3339(), "2027-03-01T00:00:00.000Z");
        let other = ClientCredential::Secret(ClientSecret::new("qqq"));
        assert_eq!(end_of(&registration, &other), None);
        assert_eq!(end_of(&json!({}), &secret), None);
    }
}
