//! What several command-surface tests share: the app as the operator ann on a data folder of
//! its own (no engine: a started run stays queued), and the audit actions of one area.

#![allow(dead_code)] // each test file uses what it needs

use std::path::Path;

use atlas_api::{types::ListAuditRequest, Actor, Api, Runtime, RuntimeOptions};
use atlas_domain::{AuditFilter, WorkspaceId};

/// The app as ann, on `data_dir`, with `change` applied to the options first.
pub async fn ann_runtime(data_dir: &Path, change: impl FnOnce(&mut RuntimeOptions)) -> Runtime {
    let mut options = RuntimeOptions {
        data_dir: Some(data_dir.into()),
        user_name: Some("ann".into()),
        ..Default::default()
    };
    change(&mut options);
    Runtime::open(options).await.unwrap()
}

/// The workspace's audit actions of `area` (`schedule`, `data`, …), newest first.
pub async fn audit_actions(
    api: &Api,
    actor: &Actor,
    workspace: WorkspaceId,
    area: &str,
) -> Vec<String> {
    api.list_audit(
        actor,
        ListAuditRequest {
            workspace_id: workspace,
            filter: AuditFilter {
                action: Some(area.into()),
                limit: 100,
                ..Default::default()
            },
        },
    )
    .await
    .unwrap()
    .items
    .into_iter()
    .map(|row| row.entry.action)
    .collect()
}
