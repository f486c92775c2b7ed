//! Drift findings (SPEC §6.5): the workspace list with severity counts, one finding with its
//! evidence and history, and triage — acknowledging (an accepted exception, with a note) and
//! reopening. Viewing needs `tenant.view` on the finding's tenant (entitlements apply);
//! triage needs `tenant.findings.manage` and is audited.

use atlas_domain::{
    audit::actions, AuditActor, AuditEntry, Capability, Finding, FindingAction, FindingEvent,
    FindingFilter, FindingId, FindingStatus, FindingSummary, Page, SeverityCounts, TenantId,
    Timestamp, WorkspaceId,
};
use atlas_store::{
    audit, baselines,
    findings::{self, NewEvent, MAX_PAGE},
    setting_definitions, users, Db,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use crate::{access, Actor, Api, ApiError, ErrorCode};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListFindingsRequest {
    pub workspace_id: WorkspaceId,
    pub filter: FindingFilter,
}

/// One page of findings and the severity counts of everything the filter matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingsPage {
    pub page: Page<FindingSummary>,
    /// Counted up to this many; the total says "more than" beyond it.
    pub total_cap: i64,
    pub severity_counts: SeverityCounts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingRequest {
    pub finding_id: FindingId,
}

/// A finding with its evidence, history and the names the drawer shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingDetail {
    pub finding: Finding,
    pub tenant_name: String,
    pub profile_name: String,
    pub acknowledged_by_name: Option<String>,
    /// Oldest first.
    pub history: Vec<FindingHistoryEntry>,
}

/// One history entry with the operator's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingHistoryEntry {
    #[serde(flatten)]
    pub event: FindingEvent,
    pub actor_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AcknowledgeFindingsRequest {
    pub finding_ids: Vec<FindingId>,
    /// Why the difference is accepted for this customer (required).
    pub note: String,
}

/// What a (bulk) acknowledgement did, finding by finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AcknowledgeFindingsResponse {
    pub acknowledged: Vec<FindingId>,
    /// Findings that were not open (resolved or acknowledged meanwhile), with why.
    pub skipped: Vec<FindingSkipped>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FindingSkipped {
    pub finding_id: FindingId,
    pub reason: String,
}

/// The most findings one acknowledgement takes.
pub(crate) const MAX_BULK: usize = 1_000;

impl Api {
    /// One page of the workspace's findings the actor may see, most important first.
    pub async fn list_findings(
        &self,
        actor: &Actor,
        request: ListFindingsRequest,
    ) -> Result<FindingsPage, ApiError> {
        if request.filter.offset < 0 || !(0..=MAX_PAGE).contains(&request.filter.limit) {
            return Err(ApiError::invalid(format!(
                "A page holds 0 to {MAX_PAGE} findings from an offset of 0 or more."
            )));
        }
        let mut db = self.store.conn().await?;
        let visible = access::visible_tenants(
            &mut db,
            actor,
            request.workspace_id,
            Capability::TenantView,
            "view findings",
        )
        .await?;
        let page = findings::list(
            &mut db,
            request.workspace_id,
            visible.as_deref(),
            &request.filter,
        )
        .await?;
        let severity_counts = findings::severity_counts(
            &mut db,
            request.workspace_id,
            visible.as_deref(),
            &request.filter,
        )
        .await?;
        Ok(FindingsPage {
            page,
            total_cap: findings::TOTAL_CAP,
            severity_counts,
        })
    }

    /// One finding with its evidence and history.
    pub async fn get_finding(
        &self,
        actor: &Actor,
        request: FindingRequest,
    ) -> Result<FindingDetail, ApiError> {
        let mut db = self.store.conn().await?;
        let finding = visible_finding(
            &mut db,
            actor,
            request.finding_id,
            Capability::TenantView,
            "view findings",
        )
        .await?;
        detail(&mut db, finding).await
    }

    /// Acknowledges open findings as accepted exceptions, with a note. Each needs
    /// `tenant.findings.manage` on its tenant; findings no longer open are skipped with why.
    pub async fn acknowledge_findings(
        &self,
        actor: &Actor,
        request: AcknowledgeFindingsRequest,
    ) -> Result<AcknowledgeFindingsResponse, ApiError> {
        let note =
            Finding::checked_note(&request.note).map_err(|e| ApiError::invalid(e.to_string()))?;
        if request.finding_ids.is_empty() || request.finding_ids.len() > MAX_BULK {
            return Err(ApiError::invalid(format!(
                "Choose 1 to {MAX_BULK} findings to acknowledge."
            )));
        }
        let mut tx = self.store.begin().await?;
        let mut response = AcknowledgeFindingsResponse {
            acknowledged: vec![],
            skipped: vec![],
        };
        let now = Timestamp::now();
        for id in request.finding_ids {
            let finding = visible_finding(
                &mut tx,
                actor,
                id,
                Capability::TenantFindingsManage,
                "acknowledge findings",
            )
            .await?;
            if !findings::acknowledge(&mut tx, id, actor.user_id(), &note, now).await? {
                response.skipped.push(FindingSkipped {
                    finding_id: id,
                    reason: format!(
                        "{} is {}, not open.",
                        finding.summary.display_name,
                        finding.summary.status.code()
                    ),
                });
                continue;
            }
            record(
                &mut tx,
                actor,
                &finding,
                FindingAction::Acknowledged,
                Some(&note),
                now,
            )
            .await?;
            response.acknowledged.push(id);
        }
        tx.commit().await?;
        Ok(response)
    }

