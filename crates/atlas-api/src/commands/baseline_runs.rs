//! Starting captures and compares, and what a tenant or a snapshot looks like against its
//! baseline. Starts check the same guards the handlers check again when they run
//! (`atlas_baselines::guards`): a refused start is recorded as a blocked run with its reason,
//! so the intent the operator sees is always what happened.

use atlas_baselines::guards::{capture_refusal, compare_target};
use atlas_domain::{
    baseline::{is_superseded, readiness},
    BaselineProfile, BaselineProfileId, BaselineReadiness, BaselineSnapshot, BaselineSnapshotId,
    Capability, CaptureInputs, CompareInputs, OperationRun, OperationType, ReasonCode,
    SnapshotItem, TenantId, UserId,
};
use atlas_store::{baselines, runs, tenants};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    access,
    commands::baselines::{managed_profile, visible_profile},
    commands::sync::Work,
    types::{StartRunResponse, SyncAllResponse, TenantSkipped, TenantStart},
    Actor, Api, ApiError, ErrorCode,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StartCompareRequest {
    pub tenant_id: TenantId,
    /// A snapshot of the tenant's profile to compare against; the current one when absent.
    #[ts(optional)]
    pub snapshot_id: Option<BaselineSnapshotId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnapshotRequest {
    pub snapshot_id: BaselineSnapshotId,
}

/// One item of a snapshot as the items table shows it (without its content).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnapshotItemRow {
    pub subject_key: String,
    pub policy_type: String,
    pub display_name: String,
    pub platform: Option<String>,
    /// Settings recorded (full-content captures).
    pub settings: Option<i64>,
}

/// A snapshot with its items and how it reads next to its profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SnapshotDetail {
    pub snapshot: BaselineSnapshot,
    pub profile_name: String,
    /// A complete snapshot the profile no longer points at: historical.
    pub superseded: bool,
    /// Whether this is the profile's current (effective) snapshot.
    pub current: bool,
    pub items: Vec<SnapshotItemRow>,
}

/// A tenant against its baseline: its profile, that profile's readiness, and the newest
/// compare of the tenant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TenantBaseline {
    pub tenant_id: TenantId,
    pub profile: Option<BaselineProfile>,
    pub readiness: Option<BaselineReadiness>,
    /// Why a compare of this tenant would be refused now (tenant-level reasons included).
    pub blocked_by: Option<ReasonCode>,
    /// The refusal in the operator's words, or what to do next.
    pub next_step: String,
    pub last_compare: Option<OperationRun>,
}

impl Api {
    /// Queues a capture of a profile's source tenant (or returns the active one). A profile
    /// that may not capture now ends as a blocked run with the reason.
    pub async fn start_baseline_capture(
        &self,
        actor: &Actor,
        request: crate::types::BaselineProfileRequest,
    ) -> Result<StartRunResponse, ApiError> {
        self.capture_start(actor, request, Some(actor.user_id()))
            .await
    }

    /// [`Api::start_baseline_capture`], with the run's notification going to `initiator`.
    async fn capture_start(
        &self,
        actor: &Actor,
        request: crate::types::BaselineProfileRequest,
        initiator: Option<UserId>,
    ) -> Result<StartRunResponse, ApiError> {
        let (profile, source, refusal) = {
            let mut db = self.store.conn().await?;
            let profile = managed_profile(&mut db, actor, request.profile_id).await?;
            let Some(source_id) = profile.source_tenant_id else {
                return Err(ApiError::invalid(format!(
                    "Choose the tenant {} captures from first.",
                    profile.name
                )));
            };
            let source = access::tenant(
                &mut db,
                actor,
                source_id,
                Capability::TenantView,
                "view the source tenant",
            )
            .await?;
            let refusal = capture_refusal(&mut db, &profile, &source).await?;
            (profile, source, refusal)
        };
        let label = format!("Capture of {}", profile.name);
        let work = Work {
            operation: OperationType::BaselineCapture,
            inputs: serde_json::to_value(CaptureInputs {
                profile_id: profile.id,
            })
            .expect("inputs serialise"),
            label: &label,
        };
        let refusal = refusal.map(|r| (r.code, r.message));
        self.start_run(&source, initiator, work, refusal, None)
            .await
    }

    /// Queues a compare of one tenant against its baseline (or returns the active one). A
    /// compare the guards refuse ends as a blocked run with the reason, and writes no finding.
    pub async fn start_baseline_compare(
        &self,
        actor: &Actor,
        request: StartCompareRequest,
    ) -> Result<StartRunResponse, ApiError> {
        self.compare_start(actor, request, Some(actor.user_id()))
            .await
    }

