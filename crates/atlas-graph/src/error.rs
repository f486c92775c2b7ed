//! Graph and token failures mapped to stable reason codes, with Microsoft's own codes and
//! request ids kept as diagnostics. Messages never contain tokens or secrets.

use atlas_domain::ReasonCode;
use serde::Deserialize;
use thiserror::Error;

/// What went wrong, as a stable code the product can branch on and show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderReason {
    /// The tenant id or domain is unknown to Entra.
    UnknownTenant,
    /// The app registration does not exist in the tenant (or consent was never given).
    UnknownClient,
    /// The client secret is wrong or expired.
    BadSecret,
    /// The app lacks the permission (admin consent missing).
    ConsentMissing,
    /// The access token was refused.
    Unauthorized,
    Forbidden,
    NotFound,
    BadRequest,
    /// Still throttled after the allowed retries.
    Throttled,
    /// Graph kept failing with 5xx.
    ServerError,
    /// The response could not be read (malformed JSON, broken page link).
    MalformedResponse,
    /// No answer in time, or the connection failed.
    Unreachable,
}

impl ProviderReason {
    /// The product's reason code for this failure (its words are in the domain's catalog).
    pub fn reason_code(self) -> ReasonCode {
        match self {
            ProviderReason::UnknownTenant => ReasonCode::ProviderUnknownTenant,
            ProviderReason::UnknownClient => ReasonCode::ProviderUnknownClient,
            ProviderReason::BadSecret => ReasonCode::ProviderBadSecret,
            ProviderReason::ConsentMissing => ReasonCode::ProviderConsentMissing,
            ProviderReason::Unauthorized => ReasonCode::GraphUnauthorized,
            ProviderReason::Forbidden => ReasonCode::GraphForbidden,
            ProviderReason::NotFound => ReasonCode::GraphNotFound,
            ProviderReason::BadRequest => ReasonCode::GraphBadRequest,
            ProviderReason::Throttled => ReasonCode::GraphThrottled,
            ProviderReason::ServerError => ReasonCode::GraphServerError,
            ProviderReason::MalformedResponse => ReasonCode::GraphMalformedResponse,
            ProviderReason::Unreachable => ReasonCode::GraphUnreachable,
        }
    }

    /// The stable code, as stored and shown in diagnostics.
    pub fn code(self) -> &'static str {
        self.reason_code().code()
    }
}

#[derive(Debug, Clone, Error)]
#[error("{message}")]
pub struct GraphError {
    pub reason: ProviderReason,
    pub message: String,
    pub status: Option<u16>,
    /// Microsoft's `request-id` (Graph) or `trace_id` (token endpoint), for support.
    pub request_id: Option<String>,
    /// Microsoft's own error code(s), e.g. `AADSTS7000215` or `InvalidAuthenticationToken`.
    pub provider_codes: Vec<String>,
}

impl GraphError {
    pub fn new(reason: ProviderReason, message: impl Into<String>) -> Self {
        Self {
            reason,
            message: message.into(),
            status: None,
            request_id: None,
            provider_codes: vec![],
        }
    }
}

#[derive(Deserialize)]
struct TokenErrorBody {
    error: String,
    #[serde(default)]
    error_codes: Vec<i64>,
    #[serde(default)]
    trace_id: Option<String>,
}

