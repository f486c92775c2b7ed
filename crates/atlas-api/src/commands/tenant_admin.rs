//! Adding, editing, pausing and archiving tenants. A credential goes to the keyring first,
//! under a new entry name; the database row pointing at it is written after, in one
//! transaction with its audit entry. A failure on the way removes the new entry and leaves the
//! old one (and the row) as they were.

use std::sync::Arc;

use atlas_domain::{
    audit::actions, tenant::validate_display_name, Capability, CredentialKind, ProviderConnection,
    Tenant, TenantId, TenantStatus, Timestamp, WorkspaceId,
};
use atlas_store::{memberships, tenants, StoreError};
use serde_json::json;

use crate::{
    access, audit_trail,
    onboarding::{self, Directory},
    secrets::{reference_for, SecretError, SecretStore},
    Actor, Api, ApiError, ErrorCode,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a tenant's app registration proves itself, as entered by the operator. The secret or
/// private key goes to the OS keyring and never comes back out through the API.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CredentialInput {
    ClientSecret {
        secret: String,
        /// When the secret ends, as the app registration shows it (optional: a verify with
        /// `Application.Read.All` reads it from the registration).
        #[serde(default)]
        #[ts(optional)]
        expires_at: Option<Timestamp>,
    },
    Certificate {
        certificate_pem: String,
        private_key_pem: String,
    },
}

