//! The Entra side: the v2.0 token endpoint (client credentials), the tenant's OpenID
//! configuration and instance discovery — what Microsoft client libraries call first.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::json;
use uuid::Uuid;

use super::errors::TokenError;
use super::ids::RequestIds;
use super::origin::base_url;
use super::{no_store, AppState};
use crate::assertion::{self, Expected, Rejection, JWT_BEARER};
use crate::model::TenantInfo;
use crate::token::{Claims, GRAPH_APP_ID, GRAPH_AUDIENCE};

/// Where Entra really is; client assertions may name its token endpoint too.
const PUBLIC_AUTHORITY: &str = "https://login.microsoftonline.com";

/// Scopes a client may add next to the resource's `.default` without changing the grant.
const RESERVED_SCOPES: &[&str] = &["openid", "profile", "offline_access"];

pub(crate) async fn token(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(ids): Extension<RequestIds>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let origin = base_url(&headers, &state.host);
    match issue(&state, &tenant, &origin, &body) {
        Ok(body) => (StatusCode::OK, no_store(), Json(body)).into_response(),
        Err(error) => {
            let timestamp = state
                .clock
                .now()
                .as_datetime()
                .format("%Y-%m-%d %H:%M:%SZ")
                .to_string();
            error.render(&ids, &timestamp)
        }
    }
}

/// Entra's order of checks: directory, request shape, grant, client, scope, credential.
/// `origin` is the scheme and host the request came through (a client assertion's audience).
fn issue(
    state: &AppState,
    tenant: &str,
    origin: &str,
    body: &[u8],
) -> Result<serde_json::Value, TokenError> {
    let form: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    let field = |name: &str| form_field(&form, name);
    let sim_tenant = state
        .cloud
        .find(tenant)
        .ok_or_else(|| TokenError::unknown_tenant(tenant))?;
    let info = &sim_tenant.info;
    let grant = field("grant_type").ok_or_else(|| TokenError::missing("grant_type"))?;
    if grant != "client_credentials" {
        return Err(TokenError::new(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            70003,
            format!("The app requested an unsupported grant type '{grant}'."),
        ));
    }
    let client_id = field("client_id").ok_or_else(|| TokenError::missing("client_id"))?;
    if Uuid::parse_str(client_id).ok() != Some(info.client_id) {
        return Err(TokenError::new(
            StatusCode::BAD_REQUEST,
            "unauthorized_client",
            700016,
            format!("Application with identifier '{client_id}' was not found in the directory '{}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.", info.display_name),
        ));
    }
    let scope = field("scope").ok_or_else(|| TokenError::missing("scope"))?;
    if !is_graph_default_scope(scope) {
        return Err(TokenError::new(
            StatusCode::BAD_REQUEST,
            "invalid_scope",
            70011,
            format!("The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope {scope} is not valid."),
        ));
    }
    let now = state.clock.now().unix_millis() / 1000;
    let appidacr = authenticate(state, &form, info, client_id, tenant, origin, now)?;
    let lifetime = i64::try_from(state.config.token_lifetime.as_secs()).unwrap_or(3599);
    let claims = Claims {
        aud: GRAPH_AUDIENCE.into(),
        iss: format!("https://sts.windows.net/{}/", info.tenant_id),
        iat: now,
        nbf: now,
        exp: now + lifetime,
        tid: info.tenant_id,
        appid: info.client_id,
        azp: info.client_id,
        appidacr: appidacr.into(),
        idtyp: "app".into(),
        // The service principal's object id: stable per app and tenant.
        oid: Uuid::new_v5(&info.tenant_id, info.client_id.as_bytes()),
        sub: Uuid::new_v5(&info.tenant_id, info.client_id.as_bytes()),
        ver: "1.0".into(),
        uti: Uuid::new_v4().simple().to_string(),
        // Without admin consent Entra still issues the token, only without roles.
        roles: sim_tenant.granted_roles(),
    };
    Ok(json!({
        "token_type": "Bearer",
        "expires_in": lifetime,
        "ext_expires_in": lifetime,
        "access_token": state.signer.sign(&claims)
    }))
}

/// A non-empty form value.
fn form_field<'a>(form: &'a [(String, String)], name: &str) -> Option<&'a str> {
    form.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Checks the one client credential the request presents: the secret, or a client assertion
