//! Drift findings and their history (SPEC §6.5). One row per tenant and subject; a compare
//! opens, updates and resolves rows, an operator acknowledges and reopens them. Status changes
//! made by an operator are conditional on the status they start from, so a compare that ran
//! meanwhile is never overwritten by a stale decision.

use atlas_domain::{
    finding::{severity_rank, StoredFinding},
    BaselineProfileId, Finding, FindingEvent, FindingEvidence, FindingFilter, FindingId,
    FindingKind, FindingStatus, FindingSummary, Page, RunId, Severity, SeverityCounts, TenantId,
    Timestamp, UserId, WorkspaceId,
};
use sqlx::types::Json;

use crate::{
    query::{build, Conditions, Query},
    sql::{on_db, opt_ts, parse, ts},
    Db, StoreError,
};

const SUMMARY_COLUMNS: &str = "id, workspace_id, tenant_id, profile_id, subject_type, \
    subject_key, policy_type, display_name, kind, severity, status, evidence_hash, \
    first_seen_run_id, last_seen_run_id, first_seen_at, last_seen_at, resolved_at, \
    resolved_by_run_id, acknowledged_at, acknowledged_by, ack_note, updated_at";

/// The most findings one page returns.
pub const MAX_PAGE: i64 = 500;
/// Totals are counted up to this many; the list says "more than" beyond it.
pub const TOTAL_CAP: i64 = 10_000;

/// What the compare needs of a tenant's stored findings to decide what changes.
pub async fn stored_for_tenant(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Vec<StoredFinding>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: FindingId,
        subject_type: String,
        subject_key: String,
        policy_type: String,
        severity: Severity,
        status: FindingStatus,
        evidence_hash: String,
    }
    const SQL: &str = "SELECT id, subject_type, subject_key, policy_type, severity, status, \
        evidence_hash FROM findings WHERE tenant_id = $1";
    let rows: Vec<Row> = on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant)
        .fetch_all(&mut *c)
        .await?);
    Ok(rows
        .into_iter()
        .map(|r| StoredFinding {
            id: r.id,
            subject_type: r.subject_type,
            subject_key: r.subject_key,
            policy_type: r.policy_type,
            severity: r.severity,
            status: r.status,
            evidence_hash: r.evidence_hash,
        })
        .collect())
}

