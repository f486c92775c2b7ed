//! Monitoring: the operations index and its header counts, a run's detail, the operator's
//! inbox and the audit log.

use std::time::Duration;

use atlas_domain::{
    lifecycle::freshness, reasons::Actionability, AuditFilter, AuditRow, Capability, Freshness,
    OperationRun, OperationType, Page, ReasonCode, RunBatch, RunChanges, RunListFilter,
    RunListPage, RunResult, TenantId, Timestamp, UserNotification, WorkspaceId, RUN_CHANGES_LIMIT,
};
use atlas_store::{
    audit, inventory, notifications, policy_versions, run_index,
    runs::{self, RunFilter},
    tenants, users,
};

use crate::{
    access,
    types::{GetRunRequest, WorkspaceRequest},
    Actor, Api, ApiError,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListRunsRequest {
    pub workspace_id: WorkspaceId,
    pub filter: RunListFilter,
}

/// Operation types with a count, most first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TypeCount {
    #[serde(rename = "type")]
    #[ts(rename = "type")]
    pub operation_type: OperationType,
    pub count: i64,
}

/// The operations index's header: what needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RunsOverview {
    pub active: i64,
    pub likely_stale: i64,
    pub likely_stale_by_type: Vec<TypeCount>,
    /// Force-resolved in the last 7 days.
    pub reconciled: i64,
    pub reconciled_by_type: Vec<TypeCount>,
}

/// A reason code in the operator's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReasonView {
    pub code: ReasonCode,
    pub label: String,
    pub explanation: String,
    pub actionability: Actionability,
    pub next_steps: String,
}

/// A run's lifecycle policy, in seconds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PolicyView {
    pub expected_max_runtime_seconds: i64,
    pub timeout_seconds: i64,
    pub queued_stale_after_seconds: i64,
    pub running_stale_after_seconds: i64,
}

/// Everything the run detail page shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RunDetail {
    pub run: OperationRun,
    pub tenant_name: Option<String>,
    pub initiator_name: Option<String>,
    pub freshness: Freshness,
    pub policy: Option<PolicyView>,
    /// Why it failed or was force-resolved, and what to do.
    pub reason: Option<ReasonView>,
    /// What the work ended with (per-type completeness of a sync, …), once it has ended.
    pub result: Option<RunResult>,
    /// Team mode: the run needs its tenant's credential and no running engine holds it, so it
    /// waits for a workstation that does (it is not stale, not failed; the queued-stale rule
    /// still applies).
    pub waiting_for_credential: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NotificationsResponse {
    pub items: Vec<UserNotification>,
    pub unread: i64,
    /// The batches the items summarise (for "Sync all finished: …" → the runs it started).
    pub batches: Vec<RunBatch>,
}

