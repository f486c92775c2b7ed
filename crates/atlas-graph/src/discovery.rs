//! Turning a tenant's verified domain (`contoso.onmicrosoft.com`) into its directory id, the
//! way Microsoft's own tools do: the tenant's OpenID metadata names its token endpoint, whose
//! first path segment is the directory GUID.

use serde::Deserialize;
use uuid::Uuid;

use crate::{
    error::{token_error, GraphError, ProviderReason},
    token::unreachable,
    GraphClient,
};

#[derive(Deserialize)]
struct OpenIdMetadata {
    token_endpoint: String,
}

impl GraphClient {
    /// The directory id of the tenant owning `domain`. An unknown domain is
    /// [`ProviderReason::UnknownTenant`].
    pub async fn resolve_tenant_domain(&self, domain: &str) -> Result<Uuid, GraphError> {
        let url = self
            .settings
            .authority
            .join(&format!("{domain}/v2.0/.well-known/openid-configuration"))
            .map_err(|_| {
                GraphError::new(
                    ProviderReason::UnknownTenant,
                    format!("{domain:?} is not a domain"),
                )
            })?;
        let response = self.http.get(url).send().await.map_err(unreachable)?;
        let status = response.status().as_u16();
        let body = response.text().await.map_err(unreachable)?;
        if status != 200 {
            return Err(token_error(status, &body));
        }
        let metadata: OpenIdMetadata = serde_json::from_str(&body).map_err(|_| malformed())?;
        directory_id_of(&metadata.token_endpoint).ok_or_else(malformed)
    }
}

/// `https://login…/{guid}/oauth2/v2.0/token` → the GUID.
fn directory_id_of(token_endpoint: &str) -> Option<Uuid> {
    let url = url::Url::parse(token_endpoint).ok()?;
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    // The authority may itself have a path prefix; the GUID sits right before `oauth2`.
    let at = segments.iter().position(|s| *s == "oauth2")?;
    Uuid::parse_str(segments.get(at.checked_sub(1)?)?).ok()
}

fn malformed() -> GraphError {
    GraphError::new(
        ProviderReason::MalformedResponse,
        "The tenant's OpenID metadata does not name its directory id.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guid_is_read_from_the_token_endpoint() {
        let id = "6f1b2c3d-0000-4000-8000-000000000001";
        let endpoint = format!("https://login.example.com/{id}/oauth2/v2.0/token");
        assert_eq!(
            directory_id_of(&endpoint),
            Some(Uuid::parse_str(id).unwrap())
        );
        let prefixed = format!("http://127.0.0.1:9/sim/{id}/oauth2/v2.0/token");
        assert_eq!(
            directory_id_of(&prefixed),
            Some(Uuid::parse_str(id).unwrap())
        );
        assert_eq!(
            directory_id_of("https://x/{tenantid}/oauth2/v2.0/token"),
            None
        );
        assert_eq!(directory_id_of("not a url"), None);
    }
}