/// Inserts new findings, many per statement.
pub async fn insert(db: &mut impl Db, findings: &[Finding]) -> Result<(), StoreError> {
    // 24 values per row keeps a statement far below both engines' parameter limits.
    for batch in findings.chunks(400) {
        let mut q = Query::new(format!(
            "INSERT INTO findings ({SUMMARY_COLUMNS}, severity_rank, evidence) VALUES "
        ));
        for (i, f) in batch.iter().enumerate() {
            if i > 0 {
                q.sql(", ");
            }
            let s = &f.summary;
            q.sql("(")
                .text(s.id.to_string())
                .sql(", ")
                .text(s.workspace_id.to_string())
                .sql(", ")
                .text(s.tenant_id.to_string())
                .sql(", ")
                .text(s.profile_id.to_string())
                .sql(", ")
                .text(&s.subject_type)
                .sql(", ")
                .text(&s.subject_key)
                .sql(", ")
                .text(&s.policy_type)
                .sql(", ")
                .text(&s.display_name)
                .sql(", ")
                .text(s.kind.code())
                .sql(", ")
                .text(s.severity.code())
                .sql(", ")
                .text(s.status.code())
                .sql(", ")
                .text(&s.evidence_hash)
                .sql(", ");
            opt_text(&mut q, s.first_seen_run_id.map(|r| r.to_string()));
            q.sql(", ");
            opt_text(&mut q, s.last_seen_run_id.map(|r| r.to_string()));
            q.sql(", ")
                .int(s.first_seen_at.unix_millis())
                .sql(", ")
                .int(s.last_seen_at.unix_millis())
                .sql(", ");
            opt_int(&mut q, s.resolved_at.map(|t| t.unix_millis()));
            q.sql(", ");
            opt_text(&mut q, s.resolved_by_run_id.map(|r| r.to_string()));
            q.sql(", ");
            opt_int(&mut q, s.acknowledged_at.map(|t| t.unix_millis()));
            q.sql(", ");
            opt_text(&mut q, s.acknowledged_by.map(|u| u.to_string()));
            q.sql(", ");
            opt_text(&mut q, s.ack_note.clone());
            q.sql(", ")
                .int(s.updated_at.unix_millis())
                .sql(", ")
                .int(severity_rank(s.severity))
                .sql(", ")
                .json(&serde_json::to_value(&f.evidence).map_err(StoreError::invalid_data)?)
                .sql(")");
        }
        on_db!(db, |c| build!(q)
            .build()
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    Ok(())
}

fn opt_text(q: &mut Query, value: Option<String>) {
    match value {
        Some(v) => q.text(v),
        None => q.sql("NULL"),
    };
}

fn opt_int(q: &mut Query, value: Option<i64>) {
    match value {
        Some(v) => q.int(v),
        None => q.sql("NULL"),
    };
}

/// What a compare writes over a finding it saw again.
#[derive(Debug, Clone)]
pub struct SeenAgain<'a> {
    pub id: FindingId,
    pub profile_id: BaselineProfileId,
    pub display_name: &'a str,
    pub policy_type: &'a str,
    pub kind: atlas_domain::FindingKind,
    pub severity: Severity,
    pub status: FindingStatus,
    pub evidence: &'a FindingEvidence,
    pub evidence_hash: &'a str,
    pub run: RunId,
    pub at: Timestamp,
}

/// Updates a finding a compare saw again: its kind, severity, evidence and status (an
/// acknowledgement is cleared when it reopens; a resolution when the drift returned).
pub async fn update_seen(db: &mut impl Db, s: &SeenAgain<'_>) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE findings SET profile_id = $2, display_name = $3, policy_type = $4, \
        kind = $5, severity = $6, severity_rank = $7, status = $8, evidence = $9, \
        evidence_hash = $10, last_seen_run_id = $11, last_seen_at = $12, updated_at = $12, \
        resolved_at = NULL, resolved_by_run_id = NULL, \
        acknowledged_at = CASE WHEN $8 = 'acknowledged' THEN acknowledged_at END, \
        acknowledged_by = CASE WHEN $8 = 'acknowledged' THEN acknowledged_by END, \
        ack_note = CASE WHEN $8 = 'acknowledged' THEN ack_note END \
        WHERE id = $1";
    let evidence = Json(s.evidence);
    on_db!(db, |c| sqlx::query(SQL)
        .bind(s.id)
        .bind(s.profile_id)
        .bind(s.display_name)
        .bind(s.policy_type)
        .bind(s.kind)
        .bind(s.severity)
        .bind(severity_rank(s.severity))
        .bind(s.status)
        .bind(evidence)
        .bind(s.evidence_hash)
        .bind(s.run)
        .bind(s.at)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Records that a compare (of `profile`) saw findings again exactly as they were (same
/// evidence, status and severity): only when and by which run, many per statement.
pub async fn touch(
    db: &mut impl Db,
    ids: &[FindingId],
    profile: BaselineProfileId,
    run: RunId,
    at: Timestamp,
) -> Result<(), StoreError> {
    for batch in ids.chunks(500) {
        let mut q = Query::new("UPDATE findings SET profile_id = ");
        q.text(profile.to_string())
            .sql(", last_seen_run_id = ")
            .text(run.to_string())
            .sql(", last_seen_at = ")
            .int(at.unix_millis())
            .sql(", updated_at = ")
            .int(at.unix_millis())
            .sql(" WHERE id IN (")
            .text_list(batch.iter().map(|id| id.to_string()))
            .sql(")");
        on_db!(db, |c| build!(q)
            .build()
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    Ok(())
}

/// Resolves findings a compare no longer saw (those not already resolved).
pub async fn resolve(
    db: &mut impl Db,
    ids: &[FindingId],
    run: RunId,
    at: Timestamp,
) -> Result<u64, StoreError> {
    let mut resolved = 0;
    for batch in ids.chunks(500) {
        let mut q = Query::new("UPDATE findings SET status = 'resolved', resolved_at = ");
        q.int(at.unix_millis())
            .sql(", resolved_by_run_id = ")
            .text(run.to_string())
            .sql(", updated_at = ")
            .int(at.unix_millis())
            .sql(", acknowledged_at = NULL, acknowledged_by = NULL, ack_note = NULL")
            .sql(" WHERE status <> 'resolved' AND id IN (")
            .text_list(batch.iter().map(|id| id.to_string()))
            .sql(")");
        resolved += on_db!(db, |c| build!(q)
            .build()
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    Ok(resolved)
}

/// One history entry to record.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub finding_id: FindingId,
    pub event: FindingEvent,
}

/// Appends history entries, many per statement.
pub async fn insert_events(db: &mut impl Db, events: &[NewEvent]) -> Result<(), StoreError> {
    for batch in events.chunks(1_000) {
        let mut q = Query::new(
            "INSERT INTO finding_events (id, finding_id, at, action, run_id, actor_user_id, \
             note) VALUES ",
        );
        for (i, e) in batch.iter().enumerate() {
            if i > 0 {
                q.sql(", ");
            }
            q.sql("(")
                .text(uuid::Uuid::now_v7().to_string())
                .sql(", ")
                .text(e.finding_id.to_string())
                .sql(", ")
                .int(e.event.at.unix_millis())
                .sql(", ")
                .text(e.event.action.code())
                .sql(", ");
            opt_text(&mut q, e.event.run_id.map(|r| r.to_string()));
            q.sql(", ");
            opt_text(&mut q, e.event.actor_user_id.map(|u| u.to_string()));
            q.sql(", ");
            opt_text(&mut q, e.event.note.clone());
            q.sql(")");
        }
        on_db!(db, |c| build!(q)
            .build()
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    Ok(())
}

/// A finding's history, oldest first.
pub async fn events(db: &mut impl Db, id: FindingId) -> Result<Vec<FindingEvent>, StoreError> {
    const SQL: &str = "SELECT at, action, run_id, actor_user_id, note FROM finding_events \
        WHERE finding_id = $1 ORDER BY at, id";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(id)
        .fetch_all(&mut *c)
        .await?))
}

pub async fn get(db: &mut impl Db, id: FindingId) -> Result<Option<Finding>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        summary: FindingSummary,
        evidence: Json<FindingEvidence>,
    }
    let sql = format!("SELECT {SUMMARY_COLUMNS}, evidence FROM findings WHERE id = $1");
    let row: Option<Row> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?);
    Ok(row.map(|r| Finding {
        summary: r.summary,
        evidence: r.evidence.0,
    }))
}

/// Accepts an open finding as an exception. False when it was not open (resolved or already
/// acknowledged meanwhile).
pub async fn acknowledge(
    db: &mut impl Db,
    id: FindingId,
    by: UserId,
    note: &str,
    at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE findings SET status = 'acknowledged', acknowledged_at = $2, \
        acknowledged_by = $3, ack_note = $4, updated_at = $2 WHERE id = $1 AND status = 'open'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(at)
        .bind(by)
        .bind(note)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Withdraws an acknowledgement. False when the finding was not acknowledged.
pub async fn reopen(db: &mut impl Db, id: FindingId, at: Timestamp) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE findings SET status = 'open', acknowledged_at = NULL, \
        acknowledged_by = NULL, ack_note = NULL, updated_at = $2 \
        WHERE id = $1 AND status = 'acknowledged'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(at)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// The conditions of a findings list: the workspace, the tenants the reader may see (`None`:
/// all of the workspace's) and the filter.
fn conditions(
    workspace: WorkspaceId,
    visible: Option<&[TenantId]>,
    filter: &FindingFilter,
) -> Conditions {
    let mut c = Conditions::default();
    c.and("workspace_id = ").text(workspace.to_string());
    if let Some(visible) = visible {
        if visible.is_empty() {
            c.and("1 = 0");
        } else {
            c.and("tenant_id IN (")
                .text_list(visible.iter().map(|t| t.to_string()))
                .sql(")");
        }
    }
    c.any_of(
        "tenant_id",
        filter.tenants.iter().map(|t| t.to_string()).collect(),
    );
    c.any_of(
        "status",
        filter
            .statuses
            .iter()
            .map(|s| s.code().to_owned())
            .collect(),
    );
    if !filter.severities.is_empty() {
        let ranks: Vec<String> = filter
            .severities
            .iter()
            .map(|s| severity_rank(*s).to_string())
            .collect();
        c.and(format!("severity_rank IN ({})", ranks.join(", ")));
    }
    c.any_of(
        "kind",
        filter.kinds.iter().map(|k| k.code().to_owned()).collect(),
    );
    c.any_of("policy_type", filter.policy_types.clone());
    c.any_of(
        "profile_id",
        filter.profiles.iter().map(|p| p.to_string()).collect(),
    );
    if let Some(search) = filter
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        let escaped = search
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        c.and("LOWER(display_name) LIKE ")
            .text(format!("%{escaped}%"))
            .sql(" ESCAPE '\\'");
    }
    c
}

/// One page of findings, most important first (severity, then most recently seen), with the
/// total counted up to [`TOTAL_CAP`].
pub async fn list(
    db: &mut impl Db,
    workspace: WorkspaceId,
    visible: Option<&[TenantId]>,
    filter: &FindingFilter,
) -> Result<Page<FindingSummary>, StoreError> {
    let conditions = conditions(workspace, visible, filter).joined();
    let limit = match filter.limit {
        n if n <= 0 => 100,
        n => n.min(MAX_PAGE),
    };
    let mut page = Query::new(format!("SELECT {SUMMARY_COLUMNS} FROM findings WHERE "));
    page.append(&conditions)
        .sql(" ORDER BY severity_rank DESC, last_seen_at DESC, id DESC LIMIT ")
        .int(limit)
        .sql(" OFFSET ")
        .int(filter.offset.max(0));
    let mut count = Query::new("SELECT COUNT(*) FROM (SELECT 1 FROM findings WHERE ");
    count
        .append(&conditions)
        .sql(format!(" LIMIT {TOTAL_CAP}) capped"));
    let items: Vec<FindingSummary> = on_db!(db, |c| build!(page)
        .build_query_as()
        .fetch_all(&mut *c)
        .await?);
    let total: i64 = on_db!(db, |c| build!(count)
        .build_query_scalar()
        .fetch_one(&mut *c)
        .await?);
    Ok(Page { items, total })
}

/// How many findings of each severity match (the filter's own severities are ignored, so the
/// chart shows every severity beside a list narrowed to one).
pub async fn severity_counts(
    db: &mut impl Db,
    workspace: WorkspaceId,
    visible: Option<&[TenantId]>,
    filter: &FindingFilter,
) -> Result<SeverityCounts, StoreError> {
    let all_severities = FindingFilter {
        severities: vec![],
        ..filter.clone()
    };
    let conditions = conditions(workspace, visible, &all_severities).joined();
    // Grouped in the order of `findings_counts` (status, then rank), so the count reads that
    // index alone; the statuses are summed here.
    let mut q = Query::new("SELECT severity_rank, COUNT(*) FROM findings WHERE ");
    q.append(&conditions).sql(" GROUP BY status, severity_rank");
    let rows: Vec<(i64, i64)> = on_db!(db, |c| build!(q)
        .build_query_as()
        .fetch_all(&mut *c)
        .await?);
    let mut counts = SeverityCounts::new();
    for (rank, n) in rows {
        if let Some(severity) = usize::try_from(rank)
            .ok()
            .and_then(|r| Severity::ALL.get(r))
        {
            *counts.entry(*severity).or_default() += n;
        }
    }
    Ok(counts)
}

/// Unresolved findings per profile, for the profiles table.
pub async fn unresolved_by_profile(
    db: &mut impl Db,
    workspace: WorkspaceId,
    visible: Option<&[TenantId]>,
) -> Result<Vec<(BaselineProfileId, i64)>, StoreError> {
    let filter = FindingFilter {
        statuses: vec![FindingStatus::Open],
        ..FindingFilter::default()
    };
    let conditions = conditions(workspace, visible, &filter).joined();
    let mut q = Query::new("SELECT profile_id, COUNT(*) FROM findings WHERE ");
    q.append(&conditions).sql(" GROUP BY profile_id");
    Ok(on_db!(db, |c| build!(q)
        .build_query_as()
        .fetch_all(&mut *c)
        .await?))
}

/// A finding as a review pack lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackFinding {
    pub id: FindingId,
    pub policy_type: String,
    pub display_name: String,
    pub kind: FindingKind,
    pub severity: Severity,
    pub status: FindingStatus,
    pub first_seen_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub acknowledged_at: Option<Timestamp>,
    pub acknowledged_by: Option<UserId>,
}

/// The tenant's findings that are not resolved (open and acknowledged): what a review pack
/// lists, in no particular order ([`pack_order`] orders them). A bulk read (see `bulk`). On
/// SQLite the rows are visited in table order (their rowids from the tenant's index first): in
/// the index's order each row is a random page read, and the same pages are read many times.
pub async fn unresolved_for_tenant(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Vec<PackFinding>, StoreError> {
    const COLUMNS: &str = "id, policy_type, display_name, kind, severity, status, \
        first_seen_at, last_seen_at, acknowledged_at, acknowledged_by";
    crate::bulk::rows(
        db,
        &format!(
            "SELECT {COLUMNS} FROM findings WHERE rowid IN \
             (SELECT rowid FROM findings WHERE tenant_id = $1) AND status <> 'resolved'"
        ),
        &format!("SELECT {COLUMNS} FROM findings WHERE tenant_id = $1 AND status <> 'resolved'"),
        &tenant.to_string(),
        pack_finding,
    )
    .await
}

/// One row of [`unresolved_for_tenant`]: ids and codes are parsed from the row's own text.
fn pack_finding(row: &dyn crate::bulk::Columns) -> Result<PackFinding, StoreError> {
    Ok(PackFinding {
        id: parse(row.text(0)?)?,
        policy_type: row.text(1)?.to_owned(),
        display_name: row.text(2)?.to_owned(),
        kind: parse(row.text(3)?)?,
        severity: parse(row.text(4)?)?,
        status: parse(row.text(5)?)?,
        first_seen_at: ts(row.int(6)?)?,
        last_seen_at: ts(row.int(7)?)?,
        acknowledged_at: opt_ts(row.opt_int(8)?)?,
        acknowledged_by: row.opt_text(9)?.map(parse).transpose()?,
    })
}

/// A review pack's order of findings: most severe first, then most recently seen, then by id.
pub fn pack_order(findings: &mut [PackFinding]) {
    findings.sort_unstable_by(|a, b| {
        (b.severity, b.last_seen_at, &a.id).cmp(&(a.severity, a.last_seen_at, &b.id))
    });
}

/// How many of the tenant's findings resolved since `since` share each severity, first-seen
/// day and resolution day (days since the epoch, UTC), counted by the database through the
/// partial `findings_resolved` index. With the unresolved findings (every one counts until
/// today) this draws open findings by severity over the window.
pub async fn resolved_history(
    db: &mut impl Db,
    tenant: TenantId,
    since: Timestamp,
) -> Result<Vec<(Severity, i64, i64, i64)>, StoreError> {
    const SQL: &str = "SELECT severity, first_seen_at / 86400000, resolved_at / 86400000, \
        COUNT(*) FROM findings WHERE tenant_id = $1 AND resolved_at >= $2 \
        GROUP BY severity, first_seen_at / 86400000, resolved_at / 86400000";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(tenant)
        .bind(since)
        .fetch_all(&mut *c)
        .await?))
}
