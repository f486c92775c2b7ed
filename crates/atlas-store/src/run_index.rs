//! The operations index: one page of a workspace's runs, filtered and ordered by creation
//! time, with tenant and initiator names. Built to stay fast over millions of runs: it walks
//! the `(workspace_id, created_at, id)` index and counts matches only up to a cap.

use atlas_domain::{
    inventory::SortDirection, Freshness, OperationRun, RunListFilter, RunListPage, RunListRow,
    RunOutcome, RunStatus, RunTab, TenantId, Timestamp, WorkspaceId, RUN_TOTAL_CAP,
};

use crate::{
    runs::{RunRow, COLUMNS},
    sql::{contains_pattern, fold, non_empty, on_db, page_bounds},
    Db, StoreError,
};

#[derive(sqlx::FromRow)]
struct ListedRow {
    #[sqlx(flatten)]
    run: RunRow,
    tenant_name: Option<String>,
    initiator_name: Option<String>,
}

/// A value bound into the statement.
enum Bind {
    Text(String),
    Int(i64),
}

/// `WHERE` conditions and their binds, numbered as they are added.
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    binds: Vec<Bind>,
}

impl Conditions {
    /// Adds `condition` with `?` placeholders replaced by numbered parameters.
    fn push(&mut self, condition: &str, binds: Vec<Bind>) {
        let mut out = String::new();
        let mut parts = condition.split('?');
        out.push_str(parts.next().unwrap_or_default());
        for part in parts {
            out.push_str(&format!(
                "${}",
                self.binds.len() + 1 + out.matches('$').count()
            ));
            out.push_str(part);
        }
        self.sql.push(out);
        self.binds.extend(binds);
    }

    fn any_of(&mut self, column: &str, values: Vec<String>) {
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        self.push(
            &format!("{column} IN ({marks})"),
            values.into_iter().map(Bind::Text).collect(),
        );
    }
}