/// signed with the app's registered certificate. Answers how the client authenticated, as
/// Entra records it in the token's `appidacr` ("1" secret, "2" certificate).
fn authenticate(
    state: &AppState,
    form: &[(String, String)],
    info: &TenantInfo,
    client_id: &str,
    tenant: &str,
    origin: &str,
    now: i64,
) -> Result<&'static str, TokenError> {
    let field = |name: &str| form_field(form, name);
    match (field("client_secret"), field("client_assertion")) {
        (Some(_), Some(_)) => Err(TokenError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            90023,
            "The request must present one client credential: 'client_assertion' or 'client_secret', not both.",
        )),
        (Some(secret), None) if secret == info.client_secret => Ok("1"),
        (Some(_), None) => Err(TokenError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000215,
            format!("Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '{client_id}'."),
        )),
        (None, Some(assertion)) => {
            if field("client_assertion_type") != Some(JWT_BEARER) {
                return Err(TokenError::missing("client_assertion_type"));
            }
            let audiences = assertion_audiences(origin, tenant, info);
            let expected = Expected {
                client_id,
                audiences: &audiences,
                now,
            };
            assertion::verify(assertion, &state.certificate, &expected)
                .map_err(|rejection| assertion_error(rejection, client_id))?;
            Ok("2")
        }
        (None, None) => Err(TokenError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            7000218,
            "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        )),
    }
}

/// Token endpoint URLs a client assertion may name: this endpoint as the request reached it
/// (the tenant by id, by domain or as written in the path), or its public-cloud spelling.
fn assertion_audiences(origin: &str, tenant: &str, info: &TenantInfo) -> Vec<String> {
    let tenant_id = info.tenant_id.to_string();
    let mut audiences = Vec::new();
    for root in [origin, PUBLIC_AUTHORITY] {
        for segment in [tenant, tenant_id.as_str(), info.primary_domain.as_str()] {
            audiences.push(format!("{root}/{segment}/oauth2/v2.0/token"));
        }
    }
    audiences
}

/// Entra's answers to a refused client assertion.
fn assertion_error(rejection: Rejection, client_id: &str) -> TokenError {
    const DOCS: &str = "Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .";
    let invalid_client = |code, description: String| {
        TokenError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            code,
            description,
        )
    };
    match rejection {
        Rejection::Malformed => TokenError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            50027,
            "JWT token is invalid or malformed.",
        ),
        Rejection::UnknownKey { thumbprint } => invalid_client(
            700027,
            format!("The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '{thumbprint}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '{client_id}'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.microsoft.com/beta/applications/{client_id}']"),
        ),
        Rejection::BadSignature { thumbprint } => invalid_client(
            700027,
            format!("Client assertion failed signature validation. [Reason - The key was found but the signature could not be verified with it., Thumbprint of key used by client: '{thumbprint}'] {DOCS}"),
        ),
        Rejection::IssuerMismatch => invalid_client(
            700021,
            format!("Client assertion application identifier doesn't match 'client_id' parameter. {DOCS}"),
        ),
        Rejection::SubjectMismatch => invalid_client(
            50048,
            "Subject mismatches Issuer claim in the client assertion.".into(),
        ),
        Rejection::WrongAudience => invalid_client(
            50012,
            format!("Client assertion audience claim does not match Realm issuer. {DOCS}"),
        ),
        Rejection::TooManyAudiences(n) => invalid_client(
            5002741,
            format!("Number of audience values in the provided client credential exceed maximum allowed. {n} audience values provided, maximum allowed is 1."),
        ),
        Rejection::Lifetime { now, nbf, exp } => invalid_client(
            700024,
            format!(
                "Client assertion is not within its valid time range. Current time: {}, assertion valid from {}, expiry time of assertion {}. {DOCS}",
                entra_time(now),
                entra_time(nbf),
                entra_time(exp)
            ),
        ),
    }
}

/// Unix seconds as Entra writes them in this message: `2024-10-02T22:05:03.0000000Z`.
fn entra_time(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%S.0000000Z").to_string())
        .unwrap_or_else(|| seconds.to_string())
}

/// `https://graph.microsoft.com/.default` (or Graph's app id form), optionally with the
/// reserved OpenID scopes some libraries always add.
fn is_graph_default_scope(scope: &str) -> bool {
    let mut resources = scope
        .split_whitespace()
        .filter(|s| !RESERVED_SCOPES.contains(s));
    let first = resources.next();
    resources.next().is_none()
        && first.is_some_and(|s| {
            let s = s.trim_end_matches('/');
            s == format!("{GRAPH_AUDIENCE}/.default") || s == format!("{GRAPH_APP_ID}/.default")
        })
}

