//! Operation runs: the durable record of background work. Status and outcome transitions
//! belong to the engine's run service; this module only stores and reads rows.

use std::collections::BTreeMap;

use atlas_domain::{
    lifecycle::Liveness, OperationRun, OperationType, RunId, RunOutcome, RunStatus, TenantId,
    Timestamp, WorkspaceId,
};
use sqlx::types::Json;

use crate::{
    exec::Ex,
    sql::{on_db, opt_parse, opt_ts, params, parse, ts},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
pub(crate) struct RunRow {
    id: String,
    workspace_id: String,
    tenant_id: Option<String>,
    initiator_user_id: Option<String>,
    #[sqlx(rename = "type")]
    operation_type: String,
    status: String,
    outcome: String,
    run_identity_hash: String,
    summary_counts: Json<BTreeMap<String, i64>>,
    failure_summary: Json<Vec<atlas_domain::FailureEntry>>,
    context: Json<serde_json::Value>,
    created_at: i64,
    started_at: Option<i64>,
    completed_at: Option<i64>,
    attempt: i32,
    lease_owner: Option<String>,
    lease_expires_at: Option<i64>,
    heartbeat_at: Option<i64>,
    reconciled_at: Option<i64>,
    reconciliation_reason: Option<String>,
    reconciliation_source: Option<String>,
    stale_at: Option<i64>,
    cancel_requested_at: Option<i64>,
    cancel_requested_by: Option<String>,
}

impl TryFrom<RunRow> for OperationRun {
    type Error = StoreError;

    fn try_from(r: RunRow) -> Result<Self, StoreError> {
        Ok(OperationRun {
            id: parse(&r.id)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: opt_parse(r.tenant_id.as_deref())?,
            initiator_user_id: opt_parse(r.initiator_user_id.as_deref())?,
            operation_type: parse(&r.operation_type)?,
            status: parse(&r.status)?,
            outcome: parse(&r.outcome)?,
            run_identity_hash: r.run_identity_hash,
            summary_counts: r.summary_counts.0,
            failure_summary: r.failure_summary.0,
            context: r.context.0,
            created_at: ts(r.created_at)?,
            started_at: opt_ts(r.started_at)?,
            completed_at: opt_ts(r.completed_at)?,
            attempt: r.attempt,
            lease_owner: r.lease_owner,
            lease_expires_at: opt_ts(r.lease_expires_at)?,
            heartbeat_at: opt_ts(r.heartbeat_at)?,
            reconciled_at: opt_ts(r.reconciled_at)?,
            reconciliation_reason: r.reconciliation_reason,
            reconciliation_source: r.reconciliation_source,
            stale_at: opt_ts(r.stale_at)?,
            cancel_requested_at: opt_ts(r.cancel_requested_at)?,
            cancel_requested_by: opt_parse(r.cancel_requested_by.as_deref())?,
        })
    }
}

/// Identity columns (fixed at insert), then the state columns in the order `bind_state!` binds
/// them — insert and transition share that order.
pub(crate) const COLUMNS: &str =
    "id, workspace_id, tenant_id, initiator_user_id, type, run_identity_hash, \
    created_at, status, outcome, summary_counts, failure_summary, context, started_at, \
    completed_at, attempt, lease_owner, lease_expires_at, heartbeat_at, reconciled_at, \
    reconciliation_reason, reconciliation_source, stale_at, cancel_requested_at, \
    cancel_requested_by";

/// Binds a run's mutable state (status … cancel_requested_by) to a query, in `COLUMNS` order.
macro_rules! bind_state {
    ($query:expr, $run:expr) => {{
        let ms = |t: Option<Timestamp>| t.map(|t| t.unix_millis());
        let run = $run;
        $query
            .bind(run.status.code())
            .bind(run.outcome.code())
            .bind(Json(&run.summary_counts))
            .bind(Json(&run.failure_summary))
            .bind(Json(&run.context))
            .bind(ms(run.started_at))
            .bind(ms(run.completed_at))
            .bind(run.attempt)
            .bind(&run.lease_owner)
            .bind(ms(run.lease_expires_at))
            .bind(ms(run.heartbeat_at))
            .bind(ms(run.reconciled_at))
            .bind(&run.reconciliation_reason)
            .bind(&run.reconciliation_source)
            .bind(ms(run.stale_at))
            .bind(ms(run.cancel_requested_at))
            .bind(run.cancel_requested_by.map(|u| u.to_string()))
    }};
}

/// Inserts a run as given. A second active run with the same identity is refused by the
/// database ([`StoreError::Conflict`]) — the safety net behind the engine's dedupe.
pub async fn insert(db: &mut impl Db, run: &OperationRun) -> Result<(), StoreError> {
    let sql = format!(
        "INSERT INTO operation_runs ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
         $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)"
    );
    on_db!(db, |c| {
        let query = sqlx::query(&sql)
            .bind(run.id.to_string())
            .bind(run.workspace_id.to_string())
            .bind(run.tenant_id.map(|t| t.to_string()))
            .bind(run.initiator_user_id.map(|u| u.to_string()))
            .bind(run.operation_type.code())
            .bind(&run.run_identity_hash)
            .bind(run.created_at.unix_millis());
        bind_state!(query, run)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    Ok(())
}

pub async fn get(db: &mut impl Db, id: RunId) -> Result<Option<OperationRun>, StoreError> {
    let sql = format!("SELECT {COLUMNS} FROM operation_runs WHERE id = $1");
    let row: Option<RunRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(id.to_string())
        .fetch_optional(&mut *c)
        .await?);
    row.map(OperationRun::try_from).transpose()
}

/// These runs, as they are now (missing ones are left out).
pub async fn get_many(db: &mut impl Db, ids: &[RunId]) -> Result<Vec<OperationRun>, StoreError> {
    let mut found = Vec::with_capacity(ids.len());
    // Bounded statements: the feed asks for what changed in a moment, rarely many.
    for chunk in ids.chunks(100) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "SELECT {COLUMNS} FROM operation_runs WHERE id IN ({})",
            marks.join(", ")
        );
        let rows: Vec<RunRow> = on_db!(db, |c| {
            let mut query = sqlx::query_as(&sql);
            for id in chunk {
                query = query.bind(id.to_string());
            }
            query.fetch_all(&mut *c).await?
        });
        for row in rows {
            found.push(OperationRun::try_from(row)?);
        }
    }
    Ok(found)
}

