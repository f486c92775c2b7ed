//! The workspace overview, the app's home page: every visible tenant at a glance (connection,
//! age of each kind of sync, failed and likely-stale runs, open drift) with the ones that need
//! attention first, and the workspace's runs per day over the last 30 days.

use std::collections::BTreeMap;

use atlas_domain::{
    Capability, ConnectionState, ExpiryWarning, RunOutcome, Severity, SeverityCounts, Tenant,
    TenantStatus, Timestamp, WorkspaceId,
};
use atlas_store::{overview, runs, tenants};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    access,
    types::{LastSync, SyncKind},
    Actor, Api, ApiError,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkspaceOverviewRequest {
    pub workspace_id: WorkspaceId,
    /// The operator's time zone as minutes east of UTC, so days start at their midnight.
    pub utc_offset_minutes: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkspaceOverview {
    /// Active and paused tenants (archived ones are left out), most in need of attention first.
    pub tenants: Vec<TenantOverview>,
    /// The last 30 days, oldest first, every day present.
    pub days: Vec<DayOutcomes>,
    pub generated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TenantOverview {
    pub tenant: Tenant,
    /// The newest completed sync of each kind (kinds never synced are absent).
    pub last_syncs: Vec<LastSync>,
    /// Runs of this tenant that ended failed in the last 7 days.
    pub failed_runs_7d: i64,
    /// Queued or running runs that are likely stale now.
    pub likely_stale_runs: i64,
    /// Open drift findings by severity.
    pub open_findings: SeverityCounts,
    /// The tenant's secret or certificate ends within 30 days, or has ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub credential_warning: Option<ExpiryWarning>,
    /// How urgently the tenant needs a look (higher first); see [`attention`].
    pub attention: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayOutcomes {
    /// `YYYY-MM-DD` in the operator's time zone.
    pub day: String,
    pub succeeded: i64,
    pub partially_succeeded: i64,
    pub failed: i64,
    pub blocked: i64,
}

const DAYS: i64 = 30;
const DAY_MS: i64 = 86_400_000;
/// A sync older than this is stale for the overview's purposes.
const OLD_SYNC_MS: i64 = 7 * DAY_MS;

impl Api {
    /// The home page's figures for one workspace, for the tenants the actor may see.
    pub async fn workspace_overview(
        &self,
        actor: &Actor,
        request: WorkspaceOverviewRequest,
    ) -> Result<WorkspaceOverview, ApiError> {
        let offset = request.utc_offset_minutes;
        if !(-14 * 60..=14 * 60).contains(&offset) || offset % 15 != 0 {
            return Err(ApiError::invalid(format!(
                "{offset} minutes is not a UTC offset (whole quarters of an hour between -840 \
                 and 840)"
            )));
        }
        let ws = request.workspace_id;
        let mut db = self.store.conn().await?;
        access::workspace(&mut db, actor, ws, Capability::TenantView, "view tenants").await?;
        let visible: Vec<Tenant> = tenants::list_visible(&mut db, ws, actor.user_id())
            .await?
            .into_iter()
            .filter(|t| t.status != TenantStatus::Archived)
            .collect();
        let ids: Vec<_> = visible.iter().map(|t| t.id).collect();
        let now = Timestamp::now();
        let at = |ms: i64| Timestamp::from_unix_millis(ms).unwrap_or(now);

        let kinds: Vec<_> = SyncKind::ALL.iter().map(|k| k.operation()).collect();
        let mut last_syncs: BTreeMap<_, Vec<LastSync>> = BTreeMap::new();
        for (tenant_id, operation, outcome, completed_at) in
            runs::last_completed_by_type_for_tenants(&mut db, &ids, &kinds).await?
        {
            if let Some(kind) = SyncKind::ALL
                .into_iter()
                .find(|k| k.operation() == operation)
            {
                last_syncs.entry(tenant_id).or_default().push(LastSync {
                    tenant_id,
                    kind,
                    outcome,
                    completed_at,
                });
            }
        }
        let week_ago = at(now.unix_millis() - 7 * DAY_MS);
        let health: BTreeMap<_, _> = overview::run_health(&mut db, ws, &ids, week_ago, now)
            .await?
            .into_iter()
            .collect();
        let mut findings: BTreeMap<_, SeverityCounts> = BTreeMap::new();
        for (tenant_id, severity, count) in overview::open_findings(&mut db, ws).await? {
            findings
                .entry(tenant_id)
                .or_default()
                .insert(severity, count);
        }
        let offset_ms = i64::from(offset) * 60_000;
        let today = (now.unix_millis() + offset_ms).div_euclid(DAY_MS);
        let first_day = today - (DAYS - 1);
        let since = at(first_day * DAY_MS - offset_ms);
        let daily = overview::daily_outcomes(&mut db, ws, &ids, since, offset).await?;
        drop(db);

        let mut tenants: Vec<TenantOverview> = visible
            .into_iter()
            .map(|tenant| {
                let health = health.get(&tenant.id).cloned().unwrap_or_default();
                let mut row = TenantOverview {
                    last_syncs: last_syncs.remove(&tenant.id).unwrap_or_default(),
                    failed_runs_7d: health.failed_recently,
                    likely_stale_runs: health.likely_stale,
                    open_findings: findings.remove(&tenant.id).unwrap_or_default(),
                    credential_warning: tenant
                        .connection
                        .as_ref()
                        .and_then(|c| c.credential_expiry)
                        .and_then(|e| e.warning(now)),
                    attention: 0,
                    tenant,
                };
                row.attention = attention(&row, now);
                row
            })
            .collect();
        tenants.sort_by(|a, b| {
            b.attention
                .cmp(&a.attention)
                .then_with(|| a.tenant.display_name.cmp(&b.tenant.display_name))
        });
        Ok(WorkspaceOverview {
            tenants,
            days: day_series(first_day, today, &daily),
            generated_at: now,
        })
    }
}

/// The "worst first" order, documented so the page can explain it: a refused connection
/// outweighs everything, then a credential that has ended (the next sync will be refused),
/// likely-stale runs (work that blocks new work), a credential ending within 30 days, failed
/// runs of the week, open critical and high findings, and syncs that never ran or are over a
/// week old.
pub fn attention(row: &TenantOverview, now: Timestamp) -> i64 {
    let mut score = 0;
    if row.tenant.connection_check.state == ConnectionState::Failed {
        score += 1000;
    }
    score += match row.credential_warning {
        Some(ExpiryWarning::Expired) => 500,
        Some(ExpiryWarning::ExpiresSoon { .. }) => 50,
        None => 0,
    };
    score += 100 * row.likely_stale_runs;
    score += 20 * row.failed_runs_7d;
    let findings = |s| row.open_findings.get(&s).copied().unwrap_or(0);
    score += 10 * findings(Severity::Critical) + 4 * findings(Severity::High);
    score += findings(Severity::Medium);
    for kind in SyncKind::ALL {
        match row.last_syncs.iter().find(|s| s.kind == kind) {
            None => score += 3,
            Some(s) if now.unix_millis() - s.completed_at.unix_millis() > OLD_SYNC_MS => score += 2,
            Some(s) if s.outcome == RunOutcome::Failed => score += 5,
            Some(_) => {}
        }
    }
    score
}

/// Every day from `first` to `last` (days since the epoch in the operator's zone), with the
/// counts of that day.
fn day_series(first: i64, last: i64, daily: &[overview::DailyOutcome]) -> Vec<DayOutcomes> {
    (first..=last)
        .map(|day| {
            let date = chrono::DateTime::from_timestamp(day * 86_400, 0)
                .map(|d| d.date_naive().to_string())
                .unwrap_or_default();
            let mut out = DayOutcomes {
                day: date,
                succeeded: 0,
                partially_succeeded: 0,
                failed: 0,
                blocked: 0,
            };
            for d in daily.iter().filter(|d| d.day == day) {
                match d.outcome {
                    RunOutcome::Succeeded => out.succeeded += d.count,
                    RunOutcome::PartiallySucceeded => out.partially_succeeded += d.count,
                    RunOutcome::Failed => out.failed += d.count,
                    RunOutcome::Blocked => out.blocked += d.count,
                    RunOutcome::Pending => {}
                }
            }
            out
        })
        .collect()
}