    /// [`Api::start_baseline_compare`], with the run's notification going to `initiator`.
    async fn compare_start(
        &self,
        actor: &Actor,
        request: StartCompareRequest,
        initiator: Option<UserId>,
    ) -> Result<StartRunResponse, ApiError> {
        let mut db = self.store.conn().await?;
        let tenant = access::tenant(
            &mut db,
            actor,
            request.tenant_id,
            Capability::TenantSync,
            "compare this tenant",
        )
        .await?;
        if let Some(id) = request.snapshot_id {
            // A snapshot of another workspace (or none at all) is not found, never explained.
            let snapshot = baselines::get_snapshot(&mut db, id)
                .await?
                .filter(|s| s.workspace_id == tenant.workspace_id)
                .ok_or_else(|| ApiError::not_found("Baseline snapshot"))?;
            visible_profile(
                &mut db,
                actor,
                snapshot.profile_id,
                Capability::WorkspaceBaselinesView,
                "view baselines",
            )
            .await
            .map_err(|_| ApiError::not_found("Baseline snapshot"))?;
        }
        let refusal = compare_target(&mut db, &tenant, request.snapshot_id)
            .await?
            .err();
        drop(db);
        let work = Work {
            operation: OperationType::BaselineCompare,
            inputs: serde_json::to_value(CompareInputs {
                snapshot_id: request.snapshot_id,
            })
            .expect("inputs serialise"),
            label: "Baseline compare",
        };
        let refusal = refusal.map(|r| (r.code, r.message));
        self.start_run(&tenant, initiator, work, refusal, None)
            .await
    }

    /// Queues a compare of every tenant assigned to the profile that the actor may compare:
    /// one run per tenant (deduped), each within its tenant's own Graph budget. Tenants that
    /// may not be compared now are listed with the reason instead.
    pub async fn compare_all_assigned(
        &self,
        actor: &Actor,
        request: crate::types::BaselineProfileRequest,
    ) -> Result<SyncAllResponse, ApiError> {
        self.compare_all_start(actor, request, Some(actor.user_id()))
            .await
    }

    /// [`Api::compare_all_assigned`], with each run's notification going to `initiator`.
    async fn compare_all_start(
        &self,
        actor: &Actor,
        request: crate::types::BaselineProfileRequest,
        initiator: Option<UserId>,
    ) -> Result<SyncAllResponse, ApiError> {
        let assigned = {
            let mut db = self.store.conn().await?;
            let profile = visible_profile(
                &mut db,
                actor,
                request.profile_id,
                Capability::WorkspaceBaselinesView,
                "view baselines",
            )
            .await?;
            // Starting compares needs the capability itself, not only a tenant to skip.
            let action = "compare tenants with their baseline";
            access::workspace(
                &mut db,
                actor,
                profile.workspace_id,
                Capability::TenantSync,
                action,
            )
            .await?;
            let visible =
                tenants::list_visible(&mut db, profile.workspace_id, actor.user_id()).await?;
            let assigned = baselines::assigned_tenants(&mut db, profile.id).await?;
            let assigned: Vec<_> = visible
                .into_iter()
                .filter(|t| assigned.contains(&t.id))
                .collect();
            assigned
        };
        let mut response = SyncAllResponse {
            started: vec![],
            skipped: vec![],
        };
        for tenant in assigned {
            let refusal = {
                let mut db = self.store.conn().await?;
                compare_target(&mut db, &tenant, None).await?.err()
            };
            if let Some(refusal) = refusal.filter(|r| is_about_the_tenant(r.code)) {
                response.skipped.push(TenantSkipped {
                    tenant_id: tenant.id,
                    display_name: tenant.display_name.clone(),
                    reason: refusal.message,
                });
                continue;
            }
            match self
                .compare_start(
                    actor,
                    StartCompareRequest {
                        tenant_id: tenant.id,
                        snapshot_id: None,
                    },
                    initiator,
                )
                .await
            {
                Ok(start) => response.started.push(TenantStart {
                    tenant_id: tenant.id,
                    display_name: tenant.display_name.clone(),
                    start,
                }),
                Err(e) if e.code == ErrorCode::Forbidden => response.skipped.push(TenantSkipped {
                    tenant_id: tenant.id,
                    display_name: tenant.display_name.clone(),
                    reason: e.message,
                }),
                Err(e) => return Err(e),
            }
        }
        Ok(response)
    }

