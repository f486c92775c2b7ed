//! The scheduler: starts the work of due schedules. A slot is claimed by moving the schedule's
//! next start with a compare-and-set (`schedules::advance`), so of every process running an
//! engine on the same database exactly one starts it; the next start is computed from now, so
//! a slot missed while nothing ran starts once, not once per missed slot. The runs it starts
//! have no initiator (nobody's inbox) and dedupe with work already active.

use std::{sync::Arc, time::Duration};

use atlas_domain::{schedule::When, Tenant, TenantId};
use atlas_store::{schedules, tenants};
use tokio::{task::JoinHandle, time::sleep};
use tokio_util::sync::CancellationToken;

use crate::{EngineError, RunService, StartRequest};

/// The longest the scheduler sleeps: a schedule created or edited by another process is seen
/// within this.
const MAX_WAIT: Duration = Duration::from_secs(30);
/// Schedules handled per pass.
const BATCH: i64 = 100;

#[derive(Debug, Clone)]
pub struct Scheduler {
    service: Arc<RunService>,
}

impl Scheduler {
    pub fn new(service: Arc<RunService>) -> Self {
        Self { service }
    }

    /// Starts the work of every schedule due now; returns how many runs it started.
    pub async fn tick(&self) -> Result<usize, EngineError> {
        let now = self.service.clock().now();
        let due = {
            let mut db = self.service.store().conn().await?;
            schedules::due(&mut db, now, BATCH).await?
        };
        let mut started = 0;
        for schedule in due {
            let Some(expected) = schedule.next_run_at else {
                continue;
            };
            // A schedule whose times no longer parse stops (next start none) rather than
            // failing every pass.
            let next = match When::parse(&schedule.cron, &schedule.time_zone) {
                Ok(when) => when.next_after(now),
                Err(error) => {
                    tracing::warn!(schedule = %schedule.id, %error, "a schedule's times cannot be read; it stops");
                    None
                }
            };
            let claimed = {
                let mut db = self.service.store().conn().await?;
                schedules::advance(&mut db, schedule.id, expected, next, now).await?
            };
            if !claimed {
                continue; // another process started this slot
            }
            for tenant in self
                .targets(&schedule.workspace_id, schedule.tenant_id)
                .await?
            {
                let request = StartRequest {
                    workspace_id: schedule.workspace_id,
                    tenant_id: Some(tenant.id),
                    initiator: None,
                    operation: schedule.operation,
                    inputs: schedule.inputs.clone(),
                    identity: None,
                    batch: None,
                    notify: false,
                };
                match self.service.start(request).await {
                    Ok(run) if !run.deduped => started += 1,
                    Ok(_) => {}
                    Err(error) => {
                        tracing::warn!(schedule = %schedule.id, tenant = %tenant.id, %error, "a scheduled run could not start")
                    }
                }
            }
        }
        Ok(started)
    }

    /// The tenants a schedule's slot starts work for: its tenant, or every active tenant of
    /// the workspace; a paused or archived tenant is left out, as the operator paused it.
    async fn targets(
        &self,
        workspace: &atlas_domain::WorkspaceId,
        tenant: Option<TenantId>,
    ) -> Result<Vec<Tenant>, EngineError> {
        let mut db = self.service.store().conn().await?;
        let candidates = match tenant {
            Some(id) => tenants::get(&mut db, id).await?.into_iter().collect(),
            None => tenants::list_active(&mut db, *workspace).await?,
        };
        Ok(candidates
            .into_iter()
            .filter(|t| t.work_refusal().is_none())
            .collect())
    }

    /// Runs passes until `stop`: right after the next start, and at least every 30 seconds.
    pub fn spawn_loop(self, stop: CancellationToken) -> JoinHandle<()> {
        tokio::spawn(async move {
            let mut failing = false;
            loop {
                match self.tick().await {
                    Ok(_) if failing => {
                        tracing::info!("the scheduler works again");
                        failing = false;
                    }
                    Ok(_) => {}
                    Err(error) => {
                        if !failing {
                            tracing::warn!(%error, "a scheduler pass failed; retrying until it works");
                        }
                        failing = true;
                    }
                }
                let wait = self.next_wait().await;
                tokio::select! {
                    _ = stop.cancelled() => return,
                    _ = sleep(wait) => {}
                }
            }
        })
    }

    async fn next_wait(&self) -> Duration {
        let now = self.service.clock().now();
        let next = match self.service.store().conn().await {
            Ok(mut db) => schedules::next_due(&mut db).await.ok().flatten(),
            Err(_) => None,
        };
        match next {
            Some(at) => {
                let until = at.unix_millis().saturating_sub(now.unix_millis()).max(0) as u64;
                Duration::from_millis(until).min(MAX_WAIT)
            }
            None => MAX_WAIT,
        }
    }
}