/// Every queued or running run, oldest first.
pub async fn active(db: &mut impl Db) -> Result<Vec<OperationRun>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM operation_runs WHERE status IN ('queued', 'running') \
         ORDER BY created_at"
    );
    let rows: Vec<RunRow> = on_db!(db, |c| sqlx::query_as(&sql).fetch_all(&mut *c).await?);
    rows.into_iter().map(OperationRun::try_from).collect()
}

/// The queued or running run with this identity, if any.
pub async fn find_active_by_identity(
    db: &mut impl Db,
    identity_hash: &str,
) -> Result<Option<OperationRun>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM operation_runs \
         WHERE run_identity_hash = $1 AND status IN ('queued', 'running')"
    );
    let row: Option<RunRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(identity_hash)
        .fetch_optional(&mut *c)
        .await?);
    row.map(OperationRun::try_from).transpose()
}

/// The newest runs of a workspace, newest first.
pub async fn list_recent(
    db: &mut impl Db,
    workspace: WorkspaceId,
    limit: i64,
) -> Result<Vec<OperationRun>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM operation_runs WHERE workspace_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT $2"
    );
    let rows: Vec<RunRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(workspace.to_string())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(OperationRun::try_from).collect()
}

/// Claims the oldest queued run of one of `types` for `worker`: it becomes `running` with a
/// lease until `lease_until`, likely stale from `stale_at` unless it heartbeats. Atomic — two workers never claim the same run. On PostgreSQL
/// concurrent claimers skip each other's locked rows instead of queueing behind them.
///
/// With `holder` (team mode's credential affinity), work that needs a tenant's credential is
/// claimed only when that engine is listed as holding it (`engine_credentials`).
#[allow(clippy::too_many_arguments)]
pub async fn claim_next(
    db: &mut impl Db,
    types: &[OperationType],
    worker: &str,
    now: Timestamp,
    lease_until: Timestamp,
    stale_at: Timestamp,
    holder: Option<&str>,
) -> Result<Option<OperationRun>, StoreError> {
    if types.is_empty() {
        return Ok(None);
    }
    let claim = |pick: &str| {
        format!(
            "UPDATE operation_runs SET status = 'running', started_at = $1, heartbeat_at = $1, \
             lease_expires_at = $2, stale_at = $4, lease_owner = $3, attempt = attempt + 1 \
             WHERE id = ({pick}) AND status = 'queued' RETURNING {COLUMNS}"
        )
    };
    let claimable: Vec<&'static str> = types.iter().map(|t| t.code()).collect();
    // A simulated tenant needs no credential: every process reaches the simulated cloud, also
    // before its first refresh has listed a tenant created a moment ago.
    let needing: Vec<&'static str> = OperationType::ALL
        .iter()
        .filter(|t| t.needs_tenant_credential())
        .map(|t| t.code())
        .collect();
    let row: Option<RunRow> = match db.ex() {
        Ex::Sqlite(c) => {
            let sql = claim(&sqlite_pick(types.len(), &needing, holder.is_some()));
            let mut q = sqlx::query_as(&sql)
                .bind(now.unix_millis())
                .bind(lease_until.unix_millis())
                .bind(worker)
                .bind(stale_at.unix_millis());
            for code in &claimable {
                q = q.bind(*code);
            }
            if let Some(holder) = holder {
                q = q.bind(holder);
            }
            q.fetch_optional(&mut *c).await?
        }
        // The same pick, planned the same way whatever the statistics say (migration 027).
        Ex::Postgres(c) => {
            sqlx::query_as(&claim("SELECT tenantatlas_next_queued($5, $6, $7)"))
                .bind(now.unix_millis())
                .bind(lease_until.unix_millis())
                .bind(worker)
                .bind(stale_at.unix_millis())
                .bind(claimable)
                .bind(needing)
                .bind(holder)
                .fetch_optional(&mut *c)
                .await?
        }
    };
    row.map(OperationRun::try_from).transpose()
}

