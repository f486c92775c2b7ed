//! Tenant credentials in the operating system's credential store (Secret Service on Linux,
//! Keychain on macOS, Credential Manager on Windows) through the `keyring` crate. This is the
//! only place a client secret or certificate key is kept: the database holds the entry's name.
//! A locked or absent keyring is an error the operator sees — never a reason to store the
//! secret somewhere else.

use std::{fmt, sync::Arc};

use atlas_domain::TenantId;
use thiserror::Error;

/// The keyring "service" every TenantAtlas entry is filed under.
pub const KEYRING_SERVICE: &str = "TenantAtlas";

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SecretError {
    #[error("The system keyring is locked or not available ({0}). Unlock it (or install a Secret Service provider such as GNOME Keyring) and try again; TenantAtlas never stores secrets anywhere else.")]
    Unavailable(String),
    #[error("The tenant's credential is missing from the system keyring. Enter the client secret or certificate again.")]
    Missing,
    #[error("The system keyring refused the operation: {0}")]
    Failed(String),
}

/// Where tenant secrets live. The keyring in the product; tests may use the real keyring too
/// (under a private D-Bus session) — nothing else implements it.
pub trait SecretStore: Send + Sync + fmt::Debug {
    fn put(&self, reference: &str, secret: &str) -> Result<(), SecretError>;
    fn get(&self, reference: &str) -> Result<String, SecretError>;
    /// Deleting an entry that does not exist is not an error.
    fn delete(&self, reference: &str) -> Result<(), SecretError>;
}

/// The keyring entry name for a tenant's credential. A new name per change keeps the old entry
/// intact until the new one is stored and recorded.
pub fn reference_for(tenant: TenantId, generation: i64) -> String {
    format!("tenant:{tenant}:{generation}")
}

/// The OS keyring.
#[derive(Debug, Clone)]
pub struct KeyringStore {
    service: String,
}

impl Default for KeyringStore {
    fn default() -> Self {
        Self::new(KEYRING_SERVICE)
    }
}

impl KeyringStore {
    pub fn new(service: impl Into<String>) -> Self {
        Self {
            service: service.into(),
        }
    }

    fn entry(&self, reference: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(&self.service, reference).map_err(map_error)
    }
}

impl SecretStore for KeyringStore {
    fn put(&self, reference: &str, secret: &str) -> Result<(), SecretError> {
        self.entry(reference)?
            .set_password(secret)
            .map_err(map_error)
    }

    fn get(&self, reference: &str) -> Result<String, SecretError> {
        self.entry(reference)?.get_password().map_err(map_error)
    }

    fn delete(&self, reference: &str) -> Result<(), SecretError> {
        match self.entry(reference)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(err) => Err(map_error(err)),
        }
    }
}

/// keyring's errors in the operator's words; none of them carries the secret.
fn map_error(err: keyring::Error) -> SecretError {
    match err {
        keyring::Error::NoEntry => SecretError::Missing,
        keyring::Error::NoStorageAccess(inner) => SecretError::Unavailable(inner.to_string()),
        keyring::Error::PlatformFailure(inner) => SecretError::Unavailable(inner.to_string()),
        other => SecretError::Failed(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_the_tenant_and_generation_only() {
        let tenant = TenantId::new();
        let r = reference_for(tenant, 3);
        assert_eq!(r, format!("tenant:{tenant}:3"));
    }
}

/// The tenants whose credential this machine can read (team mode's credential affinity):
/// simulated tenants always (their cloud runs in-process), others when their keyring entry
/// is here.
#[derive(Debug)]
pub struct HeldCredentials {
    secrets: Arc<dyn SecretStore>,
}

impl HeldCredentials {
    pub fn new(secrets: Arc<dyn SecretStore>) -> Self {
        Self { secrets }
    }
}

#[async_trait::async_trait]
impl atlas_engine::CredentialSource for HeldCredentials {
    async fn held_tenants(
        &self,
        store: &atlas_store::Store,
    ) -> Result<Vec<atlas_domain::TenantId>, String> {
        let mut db = store.conn().await.map_err(|e| e.to_string())?;
        let tenants = atlas_store::engines::tenant_credentials(&mut db)
            .await
            .map_err(|e| e.to_string())?;
        drop(db);
        let secrets = self.secrets.clone();
        tokio::task::spawn_blocking(move || {
            tenants
                .into_iter()
                .filter(|(_, simulated, reference)| {
                    *simulated || reference.as_deref().is_some_and(|r| secrets.get(r).is_ok())
                })
                .map(|(id, _, _)| id)
                .collect()
        })
        .await
        .map_err(|e| format!("the keyring check did not finish: {e}"))
    }
}
