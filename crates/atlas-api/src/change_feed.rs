//! Other processes' changes, brought into this process's event stream: another workstation or
//! a headless worker on the same PostgreSQL (through `LISTEN/NOTIFY`), or the CLI on the same
//! SQLite file (through `PRAGMA data_version`). Runs are re-read and announced like this
//! process's own changes ([`atlas_engine::RunService::announce`], which also wakes idle
//! workers for queued work); other kinds are handed to subscriptions as the kinds that changed,
//! so front ends re-read those. What this process announced itself is not announced again.

use std::{
    collections::{HashMap, HashSet},
    time::Duration,
};

use atlas_domain::{
    ChangeKind, OperationRun, RunEvent, RunEventKind, RunId, RunStatus, WorkspaceId,
};
use atlas_store::{
    changes::{ChangeListener, DataVersion, Notice},
    runs,
};
use tokio::sync::broadcast::{self, error::RecvError};

use crate::Api;

/// What another process changed, other than runs (see [`Api::subscribe`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DataChange {
    /// Something of `kind` changed in the workspace (`None`: unknown, tell everyone).
    Changed(ChangeKind, Option<WorkspaceId>),
    /// Changes may have been missed: re-read everything.
    Resync,
}

/// How long announcements are gathered before runs are re-read, so a burst costs one read.
const GATHER: Duration = Duration::from_millis(50);
/// How often SQLite's data version is looked at.
const SQLITE_POLL: Duration = Duration::from_millis(500);
/// Runs whose last announced state is remembered, before completed ones are forgotten.
const REMEMBERED: usize = 10_000;

/// Starts the feed for this API's store; it ends with the runtime.
pub(crate) fn spawn(api: Api) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let own = api.runs.subscribe();
        let listener = match api.store.listen().await {
            Ok(listener) => listener,
            Err(error) => {
                tracing::warn!(%error, "the change feed cannot listen; other processes' changes show on the next read");
                return;
            }
        };
        let mut feed = Feed {
            api,
            own,
            seen: HashMap::new(),
        };
        match listener {
            Some(listener) => feed.postgres(listener).await,
            None => match feed.api.store.data_version().await {
                Ok(Some(version)) => feed.sqlite(version).await,
                Ok(None) => {}
                Err(error) => tracing::warn!(%error, "the change feed cannot watch the database"),
            },
        }
    })
}

struct Feed {
    api: Api,
    /// This process's own run events, to know what was already announced.
    own: broadcast::Receiver<RunEvent>,
    /// The last state announced per run.
    seen: HashMap<RunId, String>,
}

/// What of a run a listener shows; a re-read equal to the last announcement is not news.
fn state_of(run: &OperationRun) -> String {
    serde_json::json!([
        run.status,
        run.outcome,
        run.lease_owner,
        run.summary_counts,
        run.completed_at,
        run.cancel_requested_at,
    ])
    .to_string()
}

impl Feed {
    async fn postgres(&mut self, mut listener: ChangeListener) {
        loop {
            let first = tokio::select! {
                notice = listener.next() => notice,
                own = self.own.recv() => {
                    self.note_own(own);
                    continue;
                }
            };
            let mut notices = vec![first];
            let window = tokio::time::sleep(GATHER);
            tokio::pin!(window);
            loop {
                tokio::select! {
                    () = &mut window => break,
                    notice = listener.next() => notices.push(notice),
                    own = self.own.recv() => self.note_own(own),
                }
            }
            self.apply(notices).await;
        }
    }

    async fn sqlite(&mut self, mut version: DataVersion) {
        let mut active: HashSet<RunId> = HashSet::new();
        loop {
            tokio::select! {
                () = tokio::time::sleep(SQLITE_POLL) => {}
                own = self.own.recv() => {
                    self.note_own(own);
                    continue;
                }
            }
            match version.changed().await {
                Ok(false) => continue,
                Ok(true) => {}
                Err(error) => {
                    tracing::debug!(%error, "the database's data version cannot be read");
                    continue;
                }
            }
            // Runs now active, and the ones active before that have ended since.
            let Ok(mut db) = self.api.store.conn().await else {
                continue;
            };
            let Ok(now_active) = runs::active(&mut db).await else {
                continue;
            };
            let now_ids: HashSet<RunId> = now_active.iter().map(|r| r.id).collect();
            let ended: Vec<RunId> = active.difference(&now_ids).copied().collect();
            let ended = runs::get_many(&mut db, &ended).await.unwrap_or_default();
            drop(db);
            active = now_ids;
            for run in now_active.into_iter().chain(ended) {
                self.announce(run);
            }
        }
    }

    fn note_own(&mut self, own: Result<RunEvent, RecvError>) {
        if let Ok(event) = own {
            self.seen.insert(event.run.id, state_of(&event.run));
        }
    }

    async fn apply(&mut self, notices: Vec<Notice>) {
        let mut run_ids = Vec::new();
        let mut resync = false;
        for notice in notices {
            match notice {
                Notice::Resync => resync = true,
                Notice::Change(change) => match (change.kind, change.run) {
                    (ChangeKind::Run, Some(id)) => {
                        if !run_ids.contains(&id) {
                            run_ids.push(id);
                        }
                    }
                    (kind, _) => self
                        .api
                        .publish_change(DataChange::Changed(kind, change.workspace)),
                },
            }
        }
        let Ok(mut db) = self.api.store.conn().await else {
            // The database is away; the listener reports a resync once it is back.
            return;
        };
        let mut changed = runs::get_many(&mut db, &run_ids).await.unwrap_or_default();
        if resync {
            changed.extend(runs::active(&mut db).await.unwrap_or_default());
            self.api.publish_change(DataChange::Resync);
        }
        drop(db);
        for run in changed {
            self.announce(run);
        }
    }

    /// Announces `run` unless its state is the one last announced.
    fn announce(&mut self, run: OperationRun) {
        let state = state_of(&run);
        let kind = match self.seen.get(&run.id) {
            Some(kept) if *kept == state => return,
            _ if run.status == RunStatus::Completed => RunEventKind::Completed,
            None if run.status == RunStatus::Queued => RunEventKind::Created,
            _ => RunEventKind::Updated,
        };
        if self.seen.len() >= REMEMBERED {
            self.seen.clear();
        }
        self.seen.insert(run.id, state);
        self.api.runs.announce(RunEvent { kind, run });
    }
}

/// The channel of [`DataChange`]s, one per API (clones share it).
pub(crate) fn channel() -> broadcast::Sender<DataChange> {
    broadcast::channel(256).0
}
