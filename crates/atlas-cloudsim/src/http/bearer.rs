//! The gate in front of every Graph endpoint: a valid bearer token names the tenant whose data
//! is served, a token without the permission the endpoint needs is refused with 403, then an injected
//! 429 storm or that tenant's throttling window may refuse the request; admitted requests are
//! counted (a 403 is neither). `$batch` authenticates here but is not admitted itself: each of
//! its parts passes this gate on its own. Tokens the token endpoint issues are remembered here
//! too, so the token-expiry fault can revoke them.

use std::sync::Arc;

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::errors::GraphError;
use super::AppState;
use crate::config::ThrottleMode;
use crate::model::SimTenant;
use crate::stats::TenantCounters;
use crate::token::{Claims, TokenRejection};

/// The tenant an authenticated Graph request acts in.
#[derive(Debug, Clone)]
pub(crate) struct Caller(pub Arc<SimTenant>);

pub(crate) async fn layer(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let is_write = !matches!(*request.method(), Method::GET | Method::HEAD);
    let path = request.uri().path().to_owned();
    let caller = authenticate(&state, request.headers()).and_then(|(tenant, claims)| {
        authorize(&claims, &path, is_write)?;
        admit(&state, tenant, is_write)
    });
    match caller {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await
        }
        Err(error) => error.into_response(),
    }
}

/// The tenant a request's bearer token was issued for and the token's claims, or Graph's 401.
pub(crate) fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(Arc<SimTenant>, Claims), GraphError> {
    let header = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    let token = match header.split_once(' ') {
        Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
        _ if header.is_empty() => {
            return Err(GraphError::unauthenticated("Access token is empty."))
        }
        _ => {
            return Err(GraphError::unauthenticated(
                "Access token validation failure. Invalid authorization scheme.",
            ))
        }
    };
    if token.is_empty() {
        return Err(GraphError::unauthenticated("Access token is empty."));
    }
    let now = state.clock.now();
    let claims = state.signer.verify(token, now.unix_millis() / 1000).map_err(|r| {
        GraphError::unauthenticated(match r {
            TokenRejection::Malformed => "IDX14100: JWT is not well formed, there are no dots (.) or the parts cannot be decoded. The token needs to be in JWS or JWE Compact Serialization Format.",
            TokenRejection::BadSignature => "Access token validation failure. Signing key is invalid.",
            TokenRejection::WrongAudience => "Access token validation failure. Invalid audience.",
            TokenRejection::Lifetime => EXPIRED,
        })
    })?;
    if !state.cloud.control.token_accepted(token) {
        return Err(GraphError::unauthenticated(EXPIRED));
    }
    let tenant = state.cloud.by_id(claims.tid).cloned().ok_or_else(|| {
        GraphError::unauthenticated(
            "Access token validation failure. The tenant of the token is unknown.",
        )
    })?;
    Ok((tenant, claims))
}

/// Graph's 403 for an app token without a permission the endpoint accepts (its
/// documentation's least-privileged application permission, or the read-write form).
fn authorize(claims: &Claims, path: &str, is_write: bool) -> Result<(), GraphError> {
    let read = required_permission(path);
    // The directory has no actions on its objects (`/groups/{id}/assign`): such a write meets
    // its route's 400 first, as at Graph. Creating or changing the objects needs the permission.
    let directory = matches!(read, "Group.Read.All" | "RoleManagement.Read.Directory");
    if is_write && directory && path.trim_matches('/').split('/').count() > 3 {
        return Ok(());
    }
    let has = |role: &str| claims.roles.iter().any(|r| r == role);
    // Conditional Access policies are written with their own permission, beside the read one.
    if is_write && read == "Policy.Read.All" {
        if has("Policy.Read.All") && has(CONDITIONAL_ACCESS_WRITE) {
            return Ok(());
        }
        return Err(insufficient());
    }
    let read_write = read.replace(".Read.", ".ReadWrite.");
    let accepted = |role: &String| (!is_write && role == read) || *role == read_write;
    if read.is_empty() || claims.roles.iter().any(accepted) {
        return Ok(());
    }
    Err(insufficient())
}

