//! Baseline profiles, tenant assignments, snapshots and their items (SPEC §6). The store keeps
//! the lifecycle rules that must hold even against a crash or a racing process: a snapshot
//! leaves `building` once (to `complete` or `incomplete`), items are unique per subject, and a
//! profile's current snapshot can only be set to a complete snapshot of that profile.

use atlas_domain::{
    AmbiguousSubject, BaselineProfile, BaselineProfileId, BaselineSnapshot, BaselineSnapshotId,
    CaptureMode, CompletionProof, ProofRule, RunId, SnapshotItem, SnapshotState, TenantId,
    Timestamp, WorkspaceId,
};
use sqlx::types::Json;

use crate::{
    query::{build, Query},
    sql::on_db,
    Db, StoreError,
};

const PROFILE_COLUMNS: &str = "id, workspace_id, name, description, status, capture_mode, scope, \
    source_tenant_id, current_snapshot_id, severity_rules, created_at, updated_at";

pub async fn insert_profile(db: &mut impl Db, p: &BaselineProfile) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO baseline_profiles ({PROFILE_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    );
    on_db!(db, |c| sqlx::query(&sql)
        .bind(p.id)
        .bind(p.workspace_id)
        .bind(&p.name)
        .bind(&p.description)
        .bind(p.status)
        .bind(p.capture_mode)
        .bind(Json(&p.scope))
        .bind(p.source_tenant_id)
        .bind(p.current_snapshot_id)
        .bind(Json(&p.severity_rules))
        .bind(p.created_at)
        .bind(p.updated_at)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Writes what an operator may edit: name, description, status, capture mode, scope, source,
/// severity rules. The current snapshot is moved only by [`set_current_snapshot`].
pub async fn update_profile(db: &mut impl Db, p: &BaselineProfile) -> Result<(), StoreError> {
    const SQL: &str = "UPDATE baseline_profiles SET name = $2, description = $3, status = $4, \
        capture_mode = $5, scope = $6, source_tenant_id = $7, updated_at = $8, \
        severity_rules = $9 WHERE id = $1";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(p.id)
        .bind(&p.name)
        .bind(&p.description)
        .bind(p.status)
        .bind(p.capture_mode)
        .bind(Json(&p.scope))
        .bind(p.source_tenant_id)
        .bind(p.updated_at)
        .bind(Json(&p.severity_rules))
        .execute(&mut *c)
        .await?
        .rows_affected());
    if changed == 0 {
        return Err(StoreError::NotFound("the baseline profile".into()));
    }
    Ok(())
}

pub async fn get_profile(
    db: &mut impl Db,
    id: BaselineProfileId,
) -> Result<Option<BaselineProfile>, StoreError> {
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM baseline_profiles WHERE id = $1");
    Ok(on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?))
}

/// A workspace's profiles by name.
pub async fn list_profiles(
    db: &mut impl Db,
    workspace: WorkspaceId,
) -> Result<Vec<BaselineProfile>, StoreError> {
    let sql = format!(
        "SELECT {PROFILE_COLUMNS} FROM baseline_profiles WHERE workspace_id = $1 \
         ORDER BY name, id"
    );
    Ok(on_db!(db, |c| sqlx::query_as(&sql)
        .bind(workspace)
        .fetch_all(&mut *c)
        .await?))
}