/// SQLite's pick of the next claimable run: `types` parameters from `$5`, then the holder's.
/// The queued index is in this order, so SQLite walks it and stops at the first.
fn sqlite_pick(types: usize, needing: &[&str], holder: bool) -> String {
    let type_list = params(5, types);
    let affinity = match holder {
        false => String::new(),
        // Codes are the domain's fixed ASCII constants, not input.
        true => format!(
            " AND (type NOT IN ({}) OR tenant_id IS NULL OR EXISTS (SELECT 1 FROM \
             engine_credentials ec WHERE ec.engine_id = ${} \
             AND ec.tenant_id = operation_runs.tenant_id) OR EXISTS (SELECT 1 FROM \
             tenants t WHERE t.id = operation_runs.tenant_id AND t.simulated))",
            needing
                .iter()
                .map(|code| format!("'{code}'"))
                .collect::<Vec<_>>()
                .join(", "),
            5 + types
        ),
    };
    format!(
        "SELECT id FROM operation_runs WHERE status = 'queued' AND type IN ({type_list}){affinity} \
         ORDER BY created_at, id LIMIT 1"
    )
}

/// What a heartbeat found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heartbeat {
    /// The lease is renewed: keep working.
    Alive,
    /// Renewed, but an operator asked to cancel the run: stop at the next checkpoint.
    CancelRequested,
    /// The run is no longer `worker`'s (completed, or reconciled elsewhere).
    Lost,
}

/// Renews the lease of a running run held by `worker` (and moves its `stale_at`), optionally
/// storing its progress counters, and says whether a cancel was asked for meanwhile.
pub async fn heartbeat(
    db: &mut impl Db,
    id: RunId,
    worker: &str,
    now: Timestamp,
    lease_until: Timestamp,
    stale_at: Timestamp,
    counts: Option<&BTreeMap<String, i64>>,
) -> Result<Heartbeat, StoreError> {
    let set_counts = if counts.is_some() {
        ", summary_counts = $6"
    } else {
        ""
    };
    let sql = format!(
        "UPDATE operation_runs SET heartbeat_at = $2, lease_expires_at = $3, stale_at = $5{set_counts} \
         WHERE id = $1 AND status = 'running' AND lease_owner = $4 RETURNING cancel_requested_at"
    );
    let row: Option<(Option<i64>,)> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql)
            .bind(id.to_string())
            .bind(now.unix_millis())
            .bind(lease_until.unix_millis())
            .bind(worker)
            .bind(stale_at.unix_millis());
        if let Some(counts) = counts {
            q = q.bind(Json(counts));
        }
        q.fetch_optional(&mut *c).await?
    });
    Ok(match row {
        None => Heartbeat::Lost,
        Some((Some(_),)) => Heartbeat::CancelRequested,
        Some((None,)) => Heartbeat::Alive,
    })
}

