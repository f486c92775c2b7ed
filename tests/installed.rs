//! The installed Linux package, started as a user starts it: `scripts/package-test.sh` installs
//! the .deb with dpkg and runs this with `TENANTATLAS_E2E_APP=/usr/bin/tenantatlas`. First run
//! → the demo workspace → a sync of one of its tenants.

// Shared with the end-to-end tests; this smoke test uses only a few of its helpers.
#[allow(dead_code)]
mod support;

use std::time::Duration;

use atlas_testkit::eventually;
use support::app::{app_binary, App};
use tokio::time::timeout;

#[tokio::test]
#[ignore = "needs the installed package, a display and tauri-driver: run scripts/package-test.sh"]
async fn the_installed_app_creates_the_demo_workspace_and_syncs_a_tenant() {
    let binary = app_binary();
    assert!(
        binary.starts_with("/usr/bin/"),
        "set TENANTATLAS_E2E_APP to the installed app, not {binary}"
    );
    timeout(Duration::from_secs(240), async {
        let app = App::launch(|_| {}).await;
        app.wait_for("[data-testid=first-run]").await;
        app.create_demo_workspace().await;
        app.open("/tenants").await;
        app.click("[data-testid=tenant-row-name]").await;
        app.wait_for("[data-testid=tenant-page]").await;
        app.click("[data-testid=sync-inventory]").await;
        let outcome = eventually(Duration::from_secs(120), "the sync to end", || async {
            let toast = app.wait_for("[data-testid=completion-toast]").await;
            toast.attr("data-outcome").await.ok().flatten()
        })
        .await;
        assert_eq!(outcome, "succeeded");
        // The list refetches after the run's event; the toast can come first.
        app.wait_for("[data-testid=inventory-name]").await;
        let names = app.texts("[data-testid=inventory-name]").await;
        assert!(!names.is_empty(), "the synced inventory is listed");
        app.screenshot("installed-package-inventory").await;
        app.quit().await;
    })
    .await
    .expect("the installed app's smoke test finished within its time limit");
}