/// Points the profile at `snapshot` — only if that is a complete snapshot of this profile.
/// False (and nothing changed) otherwise: the pointer never moves to anything else.
pub async fn set_current_snapshot(
    db: &mut impl Db,
    profile: BaselineProfileId,
    snapshot: BaselineSnapshotId,
    now: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE baseline_profiles SET current_snapshot_id = $2, updated_at = $3 \
        WHERE id = $1 AND EXISTS (SELECT 1 FROM baseline_snapshots s \
        WHERE s.id = $2 AND s.profile_id = $1 AND s.state = 'complete')";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(profile)
        .bind(snapshot)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Assigns a tenant to a profile. A tenant already assigned (to this or another profile) is a
/// [`StoreError::Conflict`]: one tenant, one profile.
pub async fn assign(
    db: &mut impl Db,
    workspace: WorkspaceId,
    profile: BaselineProfileId,
    tenant: TenantId,
    now: Timestamp,
) -> Result<(), StoreError> {
    const SQL: &str = "INSERT INTO baseline_assignments \
        (tenant_id, profile_id, workspace_id, assigned_at) VALUES ($1, $2, $3, $4)";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(tenant)
        .bind(profile)
        .bind(workspace)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Removes a tenant's assignment; false when it had none.
pub async fn unassign(db: &mut impl Db, tenant: TenantId) -> Result<bool, StoreError> {
    const SQL: &str = "DELETE FROM baseline_assignments WHERE tenant_id = $1";
    let removed = on_db!(db, |c| sqlx::query(SQL)
        .bind(tenant)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(removed == 1)
}

/// The profile a tenant is assigned to.
pub async fn assignment_of(
    db: &mut impl Db,
    tenant: TenantId,
) -> Result<Option<BaselineProfileId>, StoreError> {
    const SQL: &str = "SELECT profile_id FROM baseline_assignments WHERE tenant_id = $1";
    Ok(on_db!(db, |c| sqlx::query_scalar(SQL)
        .bind(tenant)
        .fetch_optional(&mut *c)
        .await?))
}

/// The tenants assigned to a profile, in a stable order.
pub async fn assigned_tenants(
    db: &mut impl Db,
    profile: BaselineProfileId,
) -> Result<Vec<TenantId>, StoreError> {
    const SQL: &str =
        "SELECT tenant_id FROM baseline_assignments WHERE profile_id = $1 ORDER BY tenant_id";
    Ok(on_db!(db, |c| sqlx::query_scalar(SQL)
        .bind(profile)
        .fetch_all(&mut *c)
        .await?))
}

#[derive(sqlx::FromRow)]
struct SnapshotRow {
    id: BaselineSnapshotId,
    workspace_id: WorkspaceId,
    profile_id: BaselineProfileId,
    source_tenant_id: TenantId,
    capture_mode: CaptureMode,
    state: SnapshotState,
    identity_hash: String,
    producer_run_id: Option<RunId>,
    expected_items: Option<i64>,
    persisted_items: Option<i64>,
    was_empty_capture: Option<bool>,
    ambiguous: Json<Vec<AmbiguousSubject>>,
    failure_reason: Option<atlas_domain::ReasonCode>,
    failed_at: Option<Timestamp>,
    created_at: Timestamp,
    completed_at: Option<Timestamp>,
    proof_rule: Option<ProofRule>,
}

impl From<SnapshotRow> for BaselineSnapshot {
    fn from(r: SnapshotRow) -> Self {
        let proof = match (r.expected_items, r.persisted_items, r.was_empty_capture) {
            (Some(expected_items), Some(persisted_items), Some(was_empty_capture)) => {
                Some(CompletionProof {
                    expected_items,
                    persisted_items,
                    was_empty_capture,
                })
            }
            _ => None,
        };
        BaselineSnapshot {
            id: r.id,
            workspace_id: r.workspace_id,
            profile_id: r.profile_id,
            source_tenant_id: r.source_tenant_id,
            capture_mode: r.capture_mode,
            state: r.state,
            identity_hash: r.identity_hash,
            producer_run_id: r.producer_run_id,
            proof,
            ambiguous: r.ambiguous.0,
            failure_reason: r.failure_reason,
            failed_at: r.failed_at,
            created_at: r.created_at,
            completed_at: r.completed_at,
            proof_rule: r.proof_rule,
        }
    }
}

const SNAPSHOT_COLUMNS: &str = "id, workspace_id, profile_id, source_tenant_id, capture_mode, \
    state, identity_hash, producer_run_id, expected_items, persisted_items, was_empty_capture, \
    ambiguous, failure_reason, failed_at, created_at, completed_at, proof_rule";

/// Records a new snapshot as `building`, before any of its items is written.
pub async fn insert_building_snapshot(
    db: &mut impl Db,
    s: &BaselineSnapshot,
) -> Result<(), StoreError> {
    if s.state != SnapshotState::Building {
        return Err(StoreError::invalid_data(
            "a snapshot is recorded as building first",
        ));
    }
    const SQL: &str = "INSERT INTO baseline_snapshots (id, workspace_id, profile_id, \
        source_tenant_id, capture_mode, state, identity_hash, producer_run_id, created_at, \
        ambiguous) VALUES ($1, $2, $3, $4, $5, 'building', $6, $7, $8, $9)";
    on_db!(db, |c| sqlx::query(SQL)
        .bind(s.id)
        .bind(s.workspace_id)
        .bind(s.profile_id)
        .bind(s.source_tenant_id)
        .bind(s.capture_mode)
        .bind(&s.identity_hash)
        .bind(s.producer_run_id)
        .bind(s.created_at)
        .bind(Json(&s.ambiguous))
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(())
}

/// Adds items to a building snapshot; a subject already stored is skipped, so a retried batch
/// never duplicates. Returns how many were new.
pub async fn insert_items(
    db: &mut impl Db,
    snapshot: BaselineSnapshotId,
    items: &[SnapshotItem],
) -> Result<u64, StoreError> {
    let mut added = 0;
    // Eight parameters per row; batches stay far below both engines' limits.
    for batch in items.chunks(500) {
        let mut q = Query::new(
            "INSERT INTO baseline_snapshot_items (snapshot_id, subject_type, subject_key, \
             policy_type, baseline_hash, meta, content, version_id) VALUES ",
        );
        for (i, item) in batch.iter().enumerate() {
            if i > 0 {
                q.sql(", ");
            }
            q.sql("(")
                .text(snapshot.to_string())
                .sql(", ")
                .text(&item.subject_type)
                .sql(", ")
                .text(&item.subject_key)
                .sql(", ")
                .text(&item.policy_type)
                .sql(", ")
                .text(&item.baseline_hash)
                .sql(", ")
                .json(&item.meta)
                .sql(", ")
                .json_opt(item.content.as_ref())
                .sql(", ");
            match item.version_id {
                Some(version) => q.text(version.to_string()),
                None => q.sql("NULL"),
            }
            .sql(")");
        }
        q.sql(" ON CONFLICT (snapshot_id, subject_type, subject_key) DO NOTHING");
        added += on_db!(db, |c| build!(q)
            .build()
            .execute(&mut *c)
            .await?
            .rows_affected());
    }
    Ok(added)
}

/// How many items a snapshot holds.
pub async fn count_items(
    db: &mut impl Db,
    snapshot: BaselineSnapshotId,
) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM baseline_snapshot_items WHERE snapshot_id = $1";
    Ok(on_db!(db, |c| sqlx::query_scalar(SQL)
        .bind(snapshot)
        .fetch_one(&mut *c)
        .await?))
}

/// A snapshot's items in subject order.
pub async fn list_items(
    db: &mut impl Db,
    snapshot: BaselineSnapshotId,
) -> Result<Vec<SnapshotItem>, StoreError> {
    const SQL: &str = "SELECT subject_type, subject_key, policy_type, baseline_hash, meta, \
        content, version_id FROM baseline_snapshot_items WHERE snapshot_id = $1 \
        ORDER BY subject_type, subject_key";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(snapshot)
        .fetch_all(&mut *c)
        .await?))
}

/// Marks a building snapshot complete with its proof. False when it was not building any more
/// (completed or failed meanwhile): a snapshot leaves `building` once.
pub async fn complete_snapshot(
    db: &mut impl Db,
    id: BaselineSnapshotId,
    proof: &CompletionProof,
    now: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE baseline_snapshots SET state = 'complete', expected_items = $2, \
        persisted_items = $3, was_empty_capture = $4, completed_at = $5 \
        WHERE id = $1 AND state = 'building'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(proof.expected_items)
        .bind(proof.persisted_items)
        .bind(proof.was_empty_capture)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Records on a building snapshot the §6.7 rule that decides its lifecycle (it arrived without
/// its own completion proof).
pub async fn set_proof_rule(
    db: &mut impl Db,
    id: BaselineSnapshotId,
    rule: ProofRule,
) -> Result<bool, StoreError> {
    const SQL: &str =
        "UPDATE baseline_snapshots SET proof_rule = $2 WHERE id = $1 AND state = 'building'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(rule)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Marks a building snapshot incomplete with the reason. False when it was not building.
pub async fn fail_snapshot(
    db: &mut impl Db,
    id: BaselineSnapshotId,
    reason: atlas_domain::ReasonCode,
    now: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE baseline_snapshots SET state = 'incomplete', failure_reason = $2, \
        failed_at = $3 WHERE id = $1 AND state = 'building'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(reason)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

pub async fn get_snapshot(
    db: &mut impl Db,
    id: BaselineSnapshotId,
) -> Result<Option<BaselineSnapshot>, StoreError> {
    let sql = format!("SELECT {SNAPSHOT_COLUMNS} FROM baseline_snapshots WHERE id = $1");
    let row: Option<SnapshotRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?);
    Ok(row.map(BaselineSnapshot::from))
}

/// A profile's snapshots, newest first.
pub async fn list_snapshots(
    db: &mut impl Db,
    profile: BaselineProfileId,
) -> Result<Vec<BaselineSnapshot>, StoreError> {
    let sql = format!(
        "SELECT {SNAPSHOT_COLUMNS} FROM baseline_snapshots WHERE profile_id = $1 \
         ORDER BY created_at DESC, id DESC"
    );
    let rows: Vec<SnapshotRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(profile)
        .fetch_all(&mut *c)
        .await?);
    Ok(rows.into_iter().map(BaselineSnapshot::from).collect())
}

/// The complete snapshot of the profile with this identity, for reuse instead of a recapture.
pub async fn find_complete_by_identity(
    db: &mut impl Db,
    profile: BaselineProfileId,
    identity_hash: &str,
) -> Result<Option<BaselineSnapshot>, StoreError> {
    let sql = format!(
        "SELECT {SNAPSHOT_COLUMNS} FROM baseline_snapshots WHERE profile_id = $1 \
         AND identity_hash = $2 AND state = 'complete' ORDER BY created_at DESC, id DESC LIMIT 1"
    );
    let row: Option<SnapshotRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(profile)
        .bind(identity_hash)
        .fetch_optional(&mut *c)
        .await?);
    Ok(row.map(BaselineSnapshot::from))
}

/// Ends every snapshot `run` left `building`: the run is over, so they can never be proven
/// complete (SPEC §6.2: nothing stays building forever). Called in the transaction that ends
/// the run, whoever ends it. Returns how many were ended.
pub async fn fail_building_of_run(
    db: &mut impl Db,
    run: RunId,
    reason: atlas_domain::ReasonCode,
    now: Timestamp,
) -> Result<u64, StoreError> {
    const SQL: &str = "UPDATE baseline_snapshots SET state = 'incomplete', failure_reason = $2, \
        failed_at = $3 WHERE producer_run_id = $1 AND state = 'building'";
    Ok(on_db!(db, |c| sqlx::query(SQL)
        .bind(run)
        .bind(reason)
        .bind(now)
        .execute(&mut *c)
        .await?
        .rows_affected()))
}

/// Records what a building snapshot turned out to be: its identity and the subjects set aside.
/// False when it was not building any more.
pub async fn set_identity(
    db: &mut impl Db,
    id: BaselineSnapshotId,
    identity_hash: &str,
    ambiguous: &[AmbiguousSubject],
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE baseline_snapshots SET identity_hash = $2, ambiguous = $3 \
        WHERE id = $1 AND state = 'building'";
    let changed = on_db!(db, |c| sqlx::query(SQL)
        .bind(id)
        .bind(identity_hash)
        .bind(Json(ambiguous))
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(changed == 1)
}

/// Removes a building snapshot and its items: a capture that found an identical complete
/// snapshot reuses that one instead, so its own attempt leaves no second copy. False when the
/// snapshot was not building (nothing is removed then).
pub async fn discard_building(
    db: &mut impl Db,
    id: BaselineSnapshotId,
) -> Result<bool, StoreError> {
    const ITEMS: &str = "DELETE FROM baseline_snapshot_items WHERE snapshot_id = $1 \
        AND EXISTS (SELECT 1 FROM baseline_snapshots WHERE id = $1 AND state = 'building')";
    const SNAPSHOT: &str = "DELETE FROM baseline_snapshots WHERE id = $1 AND state = 'building'";
    on_db!(db, |c| sqlx::query(ITEMS)
        .bind(id)
        .execute(&mut *c)
        .await?
        .rows_affected());
    let removed = on_db!(db, |c| sqlx::query(SNAPSHOT)
        .bind(id)
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(removed == 1)
}

/// A snapshot's items in subject order without their content (for tables).
pub async fn list_item_meta(
    db: &mut impl Db,
    snapshot: BaselineSnapshotId,
) -> Result<Vec<SnapshotItem>, StoreError> {
    const SQL: &str = "SELECT subject_type, subject_key, policy_type, baseline_hash, meta, \
        NULL AS content FROM baseline_snapshot_items WHERE snapshot_id = $1 \
        ORDER BY subject_type, subject_key";
    Ok(on_db!(db, |c| sqlx::query_as(SQL)
        .bind(snapshot)
        .fetch_all(&mut *c)
        .await?))
}