    /// Withdraws an acknowledgement: the finding is open again.
    pub async fn reopen_finding(
        &self,
        actor: &Actor,
        request: FindingRequest,
    ) -> Result<FindingDetail, ApiError> {
        let mut tx = self.store.begin().await?;
        let finding = visible_finding(
            &mut tx,
            actor,
            request.finding_id,
            Capability::TenantFindingsManage,
            "reopen findings",
        )
        .await?;
        let now = Timestamp::now();
        if !findings::reopen(&mut tx, finding.summary.id, now).await? {
            return Err(ApiError::invalid(format!(
                "{} is {}; only an acknowledged finding can be reopened.",
                finding.summary.display_name,
                finding.summary.status.code()
            )));
        }
        record(&mut tx, actor, &finding, FindingAction::Reopened, None, now).await?;
        let reopened = findings::get(&mut tx, finding.summary.id)
            .await?
            .ok_or_else(|| ApiError::not_found("Finding"))?;
        let detail = detail(&mut tx, reopened).await?;
        tx.commit().await?;
        Ok(detail)
    }
}

/// The finding, if the actor may see its tenant (else *not found*) with `capability` there
/// (else *forbidden*).
pub(crate) async fn visible_finding(
    db: &mut impl Db,
    actor: &Actor,
    id: FindingId,
    capability: Capability,
    action: &str,
) -> Result<Finding, ApiError> {
    let finding = findings::get(db, id)
        .await?
        .ok_or_else(|| ApiError::not_found("Finding"))?;
    access::tenant(db, actor, finding.summary.tenant_id, capability, action)
        .await
        .map_err(|e| match e.code {
            ErrorCode::NotFound => ApiError::not_found("Finding"),
            _ => e,
        })?;
    Ok(finding)
}

async fn detail(db: &mut impl Db, mut finding: Finding) -> Result<FindingDetail, ApiError> {
    let tenant_name = tenant_name(db, finding.summary.tenant_id).await?;
    // Evidence is stored in the words it was written with; settings are named as the portal
    // names them from the tenant's definitions cache when it is read.
    let rows = &mut finding.evidence.rows;
    let ids = atlas_domain::readable::row_setting_ids(rows);
    let defs = setting_definitions::for_settings(db, finding.summary.tenant_id, &ids).await?;
    rows.iter_mut().for_each(|row| defs.name_row(row));
    let profile_name = baselines::get_profile(db, finding.summary.profile_id)
        .await?
        .map(|p| p.name)
        .unwrap_or_default();
    let acknowledged_by_name = match finding.summary.acknowledged_by {
        Some(user) => users::get(db, user).await?.map(|u| u.display_name),
        None => None,
    };
    let mut history = Vec::new();
    for event in findings::events(db, finding.summary.id).await? {
        let actor_name = match event.actor_user_id {
            Some(user) => users::get(db, user).await?.map(|u| u.display_name),
            None => None,
        };
        history.push(FindingHistoryEntry { event, actor_name });
    }
    Ok(FindingDetail {
        finding,
        tenant_name,
        profile_name,
        acknowledged_by_name,
        history,
    })
}

async fn tenant_name(db: &mut impl Db, tenant: TenantId) -> Result<String, ApiError> {
    Ok(atlas_store::tenants::get(db, tenant)
        .await?
        .map(|t| t.display_name)
        .unwrap_or_default())
}

/// The history entry and the audit entry of an operator's triage.
async fn record(
    db: &mut impl Db,
    actor: &Actor,
    finding: &Finding,
    action: FindingAction,
    note: Option<&str>,
    now: Timestamp,
) -> Result<(), ApiError> {
    findings::insert_events(
        db,
        &[NewEvent {
            finding_id: finding.summary.id,
            event: FindingEvent {
                at: now,
                action,
                run_id: None,
                actor_user_id: Some(actor.user_id()),
                note: note.map(str::to_owned),
            },
        }],
    )
    .await?;
    let (audit_action, verb) = match action {
        FindingAction::Acknowledged => (actions::FINDING_ACKNOWLEDGED, "Acknowledged"),
        _ => (actions::FINDING_REOPENED, "Reopened"),
    };
    let s = &finding.summary;
    let entry = AuditEntry {
        id: uuid::Uuid::now_v7(),
        workspace_id: Some(s.workspace_id),
        tenant_id: Some(s.tenant_id),
        actor: AuditActor::User {
            user_id: actor.user_id(),
        },
        action: audit_action.into(),
        target_type: "finding".into(),
        target_id: Some(s.id.to_string()),
        summary: format!("{verb} the {} finding on {}", s.kind.code(), s.display_name),
        metadata: json!({
            "kind": s.kind,
            "severity": s.severity,
            "subject_key": s.subject_key,
            "note": note,
            "status_before": s.status,
            "status_after": match action {
                FindingAction::Acknowledged => FindingStatus::Acknowledged,
                _ => FindingStatus::Open,
            },
        }),
        created_at: now,
    };
    audit::insert(db, &entry).await?;
    Ok(())
}
