//! The operations index on both engines: tabs, filters, search, order, paging, visibility and
//! the capped count.

#[macro_use]
mod support;

use atlas_domain::{
    inventory::SortDirection, Freshness, OperationRun, OperationType, RunListFilter, RunOutcome,
    RunStatus, RunTab, Tenant,
};
use atlas_store::{run_index, runs, tenants, Store};
use support::*;

conformance!(the_index_filters_orders_and_pages_runs);

/// Stores a run created at `at(ms)`, optionally completed with `outcome`.
async fn run(
    store: &Store,
    tenant: &Tenant,
    ms: i64,
    op: OperationType,
    end: Option<RunOutcome>,
) -> OperationRun {
    let mut r = OperationRun::queued(
        tenant.workspace_id,
        Some(tenant.id),
        None,
        op,
        uuid::Uuid::new_v4().to_string(),
        serde_json::json!({}),
        at(ms),
    );
    r.stale_at = Some(at(ms + 1_000));
    if let Some(outcome) = end {
        r.status = RunStatus::Completed;
        r.outcome = outcome;
        r.completed_at = Some(at(ms + 10));
        r.stale_at = None;
        if outcome == RunOutcome::Failed && ms % 2 == 0 {
            r.reconciled_at = Some(at(ms + 10));
            r.reconciliation_reason = Some("run.stale_queued".into());
        }
    }
    let mut c = store.conn().await.unwrap();
    runs::insert(&mut c, &r).await.unwrap();
    r
}

async fn the_index_filters_orders_and_pages_runs(store: Store) {
    let contoso = seed_tenant(&store).await;
    let fabrikam = tenant(contoso.workspace_id, "Fabrikam", 2);
    let mut c = store.conn().await.unwrap();
    tenants::insert(&mut c, &fabrikam).await.unwrap();
    drop(c);
    let inv = OperationType::InventorySync;
    let ok = run(&store, &contoso, 100, inv, Some(RunOutcome::Succeeded)).await;
    let failed_reconciled = run(&store, &contoso, 200, inv, Some(RunOutcome::Failed)).await;
    let failed = run(
        &store,
        &fabrikam,
        301,
        OperationType::PolicySync,
        Some(RunOutcome::Failed),
    )
    .await;
    let stale = run(&store, &fabrikam, 400, inv, None).await;
    let fresh = run(&store, &contoso, 50_000, inv, None).await;
    let now = at(10_000); // `stale` is past its stale_at, `fresh` is not.

    let list = |filter: RunListFilter, visible: Option<Vec<atlas_domain::TenantId>>| {
        let store = store.clone();
        async move {
            let mut c = store.conn().await.unwrap();
            run_index::list(
                &mut c,
                contoso.workspace_id,
                visible.as_deref(),
                &filter,
                now,
            )
            .await
            .unwrap()
        }
    };
    let ids =
        |page: &atlas_domain::RunListPage| page.items.iter().map(|r| r.run.id).collect::<Vec<_>>();

    let all = list(RunListFilter::default(), None).await;
    assert_eq!(
        ids(&all),
        [fresh.id, stale.id, failed.id, failed_reconciled.id, ok.id]
    );
    assert_eq!((all.total, all.total_capped), (5, false));
    assert_eq!(all.items[1].tenant_name.as_deref(), Some("Fabrikam"));

    let tab = |tab| RunListFilter {
        tab,
        ..Default::default()
    };
    assert_eq!(
        ids(&list(tab(RunTab::Active), None).await),
        [fresh.id, stale.id]
    );
    assert_eq!(ids(&list(tab(RunTab::LikelyStale), None).await), [stale.id]);
    assert_eq!(
        ids(&list(tab(RunTab::Failed), None).await),
        [failed.id, failed_reconciled.id]
    );

    let reconciled = RunListFilter {
        freshness: vec![Freshness::ReconciledFailed],
        ..Default::default()
    };
    assert_eq!(ids(&list(reconciled, None).await), [failed_reconciled.id]);
    let by_type = RunListFilter {
        types: vec![OperationType::PolicySync],
        ..Default::default()
    };
    assert_eq!(ids(&list(by_type, None).await), [failed.id]);
    let search = RunListFilter {
        search: Some("fabri".into()),
        direction: SortDirection::Asc,
        ..Default::default()
    };
    assert_eq!(ids(&list(search, None).await), [failed.id, stale.id]);
    let by_id = RunListFilter {
        search: Some(ok.id.to_string()[..30].to_owned()),
        ..Default::default()
    };
    assert_eq!(ids(&list(by_id, None).await), [ok.id]);
    let window = RunListFilter {
        created_from: Some(at(200)),
        created_until: Some(at(400)),
        ..Default::default()
    };
    assert_eq!(
        ids(&list(window, None).await),
        [failed.id, failed_reconciled.id]
    );

    let second_page = RunListFilter {
        offset: 2,
        limit: 2,
        ..Default::default()
    };
    let page = list(second_page, None).await;
    assert_eq!(ids(&page), [failed.id, failed_reconciled.id]);
    assert_eq!(page.total, 5, "the total counts every match, not the page");

    // A member entitled to Contoso only never sees Fabrikam's runs.
    let limited = list(RunListFilter::default(), Some(vec![contoso.id])).await;
    assert_eq!(ids(&limited), [fresh.id, failed_reconciled.id, ok.id]);
    let none = list(RunListFilter::default(), Some(vec![])).await;
    assert!(none.items.is_empty());
}
