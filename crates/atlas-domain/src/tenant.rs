//! Customer tenants.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

use crate::{codes::code_enum, reasons::ReasonCode, DomainError, TenantId, Timestamp, WorkspaceId};

code_enum! {
    /// Lifecycle of a customer tenant inside a workspace.
    pub enum TenantStatus as "tenant_status" {
        Active => "active",
        Paused => "paused",
        Archived => "archived",
    }
}

code_enum! {
    /// How the app registration proves its identity to Entra.
    pub enum CredentialKind as "credential_kind" {
        ClientSecret => "client_secret",
        Certificate => "certificate",
    }
}

code_enum! {
    /// What the last connection check proved. Changing the connection makes it `Unverified`
    /// again.
    #[derive(Default)]
    pub enum ConnectionState as "connection_state" {
        #[default]
        Unverified => "unverified",
        Connected => "connected",
        Failed => "failed",
    }
}

code_enum! {
    /// Where a credential's end date is known from.
    pub enum ExpirySource as "credential_expiry_source" {
        /// The certificate itself (its "not after").
        Certificate => "certificate",
        /// The app registration's own record, read from Microsoft Graph.
        AppRegistration => "app_registration",
        /// The operator entered it when adding or changing the credential.
        Entered => "entered",
    }
}

/// When a tenant's client secret or certificate stops working, and how that is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CredentialExpiry {
    pub expires_at: Timestamp,
    pub source: ExpirySource,
}

/// How many days ahead a credential's end is warned about.
pub const CREDENTIAL_WARNING_DAYS: i64 = 30;

/// What an operator should know about a credential's end date now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ExpiryWarning {
    /// It stops working within [`CREDENTIAL_WARNING_DAYS`]: renew it.
    ExpiresSoon { days: i64 },
    /// It has stopped working.
    Expired,
}

impl CredentialExpiry {
    /// A warning when the credential ends within the warning window or has ended.
    pub fn warning(&self, now: Timestamp) -> Option<ExpiryWarning> {
        let left = self.expires_at.unix_millis() - now.unix_millis();
        if left <= 0 {
            return Some(ExpiryWarning::Expired);
        }
        let days = (left + 86_399_999) / 86_400_000;
        (days <= CREDENTIAL_WARNING_DAYS).then_some(ExpiryWarning::ExpiresSoon { days })
    }
}

/// The result of the last connection check.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct ConnectionCheck {
    pub state: ConnectionState,
    pub checked_at: Option<Timestamp>,
    /// A stable reason code such as `provider.bad_secret` when the check failed; never a raw
    /// provider message, which could echo credential material.
    pub reason_code: Option<ReasonCode>,
}

/// A customer's Microsoft 365 tenant as recorded in a workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Tenant {
    pub id: TenantId,
    pub workspace_id: WorkspaceId,
    pub display_name: String,
    pub directory_tenant_id: DirectoryTenantId,
    pub primary_domain: Option<String>,
    pub status: TenantStatus,
    /// Served by the built-in simulated Microsoft cloud rather than Microsoft.
    pub simulated: bool,
    pub connection: Option<ProviderConnection>,
    pub connection_check: ConnectionCheck,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The app registration a tenant is reached through. The secret is never here: it lives in the
/// OS keyring under `credential_ref`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProviderConnection {
    pub client_id: String,
    pub credential_kind: CredentialKind,
    /// The keyring entry holding the secret (a name, not the secret).
    pub credential_ref: Option<String>,
    pub credential_updated_at: Option<Timestamp>,
    /// When the credential stops working, when that is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub credential_expiry: Option<CredentialExpiry>,
}

/// The Entra (Azure AD) directory id of a customer tenant: a GUID, stored lower-case hyphenated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, TS)]
#[ts(type = "string")]
pub struct DirectoryTenantId(Uuid);

impl DirectoryTenantId {
    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl FromStr for DirectoryTenantId {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        // Only the canonical 8-4-4-4-12 form (optionally braced) is a directory id; uuid's
        // parser would also accept 32 bare hex digits and URNs, which Entra never shows.
        let inner = trimmed
            .strip_prefix('{')
            .and_then(|r| r.strip_suffix('}'))
            .unwrap_or(trimmed);
        if inner.len() != 36 {
            return Err(invalid_guid(s));
        }
        Uuid::parse_str(inner)
            .map(Self)
            .map_err(|_| invalid_guid(s))
    }
}

