//! Verify connection: a token and one cheap Graph read, reported in the operator's words and
//! recorded on the tenant as a stable reason code (never a provider message).

use atlas_domain::{Capability, ConnectionState, ReasonCode, Tenant, Timestamp};
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
}

/// A check's result before it is recorded.
struct Checked {
    reason_code: Option<ReasonCode>,
    message: String,
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
        let mut db = self.store.conn().await?;
        tenants::record_connection_check(
            &mut db,
            tenant.id,
            state,
            checked.reason_code,
            Timestamp::now(),
        )
        .await?;
        let tenant = tenants::get(&mut db, tenant.id)
            .await?
            .ok_or_else(|| ApiError::not_found("Tenant"))?;
        Ok(VerifyConnectionResponse {
            tenant,
            reachable: state == ConnectionState::Connected,
            message: checked.message,
        })
    }

    async fn check(&self, tenant: &atlas_domain::Tenant) -> Checked {
        let session = match self.connector.session(tenant).await {
            Ok(session) => session,
            Err(e) => {
                return Checked {
                    reason_code: Some(e.reason_code),
                    message: e.message,
                }
            }
        };
        let client = &session.client;
        if let Err(e) = client.fresh_token(&session.credentials).await {
            return failed(&e);
        }
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
        match read {
            Ok(()) => Checked {
                reason_code: None,
                message: format!(
                    "Connected: {} issued a token and its Intune configuration can be read.",
                    tenant.display_name
                ),
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
                }
            }
            Err(e) => failed(&e),
        }
    }
}

fn failed(e: &GraphError) -> Checked {
    Checked {
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