/// The inbox of one workspace (the one on screen), or of all of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NotificationsRequest {
    pub workspace_id: Option<WorkspaceId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MarkNotificationReadRequest {
    pub id: String,
    /// The inbox to answer with.
    pub workspace_id: Option<WorkspaceId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListAuditRequest {
    pub workspace_id: WorkspaceId,
    pub filter: AuditFilter,
}

/// Page sizes the index and the audit log may ask for.
const MAX_PAGE: i64 = 500;
/// How far back the header's reconciled count looks.
const RECONCILED_WINDOW: Duration = Duration::from_secs(7 * 24 * 3600);

impl Api {
    /// One page of the workspace's runs the actor may see.
    pub async fn list_runs(
        &self,
        actor: &Actor,
        request: ListRunsRequest,
    ) -> Result<RunListPage, ApiError> {
        check_page(request.filter.offset, request.filter.limit)?;
        let mut db = self.store.conn().await?;
        let visible = self
            .visible_operations(&mut db, actor, request.workspace_id)
            .await?;
        Ok(run_index::list(
            &mut db,
            request.workspace_id,
            visible.as_deref(),
            &request.filter,
            Timestamp::now(),
        )
        .await?)
    }

    /// What needs attention: active, likely stale and recently reconciled runs, by type.
    pub async fn runs_overview(
        &self,
        actor: &Actor,
        request: WorkspaceRequest,
    ) -> Result<RunsOverview, ApiError> {
        let mut db = self.store.conn().await?;
        let visible = self
            .visible_operations(&mut db, actor, request.workspace_id)
            .await?;
        let filter = RunFilter {
            workspaces: vec![request.workspace_id],
            tenants: match &visible {
                None => vec![],
                // Entitled to no tenant: a fresh id matches no run (an empty list would
                // mean "every tenant").
                Some(v) if v.is_empty() => vec![TenantId::new()],
                Some(v) => v.clone(),
            },
            types: vec![],
        };
        let now = Timestamp::now();
        let stale = runs::count_likely_stale(&mut db, now, &filter).await?;
        let since =
            Timestamp::from_unix_millis(now.unix_millis() - RECONCILED_WINDOW.as_millis() as i64)
                .unwrap_or(now);
        let reconciled = runs::count_reconciled(&mut db, since, now, &filter).await?;
        let active = run_index::list(
            &mut db,
            request.workspace_id,
            visible.as_deref(),
            &atlas_domain::RunListFilter {
                tab: atlas_domain::RunTab::Active,
                limit: 0,
                ..Default::default()
            },
            now,
        )
        .await?
        .total;
        let mut reconciled_by_type: Vec<TypeCount> = vec![];
        for r in &reconciled {
            match reconciled_by_type
                .iter_mut()
                .find(|t| t.operation_type == r.operation_type)
            {
                Some(t) => t.count += r.count,
                None => reconciled_by_type.push(TypeCount {
                    operation_type: r.operation_type,
                    count: r.count,
                }),
            }
        }
        reconciled_by_type.sort_by_key(|t| std::cmp::Reverse(t.count));
        let mut likely_stale_by_type: Vec<TypeCount> = stale
            .into_iter()
            .map(|(operation_type, count)| TypeCount {
                operation_type,
                count,
            })
            .collect();
        likely_stale_by_type.sort_by_key(|t| std::cmp::Reverse(t.count));
        Ok(RunsOverview {
            active,
            likely_stale: likely_stale_by_type.iter().map(|t| t.count).sum(),
            likely_stale_by_type,
            reconciled: reconciled_by_type.iter().map(|t| t.count).sum(),
            reconciled_by_type,
        })
    }

    /// A run with its names, freshness, policy and the reason in the operator's words.
    pub async fn run_detail(
        &self,
        actor: &Actor,
        request: GetRunRequest,
    ) -> Result<RunDetail, ApiError> {
        let run = self.get_run(actor, request).await?;
        let mut db = self.store.conn().await?;
        let tenant = match run.tenant_id {
            Some(id) => tenants::get(&mut db, id).await?,
            None => None,
        };
        let waiting_for_credential = match &tenant {
            Some(tenant)
                if self.store.backend() == atlas_store::Backend::Postgres
                    && run.status == atlas_domain::RunStatus::Queued
                    && run.operation_type.needs_tenant_credential()
                    && !tenant.simulated =>
            {
                // Engines heartbeat every interval; three missed beats and it counts as gone.
                let beat = self.runs.config().timing.heartbeat_interval;
                let alive_since = Timestamp::from_unix_millis(
                    Timestamp::now().unix_millis() - 3 * beat.as_millis() as i64,
                )
                .unwrap_or_else(Timestamp::now);
                !atlas_store::engines::tenant_is_served(&mut db, tenant.id, alive_since).await?
            }
            _ => false,
        };
        let tenant_name = tenant.map(|t| t.display_name);
        let initiator_name = match run.initiator_user_id {
            Some(id) => users::get(&mut db, id).await?.map(|u| u.display_name),
            None => None,
        };
        let config = self.runs.config();
        let policy = config.policies.get(run.operation_type);
        let (freshness, _) = freshness(&run, policy, &config.timing, Timestamp::now());
        Ok(RunDetail {
            tenant_name,
            initiator_name,
            freshness,
            policy: policy.map(|p| PolicyView {
                expected_max_runtime_seconds: p.expected_max_runtime.as_secs() as i64,
                timeout_seconds: p.timeout.as_secs() as i64,
                queued_stale_after_seconds: p.queued_stale_after.as_secs() as i64,
                running_stale_after_seconds: p.running_stale_after.as_secs() as i64,
            }),
            reason: reason_of(&run),
            result: RunResult::from_context(&run.context),
            waiting_for_credential,
            run,
        })
    }

    /// The objects the run captured for the first time or anew, and those its tenant's inventory
    /// marked removed while it ran. Runs that keep no versions or inventory change nothing here.
    pub async fn run_changes(
        &self,
        actor: &Actor,
        request: GetRunRequest,
    ) -> Result<RunChanges, ApiError> {
        let run = self.get_run(actor, request).await?;
        let mut db = self.store.conn().await?;
        let mut changes =
            policy_versions::captured_by_run(&mut db, run.id, RUN_CHANGES_LIMIT).await?;
        let syncs_inventory = matches!(
            run.operation_type,
            OperationType::InventorySync | OperationType::PolicySync
        );
        if let (true, Some(tenant), Some(started), Some(completed)) = (
            syncs_inventory,
            run.tenant_id,
            run.started_at,
            run.completed_at,
        ) {
            (changes.removed, changes.removed_count) =
                inventory::removed_between(&mut db, tenant, started, completed, RUN_CHANGES_LIMIT)
                    .await?;
        }
        Ok(changes)
    }

    /// The actor's newest notifications and how many are unread (of one workspace, if given).
    pub async fn list_notifications(
        &self,
        actor: &Actor,
        request: NotificationsRequest,
    ) -> Result<NotificationsResponse, ApiError> {
        let ws = request.workspace_id;
        let mut db = self.store.conn().await?;
        let items = notifications::list_for_user(&mut db, actor.user_id(), ws, 50).await?;
        let mut batches = Vec::new();
        for id in items.iter().filter_map(|n| n.batch_id) {
            if let Some(batch) = atlas_store::batches::get(&mut db, id).await? {
                batches.push(batch);
            }
        }
        Ok(NotificationsResponse {
            unread: notifications::unread_count(&mut db, actor.user_id(), ws).await?,
            items,
            batches,
        })
    }

    pub async fn mark_notification_read(
        &self,
        actor: &Actor,
        request: MarkNotificationReadRequest,
    ) -> Result<NotificationsResponse, ApiError> {
        let mut db = self.store.conn().await?;
        if !notifications::mark_read(&mut db, actor.user_id(), &request.id, Timestamp::now())
            .await?
        {
            return Err(ApiError::not_found("Notification"));
        }
        drop(db);
        let workspace_id = request.workspace_id;
        self.list_notifications(actor, NotificationsRequest { workspace_id })
            .await
    }

    pub async fn mark_all_notifications_read(
        &self,
        actor: &Actor,
        request: NotificationsRequest,
    ) -> Result<NotificationsResponse, ApiError> {
        let mut db = self.store.conn().await?;
        let (user, ws) = (actor.user_id(), request.workspace_id);
        notifications::mark_all_read(&mut db, user, ws, Timestamp::now()).await?;
        drop(db);
        self.list_notifications(actor, request).await
    }

    /// One page of the workspace's audit log.
    pub async fn list_audit(
        &self,
        actor: &Actor,
        request: ListAuditRequest,
    ) -> Result<Page<AuditRow>, ApiError> {
        check_page(request.filter.offset, request.filter.limit)?;
        let mut db = self.store.conn().await?;
        let membership = access::workspace(
            &mut db,
            actor,
            request.workspace_id,
            Capability::AuditView,
            "view the audit log",
        )
        .await?;
        let mut filter: AuditFilter = request.filter;
        if !membership.all_tenants {
            // Entries about tenants the actor is not entitled to stay hidden.
            if let Some(t) = filter.tenant {
                access::tenant(
                    &mut db,
                    actor,
                    t,
                    Capability::AuditView,
                    "view the audit log",
                )
                .await?;
            }
        }
        filter.action = filter.action.filter(|a| !a.trim().is_empty());
        Ok(audit::list(&mut db, request.workspace_id, &filter).await?)
    }
}

fn check_page(offset: i64, limit: i64) -> Result<(), ApiError> {
    if !(0..=MAX_PAGE).contains(&limit) || offset < 0 {
        return Err(ApiError::invalid(format!(
            "A page holds 0 to {MAX_PAGE} entries from an offset of 0 or more."
        )));
    }
    Ok(())
}

/// Why a run failed, was blocked or was force-resolved, from the one reason catalog.
fn reason_of(run: &OperationRun) -> Option<ReasonView> {
    let code = run.headline_reason()?;
    let text = code.text();
    Some(ReasonView {
        code,
        label: text.label.into(),
        explanation: text.explanation.into(),
        actionability: text.actionability,
        next_steps: text.next_steps.into(),
    })
}
