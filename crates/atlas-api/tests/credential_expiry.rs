//! When a tenant's credential ends: read from the app registration on verify (when the token
//! may read it), carried by the tenant, warned about 30 days ahead in the overview, and put
//! ahead of healthy tenants there.

use atlas_api::types::{TenantRequest, WorkspaceOverviewRequest};
use atlas_domain::{ExpirySource, ExpiryWarning};

mod common;
use common::ann_runtime;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verify_reads_the_credentials_end_and_the_overview_warns_ahead() {
    let dir = tempfile::tempdir().unwrap();
    let rt = ann_runtime(dir.path(), |_| {}).await;
    let (api, ann) = (&rt.api, &rt.actor);
    let demo = api.create_demo_workspace(ann).await.unwrap();
    for tenant in &demo.tenants {
        let verified = api
            .verify_connection(
                ann,
                TenantRequest {
                    tenant_id: tenant.id,
                },
            )
            .await
            .unwrap();
        assert!(verified.reachable, "{}", verified.message);
        let expiry = verified
            .tenant
            .connection
            .and_then(|c| c.credential_expiry)
            .expect("the demo's registrations may be read");
        assert_eq!(expiry.source, ExpirySource::AppRegistration);
        let report = verified.permissions.features;
        assert!(report
            .iter()
            .any(|f| f.feature == atlas_domain::permissions::Feature::CredentialExpiry && f.works));
    }
    let overview = api
        .workspace_overview(
            ann,
            WorkspaceOverviewRequest {
                workspace_id: demo.workspace.workspace.id,
                utc_offset_minutes: 0,
            },
        )
        .await
        .unwrap();
    // The simulated cloud's second tenant's secret ends in three weeks; the others in a year.
    let warned: Vec<_> = overview
        .tenants
        .iter()
        .filter_map(|row| row.credential_warning.map(|w| (row.tenant.id, w)))
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        matches!(warned[0].1, ExpiryWarning::ExpiresSoon { days } if (20..=22).contains(&days)),
        "{warned:?}"
    );
    assert_eq!(
        overview.tenants[0].tenant.id, warned[0].0,
        "a credential about to end puts its tenant ahead of healthy ones"
    );
    rt.shutdown().await;
}