impl std::fmt::Debug for CredentialInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::ClientSecret { .. } => f.write_str("ClientSecret(<redacted>)"),
            Self::Certificate { .. } => f.write_str("Certificate(<redacted>)"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddTenantRequest {
    pub workspace_id: WorkspaceId,
    pub display_name: String,
    /// The directory (tenant) id as a GUID, or one of the tenant's verified domains
    /// (`contoso.onmicrosoft.com`), which is resolved to the GUID.
    pub directory: String,
    /// The app registration's application (client) id, a GUID.
    pub client_id: String,
    pub credential: CredentialInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HoldCredentialRequest {
    pub tenant_id: TenantId,
    pub credential: CredentialInput,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HoldCredentialResponse {
    pub message: String,
}

/// This machine's name, for the audit log.
fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "this workstation".into())
}

/// Changes to a tenant; absent fields stay as they are. Changing the client id or the
/// credential makes the connection unverified and writes an audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UpdateTenantRequest {
    pub tenant_id: TenantId,
    #[ts(optional)]
    pub display_name: Option<String>,
    #[ts(optional)]
    pub client_id: Option<String>,
    #[ts(optional)]
    pub credential: Option<CredentialInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetTenantStatusRequest {
    pub tenant_id: TenantId,
    pub status: TenantStatus,
}

impl Api {
    /// Adds a customer tenant reached through Microsoft (or the configured cloud) with an app
    /// registration whose secret or certificate goes to the system keyring.
    pub async fn add_tenant(
        &self,
        actor: &Actor,
        request: AddTenantRequest,
    ) -> Result<Tenant, ApiError> {
        let membership = {
            let mut db = self.store.conn().await?;
            access::workspace(
                &mut db,
                actor,
                request.workspace_id,
                Capability::TenantManage,
                "add tenants",
            )
            .await?
        };
        let display_name = validate_display_name(&request.display_name)?;
        let client_id = onboarding::client_id(&request.client_id)?;
        let secret = onboarding::keyring_value(&request.credential)?;
        let credential_expiry =
            onboarding::credential_expiry(&request.credential, Timestamp::now())?;
        let microsoft = self
            .connector
            .microsoft()
            .map_err(|e| ApiError::new(ErrorCode::Unavailable, e.message))?;
        let Directory {
            id: directory,
            domain,
        } = onboarding::resolve_directory(&request.directory, &microsoft).await?;

        let now = Timestamp::now();
        let tenant_id = TenantId::new();
        let reference = reference_for(tenant_id, 1);
        let tenant = Tenant {
            id: tenant_id,
            workspace_id: request.workspace_id,
            display_name,
            directory_tenant_id: directory,
            primary_domain: domain,
            status: TenantStatus::Active,
            simulated: false,
            connection: Some(ProviderConnection {
                client_id,
                credential_kind: kind_of(&request.credential),
                credential_ref: Some(reference.clone()),
                credential_updated_at: Some(now),
                credential_expiry,
            }),
            connection_check: Default::default(),
            created_at: now,
            updated_at: now,
        };
        keyring(&self.secrets, {
            let reference = reference.clone();
            move |s| s.put(&reference, &secret)
        })
        .await?;
        let stored = async {
            let mut tx = self.store.begin().await?;
            tenants::insert(&mut tx, &tenant).await?;
            // Whoever adds a tenant sees it: a member entitled to chosen tenants is entitled
            // to this one too (in team mode the database's own trigger has done it already).
            let user = actor.user_id();
            if !membership.all_tenants
                && !memberships::is_entitled(&mut tx, user, tenant_id).await?
            {
                memberships::grant_tenant(&mut tx, tenant.workspace_id, user, tenant_id, now)
                    .await?;
            }
            audit_trail::tenant_event(
                &mut tx,
                actor,
                &tenant,
                actions::TENANT_CREATED,
                format!("Added tenant {}", tenant.display_name),
                json!({
                    "directory_tenant_id": tenant.directory_tenant_id,
                    "client_id": tenant.connection.as_ref().map(|c| &c.client_id),
                    "credential_kind": kind_of(&request.credential),
                }),
                now,
            )
            .await?;
            tx.commit().await
        }
        .await;
        if let Err(err) = stored {
            self.forget_secret(reference).await;
            return Err(match err {
                StoreError::Conflict(_) => ApiError::new(
                    ErrorCode::Conflict,
                    format!(
                        "The directory {} is already a tenant of this workspace.",
                        tenant.directory_tenant_id
                    ),
                ),
                other => other.into(),
            });
        }
        self.runs.credentials_changed();
        tracing::info!(tenant = %tenant.id, "tenant added");
        Ok(tenant)
    }

    /// Renames a tenant, or replaces its app registration or credential. A new credential is
    /// stored under a new keyring entry; the old entry is removed only once the tenant points
    /// at the new one.
    pub async fn update_tenant(
        &self,
        actor: &Actor,
        request: UpdateTenantRequest,
    ) -> Result<Tenant, ApiError> {
        let tenant = self
            .authorized_tenant(
                actor,
                request.tenant_id,
                Capability::TenantManage,
                "edit this tenant",
            )
            .await?;
        let display_name = request
            .display_name
            .as_deref()
            .map(validate_display_name)
            .transpose()?
            .filter(|name| *name != tenant.display_name);
        let client_id = request
            .client_id
            .as_deref()
            .map(onboarding::client_id)
            .transpose()?;
        let secret = request
            .credential
            .as_ref()
            .map(onboarding::keyring_value)
            .transpose()?;
        let new_expiry = match &request.credential {
            Some(credential) => onboarding::credential_expiry(credential, Timestamp::now())?,
            None => None,
        };
        let connection_change = client_id.is_some() || secret.is_some();
        if connection_change && tenant.simulated {
            return Err(ApiError::invalid(
                "A simulated tenant uses the simulated cloud's own app registration; its connection cannot be changed.",
            ));
        }
        let current = tenant.connection.clone();
        let client_id = client_id.or_else(|| current.as_ref().map(|c| c.client_id.clone()));
        if connection_change && client_id.is_none() {
            return Err(ApiError::invalid(
                "Enter the application (client) id together with the credential.",
            ));
        }
        if secret.is_none()
            && current.as_ref().is_none_or(|c| c.credential_ref.is_none())
            && connection_change
        {
            return Err(ApiError::invalid(
                "Enter the client secret or certificate together with the application (client) id.",
            ));
        }

        let now = Timestamp::now();
        let new_reference = match (&secret, &current) {
            (Some(_), _) => Some(reference_for(tenant.id, next_generation(current.as_ref()))),
            _ => None,
        };
        if let (Some(secret), Some(reference)) = (secret, new_reference.clone()) {
            keyring(&self.secrets, move |s| s.put(&reference, &secret)).await?;
        }
        let connection = connection_change.then(|| ProviderConnection {
            client_id: client_id.clone().unwrap_or_default(),
            credential_kind: request
                .credential
                .as_ref()
                .map(kind_of)
                .or(current.as_ref().map(|c| c.credential_kind))
                .unwrap_or(CredentialKind::ClientSecret),
            credential_ref: new_reference
                .clone()
                .or_else(|| current.as_ref().and_then(|c| c.credential_ref.clone())),
            credential_updated_at: if new_reference.is_some() {
                Some(now)
            } else {
                current.as_ref().and_then(|c| c.credential_updated_at)
            },
            // A new credential brings its own end date (or none known yet).
            credential_expiry: if new_reference.is_some() {
                new_expiry
            } else {
                current.as_ref().and_then(|c| c.credential_expiry)
            },
        });
        let stored = async {
            let mut tx = self.store.begin().await?;
            if let Some(name) = &display_name {
                tenants::update_details(&mut tx, tenant.id, name, tenant.primary_domain.as_deref(), now)
                    .await?;
                audit_trail::tenant_event(
                    &mut tx,
                    actor,
                    &tenant,
                    actions::TENANT_UPDATED,
                    format!("Renamed tenant {} to {name}", tenant.display_name),
                    json!({ "display_name": { "from": tenant.display_name, "to": name } }),
                    now,
                )
                .await?;
            }
            if let Some(connection) = &connection {
                tenants::set_connection(&mut tx, tenant.id, Some(connection), now).await?;
                audit_trail::tenant_event(
                    &mut tx,
                    actor,
                    &tenant,
                    actions::TENANT_CREDENTIAL_CHANGED,
                    format!("Changed the connection of {}", tenant.display_name),
                    json!({
                        "client_id": connection.client_id,
                        "client_id_changed": current.as_ref().map(|c| &c.client_id) != Some(&connection.client_id),
                        "credential_kind": connection.credential_kind,
                        "credential_replaced": new_reference.is_some(),
                    }),
                    now,
                )
                .await?;
            }
            tx.commit().await
        }
        .await;
        if let Err(err) = stored {
            if let Some(reference) = new_reference {
                self.forget_secret(reference).await;
            }
            return Err(err.into());
        }
        if let (Some(_), Some(old)) = (&new_reference, current.and_then(|c| c.credential_ref)) {
            self.forget_secret(old).await;
        }
        if new_reference.is_some() {
            // This engine now holds the new credential (and no longer the old one elsewhere).
            self.runs.credentials_changed();
        }
        let mut db = self.store.conn().await?;
        tenants::get(&mut db, tenant.id)
            .await?
            .ok_or_else(|| ApiError::not_found("Tenant"))
    }

    /// Keeps a tenant's credential in this machine's keyring too (team mode: so this
    /// workstation's engine may run its Graph work). The credential is proven first (a token
    /// and a read, like verify); nothing in the database changes, and nothing is kept when the
    /// proof fails.
    pub async fn hold_credential(
        &self,
        actor: &Actor,
        request: HoldCredentialRequest,
    ) -> Result<HoldCredentialResponse, ApiError> {
        let mut db = self.store.conn().await?;
        let tenant = access::tenant(
            &mut db,
            actor,
            request.tenant_id,
            Capability::TenantSync,
            "keep this tenant's credential here",
        )
        .await?;
        drop(db);
        if tenant.simulated {
            return Err(ApiError::invalid(
                "A simulated tenant needs no credential: every workstation reaches it.",
            ));
        }
        let Some(connection) = tenant.connection.as_ref() else {
            return Err(ApiError::invalid(
                "The tenant has no app registration yet: add its client id and secret first.",
            ));
        };
        let Some(reference) = connection.credential_ref.clone() else {
            return Err(ApiError::invalid(
                "The tenant has no credential yet: enter it in the tenant's connection first.",
            ));
        };
        if kind_of(&request.credential) != connection.credential_kind {
            return Err(ApiError::invalid(format!(
                "The tenant signs in with a {}; enter that.",
                match connection.credential_kind {
                    CredentialKind::ClientSecret => "client secret",
                    CredentialKind::Certificate => "certificate",
                }
            )));
        }
        let secret = onboarding::keyring_value(&request.credential)?;
        let session = self.connector.session_with(&tenant, secret.clone());
        let checked = self.check_session(&tenant, session).await;
        if checked.reason_code.is_some() {
            return Err(ApiError::invalid(format!(
                "The credential was not kept: {}",
                checked.message
            )));
        }
        keyring(&self.secrets, move |s| s.put(&reference, &secret)).await?;
        self.runs.credentials_changed();
        let mut tx = self.store.begin().await?;
        audit_trail::tenant_event(
            &mut tx,
            actor,
            &tenant,
            actions::TENANT_CREDENTIAL_HELD,
            format!(
                "Kept the credential of {} on {}",
                tenant.display_name,
                this_host()
            ),
            json!({ "host": this_host() }),
            Timestamp::now(),
        )
        .await?;
        tx.commit().await?;
        Ok(HoldCredentialResponse {
            message: format!(
                "{} This workstation now runs its syncs too.",
                checked.message
            ),
        })
    }

    /// Pauses (no syncs start), archives (hidden from daily work, data kept) or reactivates a
    /// tenant.
    pub async fn set_tenant_status(
        &self,
        actor: &Actor,
        request: SetTenantStatusRequest,
    ) -> Result<Tenant, ApiError> {
        let mut tx = self.store.begin().await?;
        let tenant = access::tenant(
            &mut tx,
            actor,
            request.tenant_id,
            Capability::TenantManage,
            "change this tenant's status",
        )
        .await?;
        if tenant.status == request.status {
            return Ok(tenant);
        }
        let now = Timestamp::now();
        tenants::set_status(&mut tx, tenant.id, request.status, now).await?;
        let verb = match request.status {
            TenantStatus::Active => "Reactivated",
            TenantStatus::Paused => "Paused",
            TenantStatus::Archived => "Archived",
        };
        audit_trail::tenant_event(
            &mut tx,
            actor,
            &tenant,
            actions::TENANT_STATUS_CHANGED,
            format!("{verb} tenant {}", tenant.display_name),
            json!({ "status": { "from": tenant.status, "to": request.status } }),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(Tenant {
            status: request.status,
            updated_at: now,
            ..tenant
        })
    }

    /// Removes a keyring entry nothing points at any more; a failure only leaves an orphan.
    async fn forget_secret(&self, reference: String) {
        let shown = reference.clone();
        if let Err(error) = keyring(&self.secrets, move |s| s.delete(&reference)).await {
            tracing::warn!(entry = %shown, %error, "an unused keyring entry could not be removed");
        }
    }
}

fn kind_of(credential: &CredentialInput) -> CredentialKind {
    match credential {
        CredentialInput::ClientSecret { .. } => CredentialKind::ClientSecret,
        CredentialInput::Certificate { .. } => CredentialKind::Certificate,
    }
}

/// Keyring entries are `tenant:{id}:{generation}`; a change takes the next generation.
fn next_generation(current: Option<&ProviderConnection>) -> i64 {
    current
        .and_then(|c| c.credential_ref.as_deref())
        .and_then(|r| r.rsplit(':').next())
        .and_then(|g| g.parse::<i64>().ok())
        .unwrap_or(0)
        + 1
}

/// Keyring calls block on D-Bus (or the OS equivalent): off the async threads.
async fn keyring<T: Send + 'static>(
    secrets: &Arc<dyn SecretStore>,
    call: impl FnOnce(&dyn SecretStore) -> Result<T, SecretError> + Send + 'static,
) -> Result<T, ApiError> {
    let secrets = secrets.clone();
    tokio::task::spawn_blocking(move || call(secrets.as_ref()))
        .await
        .map_err(|_| ApiError::new(ErrorCode::Internal, "The keyring call did not finish."))?
        .map_err(ApiError::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_credential_takes_the_next_keyring_generation() {
        let connection = |r: Option<&str>| ProviderConnection {
            client_id: "c".into(),
            credential_kind: CredentialKind::ClientSecret,
            credential_ref: r.map(str::to_owned),
            credential_updated_at: None,
            credential_expiry: None,
        };
        assert_eq!(next_generation(None), 1);
        assert_eq!(next_generation(Some(&connection(None))), 1);
        assert_eq!(next_generation(Some(&connection(Some("tenant:x:4")))), 5);
    }
}
