//! The operations index: one page of a workspace's runs, filtered and ordered by creation
//! time, with tenant and initiator names. Built to stay fast over millions of runs: it walks
//! the `(workspace_id, created_at, id)` index (for the Active and Failed tabs, a partial index
//! of only those runs) and counts matches only up to a cap.

use atlas_domain::{
    inventory::SortDirection, Freshness, OperationRun, RunListFilter, RunListPage, RunListRow,
    RunOutcome, RunStatus, RunTab, TenantId, Timestamp, WorkspaceId, RUN_TOTAL_CAP,
};

use crate::{
    query::{build, Conditions, Query},
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

/// `visible`: the tenants the reader is entitled to, or `None` for all of them. Workspace
/// runs (no tenant) are always visible to members.
pub async fn list(
    db: &mut impl Db,
    workspace: WorkspaceId,
    visible: Option<&[TenantId]>,
    filter: &RunListFilter,
    now: Timestamp,
) -> Result<RunListPage, StoreError> {
    let (page, count) = queries(workspace, visible, filter, now);
    let rows: Vec<ListedRow> = on_db!(db, |conn| build!(page)
        .build_query_as()
        .fetch_all(&mut *conn)
        .await?);
    let counted: i64 = on_db!(db, |conn| build!(count)
        .build_query_scalar()
        .fetch_one(&mut *conn)
        .await?);
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

/// The page query and the capped count query of one filter.
fn queries(
    workspace: WorkspaceId,
    visible: Option<&[TenantId]>,
    filter: &RunListFilter,
    now: Timestamp,
) -> (Query, Query) {
    let mut c = Conditions::default();
    c.and("r.workspace_id = ").text(workspace.to_string());
    if let Some(visible) = visible {
        if visible.is_empty() {
            c.and("r.tenant_id IS NULL");
        } else {
            c.and("(r.tenant_id IS NULL OR r.tenant_id IN (")
                .text_list(visible.iter().map(|t| t.to_string()))
                .sql("))");
        }
    }
    let now_ms = now.unix_millis();
    match filter.tab {
        RunTab::All => {}
        RunTab::Active => {
            c.and("r.status IN ('queued', 'running')");
        }
        RunTab::LikelyStale => {
            c.and("r.status IN ('queued', 'running') AND r.stale_at < ")
                .int(now_ms);
        }
        RunTab::Failed => {
            c.and("r.outcome = 'failed'");
        }
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
        c.and("r.created_at >= ").int(from.unix_millis());
    }
    if let Some(until) = filter.created_until {
        c.and("r.created_at < ").int(until.unix_millis());
    }
    if let Some(search) = non_empty(filter.search.as_deref()) {
        c.and("(r.id LIKE ")
            .text(format!("{}%", search.to_ascii_lowercase()))
            .sql(" OR LOWER(t.display_name) LIKE ")
            .text(contains_pattern(&fold(search)))
            .sql(" ESCAPE '\\')");
    }

    let joins = "FROM operation_runs r \
        LEFT JOIN tenants t ON t.id = r.tenant_id \
        LEFT JOIN users u ON u.id = r.initiator_user_id";
    let conditions = c.joined();
    let order = match filter.direction {
        SortDirection::Desc => "r.created_at DESC, r.id DESC",
        SortDirection::Asc => "r.created_at ASC, r.id ASC",
    };
    let (offset, limit) = page_bounds(filter.offset, filter.limit);
    let columns: Vec<String> = COLUMNS
        .split(',')
        .map(|col| format!("r.{}", col.trim()))
        .collect();
    let mut page = Query::new(format!(
        "SELECT {}, t.display_name AS tenant_name, u.display_name AS initiator_name {joins} WHERE ",
        columns.join(", "),
    ));
    page.append(&conditions)
        .sql(format!(" ORDER BY {order} LIMIT "))
        .int(limit)
        .sql(" OFFSET ")
        .int(offset);
    // The joins name a run's tenant and initiator (one row each at most, by primary key), so
    // they change the count only when the search reads the tenant's name.
    let count_from = match non_empty(filter.search.as_deref()) {
        Some(_) => joins,
        None => "FROM operation_runs r",
    };
    let mut count = Query::new(format!(
        "SELECT COUNT(*) FROM (SELECT 1 {count_from} WHERE "
    ));
    count
        .append(&conditions)
        .sql(format!(" LIMIT {}) capped", RUN_TOTAL_CAP + 1));
    (page, count)
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
    let any = c.and("(");
    for (i, f) in wanted.iter().enumerate() {
        if i > 0 {
            any.sql(" OR ");
        }
        match f {
            Freshness::FreshActive => any
                .sql("(r.status IN ('queued', 'running') AND (r.stale_at IS NULL OR r.stale_at >= ")
                .int(now_ms)
                .sql("))"),
            Freshness::LikelyStale => any
                .sql("(r.status IN ('queued', 'running') AND r.stale_at < ")
                .int(now_ms)
                .sql(")"),
            Freshness::ReconciledFailed => any.sql("r.reconciled_at IS NOT NULL"),
            Freshness::TerminalNormal => {
                any.sql("(r.status = 'completed' AND r.reconciled_at IS NULL)")
            }
            Freshness::Unknown => any.sql("1 = 0"),
        };
    }
    any.sql(")");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plans::{connection, describe, sqlite};
    use crate::Store;

    /// What SQLite's planner would do with `query`, one line per step.
    async fn plan(store: &Store, query: &Query) -> String {
        let mut explain = Query::new("EXPLAIN QUERY PLAN ");
        explain.append(query);
        let mut conn = connection(store).await;
        describe(
            build!(explain)
                .build_query_as()
                .fetch_all(&mut *conn)
                .await
                .unwrap(),
        )
    }

    #[tokio::test]
    async fn the_active_and_failed_tabs_read_their_own_partial_index() {
        let (store, _dir) = sqlite().await;
        for (tab, index) in [
            (RunTab::Active, "operation_runs_active_workspace_created_id"),
            (
                RunTab::LikelyStale,
                "operation_runs_active_workspace_created_id",
            ),
            (RunTab::Failed, "operation_runs_failed_workspace_created_id"),
            (RunTab::All, "operation_runs_workspace_created_id"),
        ] {
            let filter = RunListFilter {
                tab,
                ..RunListFilter::default()
            };
            let (page, count) = queries(WorkspaceId::new(), None, &filter, Timestamp::now());
            for query in [page, count] {
                let plan = plan(&store, &query).await;
                // The count reads the index alone (a covering index) when it needs no names.
                assert!(
                    plan.contains(&format!("USING INDEX {index} "))
                        || plan.contains(&format!("USING COVERING INDEX {index} ")),
                    "{tab:?} reads {index}; the plan was:\n{plan}"
                );
                assert!(!plan.contains("TEMP B-TREE"), "{tab:?} sorts:\n{plan}");
            }
        }
        store.close().await;
    }
}