/// `visible`: the tenants the reader is entitled to, or `None` for all of them. Workspace
/// runs (no tenant) are always visible to members.
pub async fn list(
    db: &mut impl Db,
    workspace: WorkspaceId,
    visible: Option<&[TenantId]>,
    filter: &RunListFilter,
    now: Timestamp,
) -> Result<RunListPage, StoreError> {
    let mut c = Conditions::default();
    c.push(
        "r.workspace_id = ?",
        vec![Bind::Text(workspace.to_string())],
    );
    if let Some(visible) = visible {
        let marks = vec!["?"; visible.len()].join(", ");
        let allowed = if visible.is_empty() {
            "r.tenant_id IS NULL".to_owned()
        } else {
            format!("(r.tenant_id IS NULL OR r.tenant_id IN ({marks}))")
        };
        c.push(
            &allowed,
            visible.iter().map(|t| Bind::Text(t.to_string())).collect(),
        );
    }
    let now_ms = now.unix_millis();
    match filter.tab {
        RunTab::All => {}
        RunTab::Active => c.push("r.status IN ('queued', 'running')", vec![]),
        RunTab::LikelyStale => c.push(
            "r.status IN ('queued', 'running') AND r.stale_at < ?",
            vec![Bind::Int(now_ms)],
        ),
        RunTab::Failed => c.push("r.outcome = 'failed'", vec![]),
    }
    c.any_of("r.type", codes(&filter.types, |t| t.code()));
    c.any_of("r.status", codes(&filter.statuses, RunStatus::code));
    c.any_of("r.outcome", codes(&filter.outcomes, RunOutcome::code));
    c.any_of(
        "r.tenant_id",
        filter.tenants.iter().map(|t| t.to_string()).collect(),
    );
    c.any_of(
        "r.initiator_user_id",
        filter.initiators.iter().map(|u| u.to_string()).collect(),
    );
    freshness(&mut c, &filter.freshness, now_ms);
    if let Some(from) = filter.created_from {
        c.push("r.created_at >= ?", vec![Bind::Int(from.unix_millis())]);
    }
    if let Some(until) = filter.created_until {
        c.push("r.created_at < ?", vec![Bind::Int(until.unix_millis())]);
    }
    if let Some(search) = non_empty(filter.search.as_deref()) {
        c.push(
            "(r.id LIKE ? OR LOWER(t.display_name) LIKE ? ESCAPE '\\')",
            vec![
                Bind::Text(format!("{}%", search.to_ascii_lowercase())),
                Bind::Text(contains_pattern(&fold(search))),
            ],
        );
    }

    let joins = "FROM operation_runs r \
        LEFT JOIN tenants t ON t.id = r.tenant_id \
        LEFT JOIN users u ON u.id = r.initiator_user_id";
    let conditions = c.sql.join(" AND ");
    let order = match filter.direction {
        SortDirection::Desc => "r.created_at DESC, r.id DESC",
        SortDirection::Asc => "r.created_at ASC, r.id ASC",
    };
    let (offset, limit) = page_bounds(filter.offset, filter.limit);
    let n = c.binds.len();
    let columns: Vec<String> = COLUMNS
        .split(',')
        .map(|col| format!("r.{}", col.trim()))
        .collect();
    let page_sql = format!(
        "SELECT {}, t.display_name AS tenant_name, u.display_name AS initiator_name {joins} \
         WHERE {conditions} ORDER BY {order} LIMIT ${} OFFSET ${}",
        columns.join(", "),
        n + 1,
        n + 2
    );
    let count_sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 {joins} WHERE {conditions} LIMIT {}) capped",
        RUN_TOTAL_CAP + 1
    );
    let rows: Vec<ListedRow> = on_db!(db, |conn| {
        let mut q = sqlx::query_as(&page_sql);
        for b in &c.binds {
            q = match b {
                Bind::Text(s) => q.bind(s),
                Bind::Int(i) => q.bind(i),
            };
        }
        q.bind(limit).bind(offset).fetch_all(&mut *conn).await?
    });
    let counted: i64 = on_db!(db, |conn| {
        let mut q = sqlx::query_scalar(&count_sql);
        for b in &c.binds {
            q = match b {
                Bind::Text(s) => q.bind(s),
                Bind::Int(i) => q.bind(i),
            };
        }
        q.fetch_one(&mut *conn).await?
    });
    let items = rows
        .into_iter()
        .map(|r| {
            Ok(RunListRow {
                run: OperationRun::try_from(r.run)?,
                tenant_name: r.tenant_name,
                initiator_name: r.initiator_name,
            })
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(RunListPage {
        items,
        total: counted.min(RUN_TOTAL_CAP),
        total_capped: counted > RUN_TOTAL_CAP,
    })
}

fn codes<T: Copy>(values: &[T], code: impl Fn(T) -> &'static str) -> Vec<String> {
    values.iter().map(|v| code(*v).to_owned()).collect()
}

/// Freshness is derived (SPEC §3.5); these are its stored proxies: `stale_at` for active runs,
/// the reconciliation stamp for completed ones.
fn freshness(c: &mut Conditions, wanted: &[Freshness], now_ms: i64) {
    if wanted.is_empty() {
        return;
    }
    let mut any = Vec::new();
    let mut binds = Vec::new();
    for f in wanted {
        match f {
            Freshness::FreshActive => {
                any.push("(r.status IN ('queued', 'running') AND (r.stale_at IS NULL OR r.stale_at >= ?))");
                binds.push(Bind::Int(now_ms));
            }
            Freshness::LikelyStale => {
                any.push("(r.status IN ('queued', 'running') AND r.stale_at < ?)");
                binds.push(Bind::Int(now_ms));
            }
            Freshness::ReconciledFailed => any.push("r.reconciled_at IS NOT NULL"),
            Freshness::TerminalNormal => {
                any.push("(r.status = 'completed' AND r.reconciled_at IS NULL)")
            }
            Freshness::Unknown => any.push("1 = 0"),
        }
    }
    c.push(&format!("({})", any.join(" OR ")), binds);
}