/// Maps a token endpoint failure (`{error, error_description, error_codes, …}`).
pub(crate) fn token_error(status: u16, body: &str) -> GraphError {
    let Ok(parsed) = serde_json::from_str::<TokenErrorBody>(body) else {
        let mut e = GraphError::new(
            ProviderReason::MalformedResponse,
            format!("the token endpoint answered {status} with an unreadable body"),
        );
        e.status = Some(status);
        return e;
    };
    let has = |code: i64| parsed.error_codes.contains(&code);
    let (reason, message) = if has(90002) || has(90023) {
        (ProviderReason::UnknownTenant, "The tenant is unknown to Microsoft Entra ID: check the directory (tenant) id or domain.")
    } else if has(700016) {
        (ProviderReason::UnknownClient, "The app registration (client id) was not found in this tenant, or its admin consent was never given.")
    } else if has(7000215) || has(7000222) || parsed.error == "invalid_client" {
        (ProviderReason::BadSecret, "The client secret is wrong or has expired: create a new one and update the tenant's connection.")
    } else if has(65001) || has(500011) {
        (
            ProviderReason::ConsentMissing,
            "The app is missing admin consent for Microsoft Graph in this tenant.",
        )
    } else {
        (ProviderReason::BadRequest, "The token request was refused.")
    };
    GraphError {
        reason,
        message: message.into(),
        status: Some(status),
        request_id: parsed.trace_id,
        provider_codes: std::iter::once(parsed.error)
            .chain(parsed.error_codes.iter().map(|c| format!("AADSTS{c}")))
            .collect(),
    }
}

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphErrorInner,
}

#[derive(Deserialize)]
struct GraphErrorInner {
    code: String,
    #[serde(default)]
    message: String,
}

/// Maps a Graph error response (`{"error":{"code","message","innerError"}}`). Intune often puts
/// a JSON document inside `message`; its `Message` is used when present.
pub(crate) fn graph_error(status: u16, body: &str, request_id: Option<String>) -> GraphError {
    let parsed = serde_json::from_str::<GraphErrorBody>(body).ok();
    let (code, raw_message) = parsed
        .map(|b| (b.error.code, b.error.message))
        .unwrap_or_else(|| (String::new(), String::new()));
    let message = nested_message(&raw_message).unwrap_or(raw_message);
    let reason = match status {
        400 => ProviderReason::BadRequest,
        401 => ProviderReason::Unauthorized,
        // Graph's answer to a token without the permission: admin consent is missing.
        403 if code == "Authorization_RequestDenied" => ProviderReason::ConsentMissing,
        403 => ProviderReason::Forbidden,
        404 => ProviderReason::NotFound,
        429 => ProviderReason::Throttled,
        500..=599 => ProviderReason::ServerError,
        _ => ProviderReason::BadRequest,
    };
    let shown = if message.trim().is_empty() {
        format!("Microsoft Graph answered {status}")
    } else {
        format!("Microsoft Graph answered {status}: {}", message.trim())
    };
    GraphError {
        reason,
        message: shown,
        status: Some(status),
        request_id,
        provider_codes: if code.is_empty() { vec![] } else { vec![code] },
    }
}

/// Intune's `"{\"_version\":3,\"Message\":\"…\",…}"` inside `error.message`.
fn nested_message(message: &str) -> Option<String> {
    let start = message.find('{')?;
    let inner: serde_json::Value = serde_json::from_str(&message[start..]).ok()?;
    inner
        .get("Message")
        .and_then(|m| m.as_str())
        .map(|m| m.split(" - ").next().unwrap_or(m).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_errors_map_to_operator_reasons() {
        let body = r#"{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215],"timestamp":"x","trace_id":"t-1","correlation_id":"c"}"#;
        let e = token_error(401, body);
        assert_eq!(e.reason, ProviderReason::BadSecret);
        assert_eq!(e.request_id.as_deref(), Some("t-1"));
        assert!(e.provider_codes.contains(&"AADSTS7000215".to_owned()));
        let unknown = token_error(400, r#"{"error":"invalid_request","error_codes":[90002]}"#);
        assert_eq!(unknown.reason, ProviderReason::UnknownTenant);
        assert_eq!(
            token_error(400, "<html>").reason,
            ProviderReason::MalformedResponse
        );
    }

    #[test]
    fn intune_nested_messages_are_unwrapped() {
        let body = r#"{"error":{"code":"BadRequest","message":"{\"_version\": 3, \"Message\": \"An error has occurred - Operation ID (for customer support): 00000000\", \"CustomApiErrorPhrase\": \"\"}","innerError":{"date":"d","request-id":"r"}}}"#;
        let e = graph_error(400, body, Some("r".into()));
        assert_eq!(
            e.message,
            "Microsoft Graph answered 400: An error has occurred"
        );
        assert_eq!(e.provider_codes, ["BadRequest"]);
    }
}
