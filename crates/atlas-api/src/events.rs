//! Live changes for the front ends, through the API: a subscription yields the run events of
//! the last moment, coalesced per run and filtered to what the subscriber may see (SPEC §2
//! applies to events as to commands). The desktop shell forwards them to the window; the CLI
//! waits on them instead of polling.

use std::{
    collections::HashMap,
    time::{Duration, Instant},
};

use atlas_domain::{Capability, ChangeKind, RunEvent, RunEventKind, RunId, TenantId, WorkspaceId};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast::{self, error::RecvError};
use ts_rs::TS;

use crate::{access, change_feed::DataChange, Actor, Api, ApiError};

/// What the desktop shell sends the window as `run-events`: the changes of the last moment,
/// one per run (its newest state).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RunEventBatch {
    pub events: Vec<RunEvent>,
    /// Some events were dropped because the window fell behind, or another process's changes
    /// may have been missed: re-read what is shown.
    pub lagged: bool,
    /// What other processes changed meanwhile besides runs (tenants, findings, packs,
    /// members, workspaces): re-read what is shown of these.
    pub changes: Vec<ChangeKind>,
}

/// Every event the shell emits to the window, declared once: (name, payload type). The
/// bindings export the names to the UI; the shell emits through these constants.
#[macro_export]
macro_rules! for_each_event {
    ($callback:ident) => {
        $callback! {
            /// The run changes of the last moment, one per run (its newest state).
            RUN_EVENTS = "run-events": $crate::types::RunEventBatch;
        }
    };
}

