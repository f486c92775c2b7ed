//! Verify connection: a token and one cheap Graph read, reported in the operator's words and
//! recorded on the tenant as a stable reason code (never a provider message).

use atlas_domain::{
    permissions::{all_required, feature_access, Feature, FeatureAccess, FeatureRequirement},
    Capability, ConnectionState, CredentialExpiry, ExpirySource, ReasonCode, Tenant, Timestamp,
};
use atlas_graph::{ApiVersion, GraphError, ListQuery, ProviderReason};
use atlas_store::tenants;
use atlas_sync::TenantGraph;

use crate::{types::TenantRequest, Actor, Api, ApiError};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The outcome of a connection check, in the operator's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerifyConnectionResponse {
    pub tenant: Tenant,
    pub reachable: bool,
    /// What was proved or what is wrong, and what to do about it.
    pub message: String,
    /// Per feature, whether the granted permissions suffice (read from this check's token).
    pub permissions: PermissionReport,
}

/// What the app registration must be granted, for the add-tenant guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PermissionGuide {
    pub features: Vec<FeatureRequirement>,
    /// Every application permission of Microsoft Graph to request, each once.
    pub permissions: Vec<String>,
}

/// A tenant's permissions as its last successful sign-in found them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PermissionReport {
    /// When the permissions were last read; `None` before the first successful verify.
    pub checked_at: Option<Timestamp>,
    /// The application permissions the token carried.
    pub granted: Vec<String>,
    /// Each feature: works, or which permissions it misses and what that stops. Empty before
    /// the first check.
    pub features: Vec<FeatureAccess>,
    /// Where the customer's admin grants consent to the app (`None` for simulated tenants,
    /// whose consent is configured in the simulator).
    pub admin_consent_url: Option<String>,
}

/// A check's result before it is recorded.
pub(crate) struct Checked {
    pub(crate) reason_code: Option<ReasonCode>,
    pub(crate) message: String,
    /// The token's roles, when a token was issued.
    granted: Option<Vec<String>>,
    /// When the app registration says the credential ends (read when the token may).
    credential_end: Option<Timestamp>,
}