    /// Starts a capture of the profile, waits for it, then compares every assigned tenant.
    /// Returns the compare starts (none when the capture did not succeed). `notify`: the runs
    /// notify the actor (false for work the product starts on its own, like the demo's).
    pub async fn capture_then_compare(
        &self,
        actor: &Actor,
        profile_id: BaselineProfileId,
        notify: bool,
    ) -> Result<Option<crate::types::SyncAllResponse>, ApiError> {
        let request = crate::types::BaselineProfileRequest { profile_id };
        let initiator = notify.then(|| actor.user_id());
        let capture = self
            .capture_start(actor, request.clone(), initiator)
            .await?;
        let waited = std::time::Instant::now();
        let captured = loop {
            let run = self
                .get_run(
                    actor,
                    crate::types::GetRunRequest {
                        run_id: capture.run.id,
                    },
                )
                .await?;
            if run.status == atlas_domain::RunStatus::Completed {
                break run;
            }
            if waited.elapsed() > CAPTURE_WAIT {
                return Ok(None);
            }
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        };
        if captured.outcome != atlas_domain::RunOutcome::Succeeded {
            return Ok(None);
        }
        Ok(Some(
            self.compare_all_start(actor, request, initiator).await?,
        ))
    }

    /// One snapshot with its items, if the actor may view its profile.
    pub async fn get_baseline_snapshot(
        &self,
        actor: &Actor,
        request: SnapshotRequest,
    ) -> Result<SnapshotDetail, ApiError> {
        let mut db = self.store.conn().await?;
        let snapshot = baselines::get_snapshot(&mut db, request.snapshot_id)
            .await?
            .ok_or_else(|| ApiError::not_found("Baseline snapshot"))?;
        let profile = visible_profile(
            &mut db,
            actor,
            snapshot.profile_id,
            Capability::WorkspaceBaselinesView,
            "view baselines",
        )
        .await
        .map_err(|e| match e.code {
            ErrorCode::NotFound => ApiError::not_found("Baseline snapshot"),
            _ => e,
        })?;
        let items = baselines::list_item_meta(&mut db, snapshot.id)
            .await?
            .into_iter()
            .map(item_row)
            .collect();
        Ok(SnapshotDetail {
            superseded: is_superseded(&snapshot, &profile),
            current: profile.current_snapshot_id == Some(snapshot.id),
            profile_name: profile.name,
            snapshot,
            items,
        })
    }

    /// A tenant against its baseline: profile, readiness, and its newest compare.
    pub async fn get_tenant_baseline(
        &self,
        actor: &Actor,
        request: crate::types::TenantRequest,
    ) -> Result<TenantBaseline, ApiError> {
        let mut db = self.store.conn().await?;
        let tenant = access::tenant(
            &mut db,
            actor,
            request.tenant_id,
            Capability::TenantView,
            "view this tenant",
        )
        .await?;
        let profile = match baselines::assignment_of(&mut db, tenant.id).await? {
            Some(id) => baselines::get_profile(&mut db, id).await?,
            None => None,
        };
        let readiness = match &profile {
            Some(p) => Some(readiness(
                p,
                &baselines::list_snapshots(&mut db, p.id).await?,
            )),
            None => None,
        };
        let refusal = compare_target(&mut db, &tenant, None).await?.err();
        let last_compare =
            runs::last_completed(&mut db, tenant.id, OperationType::BaselineCompare).await?;
        Ok(TenantBaseline {
            tenant_id: tenant.id,
            profile,
            readiness,
            blocked_by: refusal.as_ref().map(|r| r.code),
            next_step: match refusal {
                Some(r) => r.message,
                None => "Compare the tenant to see its drift.".into(),
            },
            last_compare,
        })
    }
}

/// How long [`Api::capture_then_compare`] waits for the capture before leaving the compare to
/// the operator.
const CAPTURE_WAIT: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Refusals that concern one tenant (not the profile all of them share): compare-all skips
/// those tenants and starts the others, whose runs record the profile-level refusal.
fn is_about_the_tenant(code: ReasonCode) -> bool {
    matches!(
        code,
        ReasonCode::TenantNotActive
            | ReasonCode::TenantNotConnected
            | ReasonCode::CompareTenantNotSynced
    )
}

fn item_row(item: SnapshotItem) -> SnapshotItemRow {
    let text = |key: &str| {
        item.meta
            .get(key)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
    };
    SnapshotItemRow {
        display_name: text("display_name").unwrap_or_else(|| item.subject_key.clone()),
        platform: text("platform"),
        settings: item.meta.get("settings").and_then(|v| v.as_i64()),
        subject_key: item.subject_key,
        policy_type: item.policy_type,
    }
}
