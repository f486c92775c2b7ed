//! OAuth 2.0 client credentials against `{authority}/{tenant}/oauth2/v2.0/token`, scope
//! `https://graph.microsoft.com/.default`, authenticated with a client secret or a client
//! assertion signed with a certificate, with one cached token per (tenant, client) refreshed
//! shortly before it expires.

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use serde::Deserialize;
use tokio::sync::Mutex;

use crate::{
    error::{token_error, GraphError, ProviderReason},
    secret::ClientCredential,
    Credentials, GraphSettings,
};

pub const GRAPH_SCOPE: &str = "https://graph.microsoft.com/.default";

/// `client_assertion_type` of a certificate-signed client assertion (RFC 7523).
const JWT_BEARER: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

#[derive(Clone)]
struct CachedToken {
    value: String,
    refresh_at: Instant,
}

/// Tokens never appear in `Debug` output.
impl std::fmt::Debug for CachedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CachedToken(***)")
    }
}

/// Tokens by (tenant, client id, credential fingerprint): a changed secret or certificate
/// never reuses a token the old one earned.
#[derive(Default)]
pub(crate) struct TokenCache {
    tokens: Mutex<HashMap<CacheKey, CachedToken>>,
}

type CacheKey = (String, String, [u8; 32]);

/// Keys hold a digest of the credential: not printed either.
impl std::fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenCache(***)")
    }
}

fn cache_key(credentials: &Credentials) -> CacheKey {
    use sha2::{Digest, Sha256};
    let fingerprint = match &credentials.credential {
        ClientCredential::Secret(secret) => Sha256::digest(secret.expose().as_bytes()),
        ClientCredential::Certificate(certificate) => {
            Sha256::digest(certificate.thumbprint().as_bytes())
        }
    };
    (
        credentials.tenant.clone(),
        credentials.client_id.clone(),
        fingerprint.into(),
    )
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
}

impl TokenCache {
    /// A valid access token for these credentials, from the cache or freshly requested.
    pub(crate) async fn token(
        &self,
        http: &reqwest::Client,
        settings: &GraphSettings,
        credentials: &Credentials,
    ) -> Result<String, GraphError> {
        let key = cache_key(credentials);
        if let Some(cached) = self.tokens.lock().await.get(&key) {
            if Instant::now() < cached.refresh_at {
                return Ok(cached.value.clone());
            }
        }
        let fresh = request_token(http, settings, credentials).await?;
        let value = fresh.value.clone();
        self.tokens.lock().await.insert(key, fresh);
        Ok(value)
    }

    /// Forgets the tenant's token (after Graph refused it), so the next call requests anew.
    pub(crate) async fn invalidate(&self, credentials: &Credentials) {
        self.tokens.lock().await.remove(&cache_key(credentials));
    }
}

async fn request_token(
    http: &reqwest::Client,
    settings: &GraphSettings,
    credentials: &Credentials,
) -> Result<CachedToken, GraphError> {
    let url = settings
        .authority
        .join(&format!("{}/oauth2/v2.0/token", credentials.tenant))
        .map_err(|_| {
            GraphError::new(
                ProviderReason::BadRequest,
                "The tenant id or domain is not usable in a URL.",
            )
        })?;
    let assertion;
    let mut form = vec![
        ("grant_type", "client_credentials"),
        ("client_id", credentials.client_id.as_str()),
        ("scope", GRAPH_SCOPE),
    ];
    match &credentials.credential {
        ClientCredential::Secret(secret) => form.push(("client_secret", secret.expose())),
        ClientCredential::Certificate(certificate) => {
            // The audience is the endpoint this very request goes to.
            assertion = certificate.assertion(&credentials.client_id, url.as_str())?;
            form.push(("client_assertion_type", JWT_BEARER));
            form.push(("client_assertion", assertion.as_str()));
        }
    }
    let response = http
        .post(url)
        .form(&form)
        .send()
        .await
        .map_err(unreachable)?;
    let status = response.status().as_u16();
    let body = response.text().await.map_err(unreachable)?;
    if status != 200 {
        let error = token_error(status, &body);
        return Err(match credentials.credential {
            ClientCredential::Certificate(_) => certificate_refusal(error),
            ClientCredential::Secret(_) => error,
        });
    }
    let parsed: TokenResponse = serde_json::from_str(&body).map_err(|_| {
        GraphError::new(
            ProviderReason::MalformedResponse,
            "The token endpoint sent an unreadable token.",
        )
    })?;
    let lifetime = Duration::from_secs(parsed.expires_in);
    let refresh_in = lifetime.saturating_sub(settings.token_refresh_margin.min(lifetime / 2));
    Ok(CachedToken {
        value: parsed.access_token,
        refresh_at: Instant::now() + refresh_in,
    })
}

/// Words a refused certificate credential for the operator (the generic mapping speaks of
/// client secrets); Microsoft's codes stay as they are.
fn certificate_refusal(mut error: GraphError) -> GraphError {
    let has = |code: &str| error.provider_codes.iter().any(|c| c == code);
    let message = if has("AADSTS700024") {
        "Microsoft refused the signed client assertion as outside its valid time: check this computer's clock."
    } else if has("AADSTS700027") {
        "The certificate is not registered on the app registration, or its private key does not match: upload the certificate to the app registration and update the tenant's connection."
    } else if error.reason == ProviderReason::BadSecret {
        "The client certificate was refused: check that it is registered on the app registration and update the tenant's connection."
    } else {
        return error;
    };
    error.message = message.into();
    error
}

/// A transport failure, described without the URL (it may carry a tenant's details).
pub(crate) fn unreachable(err: reqwest::Error) -> GraphError {
    let what = if err.is_timeout() {
        "no answer in time"
    } else if err.is_connect() {
        "the connection failed"
    } else {
        "the request failed"
    };
    GraphError::new(
        ProviderReason::Unreachable,
        format!("Microsoft could not be reached: {what}."),
    )
}

/// The application permissions (`roles` claim) an access token carries: what the tenant's
/// admin consent granted the app. `None` when the token is not a readable JWT; an empty list
/// when it grants nothing (Entra leaves the claim out then). Read without verifying the
/// signature — only to explain, never to authorise: Graph checks the token itself.
pub fn granted_roles(token: &str) -> Option<Vec<String>> {
    use base64::Engine as _;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    #[derive(Deserialize)]
    struct Claims {
        #[serde(default)]
        roles: Vec<String>,
    }
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    Some(claims.roles)
}

#[cfg(test)]
mod roles_tests {
    use base64::Engine as _;

    use super::granted_roles;

    fn jwt(claims: &str) -> String {
        let enc = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!("{}.{}.sig", enc(r#"{"alg":"RS256"}"#), enc(claims))
    }

    #[test]
    fn roles_are_read_from_the_payload_and_their_absence_is_an_empty_grant() {
        assert_eq!(
            granted_roles(&jwt(
                r#"{"roles":["DeviceManagementConfiguration.Read.All"]}"#
            )),
            Some(vec!["DeviceManagementConfiguration.Read.All".to_owned()])
        );
        assert_eq!(granted_roles(&jwt(r#"{"tid":"x"}"#)), Some(vec![]));
        assert_eq!(granted_roles("not a token"), None);
    }
}