/// Records an operator's request to cancel a running run (the first request stands). False
/// when the run is not running (any more).
pub async fn request_cancel(
    db: &mut impl Db,
    id: RunId,
    by: atlas_domain::UserId,
    at: Timestamp,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE operation_runs SET cancel_requested_at = COALESCE(cancel_requested_at, $2), \
        cancel_requested_by = COALESCE(cancel_requested_by, $3) WHERE id = $1 AND status = 'running'";
    let done = on_db!(db, |c| sqlx::query(SQL)
        .bind(id.to_string())
        .bind(at.unix_millis())
        .bind(by.to_string())
        .execute(&mut *c)
        .await?
        .rows_affected());
    Ok(done == 1)
}

/// Reads a run and, inside a transaction, locks it until commit (PostgreSQL `FOR UPDATE`;
/// SQLite write transactions already hold the database lock).
pub async fn get_for_update(
    db: &mut impl Db,
    id: RunId,
) -> Result<Option<OperationRun>, StoreError> {
    let row: Option<RunRow> = match db.ex() {
        Ex::Sqlite(c) => {
            let sql = format!("SELECT {COLUMNS} FROM operation_runs WHERE id = $1");
            sqlx::query_as(&sql)
                .bind(id.to_string())
                .fetch_optional(&mut *c)
                .await?
        }
        Ex::Postgres(c) => {
            let sql = format!("SELECT {COLUMNS} FROM operation_runs WHERE id = $1 FOR UPDATE");
            sqlx::query_as(&sql)
                .bind(id.to_string())
                .fetch_optional(&mut *c)
                .await?
        }
    };
    row.map(OperationRun::try_from).transpose()
}

/// Writes every mutable field of `run` if its stored status is still `expected` — the
/// compare-and-set under every transition. Returns whether the row changed. Only the engine's
/// run service calls this.
pub async fn write_transition(
    db: &mut impl Db,
    run: &OperationRun,
    expected: RunStatus,
) -> Result<bool, StoreError> {
    const SQL: &str = "UPDATE operation_runs SET status = $3, outcome = $4, summary_counts = $5, \
        failure_summary = $6, context = $7, started_at = $8, completed_at = $9, attempt = $10, \
        lease_owner = $11, lease_expires_at = $12, heartbeat_at = $13, reconciled_at = $14, \
        reconciliation_reason = $15, reconciliation_source = $16, stale_at = $17, cancel_requested_at = $18, \
        cancel_requested_by = $19 WHERE id = $1 AND status = $2";
    let done = on_db!(db, |c| {
        let query = sqlx::query(SQL)
            .bind(run.id.to_string())
            .bind(expected.code());
        bind_state!(query, run)
            .execute(&mut *c)
            .await?
            .rows_affected()
    });
    Ok(done == 1)
}

/// Narrows the reconciler and the aggregates to some types, tenants or workspaces.
#[derive(Debug, Clone, Default)]
pub struct RunFilter {
    pub types: Vec<OperationType>,
    pub tenants: Vec<TenantId>,
    pub workspaces: Vec<WorkspaceId>,
}

/// What the reconciler needs of a candidate: who it is and its liveness evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleCandidate {
    pub id: RunId,
    pub operation_type: OperationType,
    pub workspace_id: WorkspaceId,
    pub tenant_id: Option<TenantId>,
    pub liveness: Liveness,
}

#[derive(sqlx::FromRow)]
struct CandidateRow {
    id: String,
    workspace_id: String,
    tenant_id: Option<String>,
    #[sqlx(rename = "type")]
    operation_type: String,
    status: String,
    outcome: String,
    created_at: i64,
    started_at: Option<i64>,
    heartbeat_at: Option<i64>,
    lease_expires_at: Option<i64>,
    lease_owner: Option<String>,
    reconciled_at: Option<i64>,
}

impl TryFrom<CandidateRow> for StaleCandidate {
    type Error = StoreError;

    fn try_from(r: CandidateRow) -> Result<Self, StoreError> {
        Ok(StaleCandidate {
            id: parse(&r.id)?,
            operation_type: parse(&r.operation_type)?,
            workspace_id: parse(&r.workspace_id)?,
            tenant_id: opt_parse(r.tenant_id.as_deref())?,
            liveness: Liveness {
                status: parse(&r.status)?,
                outcome: parse(&r.outcome)?,
                created_at: ts(r.created_at)?,
                started_at: opt_ts(r.started_at)?,
                heartbeat_at: opt_ts(r.heartbeat_at)?,
                lease_expires_at: opt_ts(r.lease_expires_at)?,
                lease_owner: r.lease_owner,
                reconciled_at: opt_ts(r.reconciled_at)?,
            },
        })
    }
}