/// The permission Graph asks for to create, change or delete Conditional Access policies.
const CONDITIONAL_ACCESS_WRITE: &str = "Policy.ReadWrite.ConditionalAccess";

fn insufficient() -> GraphError {
    GraphError::new(
        StatusCode::FORBIDDEN,
        "Authorization_RequestDenied",
        "Insufficient privileges to complete the operation.",
    )
}

/// The read permission Graph asks for at `path` (`/beta/...` or `/v1.0/...`); writes need
/// its read-write form. Empty for paths that need none.
pub(crate) fn required_permission(path: &str) -> &'static str {
    let path = path
        .trim_start_matches('/')
        .split_once('/')
        .map_or("", |(_, rest)| rest);
    let under = |prefix: &str| path.starts_with(prefix);
    if under("applications") {
        "Application.Read.All"
    } else if under("identity/conditionalAccess") {
        "Policy.Read.All"
    } else if under("groups") {
        "Group.Read.All"
    } else if under("roleManagement/directory") {
        "RoleManagement.Read.Directory"
    } else if under("deviceManagement/roleDefinitions")
        || under("deviceManagement/roleScopeTags")
        || under("deviceManagement/roleAssignments")
    {
        "DeviceManagementRBAC.Read.All"
    } else if under("deviceManagement/deviceEnrollmentConfigurations")
        || under("deviceManagement/windowsAutopilotDeploymentProfiles")
    {
        "DeviceManagementServiceConfig.Read.All"
    } else if under("deviceAppManagement") {
        "DeviceManagementApps.Read.All"
    } else if under("deviceManagement") {
        "DeviceManagementConfiguration.Read.All"
    } else {
        ""
    }
}

const EXPIRED: &str = "Lifetime validation failed, the token is expired.";

/// On the token endpoint: remembers every access token issued, so `/_sim/tokens/expire` can
/// revoke exactly the tokens issued before it.
pub(crate) async fn remember_issued(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let token = serde_json::from_slice::<serde_json::Value>(&bytes)
        .ok()
        .and_then(|b| b.get("access_token")?.as_str().map(str::to_owned));
    if let Some(token) = token {
        let now = state.clock.now().unix_millis() / 1000;
        if let Ok(claims) = state.signer.verify(&token, now) {
            state.cloud.control.token_issued(&token, claims.exp);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A storm refuses first (and is not counted by the window), then the window.
fn admit(state: &AppState, tenant: Arc<SimTenant>, is_write: bool) -> Result<Caller, GraphError> {
    let now = state.clock.now();
    let stats = &tenant.stats;
    if let Some(retry_after) = state.cloud.control.storm(now) {
        TenantCounters::bump(&stats.storm_throttled);
        return Err(GraphError::throttled(retry_after));
    }
    if state.config.throttle == ThrottleMode::Real {
        let mut window = tenant
            .throttle
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        window.admit(now, is_write).map_err(|retry_after| {
            TenantCounters::bump(&stats.throttled);
            GraphError::throttled(retry_after)
        })?;
    }
    TenantCounters::bump(&stats.requests);
    if is_write {
        TenantCounters::bump(&stats.writes);
    }
    Ok(Caller(tenant))
}

#[cfg(test)]
mod tests {
    use super::required_permission;

    #[test]
    fn each_area_asks_for_its_permission() {
        for (path, permission) in [
            (
                "/beta/deviceManagement/configurationPolicies",
                "DeviceManagementConfiguration.Read.All",
            ),
            (
                "/beta/deviceManagement/roleDefinitions",
                "DeviceManagementRBAC.Read.All",
            ),
            (
                "/beta/deviceManagement/deviceEnrollmentConfigurations",
                "DeviceManagementServiceConfig.Read.All",
            ),
            (
                "/beta/deviceAppManagement/mobileAppConfigurations",
                "DeviceManagementApps.Read.All",
            ),
            (
                "/v1.0/identity/conditionalAccess/policies",
                "Policy.Read.All",
            ),
            ("/v1.0/groups", "Group.Read.All"),
            (
                "/beta/roleManagement/directory/roleAssignments",
                "RoleManagement.Read.Directory",
            ),
        ] {
            assert_eq!(required_permission(path), permission, "{path}");
        }
    }
}