impl Api {
    pub async fn verify_connection(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<VerifyConnectionResponse, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::TenantSync,
                "verify this tenant's connection",
            )
            .await?;
        let checked = self.check(&tenant).await;
        let state = match checked.reason_code {
            None => ConnectionState::Connected,
            Some(_) => ConnectionState::Failed,
        };
        let now = Timestamp::now();
        let mut db = self.store.conn().await?;
        tenants::record_connection_check(&mut db, tenant.id, state, checked.reason_code, now)
            .await?;
        if let Some(granted) = &checked.granted {
            tenants::record_granted_permissions(&mut db, tenant.id, granted, now).await?;
        }
        if let Some(expires_at) = checked.credential_end {
            let expiry = CredentialExpiry {
                expires_at,
                source: ExpirySource::AppRegistration,
            };
            tenants::set_credential_expiry(&mut db, tenant.id, expiry).await?;
        }
        let tenant = tenants::get(&mut db, tenant.id)
            .await?
            .ok_or_else(|| ApiError::not_found("Tenant"))?;
        let permissions = self.report_for(&mut db, &tenant).await?;
        Ok(VerifyConnectionResponse {
            tenant,
            reachable: state == ConnectionState::Connected,
            message: checked.message,
            permissions,
        })
    }

    /// The Graph permissions each feature needs: what to grant the app registration.
    pub async fn permission_guide(&self, _actor: &Actor) -> Result<PermissionGuide, ApiError> {
        Ok(PermissionGuide {
            features: Feature::ALL.iter().map(|f| f.requirement()).collect(),
            permissions: all_required(),
        })
    }

    /// A tenant's permission report from its last successful verify.
    pub async fn permission_report(
        &self,
        actor: &Actor,
        request: TenantRequest,
    ) -> Result<PermissionReport, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::TenantView,
                "view this tenant",
            )
            .await?;
        let mut db = self.store.conn().await?;
        self.report_for(&mut db, &tenant).await
    }

    async fn report_for(
        &self,
        db: &mut impl atlas_store::Db,
        tenant: &Tenant,
    ) -> Result<PermissionReport, ApiError> {
        let stored = tenants::granted_permissions(db, tenant.id).await?;
        let admin_consent_url = match (&tenant.connection, tenant.simulated) {
            (Some(connection), false) => self.connector.admin_consent_url(
                &tenant.directory_tenant_id.to_string(),
                &connection.client_id,
            ),
            _ => None,
        };
        Ok(match stored {
            Some((granted, checked_at)) => PermissionReport {
                checked_at: Some(checked_at),
                features: feature_access(&granted),
                granted,
                admin_consent_url,
            },
            None => PermissionReport {
                checked_at: None,
                granted: vec![],
                features: vec![],
                admin_consent_url,
            },
        })
    }

    async fn check(&self, tenant: &atlas_domain::Tenant) -> Checked {
        self.check_session(tenant, self.connector.session(tenant).await)
            .await
    }

    /// The verify of `check`, with a session given (a credential not kept yet).
    pub(crate) async fn check_session(
        &self,
        tenant: &atlas_domain::Tenant,
        session: Result<atlas_sync::GraphSession, atlas_sync::ConnectError>,
    ) -> Checked {
        let session = match session {
            Ok(session) => session,
            Err(e) => {
                return Checked {
                    reason_code: Some(e.reason_code),
                    message: e.message,
                    granted: None,
                    credential_end: None,
                }
            }
        };
        let client = &session.client;
        let granted = match client.fresh_token(&session.credentials).await {
            Ok(token) => atlas_graph::granted_roles(&token),
            Err(e) => return failed(&e),
        };
        // The smallest read of what the product needs most: one configuration id.
        let probe = ListQuery {
            select: vec!["id".into()],
            top: Some(1),
            ..Default::default()
        };
        let read = match client.url(
            ApiVersion::Beta,
            "deviceManagement/deviceConfigurations",
            &probe,
        ) {
            Ok(url) => client
                .get_json(&session.credentials, &url)
                .await
                .map(|_| ()),
            Err(e) => Err(e),
        };
        // The credential's end date, when the registration may be read: a reading aid, so a
        // refusal here changes nothing about the connection.
        let may_read_registration = granted.as_ref().is_some_and(|roles| {
            roles
                .iter()
                .any(|r| r == "Application.Read.All" || r == "Application.ReadWrite.All")
        });
        let credential_end = match (may_read_registration, &read) {
            (true, Ok(())) => match client.credential_end(&session.credentials).await {
                Ok(end) => end,
                Err(error) => {
                    tracing::debug!(tenant = %tenant.id, %error, "the app registration could not be read");
                    None
                }
            },
            _ => None,
        };
        match read {
            Ok(()) => Checked {
                reason_code: None,
                message: format!(
                    "Connected: {} issued a token and its Intune configuration can be read.",
                    tenant.display_name
                ),
                granted,
                credential_end,
            },
            Err(e)
                if matches!(
                    e.reason,
                    ProviderReason::Forbidden | ProviderReason::ConsentMissing
                ) =>
            {
                Checked {
                    reason_code: Some(ReasonCode::ProviderConsentMissing),
                    message:
                        "Signed in, but Microsoft Graph refused to read Intune configuration: \
                          the app registration is missing admin consent for its Graph permissions \
                          (DeviceManagementConfiguration.Read.All and the others TenantAtlas \
                          needs). Grant admin consent in Entra ID, then verify again."
                            .into(),
                    granted,
                    credential_end: None,
                }
            }
            Err(e) => failed(&e),
        }
    }
}

fn failed(e: &GraphError) -> Checked {
    Checked {
        granted: None,
        credential_end: None,
        reason_code: Some(e.reason.reason_code()),
        message: match e.reason {
            ProviderReason::Unreachable => format!(
                "Microsoft Entra ID could not be reached: {} Check the network connection and try again.",
                e.message
            ),
            _ => e.message.clone(),
        },
    }
}