const CANDIDATE_COLUMNS: &str = "id, workspace_id, tenant_id, type, status, outcome, created_at, \
    started_at, heartbeat_at, lease_expires_at, lease_owner, reconciled_at";

/// Appends the filter's conditions on the run table aliased `r`, numbering bind parameters from
/// `next`.
fn filter_sql(filter: &RunFilter, next: usize) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut binds = Vec::new();
    let mut n = next;
    for (column, values) in [
        (
            "type",
            filter
                .types
                .iter()
                .map(|t| t.code().to_owned())
                .collect::<Vec<_>>(),
        ),
        (
            "tenant_id",
            filter.tenants.iter().map(|t| t.to_string()).collect(),
        ),
        (
            "workspace_id",
            filter.workspaces.iter().map(|w| w.to_string()).collect(),
        ),
    ] {
        if values.is_empty() {
            continue;
        }
        sql.push_str(&format!(" AND {column} IN ({})", params(n, values.len())));
        n += values.len();
        binds.extend(values);
    }
    (sql, binds)
}

/// Active runs whose `stale_at` has passed (longest overdue first), at most `limit`, with the
/// evidence the freshness rule reads. One range scan of the `stale_at` partial index.
pub async fn stale_candidates(
    db: &mut impl Db,
    now: Timestamp,
    filter: &RunFilter,
    limit: i64,
) -> Result<Vec<StaleCandidate>, StoreError> {
    let (filter_sql, binds) = filter_sql(filter, 3);
    let sql = format!(
        "SELECT {CANDIDATE_COLUMNS} FROM operation_runs r \
         WHERE r.status IN ('queued', 'running') AND r.stale_at < $1{filter_sql} \
         ORDER BY r.stale_at, r.id LIMIT $2"
    );
    let rows: Vec<CandidateRow> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql).bind(now.unix_millis()).bind(limit);
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_all(&mut *c).await?
    });
    rows.into_iter().map(StaleCandidate::try_from).collect()
}

/// Running runs whose lease owner starts with `owner_prefix` (a host's process identities),
/// with the evidence the freshness rule reads.
pub async fn running_owned_by(
    db: &mut impl Db,
    owner_prefix: &str,
) -> Result<Vec<(StaleCandidate, String)>, StoreError> {
    let sql = running_owned_by_sql();
    let rows: Vec<CandidateRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(owner_prefix.chars().count() as i32)
        .bind(owner_prefix)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter()
        .map(|row| {
            let candidate = StaleCandidate::try_from(row)?;
            let owner = candidate.liveness.lease_owner.clone().unwrap_or_default();
            Ok((candidate, owner))
        })
        .collect::<Result<Vec<_>, StoreError>>()
        .map(|mut owned| {
            owned.sort_by_key(|(candidate, _)| candidate.id);
            owned
        })
}

/// Ordered by the caller, not by the query: an ORDER BY id made SQLite walk the whole table in
/// id order instead of the partial index of running runs.
fn running_owned_by_sql() -> String {
    format!(
        "SELECT {CANDIDATE_COLUMNS} FROM operation_runs r \
         WHERE r.status = 'running' AND substr(r.lease_owner, 1, $1) = $2"
    )
}

/// How many active runs are past their `stale_at`, per operation type.
pub async fn count_likely_stale(
    db: &mut impl Db,
    now: Timestamp,
    filter: &RunFilter,
) -> Result<Vec<(OperationType, i64)>, StoreError> {
    let (filter_sql, binds) = filter_sql(filter, 2);
    let sql = format!(
        "SELECT r.type, COUNT(*) FROM operation_runs r \
         WHERE r.status IN ('queued', 'running') AND r.stale_at < $1{filter_sql} \
         GROUP BY r.type ORDER BY r.type"
    );
    let rows: Vec<(String, i64)> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql).bind(now.unix_millis());
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_all(&mut *c).await?
    });
    rows.into_iter().map(|(t, n)| Ok((parse(&t)?, n))).collect()
}

/// One row of the reconciliation aggregate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconciledCount {
    pub operation_type: OperationType,
    pub reason: String,
    pub count: i64,
}