fn invalid_guid(s: &str) -> DomainError {
    DomainError::InvalidGuid {
        field: "directory tenant id",
        value: s.to_owned(),
    }
}

impl Serialize for DirectoryTenantId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DirectoryTenantId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for DirectoryTenantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}

/// Validates a tenant's display name: trimmed, non-empty, at most 120 characters.
pub fn validate_display_name(name: &str) -> Result<String, DomainError> {
    crate::text::entered("display name", name, 120, true)
}

/// Why work against a tenant may not start now, in the operator's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: ReasonCode,
    pub message: String,
}

impl Tenant {
    /// The one rule for "may work run against this tenant?", checked when work is started and
    /// again when it runs: only active tenants, and only with a credential to connect with (a
    /// simulated tenant's comes from the simulated cloud).
    pub fn work_refusal(&self) -> Option<Refusal> {
        let name = &self.display_name;
        let refuse = |code, message| Some(Refusal { code, message });
        match self.status {
            TenantStatus::Paused => {
                return refuse(
                    ReasonCode::TenantNotActive,
                    format!("{name} is paused: reactivate it to sync."),
                )
            }
            TenantStatus::Archived => {
                return refuse(
                    ReasonCode::TenantNotActive,
                    format!("{name} is archived: reactivate it to sync."),
                )
            }
            TenantStatus::Active => {}
        }
        let connected = self.simulated
            || self
                .connection
                .as_ref()
                .is_some_and(|c| c.credential_ref.is_some());
        if connected {
            None
        } else {
            refuse(
                ReasonCode::TenantNotConnected,
                format!(
                    "{name} has no app registration credential yet: add its client id and secret first."
                ),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_ids_are_normalised_to_lower_case() {
        let id: DirectoryTenantId = " {6F1C2D3E-4A5B-4C6D-8E9F-0A1B2C3D4E5F} ".parse().unwrap();
        assert_eq!(id.to_string(), "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f");
    }

    #[test]
    fn non_canonical_guids_are_refused() {
        for bad in [
            "",
            "contoso.com",
            "6f1c2d3e4a5b4c6d8e9f0a1b2c3d4e5f",
            "6f1c2d3e-4a5b-4c6d-8e9f",
        ] {
            let err = bad.parse::<DirectoryTenantId>().unwrap_err();
            assert!(
                matches!(err, DomainError::InvalidGuid { .. }),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn tenant_status_codes_round_trip() {
        for status in TenantStatus::ALL {
            assert_eq!(status.code().parse::<TenantStatus>().unwrap(), *status);
        }
        assert!("deleted".parse::<TenantStatus>().is_err());
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(validate_display_name("  Contoso  ").unwrap(), "Contoso");
        assert!(validate_display_name("   ").is_err());
        assert!(validate_display_name(&"x".repeat(121)).is_err());
    }
}

#[cfg(test)]
mod expiry_tests {
    use super::*;

    fn at_day(day: i64) -> Timestamp {
        Timestamp::from_unix_millis(1_800_000_000_000 + day * 86_400_000).unwrap()
    }

    #[test]
    fn a_credential_is_warned_about_thirty_days_ahead_and_once_ended() {
        let expiry = CredentialExpiry {
            expires_at: at_day(40),
            source: ExpirySource::Entered,
        };
        assert_eq!(expiry.warning(at_day(0)), None);
        assert_eq!(expiry.warning(at_day(9)), None);
        assert_eq!(
            expiry.warning(at_day(10)),
            Some(ExpiryWarning::ExpiresSoon { days: 30 })
        );
        let almost = Timestamp::from_unix_millis(at_day(40).unix_millis() - 1).unwrap();
        assert_eq!(
            expiry.warning(almost),
            Some(ExpiryWarning::ExpiresSoon { days: 1 })
        );
        assert_eq!(expiry.warning(at_day(40)), Some(ExpiryWarning::Expired));
    }
}
