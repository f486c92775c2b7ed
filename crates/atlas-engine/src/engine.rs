//! Putting it together: validate the lifecycle configuration, heal what a previous process left
//! behind (start-up reconciliation), then start the workers, the scheduled reconciler and the
//! scheduler of schedules.

use std::sync::Arc;

use atlas_domain::reasons::ReconciliationSource;
use atlas_store::Store;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

use crate::{
    affinity::{Affinity, CredentialSource},
    Clock, EngineConfig, EngineError, HandlerRegistry, Reconciler, RunService, Scheduler,
    WorkerPool, WorkerPoolHandle,
};

/// A running engine: its run service (to start work) and what must be stopped on shutdown.
#[derive(Debug)]
pub struct Engine {
    pub service: Arc<RunService>,
    workers: WorkerPoolHandle,
    reconciler_stop: CancellationToken,
    reconciler: JoinHandle<()>,
    scheduler: JoinHandle<()>,
    affinity: Option<JoinHandle<()>>,
}

impl Engine {
    /// Refuses to start with inconsistent timing; otherwise reconciles orphaned runs first,
    /// then starts `config.workers` workers named `<name>-<n>` and the reconciler loop.
    pub async fn start(
        store: Store,
        registry: HandlerRegistry,
        config: EngineConfig,
        clock: Arc<dyn Clock>,
        name: &str,
    ) -> Result<Engine, EngineError> {
        Self::start_with(store, registry, config, clock, name, None).await
    }

    /// [`Engine::start`] with team mode's credential affinity when `credentials` is given: the
    /// engine (id `name`) records the tenants whose credential it holds before its workers
    /// claim, and they claim credential work only for those (see `affinity`).
    pub async fn start_with(
        store: Store,
        registry: HandlerRegistry,
        config: EngineConfig,
        clock: Arc<dyn Clock>,
        name: &str,
        credentials: Option<Arc<dyn CredentialSource>>,
    ) -> Result<Engine, EngineError> {
        let violations = config.violations(&registry.operations());
        if !violations.is_empty() {
            return Err(EngineError::InvalidLifecycle(violations));
        }
        let service = Arc::new(RunService::new(
            store,
            clock,
            Arc::new(config),
            Arc::new(registry),
        ));
        let reconciler = Reconciler::new(service.clone());
        let healed = reconciler
            .drain(ReconciliationSource::StartupReconciler)
            .await?;
        if healed > 0 {
            tracing::warn!(healed, "start-up reconciliation resolved orphaned runs");
        }
        let reconciler_stop = CancellationToken::new();
        let affinity = match credentials {
            Some(source) => {
                // One row per engine, even for two engines in one process (tests, benchmarks).
                static STARTED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let engine_id = format!("{name}#{n}");
                let affinity = Affinity::new(engine_id.clone(), source, service.clone());
                affinity.register().await?;
                service.hold_credentials_as(engine_id);
                Some(affinity.spawn_loop(reconciler_stop.clone()))
            }
            None => None,
        };
        let workers = WorkerPool::new(service.clone(), name).spawn();
        let reconciler = reconciler.spawn_loop(reconciler_stop.clone());
        let scheduler = Scheduler::new(service.clone()).spawn_loop(reconciler_stop.clone());
        Ok(Engine {
            service,
            workers,
            reconciler_stop,
            reconciler,
            scheduler,
            affinity,
        })
    }

    /// Graceful shutdown: stop claiming, let in-flight runs finish within the grace period,
    /// then fail what is left truthfully; stop the reconciler.
    pub async fn shutdown(self) {
        self.reconciler_stop.cancel();
        self.workers.shutdown().await;
        let _ = self.reconciler.await;
        let _ = self.scheduler.await;
        if let Some(affinity) = self.affinity {
            let _ = affinity.await;
        }
    }
}
