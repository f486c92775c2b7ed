//! The product's [`TenantGraph`]: turns a tenant into a Graph client and credentials. Real
//! tenants use Microsoft's public cloud and the secret (or certificate) from the OS keyring;
//! simulated tenants use the in-process simulated cloud, which generated their credentials —
//! nothing for them is stored anywhere. One client per cloud, so every run against a tenant
//! shares that tenant's request budget.

use std::sync::{Arc, Mutex};

use atlas_domain::{CredentialKind, ReasonCode, Tenant};
use atlas_graph::{ClientCertificate, Credentials, GraphClient, GraphSettings};
use atlas_sync::{ConnectError, GraphSession, TenantGraph};
use serde::{Deserialize, Serialize};

use crate::demo::DemoCloud;
use crate::secrets::{SecretError, SecretStore};

/// A certificate credential as kept in the keyring (one entry, JSON).
#[derive(Serialize, Deserialize)]
pub(crate) struct StoredCertificate {
    pub certificate_pem: String,
    pub private_key_pem: String,
}

#[derive(Debug)]
pub struct Connector {
    secrets: Arc<dyn SecretStore>,
    demo: DemoCloud,
    /// Where real tenants are reached: Microsoft's public cloud unless configured otherwise.
    settings: GraphSettings,
    microsoft: Mutex<Option<Arc<GraphClient>>>,
}

impl Connector {
    pub fn new(secrets: Arc<dyn SecretStore>, demo: DemoCloud, settings: GraphSettings) -> Self {
        Self {
            secrets,
            demo,
            settings,
            microsoft: Mutex::new(None),
        }
    }

    pub fn demo(&self) -> &DemoCloud {
        &self.demo
    }

    /// The client for real tenants (one, so every run shares each tenant's budget).
    pub fn microsoft(&self) -> Result<Arc<GraphClient>, ConnectError> {
        let mut client = self.microsoft.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(client) = client.as_ref() {
            return Ok(client.clone());
        }
        let created = Arc::new(
            GraphClient::new(self.settings.clone())
                .map_err(|e| ConnectError::new(ReasonCode::GraphUnreachable, e.message))?,
        );
        *client = Some(created.clone());
        Ok(created)
    }

    /// Where a customer's admin grants the app its Graph permissions in `directory` (the
    /// configured cloud's sign-in authority).
    pub fn admin_consent_url(&self, directory: &str, client_id: &str) -> Option<String> {
        let mut url = self
            .settings
            .authority
            .join(&format!("{directory}/adminconsent"))
            .ok()?;
        url.query_pairs_mut().append_pair("client_id", client_id);
        Some(url.to_string())
    }

    /// The credentials of a real tenant, read from the keyring (off the async threads: the
    /// keyring call blocks on D-Bus or its OS equivalent).
    async fn keyring_credentials(&self, tenant: &Tenant) -> Result<Credentials, ConnectError> {
        let connection = tenant.connection.as_ref().ok_or_else(not_connected)?;
        let reference = connection
            .credential_ref
            .clone()
            .ok_or_else(|| missing_secret(tenant))?;
        let secrets = self.secrets.clone();
        let read = tokio::task::spawn_blocking(move || secrets.get(&reference))
            .await
            .map_err(|_| {
                ConnectError::new(
                    ReasonCode::TenantKeyringFailed,
                    "The keyring read did not finish.",
                )
            })?;
        let secret = read.map_err(|e| match e {
            SecretError::Missing => missing_secret(tenant),
            SecretError::Unavailable(_) => {
                ConnectError::new(ReasonCode::TenantKeyringUnavailable, e.to_string())
            }
            SecretError::Failed(_) => {
                ConnectError::new(ReasonCode::TenantKeyringFailed, e.to_string())
            }
        })?;
        self.credentials_from(tenant, secret)
    }

    /// A session for a real tenant with `secret` (as the keyring keeps it) instead of the
    /// keyring's: to prove a credential before it is kept.
    pub(crate) fn session_with(
        &self,
        tenant: &Tenant,
        secret: String,
    ) -> Result<GraphSession, ConnectError> {
        Ok(GraphSession {
            client: self.microsoft()?,
            credentials: self.credentials_from(tenant, secret)?,
        })
    }

    /// The tenant's credentials from its secret as the keyring keeps it.
    fn credentials_from(
        &self,
        tenant: &Tenant,
        secret: String,
    ) -> Result<Credentials, ConnectError> {
        let connection = tenant.connection.as_ref().ok_or_else(not_connected)?;
        let directory = tenant.directory_tenant_id.to_string();
        match connection.credential_kind {
            CredentialKind::ClientSecret => Ok(Credentials::with_secret(
                directory,
                connection.client_id.clone(),
                secret,
            )),
            CredentialKind::Certificate => {
                let stored: StoredCertificate = serde_json::from_str(&secret).map_err(|_| {
                    ConnectError::new(
                        ReasonCode::TenantCredentialUnreadable,
                        "The stored certificate cannot be read: enter it again.",
                    )
                })?;
                let certificate =
                    ClientCertificate::from_pem(&stored.certificate_pem, &stored.private_key_pem)
                        .map_err(|e| {
                        ConnectError::new(ReasonCode::TenantCredentialUnreadable, e.message)
                    })?;
                Ok(Credentials::with_certificate(
                    directory,
                    connection.client_id.clone(),
                    certificate,
                ))
            }
        }
    }
}

fn not_connected() -> ConnectError {
    ConnectError::new(
        ReasonCode::TenantNotConnected,
        "The tenant has no app registration yet: add its client id and secret first.",
    )
}

fn missing_secret(tenant: &Tenant) -> ConnectError {
    ConnectError::new(ReasonCode::TenantCredentialMissing,
        format!(
            "The credential of {} is not in the system keyring: enter the client secret or certificate again.",
            tenant.display_name
        ),
    )
}

#[async_trait::async_trait]
impl TenantGraph for Connector {
    async fn session(&self, tenant: &Tenant) -> Result<GraphSession, ConnectError> {
        if tenant.simulated {
            return self.demo.session(tenant).await;
        }
        Ok(GraphSession {
            client: self.microsoft()?,
            credentials: self.keyring_credentials(tenant).await?,
        })
    }
}
