//! The workspace's pack signing key, kept like a tenant secret: the secret half in the OS
//! keyring, the public half and its fingerprint in the store, so every workstation can show and
//! check it. The key is made the first time a pack of the workspace is signed. Its keyring entry
//! is recorded with it: `pack-signing:<workspace>:<fingerprint's first 16 hex>` (keys made
//! before 2026-12-06 keep `pack-signing:<workspace>`).

use std::sync::Arc;

use atlas_domain::{Timestamp, WorkspaceId};
use atlas_packs::{PackKeys, PackPublicKey, PackSigningKey};
use atlas_store::{review_packs, Store};

use crate::secrets::{SecretError, SecretStore};

#[derive(Debug)]
pub struct KeyringPackKeys {
    store: Store,
    secrets: Arc<dyn SecretStore>,
}

impl KeyringPackKeys {
    pub fn new(store: Store, secrets: Arc<dyn SecretStore>) -> Self {
        Self { store, secrets }
    }
}

/// Each key its own entry, named by its fingerprint: two processes making a workspace's first
/// key at the same moment never overwrite each other's secret, and the one whose key was not
/// recorded removes its own.
fn entry_for(workspace: WorkspaceId, public: &PackPublicKey) -> String {
    let fingerprint: String = public.fingerprint().split(' ').take(4).collect();
    format!("pack-signing:{workspace}:{fingerprint}")
}

#[async_trait::async_trait]
impl PackKeys for KeyringPackKeys {
    async fn signing_key(&self, workspace: WorkspaceId) -> Result<PackSigningKey, String> {
        let mut db = self.store.conn().await.map_err(|e| e.to_string())?;
        let record = match review_packs::signing_key(&mut db, workspace)
            .await
            .map_err(|e| e.to_string())?
        {
            Some(record) => record,
            None => {
                let key = PackSigningKey::generate().map_err(|e| e.to_string())?;
                let public = key.public();
                let record = review_packs::SigningKeyRecord {
                    public_key_pem: public.to_pem(),
                    fingerprint: public.fingerprint(),
                    keyring_entry: entry_for(workspace, &public),
                    created_at: Timestamp::now(),
                };
                // The secret first: a recorded key whose secret is nowhere would sign nothing.
                self.secrets
                    .put(&record.keyring_entry, &key.to_hex())
                    .map_err(|e| e.to_string())?;
                if review_packs::insert_signing_key(&mut db, workspace, &record)
                    .await
                    .map_err(|e| e.to_string())?
                {
                    return Ok(key);
                }
                // Another process recorded the workspace's key a moment earlier: use that one,
                // and leave no secret behind that signs nothing.
                let _ = self.secrets.delete(&record.keyring_entry);
                review_packs::signing_key(&mut db, workspace)
                    .await
                    .map_err(|e| e.to_string())?
                    .ok_or("the workspace's signing key could not be recorded")?
            }
        };
        let secret = self
            .secrets
            .get(&record.keyring_entry)
            .map_err(|e| match e {
                SecretError::Missing => format!(
                    "the workspace's signing key (fingerprint {}) is not in this computer's \
                     keyring: it was made on another computer or removed, and only a computer \
                     holding it signs this workspace's packs",
                    record.fingerprint
                ),
                other => other.to_string(),
            })?;
        let key = PackSigningKey::from_hex(&secret).map_err(|e| e.to_string())?;
        if key.public().fingerprint() != record.fingerprint {
            return Err(format!(
                "the keyring holds another key than the workspace's (fingerprint {})",
                record.fingerprint
            ));
        }
        Ok(key)
    }
}