/// How many runs were force-resolved in `[since, until)`, by type and reason, most first.
pub async fn count_reconciled(
    db: &mut impl Db,
    since: Timestamp,
    until: Timestamp,
    filter: &RunFilter,
) -> Result<Vec<ReconciledCount>, StoreError> {
    let (filter_sql, binds) = filter_sql(filter, 3);
    let sql = format!(
        "SELECT r.type, r.reconciliation_reason, COUNT(*) FROM operation_runs r \
         WHERE r.reconciled_at >= $1 AND r.reconciled_at < $2 {filter_sql} \
         GROUP BY r.type, r.reconciliation_reason ORDER BY COUNT(*) DESC, r.type"
    );
    let rows: Vec<(String, Option<String>, i64)> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql)
            .bind(since.unix_millis())
            .bind(until.unix_millis());
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_all(&mut *c).await?
    });
    rows.into_iter()
        .map(|(t, reason, count)| {
            Ok(ReconciledCount {
                operation_type: parse(&t)?,
                reason: reason.unwrap_or_default(),
                count,
            })
        })
        .collect()
}

/// The newest completed run per tenant and type among `tenants` (all types when `types` is
/// empty): the tenants list's "last sync per kind". Ordered by tenant, then type. One index
/// seek per tenant and type (`operation_runs_tenant_type_completed`), so the cost follows the
/// tenants asked for, not the runs they have had.
pub async fn last_completed_by_type_for_tenants(
    db: &mut impl Db,
    tenants: &[TenantId],
    types: &[OperationType],
) -> Result<Vec<(TenantId, OperationType, RunOutcome, Timestamp)>, StoreError> {
    if tenants.is_empty() {
        return Ok(vec![]);
    }
    let types = if types.is_empty() {
        OperationType::ALL
    } else {
        types
    };
    let type_rows: Vec<String> = (0..types.len())
        .map(|i| format!("(${})", tenants.len() + 1 + i))
        .collect();
    let sql = format!(
        "SELECT r.tenant_id, r.type, r.outcome, r.completed_at \
         FROM tenants t \
         CROSS JOIN (SELECT column1 AS type FROM (VALUES {}) AS v) k \
         JOIN operation_runs r ON r.id = ( \
           SELECT x.id FROM operation_runs x \
           WHERE x.tenant_id = t.id AND x.type = k.type AND x.status = 'completed' \
           ORDER BY x.completed_at DESC, x.id DESC LIMIT 1) \
         WHERE t.id IN ({}) ORDER BY r.tenant_id, r.type",
        type_rows.join(", "),
        params(1, tenants.len())
    );
    let rows: Vec<(String, String, String, i64)> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql);
        for t in tenants {
            q = q.bind(t.to_string());
        }
        for t in types {
            q = q.bind(t.code());
        }
        q.fetch_all(&mut *c).await?
    });
    rows.into_iter()
        .map(|(tenant, kind, outcome, completed_at)| {
            Ok((
                parse(&tenant)?,
                parse(&kind)?,
                parse(&outcome)?,
                ts(completed_at)?,
            ))
        })
        .collect()
}

/// When the next active run would become likely stale: the reconciler wakes then.
pub async fn next_stale_at(db: &mut impl Db) -> Result<Option<Timestamp>, StoreError> {
    const SQL: &str =
        "SELECT MIN(stale_at) FROM operation_runs WHERE status IN ('queued', 'running')";
    let ms: Option<i64> = on_db!(db, |c| sqlx::query_scalar(SQL).fetch_one(&mut *c).await?);
    opt_ts(ms)
}

/// Counts active runs: the plain indexed reference the reconciler benchmark compares against.
pub async fn count_active(db: &mut impl Db) -> Result<i64, StoreError> {
    const SQL: &str = "SELECT COUNT(*) FROM operation_runs WHERE status IN ('queued', 'running')";
    Ok(on_db!(db, |c| sqlx::query_scalar(SQL)
        .fetch_one(&mut *c)
        .await?))
}

/// The tenant's newest completed run of `operation` that produced something (succeeded or
/// partially succeeded), if any.
pub async fn last_productive(
    db: &mut impl Db,
    tenant: TenantId,
    operation: OperationType,
) -> Result<Option<OperationRun>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM operation_runs WHERE tenant_id = $1 AND type = $2 \
         AND status = 'completed' AND outcome IN ('succeeded', 'partially_succeeded') \
         ORDER BY completed_at DESC, id DESC LIMIT 1"
    );
    let row: Option<RunRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(operation.code())
        .fetch_optional(&mut *c)
        .await?);
    row.map(OperationRun::try_from).transpose()
}