pub(crate) async fn openid_configuration(
    State(state): State<Arc<AppState>>,
    Path(tenant): Path<String>,
    Extension(ids): Extension<RequestIds>,
    headers: HeaderMap,
) -> Response {
    let segment = match tenant.to_ascii_lowercase().as_str() {
        "common" | "organizations" | "consumers" => tenant.to_ascii_lowercase(),
        _ => match state.cloud.find(&tenant) {
            Some(t) => t.info.tenant_id.to_string(),
            None => {
                let timestamp = state
                    .clock
                    .now()
                    .as_datetime()
                    .format("%Y-%m-%d %H:%M:%SZ")
                    .to_string();
                return TokenError::unknown_tenant(&tenant).render(&ids, &timestamp);
            }
        },
    };
    let base = base_url(&headers, &state.host);
    let issuer_tenant = if Uuid::parse_str(&segment).is_ok() {
        segment.clone()
    } else {
        "{tenantid}".into()
    };
    let host = base.split("://").nth(1).unwrap_or_default().to_owned();
    Json(json!({
        "token_endpoint": format!("{base}/{segment}/oauth2/v2.0/token"),
        // What the simulator accepts: a secret in the form, or a certificate-signed assertion.
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"],
        "jwks_uri": format!("{base}/{segment}/discovery/v2.0/keys"),
        "response_modes_supported": ["query", "fragment", "form_post"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "response_types_supported": ["code", "id_token", "code id_token", "id_token token"],
        "scopes_supported": ["openid", "profile", "email", "offline_access"],
        "issuer": format!("{base}/{issuer_tenant}/v2.0"),
        "request_uri_parameter_supported": false,
        "userinfo_endpoint": format!("{base}/oidc/userinfo"),
        "authorization_endpoint": format!("{base}/{segment}/oauth2/v2.0/authorize"),
        "device_authorization_endpoint": format!("{base}/{segment}/oauth2/v2.0/devicecode"),
        "http_logout_supported": true,
        "frontchannel_logout_supported": true,
        "end_session_endpoint": format!("{base}/{segment}/oauth2/v2.0/logout"),
        "claims_supported": ["sub", "iss", "cloud_instance_name", "cloud_instance_host_name", "cloud_graph_host_name", "msgraph_host", "aud", "exp", "iat", "auth_time", "acr", "nonce", "preferred_username", "name", "tid", "ver", "at_hash", "c_hash", "email"],
        "kerberos_endpoint": format!("{base}/{segment}/kerberos"),
        "tenant_region_scope": "EU",
        "cloud_instance_name": host,
        "cloud_graph_host_name": host,
        "msgraph_host": host,
        "rbac_url": base
    }))
    .into_response()
}

/// `GET /common/discovery/instance?api-version=1.1&authorization_endpoint=…`: tells the client
/// where the tenant's OpenID configuration is and that this host is its own alias.
pub(crate) async fn instance_discovery(
    State(state): State<Arc<AppState>>,
    Query(query): Query<Vec<(String, String)>>,
    Extension(ids): Extension<RequestIds>,
    headers: HeaderMap,
) -> Response {
    let endpoint = query
        .iter()
        .find(|(k, _)| k == "authorization_endpoint")
        .map(|(_, v)| v.as_str());
    let tenant = endpoint
        .and_then(|e| e.split("://").nth(1))
        .and_then(|rest| rest.split('/').nth(1))
        .filter(|t| !t.is_empty());
    let Some(tenant) = tenant else {
        let timestamp = state
            .clock
            .now()
            .as_datetime()
            .format("%Y-%m-%d %H:%M:%SZ")
            .to_string();
        return TokenError::new(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            90014,
            "The required field 'authorization_endpoint' is missing or is not an authorization endpoint URL.",
        )
        .render(&ids, &timestamp);
    };
    let base = base_url(&headers, &state.host);
    let host = base.split("://").nth(1).unwrap_or_default().to_owned();
    Json(json!({
        "tenant_discovery_endpoint": format!("{base}/{tenant}/v2.0/.well-known/openid-configuration"),
        "api-version": "1.1",
        "metadata": [{ "preferred_network": host, "preferred_cache": host, "aliases": [host] }]
    }))
    .into_response()
}

/// The tenant's signing keys. Simulator tokens are HS256 with a key that never leaves the
/// process, so there is no public key to publish: an honest, empty key set.
/// The token signing keys, as a JWKS.
pub(crate) async fn keys(State(state): State<Arc<AppState>>) -> Json<serde_json::Value> {
    Json(state.signer.jwks())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_graph_default_scope_is_accepted() {
        assert!(is_graph_default_scope(
            "https://graph.microsoft.com/.default"
        ));
        assert!(is_graph_default_scope(
            "https://graph.microsoft.com/.default offline_access openid profile"
        ));
        assert!(is_graph_default_scope(
            "00000003-0000-0000-c000-000000000000/.default"
        ));
        assert!(!is_graph_default_scope(
            "https://graph.microsoft.com/User.Read"
        ));
        assert!(!is_graph_default_scope(
            "https://management.azure.com/.default"
        ));
        assert!(!is_graph_default_scope(
            "https://graph.microsoft.com/.default https://management.azure.com/.default"
        ));
        assert!(!is_graph_default_scope("openid"));
    }
}
