//! Credential affinity (team mode): a tenant's secret stays in the keyrings of the machines that
//! hold it, so work that needs it must run there. An engine records itself (`engines`) and the
//! tenants whose credential it can read (`engine_credentials`) at start, whenever a credential
//! changes here, and every minute; it heartbeats its row, and its workers claim credential work
//! only for those tenants. Which tenants are held is the front end's knowledge (it knows the
//! keyring); the engine asks through [`CredentialSource`].

use std::{sync::Arc, time::Duration};

use atlas_domain::TenantId;
use atlas_store::{engines, Store};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;

use crate::{EngineError, RunService};

/// Which tenants' credentials this process can read.
#[async_trait::async_trait]
pub trait CredentialSource: Send + Sync + std::fmt::Debug {
    async fn held_tenants(&self, store: &Store) -> Result<Vec<TenantId>, String>;
}

/// How often the held credentials are read again even without a change here (a tenant added
/// on another workstation whose credential this machine also holds).
const REFRESH_EVERY: Duration = Duration::from_secs(60);
/// Engines silent this many heartbeat intervals are removed from the table (they died).
const DEAD_AFTER_BEATS: u32 = 10;

pub(crate) struct Affinity {
    pub(crate) engine_id: String,
    source: Arc<dyn CredentialSource>,
    service: Arc<RunService>,
    changed: Arc<Notify>,
}

impl Affinity {
    pub(crate) fn new(
        engine_id: String,
        source: Arc<dyn CredentialSource>,
        service: Arc<RunService>,
    ) -> Self {
        let changed = service.credentials_changed_signal();
        Self {
            engine_id,
            source,
            service,
            changed,
        }
    }

    /// Registers the engine and its credentials, before any worker claims.
    pub(crate) async fn register(&self) -> Result<(), EngineError> {
        let store = self.service.store();
        let now = self.service.clock().now();
        let mut db = store.conn().await?;
        engines::register(&mut db, &self.engine_id, &crate::process::host_name(), now).await?;
        drop(db);
        self.refresh().await
    }

    async fn refresh(&self) -> Result<(), EngineError> {
        let store = self.service.store();
        let held = match self.source.held_tenants(store).await {
            Ok(held) => held,
            Err(reason) => {
                tracing::warn!(%reason, "the credentials this machine holds cannot be listed; keeping the last list");
                return Ok(());
            }
        };
        let mut tx = store.begin().await?;
        engines::set_credentials(&mut tx, &self.engine_id, &held, self.service.clock().now())
            .await?;
        tx.commit().await?;
        tracing::debug!(
            tenants = held.len(),
            "credentials held by this engine recorded"
        );
        Ok(())
    }

    /// Heartbeats the engine's row, refreshes its credentials (on a change here and every
    /// minute), and removes engines long silent; until `stop`, then removes its own row.
    pub(crate) fn spawn_loop(self, stop: CancellationToken) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let beat = self.service.config().timing.heartbeat_interval;
            let mut last_refresh = tokio::time::Instant::now();
            loop {
                tokio::select! {
                    () = stop.cancelled() => break,
                    () = tokio::time::sleep(beat) => {}
                    () = self.changed.notified() => {
                        last_refresh = tokio::time::Instant::now();
                        if let Err(error) = self.refresh().await {
                            tracing::warn!(%error, "recording this engine's credentials failed");
                        }
                        continue;
                    }
                }
                if let Err(error) = self.beat(beat).await {
                    tracing::debug!(%error, "the engine's heartbeat failed; trying again");
                }
                if last_refresh.elapsed() >= REFRESH_EVERY {
                    last_refresh = tokio::time::Instant::now();
                    if let Err(error) = self.refresh().await {
                        tracing::warn!(%error, "recording this engine's credentials failed");
                    }
                }
            }
            if let Ok(mut db) = self.service.store().conn().await {
                let _ = engines::remove(&mut db, &self.engine_id).await;
            }
        })
    }

    async fn beat(&self, interval: Duration) -> Result<(), EngineError> {
        let now = self.service.clock().now();
        let mut db = self.service.store().conn().await?;
        if !engines::heartbeat(&mut db, &self.engine_id, now).await? {
            // Removed as dead while this process was paused: register again.
            drop(db);
            return self.register().await;
        }
        let dead_before = crate::clock::sub(now, interval * DEAD_AFTER_BEATS);
        engines::remove_silent(&mut db, dead_before).await?;
        Ok(())
    }
}