macro_rules! event_names {
    ($($(#[doc = $doc:literal])* $name:ident = $value:literal: $payload:ty;)*) => {
        $($(#[doc = $doc])* pub const $name: &str = $value;)*
    };
}
for_each_event!(event_names);

/// How long changes are gathered before a batch is handed out: a thousand progress updates a
/// second become a handful of messages.
pub const BATCH_WINDOW: Duration = Duration::from_millis(250);

/// How long a visibility decision is reused; a membership change reaches a live subscription
/// within this time.
const VISIBILITY_TTL: Duration = Duration::from_secs(30);

impl Api {
    /// Every run event of this process as it happens, other processes' changes included (the
    /// change feed), unbatched and unfiltered: for measuring, not for showing (see
    /// [`Api::subscribe`]).
    pub fn run_events(&self) -> broadcast::Receiver<RunEvent> {
        self.runs.subscribe()
    }

    /// The run events `actor` may see, from now on, in coalesced batches.
    pub fn subscribe(&self, actor: &Actor) -> Subscription {
        Subscription {
            events: self.runs.subscribe(),
            changes: self.changes.subscribe(),
            api: self.clone(),
            actor: actor.clone(),
            visible: HashMap::new(),
        }
    }
}

/// A live subscription to run events; see [`Api::subscribe`].
#[derive(Debug)]
pub struct Subscription {
    events: broadcast::Receiver<RunEvent>,
    changes: broadcast::Receiver<DataChange>,
    api: Api,
    actor: Actor,
    visible: HashMap<(WorkspaceId, Option<TenantId>), (bool, Instant)>,
}

impl Subscription {
    /// Waits for the next change, gathers what follows within [`BATCH_WINDOW`], and returns
    /// the visible part (possibly empty when nothing of it was visible, or `lagged` alone).
    /// `None` once the engine is gone.
    pub async fn next_batch(&mut self) -> Option<RunEventBatch> {
        let mut batch = Batch::default();
        tokio::select! {
            first = self.events.recv() => match first {
                Ok(event) => batch.add(event),
                Err(RecvError::Lagged(_)) => batch.lagged = true,
                Err(RecvError::Closed) => return None,
            },
            change = self.changes.recv() => batch.add_change(change),
        }
        let window = tokio::time::sleep(BATCH_WINDOW);
        tokio::pin!(window);
        loop {
            tokio::select! {
                () = &mut window => break,
                next = self.events.recv() => match next {
                    Ok(event) => batch.add(event),
                    Err(RecvError::Lagged(_)) => batch.lagged = true,
                    Err(RecvError::Closed) => break,
                },
                change = self.changes.recv() => batch.add_change(change),
            }
        }
        let changes = std::mem::take(&mut batch.changes);
        let mut payload = batch.into_payload();
        let mut kept = Vec::with_capacity(payload.events.len());
        for event in payload.events {
            if self
                .may_see(event.run.workspace_id, event.run.tenant_id)
                .await
            {
                kept.push(event);
            }
        }
        payload.events = kept;
        for (kind, workspace) in changes {
            let visible = match workspace {
                Some(workspace) => self.may_see(workspace, None).await,
                None => true,
            };
            if visible && !payload.changes.contains(&kind) {
                payload.changes.push(kind);
            }
        }
        Some(payload)
    }

    /// The next batch that holds something, or `None` once the engine is gone.
    pub async fn next_visible(&mut self) -> Option<RunEventBatch> {
        loop {
            let batch = self.next_batch().await?;
            if !batch.events.is_empty() || batch.lagged || !batch.changes.is_empty() {
                return Some(batch);
            }
        }
    }

    /// The same rule as the commands: a member of the workspace who may view tenants, and is
    /// entitled to the run's tenant. A store error hides the event (it is never guessed).
    async fn may_see(&mut self, workspace: WorkspaceId, tenant: Option<TenantId>) -> bool {
        let key = (workspace, tenant);
        if let Some((visible, at)) = self.visible.get(&key) {
            if at.elapsed() < VISIBILITY_TTL {
                return *visible;
            }
        }
        let visible = self.check(workspace, tenant).await.is_ok();
        self.visible.insert(key, (visible, Instant::now()));
        visible
    }

    async fn check(
        &self,
        workspace: WorkspaceId,
        tenant: Option<TenantId>,
    ) -> Result<(), ApiError> {
        let mut db = self.api.store.conn().await?;
        let action = "see this run";
        match tenant {
            Some(tenant) => {
                access::tenant(&mut db, &self.actor, tenant, Capability::TenantView, action)
                    .await?;
            }
            None => {
                access::workspace(
                    &mut db,
                    &self.actor,
                    workspace,
                    Capability::TenantView,
                    action,
                )
                .await?;
            }
        }
        Ok(())
    }
}

/// Events gathered over one window, one per run.
#[derive(Default)]
struct Batch {
    events: HashMap<RunId, RunEvent>,
    order: Vec<RunId>,
    lagged: bool,
    /// Other processes' changes, checked for visibility before they are handed out.
    changes: Vec<(ChangeKind, Option<WorkspaceId>)>,
}

impl Batch {
    /// Keeps each run's newest state: a run never moves back (queued → running → completed),
    /// even when announcements from different tasks arrive out of order.
    fn add(&mut self, event: RunEvent) {
        let id = event.run.id;
        match self.events.get(&id) {
            Some(kept) if kept.run.status > event.run.status => {}
            Some(kept) if kept.kind == RunEventKind::Completed => {}
            Some(_) => {
                self.events.insert(id, event);
            }
            None => {
                self.order.push(id);
                self.events.insert(id, event);
            }
        }
    }

    fn add_change(&mut self, change: Result<DataChange, RecvError>) {
        match change {
            Ok(DataChange::Changed(kind, workspace)) => {
                if !self.changes.contains(&(kind, workspace)) {
                    self.changes.push((kind, workspace));
                }
            }
            // A missed change (or many) is a re-read of everything shown.
            Ok(DataChange::Resync) | Err(RecvError::Lagged(_)) => self.lagged = true,
            Err(RecvError::Closed) => {}
        }
    }

    fn into_payload(mut self) -> RunEventBatch {
        RunEventBatch {
            events: self
                .order
                .iter()
                .filter_map(|id| self.events.remove(id))
                .collect(),
            lagged: self.lagged,
            changes: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_domain::{OperationRun, OperationType, RunStatus, Timestamp};

    fn event(run: &OperationRun, kind: RunEventKind, processed: i64) -> RunEvent {
        let mut run = run.clone();
        run.summary_counts.insert("processed".into(), processed);
        if kind == RunEventKind::Completed {
            run.status = RunStatus::Completed;
        }
        RunEvent { kind, run }
    }

    #[test]
    fn a_flood_of_progress_becomes_one_event_per_run() {
        let a = OperationRun::queued(
            WorkspaceId::new(),
            None,
            None,
            OperationType::InventorySync,
            "a".into(),
            serde_json::json!({}),
            Timestamp::now(),
        );
        let b = OperationRun {
            id: RunId::new(),
            ..a.clone()
        };
        let mut batch = Batch::default();
        for i in 0..1_000 {
            batch.add(event(&a, RunEventKind::Progress, i));
        }
        batch.add(event(&b, RunEventKind::Created, 0));
        batch.add(event(&a, RunEventKind::Completed, 1_000));
        batch.add(event(&a, RunEventKind::Progress, 5));
        let mut claimed = event(&b, RunEventKind::Updated, 0);
        claimed.run.status = RunStatus::Running;
        batch.add(claimed);
        batch.add(event(&b, RunEventKind::Created, 0));
        let payload = batch.into_payload();
        assert_eq!(payload.events.len(), 2);
        assert_eq!(
            payload.events[1].run.status,
            RunStatus::Running,
            "a late 'created' does not move it back"
        );
        assert_eq!(payload.events[0].run.id, a.id);
        assert_eq!(payload.events[0].kind, RunEventKind::Completed);
        assert_eq!(payload.events[0].run.summary_counts["processed"], 1_000);
        assert_eq!(payload.events[1].run.id, b.id);
        assert!(!payload.lagged);
    }
}
