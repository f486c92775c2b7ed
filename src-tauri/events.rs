//! Live run updates for the window. The engine announces every change it makes; this task
//! coalesces them (one event per run per moment, so a thousand progress updates a second
//! become a handful of messages), emits them as `run-events`, and raises one native OS
//! notification when a run the local operator started completes — with the same words as the
//! in-app inbox entry the engine wrote.

use std::{collections::HashMap, time::Duration};

use atlas_api::{types::RunEventBatch, Runtime};
use atlas_domain::{RunEvent, RunEventKind, RunId};
use atlas_store::notifications;
use tauri::{AppHandle, Emitter};
use tauri_plugin_notification::NotificationExt;
use tokio::sync::broadcast::error::RecvError;

/// How long changes are gathered before they are sent.
const BATCH_WINDOW: Duration = Duration::from_millis(250);

pub fn forward(app: AppHandle, runtime: &Runtime) {
    let mut events = runtime.api.runs().subscribe();
    let store = runtime.api.store().clone();
    let me = runtime.actor.user_id();
    tauri::async_runtime::spawn(async move {
        loop {
            let mut batch = Batch::default();
            match events.recv().await {
                Ok(event) => batch.add(event),
                Err(RecvError::Lagged(_)) => batch.lagged = true,
                Err(RecvError::Closed) => return,
            }
            let window = tokio::time::sleep(BATCH_WINDOW);
            tokio::pin!(window);
            loop {
                tokio::select! {
                    () = &mut window => break,
                    next = events.recv() => match next {
                        Ok(event) => batch.add(event),
                        Err(RecvError::Lagged(_)) => batch.lagged = true,
                        Err(RecvError::Closed) => break,
                    },
                }
            }
            let finished: Vec<RunId> = batch
                .events
                .values()
                .filter(|e| {
                    e.kind == RunEventKind::Completed && e.run.initiator_user_id == Some(me)
                })
                .map(|e| e.run.id)
                .collect();
            if let Err(error) = app.emit("run-events", batch.into_payload()) {
                tracing::warn!(%error, "run events could not reach the window");
            }
            for run in finished {
                notify(&app, &store, me, run).await;
            }
        }
    });
}

#[derive(Default)]
struct Batch {
    events: HashMap<RunId, RunEvent>,
    order: Vec<RunId>,
    lagged: bool,
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

    fn into_payload(mut self) -> RunEventBatch {
        RunEventBatch {
            events: self
                .order
                .iter()
                .filter_map(|id| self.events.remove(id))
                .collect(),
            lagged: self.lagged,
        }
    }
}

/// The OS notification for a finished run: the inbox entry's title and body.
async fn notify(app: &AppHandle, store: &atlas_store::Store, me: atlas_domain::UserId, run: RunId) {
    let entry = async {
        let mut db = store.conn().await.ok()?;
        notifications::list_for_user(&mut db, me, 20)
            .await
            .ok()?
            .into_iter()
            .find(|n| n.run_id == Some(run))
    }
    .await;
    let Some(entry) = entry else {
        return;
    };
    if let Err(error) = app
        .notification()
        .builder()
        .title(&entry.title)
        .body(&entry.body)
        .show()
    {
        tracing::warn!(%error, "the desktop notification could not be shown");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_domain::{OperationRun, OperationType, RunStatus, Timestamp, WorkspaceId};

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