/// The tenant's newest completed run of `operation`, whatever its outcome.
pub async fn last_completed(
    db: &mut impl Db,
    tenant: TenantId,
    operation: OperationType,
) -> Result<Option<OperationRun>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM operation_runs WHERE tenant_id = $1 AND type = $2 \
         AND status = 'completed' ORDER BY completed_at DESC, id DESC LIMIT 1"
    );
    let row: Option<RunRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(operation.code())
        .fetch_optional(&mut *c)
        .await?);
    row.map(OperationRun::try_from).transpose()
}

/// The tenant's completed runs of `types` that ended before `before` (all when `None`), newest
/// first, at most `limit`.
pub async fn completed_for_tenant(
    db: &mut impl Db,
    tenant: TenantId,
    types: &[OperationType],
    before: Option<Timestamp>,
    limit: i64,
) -> Result<Vec<OperationRun>, StoreError> {
    if types.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {COLUMNS} FROM operation_runs WHERE tenant_id = $1 AND status = 'completed' \
         AND completed_at < $2 AND type IN ({}) ORDER BY completed_at DESC, id DESC LIMIT $3",
        params(4, types.len())
    );
    let before = before.map_or(i64::MAX, |t| t.unix_millis());
    let rows: Vec<RunRow> = on_db!(db, |c| {
        let mut q = sqlx::query_as(&sql)
            .bind(tenant.to_string())
            .bind(before)
            .bind(limit);
        for t in types {
            q = q.bind(t.code());
        }
        q.fetch_all(&mut *c).await?
    });
    rows.into_iter().map(OperationRun::try_from).collect()
}

/// The tenant's runs created since `since`, except those of `excluded`, newest first, at most
/// `limit`: a review pack's operations.
pub async fn for_tenant_since(
    db: &mut impl Db,
    tenant: TenantId,
    since: Timestamp,
    excluded: OperationType,
    limit: i64,
) -> Result<Vec<OperationRun>, StoreError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM operation_runs WHERE tenant_id = $1 AND created_at >= $2 \
         AND type <> $3 ORDER BY created_at DESC, id DESC LIMIT $4"
    );
    let rows: Vec<RunRow> = on_db!(db, |c| sqlx::query_as(&sql)
        .bind(tenant.to_string())
        .bind(since.unix_millis())
        .bind(excluded.code())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?);
    rows.into_iter().map(OperationRun::try_from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plans::{connection, describe, sqlite};
    use crate::Store;

    /// What SQLite's planner would do with `sql` (its `$n` bound to `args`), one line per step.
    async fn plan(store: &Store, sql: &str, args: &[&str]) -> String {
        let explain = format!("EXPLAIN QUERY PLAN {sql}");
        let mut q = sqlx::query_as(&explain);
        for arg in args {
            q = q.bind(*arg);
        }
        describe(q.fetch_all(&mut *connection(store).await).await.unwrap())
    }

    #[tokio::test]
    async fn a_claim_walks_the_queued_index_in_order_and_sorts_nothing() {
        let (store, _dir) = sqlite().await;
        let needing = ["inventory_sync", "policy_sync"];
        // $1–$4 belong to the claim's UPDATE; the pick starts at $5.
        let mut args = vec!["1", "2", "w", "3", "inventory_sync", "policy_sync", "x"];
        for holder in [false, true] {
            let pick = sqlite_pick(3, &needing, holder);
            if holder {
                args.push("engine");
            }
            let steps = plan(&store, &pick, &args[4..]).await;
            let first = steps.lines().next().unwrap_or_default();
            assert!(
                first.contains("USING INDEX operation_runs_queued"),
                "holder {holder}: {steps}"
            );
            assert!(!steps.contains("TEMP B-TREE"), "holder {holder}: {steps}");
        }
    }

    #[tokio::test]
    async fn an_earlier_process_s_runs_are_found_through_the_running_runs_index() {
        let (store, _dir) = sqlite().await;
        let steps = plan(&store, &running_owned_by_sql(), &["4", "host"]).await;
        assert!(
            steps.contains("USING INDEX operation_runs_running_lease"),
            "{steps}"
        );
    }
}
