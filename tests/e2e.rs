//! End-to-end tests of the real desktop binary: the webview driven through `tauri-driver` and
//! WebKitWebDriver, with a temporary home and data folder. They need a display and a session
//! bus, so they are `#[ignore]`d in a plain `cargo test`; `scripts/test.sh` runs them under
//! `xvfb-run` + `dbus-run-session` with `--ignored`. Screenshots land in `target/e2e/`.

mod support;

use std::{
    path::{Path, PathBuf},
    time::Duration,
};

use atlas_testkit::{eventually, poll_until};
use fantoccini::Locator;
use support::app::{App, WAIT};
use tokio::{
    process::Command,
    time::{sleep, timeout},
};

const WHOLE_TEST: Duration = Duration::from_secs(120);
/// The smallest window `tauri.conf.json` allows.
const MIN_WIDTH: u32 = 960;
const MIN_HEIGHT: u32 = 600;

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run scripts/test.sh"]
async fn first_run_creates_the_demo_workspace_and_shows_its_tenants() {
    timeout(WHOLE_TEST, async {
        let app = App::launch(|_| {}).await;
        app.wait_for("[data-testid=first-run]").await;
        app.screenshot("first-run").await;
        app.click("[data-testid=create-demo-workspace]").await;

        // A new workspace opens on its overview: one row per tenant, the worst first.
        app.wait_for("[data-testid=overview-page]").await;
        let overview = poll_until(WAIT, || async {
            let rows = app.texts("[data-testid=overview-row]").await;
            (rows.len() == 3).then_some(rows)
        })
        .await;
        app.screenshot("overview").await;
        assert!(overview.is_some(), "the overview lists the 3 demo tenants");

        app.open("/tenants").await;
        app.wait_for("[data-testid=tenants-page]").await;
        let listed = poll_until(WAIT, || async {
            let rows = app.texts("[data-testid=tenant-row]").await;
            (rows.len() == 3).then_some(rows)
        })
        .await;
        app.screenshot("tenants").await;
        let Some(rows) = listed else {
            let rows = app.texts("[data-testid=tenant-row]").await;
            panic!("timed out after {WAIT:?} waiting for the 3 demo tenants: {rows:?}");
        };
        // The demo's tenant names come from the simulated cloud's seed; each row has one.
        let names = app.texts("[data-testid=tenant-row-name]").await;
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(names.iter().all(|n| !n.trim().is_empty()), "{names:?}");
        assert!(
            rows.iter().all(|r| r.contains("Simulated")),
            "simulated tenants say so: {rows:?}"
        );
        app.screenshot("tenants").await;

        // At the smallest window the app allows, the key columns stay in view.
        app.set_size(MIN_WIDTH, MIN_HEIGHT).await;
        for (route, row, shot) in [
            ("/tenants", "tenant-row", "tenants-min-size"),
            ("/", "overview-row", "overview-min-size"),
            ("/operations", "run-row", "operations-min-size"),
        ] {
            app.open(route).await;
            app.wait_for(&format!("[data-testid={row}]")).await;
            app.screenshot(shot).await;
        }
        app.open("/tenants").await;
        app.wait_for("[data-testid=tenant-row]").await;
        for column in ["Policies", "Groups", "Roles"] {
            assert!(
                app.in_view("th", column).await,
                "{column} is visible without scrolling at {MIN_WIDTH}×{MIN_HEIGHT}"
            );
        }
        app.quit().await;
    })
    .await
    .expect("the test finished within its time limit");
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run scripts/test.sh"]
async fn a_damaged_database_is_explained_and_left_untouched() {
    const GARBAGE: &[u8] = b"this is not a TenantAtlas database";
    timeout(WHOLE_TEST, async {
        let mut data_dir = PathBuf::new();
        let app = App::launch(|data| {
            std::fs::write(data.join("tenantatlas.db"), GARBAGE).unwrap();
            data_dir = data.to_owned();
        })
        .await;
        let screen = app.wait_for("[data-testid=startup-error]").await;
        let text = screen.text().await.unwrap();
        assert!(
            text.contains("damaged or is not a TenantAtlas database"),
            "{text}"
        );
        assert!(text.contains("tenantatlas.db"), "{text}");
        app.screenshot("startup-error").await;
        let untouched = std::fs::read(data_dir.join("tenantatlas.db")).unwrap();
        app.quit().await;
        assert_eq!(untouched, GARBAGE);
    })
    .await
    .expect("the test finished within its time limit");
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run scripts/test.sh"]
async fn a_demo_tenant_syncs_its_inventory_and_lists_it() {
    // Generous: the first sync also starts the in-process simulated cloud.
    const SYNC: Duration = Duration::from_secs(120);
    timeout(Duration::from_secs(300), async {
        let app = App::launch(|_| {}).await;
        app.create_demo_workspace().await;
        app.open("/tenants").await;

        // Open the first tenant of the list.
        // (WebKitWebDriver will not click a table row itself, so the name in it is clicked.)
        let row = app.wait_for("[data-testid=tenant-row-name]").await;
        let listed = app.texts("[data-testid=tenant-row-name]").await;
        let first = listed.first().cloned().expect("a demo tenant is listed");
        row.click().await.unwrap();
        app.wait_for("[data-testid=tenant-page]").await;
        let tenant_url = app.client.current_url().await.unwrap();
        let name = app.texts("[data-testid=tenant-name]").await;
        assert_eq!(name, [first]);
        app.screenshot("tenant-before-sync").await;

        // Sync inventory: the run's one toast says what starting did, then changes in place
        // (a worker may take the run at once, so it may already say running).
        app.click("[data-testid=sync-inventory]").await;
        let toast = app
            .wait_for(
                "[data-testid=intent-toast][data-intent=queued], [data-testid=running-toast], \
                 [data-testid=completion-toast]",
            )
            .await
            .html(false)
            .await
            .unwrap();
        assert!(toast.contains("View run"), "{toast}");

        // The table fills in when the run completes.
        let names = eventually(SYNC, "inventory rows", || async {
            let names = app.texts("[data-testid=inventory-name]").await;
            (!names.is_empty()).then_some(names)
        })
        .await;
        // Only the rows on screen are rendered, never all of them.
        let total = app.texts("[data-testid=inventory-total]").await;
        assert!(
            total.iter().any(|t| t.ends_with("objects")),
            "total shown: {total:?}"
        );
        assert!(names.len() < 120, "rendered {} rows", names.len());
        assert!(
            names.iter().any(|n| n.contains(" - ")),
            "object names look like Intune policies: {names:?}"
        );
        let completed = app
            .wait_for("[data-testid=completion-toast]")
            .await
            .attr("data-outcome")
            .await
            .unwrap();
        assert_eq!(completed.as_deref(), Some("succeeded"));
        app.screenshot("inventory").await;

        // Open an object, then the run that saw it.
        app.click("[data-testid=inventory-name]").await;
        app.wait_for("[data-testid=object-page]").await;
        app.wait_for("[data-testid=object-no-version]").await;
        app.screenshot("object-before-policy-sync").await;

        // Its configuration is captured by a policy sync, started from the object itself; the
        // page shows the settings as soon as that run completes.
        app.click("[data-testid=empty-sync-policies]").await;
        app.client
            .wait()
            .at_most(SYNC)
            .for_element(Locator::Css("[data-testid=readable-settings]"))
            .await
            .expect("the captured configuration is shown once the policy sync completes");
        let settings = app.texts("[data-testid=setting-row]").await;
        assert!(!settings.is_empty(), "settings are listed as rows");
        sleep(Duration::from_millis(500)).await;
        app.screenshot("object").await;
        app.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath("//a[contains(., 'by this run')]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        app.wait_for("[data-testid=run-page]").await;
        let outcome = app.texts("[data-testid=run-outcome]").await;
        assert_eq!(outcome, ["Succeeded"]);
        app.wait_for("[data-testid=run-completeness]").await;
        app.screenshot("run").await;

        // At 1024×700 the Tenants, Operations and inventory tables fit: no sideways scroll.
        app.set_size(1024, 700).await;
        for (route, row, shot) in [
            ("/tenants".to_owned(), "tenant-row", "tenants-1024"),
            ("/operations".to_owned(), "run-row", "operations-1024"),
            (
                // The app routes by the fragment of its URL (`#/tenants/…`).
                tenant_url.fragment().unwrap_or("/").to_owned(),
                "inventory-name",
                "inventory-1024",
            ),
        ] {
            app.open(&route).await;
            app.wait_for(&format!("[data-testid={row}]")).await;
            sleep(Duration::from_millis(300)).await;
            app.screenshot(shot).await;
            let overflowing = app.horizontal_overflow().await;
            assert!(
                overflowing.is_empty(),
                "{route} scrolls sideways at 1024×700: {overflowing:?}"
            );
        }
        app.quit().await;
    })
    .await
    .expect("the test finished within its time limit");
}

/// The runs the monitoring test needs but a real run cannot easily be made to show: one still
/// working on another workstation (fresh lease), one whose worker vanished an hour ago (likely
/// stale), and one the reconciler already resolved.
struct SeededRuns {
    elsewhere: atlas_domain::RunId,
    stale: atlas_domain::RunId,
    reconciled: atlas_domain::RunId,
}

async fn seed_runs(data: &Path, tenants: &[atlas_domain::Tenant]) -> SeededRuns {
    use atlas_domain::{
        FailureEntry, InventorySelection, OperationRun, OperationType as Op, RunOutcome, RunStatus,
        Timestamp, VersionPurpose,
    };
    let store = atlas_store::Store::open(atlas_store::StoreConfig::Sqlite {
        path: data.join("tenantatlas.db"),
    })
    .await
    .unwrap();
    let now = Timestamp::now().unix_millis();
    let at = |offset_ms: i64| Timestamp::from_unix_millis(now + offset_ms).unwrap();
    let run = |tenant: &atlas_domain::Tenant, op, identity: String| {
        OperationRun::queued(
            tenant.workspace_id,
            Some(tenant.id),
            None,
            op,
            identity,
            serde_json::json!({}),
            at(-3_600_000),
        )
    };
    // The same identity the tenant page's "Sync policies" asks for: starting it dedupes.
    let inputs = serde_json::json!({
        "selection": InventorySelection::default(),
        "purpose": VersionPurpose::Backup,
    });
    let a = &tenants[0];
    let identity =
        atlas_engine::run_identity_hash(Op::PolicySync, a.workspace_id, Some(a.id), &inputs);
    let mut elsewhere = run(a, Op::PolicySync, identity);
    elsewhere.status = RunStatus::Running;
    elsewhere.created_at = at(-5_000);
    elsewhere.started_at = Some(at(-5_000));
    elsewhere.heartbeat_at = Some(at(0));
    elsewhere.lease_owner = Some("other-workstation-1".into());
    elsewhere.lease_expires_at = Some(at(600_000));
    elsewhere.stale_at = elsewhere.lease_expires_at;
    elsewhere.summary_counts = [("total".to_owned(), 24), ("processed".to_owned(), 6)].into();

    let mut stale = run(&tenants[1], Op::EntraGroupSync, "e2e-stale".into());
    stale.status = RunStatus::Running;
    stale.started_at = Some(at(-3_600_000));
    stale.heartbeat_at = Some(at(-3_590_000));
    stale.lease_owner = Some("vanished-worker-1".into());
    stale.lease_expires_at = Some(at(-3_500_000));
    stale.stale_at = stale.lease_expires_at;

    let mut reconciled = run(
        &tenants[2],
        Op::DirectoryRoleDefinitionsSync,
        "e2e-rec".into(),
    );
    reconciled.status = RunStatus::Completed;
    reconciled.outcome = RunOutcome::Failed;
    reconciled.started_at = Some(at(-3_590_000));
    reconciled.completed_at = Some(at(-600_000));
    reconciled.reconciled_at = reconciled.completed_at;
    reconciled.reconciliation_reason = Some("run.stale_running".into());
    reconciled.reconciliation_source = Some("scheduled_reconciler".into());
    reconciled.failure_summary = vec![FailureEntry {
        code: "run.stale_running".into(),
        reason_code: atlas_domain::ReasonCode::StaleRunning,
        message: "The run stopped reporting progress.".into(),
    }];
    reconciled.context = serde_json::json!({
        "reason_code": "run.stale_running",
        "reconciliation": { "source": "scheduled_reconciler", "reason_code": "run.stale_running" },
    });
    let mut db = store.conn().await.unwrap();
    for r in [&elsewhere, &stale, &reconciled] {
        atlas_store::runs::insert(&mut db, r).await.unwrap();
    }
    drop(db);
    store.close().await;
    SeededRuns {
        elsewhere: elsewhere.id,
        stale: stale.id,
        reconciled: reconciled.id,
    }
}

/// The demo tenants as the app stored them, by name.
async fn stored_tenants(data: &Path) -> Vec<atlas_domain::Tenant> {
    let store = atlas_store::Store::open(atlas_store::StoreConfig::Sqlite {
        path: data.join("tenantatlas.db"),
    })
    .await
    .unwrap();
    // The operator the tests launch the app as (TENANTATLAS_USER), already stored by the app.
    let user =
        atlas_store::testing::user(&store, "e2e-operator", atlas_domain::Timestamp::now()).await;
    let mut db = store.conn().await.unwrap();
    let ws = atlas_store::workspaces::list_for_user(&mut db, user.id)
        .await
        .unwrap()[0]
        .0
        .id;
    let mut tenants = atlas_store::tenants::list_visible(&mut db, ws, user.id)
        .await
        .unwrap();
    drop(db);
    store.close().await;
    tenants.sort_by_key(|t| t.display_name.clone());
    tenants
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run scripts/test.sh"]
async fn monitoring_shows_intent_progress_and_terminal_truth() {
    const SYNC: Duration = Duration::from_secs(120);
    timeout(Duration::from_secs(300), async {
        // Native notifications go over the session bus: listen to them there.
        let bus_log = tempfile::NamedTempFile::new().unwrap();
        let mut monitor = Command::new("dbus-monitor")
            .args([
                "--session",
                "interface='org.freedesktop.Notifications',member='Notify'",
            ])
            .stdout(bus_log.reopen().unwrap())
            .kill_on_drop(true)
            .spawn()
            .expect("dbus-monitor (package dbus) is installed");

        let app = App::launch(|_| {}).await;
        app.create_demo_workspace().await;
        let tenants = stored_tenants(&app.data).await;
        let seeded = seed_runs(&app.data, &tenants).await;

        // The index reads a vanished worker's run as likely stale, not as progress.
        app.open("/operations").await;
        app.wait_for("[data-testid=runs-table]").await;
        let rows = app
            .wait_for_text("[data-testid=run-row]", "Likely stale", WAIT)
            .await;
        assert!(
            rows.iter().any(|r| r.contains("Reconciled failed")),
            "{rows:?}"
        );
        app.wait_for("[data-testid=progress-widget-stale]").await;
        app.screenshot("operations-index").await;
        // The page shot includes the widget (bottom right).
        app.screenshot("progress-widget-stale").await;

        // The reconciled run says so, with its reason and source.
        app.open(&format!("/runs/{}", seeded.reconciled)).await;
        app.wait_for_text("[data-testid=run-freshness]", "Reconciled failed", WAIT)
            .await;
        app.wait_for_text(
            "[data-testid=run-reconciliation-reason]",
            "Stopped responding",
            WAIT,
        )
        .await;
        app.wait_for_text(
            "[data-testid=run-reconciliation-source]",
            "Scheduled reconciler",
            WAIT,
        )
        .await;
        app.screenshot("run-detail-reconciled").await;
        app.open(&format!("/runs/{}", seeded.stale)).await;
        app.wait_for_text("[data-testid=run-freshness]", "Likely stale", WAIT)
            .await;

        // Starting work another workstation is already doing says so and links to that run.
        app.open(&format!("/tenants/{}", tenants[0].id)).await;
        app.click("[data-testid=sync-policies]").await;
        let dedupe = app
            .wait_for("[data-testid=intent-toast][data-intent=already_active]")
            .await
            .html(false)
            .await
            .unwrap();
        assert!(dedupe.contains("already running"), "{dedupe}");
        assert!(dedupe.contains(&seeded.elsewhere.to_string()) || dedupe.contains("View run"));

        // A real sync: queued → in the widget with progress → completed → inbox + OS notice.
        let b = &tenants[1];
        app.open(&format!("/tenants/{}", b.id)).await;
        app.click("[data-testid=sync-policies]").await;
        // Its toast says queued, or already running if a worker took it at once.
        app.wait_for("[data-testid=intent-toast][data-intent=queued], [data-testid=running-toast]")
            .await;
        app.wait_for_text("[data-testid=widget-run]", &b.display_name, WAIT)
            .await;
        app.screenshot("progress-widget").await;
        let completed = app
            .client
            .wait()
            .at_most(SYNC)
            .for_element(Locator::Css("[data-testid=completion-toast]"))
            .await
            .unwrap()
            .attr("data-outcome")
            .await
            .unwrap();
        assert_eq!(completed.as_deref(), Some("succeeded"));
        app.wait_for_text("[data-testid=inbox-unread]", "1", WAIT)
            .await;
        let title = format!("Policy sync for {}: succeeded", b.display_name);
        let read_bus = || std::fs::read_to_string(bus_log.path()).unwrap_or_default();
        let notified = poll_until(WAIT, || {
            std::future::ready(read_bus().contains(&title).then_some(()))
        })
        .await;
        assert!(
            notified.is_some(),
            "no native notification {title:?} on the session bus within {WAIT:?}: {}",
            read_bus()
        );
        app.click("[data-testid=inbox-button]").await;
        // The inbox opens with a short transition; a click while it still moves lands on what
        // is underneath (WebDriver says "intercepted"), so the click is repeated until it lands.
        let opened = poll_until(WAIT, || async {
            app.wait_for("[data-testid=inbox-item]")
                .await
                .click()
                .await
                .ok()
        })
        .await;
        assert!(
            opened.is_some(),
            "the inbox entry could not be clicked within {WAIT:?}"
        );
        app.wait_for_text("[data-testid=run-outcome]", "Succeeded", WAIT)
            .await;
        app.screenshot("run-detail").await;
        let _ = monitor.kill().await;
        app.quit().await;
    })
    .await
    .expect("the test finished within its time limit");
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run scripts/test.sh"]
async fn a_baseline_is_captured_compared_and_its_drift_triaged() {
    // Generous: the demo cloud starts on first use and reads full content under throttling.
    const WORK: Duration = Duration::from_secs(150);
    timeout(Duration::from_secs(420), async {
        let app = App::launch(|_| {}).await;
        app.create_demo_workspace().await;

        // The demo comes with a baseline profile of its reference tenant.
        app.open("/baselines").await;
        app.wait_for("[data-testid=profile-row]").await;
        app.screenshot("baselines").await;
        app.click("[data-testid=profile-row] a").await;
        app.wait_for("[data-testid=profile-page]").await;

        // Capture from the reference tenant (the demo may have started one already: the start
        // is deduped), and wait for the profile's current snapshot.
        app.click("[data-testid=capture-now]").await;
        // The run's one toast says it started; it changes in place as the run moves on, so it
        // may already say running or how it ended.
        app.wait_for(
            "[data-testid=intent-toast]:is([data-intent=queued], [data-intent=already_active]), \
             [data-testid=running-toast], [data-testid=completion-toast]",
        )
        .await;
        app.wait_for_text("[data-testid=readiness-current]", "item", WORK)
            .await;
        app.wait_for("[data-testid=snapshot-row]").await;
        sleep(Duration::from_millis(500)).await;
        app.screenshot("baseline-profile").await;

        // Compare an assigned tenant from its Drift tab (the capture's toasts may cover its link).
        app.dismiss_toasts().await;
        app.click("[data-testid=assigned-tenant] a").await;
        app.wait_for("[data-testid=drift-tab]").await;
        app.click("[data-testid=compare-now]").await;
        let rows = eventually(WORK, "drift findings of the tenant", || async {
            let rows = app.texts("[data-testid=finding-subject]").await;
            (!rows.is_empty()).then_some(rows)
        })
        .await;
        assert!(rows.iter().all(|r| !r.trim().is_empty()), "{rows:?}");
        sleep(Duration::from_millis(500)).await;
        app.screenshot("tenant-drift").await;

        // The workspace's findings, most important first; open one with its evidence.
        app.open("/findings").await;
        app.wait_for("[data-testid=findings-page]").await;
        app.wait_for("[data-testid=severity-chart]").await;
        app.wait_for("[data-testid=finding-subject]").await;
        app.screenshot("findings").await;
        app.click("[data-testid=finding-row][data-kind=drifted] [data-testid=finding-subject]")
            .await;
        app.wait_for("[data-testid=finding-drawer]").await;
        // The drawer slides in; its evidence is readable once it has.
        eventually(WAIT, "the evidence", || async {
            let texts = app.texts("[data-testid=finding-evidence]").await;
            texts.iter().any(|t| !t.trim().is_empty()).then_some(())
        })
        .await;
        app.wait_for("[data-testid=finding-history]").await;
        sleep(Duration::from_millis(500)).await;
        app.screenshot("finding-evidence").await;

        // Acknowledge it with a note: it holds as an accepted exception.
        app.wait_for("[data-testid=finding-ack-note]")
            .await
            .send_keys("Customer keeps this on purpose (contract 2026-14).")
            .await
            .unwrap();
        app.click("[data-testid=finding-ack-submit]").await;
        app.wait_for_text(
            "[data-testid=finding-acknowledgement]",
            "contract 2026-14",
            WAIT,
        )
        .await;
        sleep(Duration::from_millis(500)).await;
        app.screenshot("finding-acknowledged").await;

        // A missing policy is remediated from the baseline: the confirmation says nothing is
        // written yet, and the restore page previews creating it in the tenant.
        app.open("/findings").await;
        // The acknowledged finding's drawer slides out first.
        sleep(Duration::from_millis(1000)).await;
        app.click_clear(
            "[data-testid=finding-row][data-kind=missing] [data-testid=finding-subject]",
        )
        .await;
        app.wait_for("[data-testid=finding-drawer]").await;
        sleep(Duration::from_millis(800)).await;
        app.click_clear("[data-testid=remediate-finding]").await;
        app.wait_for("[data-testid=remediate-modal]").await;
        sleep(Duration::from_millis(500)).await;
        app.screenshot("remediate-confirm").await;
        app.click_clear("[data-testid=remediate-submit]").await;
        app.wait_for("[data-testid=restore-page]").await;
        app.wait_for("[data-testid=restore-plan]").await;
        let counts = app
            .wait_for_text("[data-testid=plan-counts]", "1", WORK)
            .await;
        assert!(!counts.is_empty(), "{counts:?}");
        sleep(Duration::from_millis(500)).await;
        app.screenshot("remediation-preview").await;
        app.quit().await;
    })
    .await
    .expect("the test finished within its time limit");
}

/// Review packs in the real window: generated from the tenant's card (the intent toast, the
/// card refreshing until ready), asked again ("already available", nothing queued), saved to the
/// Downloads folder and the saved copy verified in the app; then the workspace's packs page.
#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver; run with --ignored"]
async fn a_review_pack_is_generated_saved_and_verified() {
    const WORK: Duration = Duration::from_secs(90);
    timeout(Duration::from_secs(300), async {
        let downloads = tempfile::tempdir().unwrap();
        let app =
            App::launch_with_env(|_| {}, &[("TENANTATLAS_EXPORT_DIR", downloads.path())]).await;
        app.create_demo_workspace().await;
        app.open("/tenants").await;
        app.click("[data-testid=tenant-row-name]").await;
        app.wait_for("[data-testid=tenant-page]").await;
        // The app routes by the address's fragment: "#/tenants/<id>".
        let url = app.client.current_url().await.unwrap();
        let route = url.fragment().expect("a hash route").to_owned();
        app.open(&format!("{route}?tab=details")).await;
        app.wait_for("[data-testid=review-pack-none]").await;

        // Generate with the workspace's defaults (the demo's toasts could cover the card).
        app.dismiss_toasts().await;
        app.client
            .execute(
                "document.querySelector('[data-testid=review-pack-card]').scrollIntoView({block: 'center'});",
                vec![],
            )
            .await
            .unwrap();
        app.click("[data-testid=generate-pack]").await;
        // The dialog opens with a transition; its button takes clicks once it has (a click
        // during the transition is lost on a slow machine).
        app.wait_for("[data-testid=generate-pack-submit]").await;
        sleep(Duration::from_millis(800)).await;
        app.click("[data-testid=generate-pack-submit]").await;
        // The toast says it is queued (a small pack may be ready before it is seen: its card
        // says so then, and the toast has already gone) ...
        app.wait_for(
            "[data-testid=pack-request-toast][data-intent=queued], \
             [data-testid=pack-status][data-status=ready]",
        )
        .await;
        app.wait_for_text("[data-testid=pack-status]", "Ready", WORK)
            .await;
        app.wait_for("[data-testid=pack-ready]").await;
        // ... and once the pack is ready, that toast is no longer true and goes.
        eventually(WAIT, "the queued toast to go", || async {
            let queued = app
                .texts("[data-testid=pack-request-toast][data-intent=queued]")
                .await;
            queued.is_empty().then_some(())
        })
        .await;
        sleep(Duration::from_millis(500)).await;
        app.screenshot("review-pack-ready").await;

        // The same content again: the ready pack, nothing queued.
        app.dismiss_toasts().await;
        app.click("[data-testid=generate-pack]").await;
        // The dialog opens with a transition; its button takes clicks once it has (a click
        // during the transition is lost on a slow machine).
        app.wait_for("[data-testid=generate-pack-submit]").await;
        sleep(Duration::from_millis(800)).await;
        app.click("[data-testid=generate-pack-submit]").await;
        let toast = app
            .wait_for("[data-testid=pack-request-toast][data-intent=already_available]")
            .await
            .html(false)
            .await
            .unwrap();
        assert!(toast.contains("Nothing changed in"), "{toast}");

        // Saved to Downloads, and the saved copy checked as the customer will check it.
        app.click_clear("[data-testid=pack-save-downloads]").await;
        app.wait_for("[data-testid=pack-saved-toast]").await;
        let saved: Vec<_> = std::fs::read_dir(downloads.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(saved.len(), 1, "{saved:?}");
        assert!(saved[0].extension().is_some_and(|e| e == "zip"));
        // The toast slides in; its button takes clicks once it has.
        sleep(Duration::from_millis(800)).await;
        app.click("[data-testid=verify-saved-copy]").await;
        let verdict = app.wait_for("[data-testid=pack-verdict]").await;
        assert_eq!(
            verdict.attr("data-intact").await.unwrap().as_deref(),
            Some("true")
        );
        sleep(Duration::from_millis(500)).await;
        app.screenshot("review-pack-verified").await;

        // The workspace's packs.
        app.dismiss_toasts().await;
        app.open("/review-packs").await;
        app.wait_for("[data-testid=pack-row]").await;
        sleep(Duration::from_millis(500)).await;
        app.screenshot("review-packs").await;

        // The settings: defaults, retention, the evidence age reviews accept, and the key that
        // signed the pack just made.
        app.click("[data-testid=pack-settings]").await;
        let evidence_age = app
            .wait_for("[data-testid=pack-settings-evidence-age]")
            .await;
        assert_eq!(
            evidence_age.prop("value").await.unwrap().as_deref(),
            Some("7")
        );
        app.wait_for("[data-testid=pack-key-fingerprint]").await;
        sleep(Duration::from_millis(800)).await;
        app.screenshot("review-pack-settings").await;
        app.quit().await;
    })
    .await
    .expect("the test finished within its time limit");
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver; run with --ignored"]
async fn a_deleted_policy_is_restored_from_a_backup_after_a_preview() {
    const WORK: Duration = Duration::from_secs(90);
    timeout(Duration::from_secs(300), async {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let port_text = port.to_string();
        let app =
            App::launch_with_env(|_| {}, &[("TENANTATLAS_DEMO_PORT", Path::new(&port_text))]).await;
        app.create_demo_workspace().await;
        let tenant = stored_tenants(&app.data).await.remove(0);
        app.open(&format!("/tenants/{}", tenant.id)).await;
        app.wait_for("[data-testid=tenant-page]").await;

        // Groups first (assignments are mapped onto them), then a backup.
        app.click_clear("[data-testid=sync-groups]").await;
        sleep(Duration::from_secs(3)).await;
        app.open(&format!("/tenants/{}?tab=backups", tenant.id))
            .await;
        app.click_clear("[data-testid=back-up-now]").await;
        app.wait_for_text("[data-testid=backup-status]", "Complete", WORK)
            .await;

        // A policy is deleted in the tenant by hand (through the simulator's admin API).
        let drift = reqwest::Client::new()
            .post(format!(
                "http://127.0.0.1:{port}/_sim/tenants/{}/drift",
                tenant.directory_tenant_id.as_uuid()
            ))
            // A settings catalog policy: a type restore writes back.
            .json(&serde_json::json!({ "modify": 0, "add": 0, "delete": 1, "seed": 7, "types": ["settings_catalog"] }))
            .send()
            .await
            .unwrap();
        assert!(drift.status().is_success(), "{}", drift.status());

        // Preview from the backup set: one object to create, nothing written yet.
        app.dismiss_toasts().await;
        sleep(Duration::from_millis(500)).await;
        app.screenshot("backups-tab").await;
        app.click("[data-testid=backup-row-versions]").await;
        // The drawer slides in; its buttons take clicks once it has.
        app.wait_for("[data-testid=backup-set-detail]").await;
        sleep(Duration::from_millis(800)).await;
        app.screenshot("backup-set-drawer").await;
        app.click("[data-testid=preview-restore]").await;
        app.click("[data-testid=restore-next]").await;
        app.click("[data-testid=restore-preview]").await;
        app.wait_for("[data-testid=restore-page]").await;
        app.wait_for("[data-testid=restore-plan]").await;
        let counts = app
            .wait_for_text("[data-testid=plan-counts]", "1", WORK)
            .await;
        assert!(counts.iter().any(|c| c.contains("create")), "{counts:?}");
        sleep(Duration::from_millis(500)).await;
        app.screenshot("restore-preview").await;

        // Execute after typing the tenant's name and confirming the one change.
        app.click_clear("[data-testid=execute-restore]").await;
        app.wait_for("[data-testid=execute-restore-modal]").await;
        sleep(Duration::from_millis(500)).await;
        app.wait_for("[data-testid=execute-confirm-tenant]")
            .await
            .send_keys(&tenant.display_name)
            .await
            .unwrap();
        let changes = app.wait_for("[data-testid=execute-confirm-changes]").await;
        if changes.attr("type").await.unwrap().as_deref() == Some("checkbox") {
            changes.click().await.unwrap();
        } else {
            changes.send_keys("1").await.unwrap();
        }
        app.click("[data-testid=execute-restore-submit]").await;
        app.wait_for("[data-testid=restore-outcomes]").await;
        let outcomes = app
            .wait_for_text("[data-testid=outcome-badge]", "Created", WORK)
            .await;
        assert!(!outcomes.is_empty());
        sleep(Duration::from_millis(500)).await;
        app.screenshot("restore-executed").await;

        // Undo: the policy the restore created is planned for deletion, nothing written yet.
        app.click_clear("[data-testid=undo-restore]").await;
        app.wait_for("[data-testid=undo-restore-modal]").await;
        sleep(Duration::from_millis(500)).await;
        app.click_clear("[data-testid=undo-restore-submit]").await;
        app.wait_for_text("[data-testid=restore-page]", "To delete", WORK)
            .await;
        sleep(Duration::from_millis(500)).await;
        app.screenshot("restore-undo-preview").await;
        app.quit().await;
    })
    .await
    .expect("the test finished within its time limit");
}

/// Team mode: two workstations (two app instances, two data folders, two PostgreSQL roles) on
/// one database. A sync started in one appears in the other's Operations page and progress
/// widget while it happens, without a reload.
#[tokio::test]
#[ignore = "needs a display and tauri-driver: run scripts/test.sh"]
async fn a_sync_started_on_one_workstation_appears_live_on_another() {
    use atlas_store::{team, testing, users, Store, StoreConfig};
    timeout(Duration::from_secs(300), async {
        let url = atlas_testkit::fresh_postgres_url();
        let admin = Store::open(StoreConfig::Postgres { url: url.clone() })
            .await
            .unwrap();
        team::init(&admin).await.unwrap();
        let sign_in = |role: &str, password: &str| {
            url.replacen(
                "postgres://postgres@",
                &format!("postgres://{role}:{password}@"),
                1,
            )
        };
        let mut urls = Vec::new();
        for role in ["alice_e2e", "bob_e2e"] {
            let password = team::generate_password().unwrap();
            team::add_login_role(
                &admin,
                role,
                &team::Login::NewPassword(password.clone()),
                false,
            )
            .await
            .unwrap();
            urls.push(sign_in(role, &password));
        }

        // Alice founds the demo workspace on her workstation.
        let alice =
            App::launch_with_env(|_| {}, &[("TENANTATLAS_DATABASE_URL", Path::new(&urls[0]))])
                .await;
        alice
            .wait_for("[data-testid=create-demo-workspace]")
            .await
            .click()
            .await
            .unwrap();
        alice.wait_for("[data-testid=overview-page]").await;

        // The administrator makes Bob an operator of it; he opens his app on Operations.
        let mut db = admin.conn().await.unwrap();
        let bob = users::upsert_by_login(
            &mut db,
            "pg:bob_e2e",
            "bob_e2e",
            atlas_domain::Timestamp::now(),
        )
        .await
        .unwrap();
        let workspace: String = match &mut db {
            atlas_store::Conn::Postgres(c) => sqlx::query_scalar("SELECT id FROM workspaces")
                .fetch_one(&mut **c)
                .await
                .unwrap(),
            atlas_store::Conn::Sqlite(_) => unreachable!(),
        };
        drop(db);
        testing::member(
            &admin,
            workspace.parse().unwrap(),
            bob.id,
            atlas_domain::Role::Operator,
            None,
            atlas_domain::Timestamp::now(),
        )
        .await;
        // Another workstation has a session bus of its own (on one bus the app's single-instance
        // guard would hand Bob's start to Alice's window).
        let mut bus = std::process::Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("dbus-daemon runs");
        let address = {
            use std::io::BufRead;
            let mut line = String::new();
            std::io::BufReader::new(bus.stdout.take().unwrap())
                .read_line(&mut line)
                .unwrap();
            line.trim().to_owned()
        };
        let bobs_app = App::launch_with_env(
            |_| {},
            &[
                ("TENANTATLAS_DATABASE_URL", Path::new(&urls[1])),
                ("DBUS_SESSION_BUS_ADDRESS", Path::new(&address)),
            ],
        )
        .await;
        bobs_app.open("/operations").await;
        bobs_app.wait_for("[data-testid=operations-page]").await;
        let policy_rows = |texts: Vec<String>| {
            texts
                .iter()
                .filter(|t| t.to_lowercase().contains("polic"))
                .count()
        };
        let before = policy_rows(bobs_app.texts("[data-testid=run-row-type]").await);

        // Alice syncs a tenant's policies (long enough to be watched while it runs).
        alice.open("/tenants").await;
        let name = alice.wait_for("[data-testid=tenant-row-name]").await;
        let tenant = name.text().await.unwrap();
        name.click().await.unwrap();
        alice
            .wait_for("[data-testid=sync-policies]")
            .await
            .click()
            .await
            .unwrap();

        // Bob's window shows it, pushed to him (no reload, no navigation): a row on the
        // Operations page, and the run in his progress widget while it is active.
        let in_widget = std::cell::Cell::new(false);
        let seen = poll_until(Duration::from_secs(10), || async {
            let widget = bobs_app.texts("[data-testid=widget-run]").await;
            if widget.iter().any(|w| w.contains(tenant.as_str())) {
                in_widget.set(true);
            }
            let now = policy_rows(bobs_app.texts("[data-testid=run-row-type]").await);
            (now > before && in_widget.get()).then_some(now)
        })
        .await;
        let in_widget = in_widget.get();
        bobs_app
            .screenshot("team-other-workstation-operations")
            .await;
        alice.screenshot("team-first-workstation").await;
        assert!(
            seen.is_some(),
            "Alice's sync appears on Bob's Operations page and in his widget (widget: {in_widget})"
        );

        // Bob sees who else works here; as an operator he changes nothing.
        bobs_app.open("/members").await;
        bobs_app.wait_for("[data-testid=members-read-only]").await;
        let page = bobs_app.texts("[data-testid=members-page]").await.join(" ");
        sleep(Duration::from_secs(1)).await;
        bobs_app.wait_for("[data-testid=members-read-only]").await;
        bobs_app.screenshot("team-members").await;
        assert!(
            page.contains("alice_e2e") && page.contains("bob_e2e"),
            "{page}"
        );

        bobs_app.quit().await;
        alice.quit().await;
        let _ = bus.kill();
        let _ = bus.wait();
        admin.close().await;
    })
    .await
    .expect("the whole test within 300 s");
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver; run with --ignored"]
async fn an_intunecd_backup_is_previewed_and_imported_from_the_backups_tab() {
    timeout(Duration::from_secs(240), async {
        let app = App::launch(|_| {}).await;
        app.create_demo_workspace().await;
        let tenant = stored_tenants(&app.data).await.remove(0);

        // An IntuneCD backup folder: two objects, and one file that is not valid JSON.
        let backup = app.data.join("intunecd-backup");
        std::fs::create_dir_all(backup.join("Filters")).unwrap();
        std::fs::create_dir_all(backup.join("Device Categories")).unwrap();
        let filter = serde_json::json!({ "displayName": "Corp devices",
            "platform": "windows10AndLater", "assignmentFilterManagementType": "devices",
            "rule": "(device.deviceOwnership -eq \"Corporate\")", "roleScopeTags": ["Default"] });
        std::fs::write(backup.join("Filters/Corp devices.json"), filter.to_string()).unwrap();
        let category = serde_json::json!({ "displayName": "Kiosks", "description": "Shared" });
        std::fs::write(
            backup.join("Device Categories/Kiosks.json"),
            category.to_string(),
        )
        .unwrap();
        std::fs::write(backup.join("Filters/broken.json"), "{\"displayName\": ").unwrap();

        app.open(&format!("/tenants/{}?tab=backups", tenant.id))
            .await;
        app.click("[data-testid=import-backup]").await;
        app.wait_for("[data-testid=import-folder-input]")
            .await
            .send_keys(&backup.display().to_string())
            .await
            .unwrap();
        app.click("[data-testid=import-preview-button]").await;
        app.wait_for("[data-testid=import-preview]").await;
        let skipped = app.texts("[data-testid=import-skipped-file]").await;
        assert!(
            skipped.iter().any(|s| s.contains("Filters/broken.json")),
            "{skipped:?}"
        );
        sleep(Duration::from_millis(500)).await;
        app.screenshot("import-preview").await;

        app.click("[data-testid=import-submit]").await;
        // The imported set opens in its drawer, saying where it came from.
        app.wait_for("[data-testid=backup-set-origin]").await;
        sleep(Duration::from_millis(800)).await;
        app.screenshot("imported-set-drawer").await;
        let origin = app.texts("[data-testid=backup-set-origin]").await;
        assert!(origin.iter().any(|o| o.contains("IntuneCD")), "{origin:?}");
        app.quit().await;
    })
    .await
    .expect("the test finished within its time limit");
}

#[tokio::test]
#[ignore = "needs a display and tauri-driver: run scripts/test.sh"]
async fn about_shows_the_build_copies_diagnostics_without_secrets_and_guards_updates() {
    const PLANTED: &str = "client_secret=E2E-planted-secret";
    timeout(WHOLE_TEST, async {
        let app = App::launch(|data| {
            // The app appends to today's log (UTC), where this line waits for the report.
            let today = time::OffsetDateTime::now_utc().date();
            let logs = data.join("logs");
            std::fs::create_dir_all(&logs).unwrap();
            std::fs::write(
                logs.join(format!(
                    "tenantatlas.{}-{:02}-{:02}.log",
                    today.year(),
                    u8::from(today.month()),
                    today.day()
                )),
                format!("INFO token request for adele.vance@contoso.com {PLANTED}\n"),
            )
            .unwrap();
        })
        .await;
        app.create_demo_workspace().await;

        // The account menu leads to About.
        app.click_clear("[data-testid=user-menu]").await;
        app.click_clear("[data-testid=open-about]").await;
        app.wait_for("[data-testid=about-page]").await;
        let version = app.texts("[data-testid=about-version]").await.join(" ");
        assert!(version.contains(env!("CARGO_PKG_VERSION")), "{version}");
        let commit = app.texts("[data-testid=about-commit]").await.join(" ");
        assert!(
            commit
                .split_whitespace()
                .any(|w| w.len() == 12 && w.chars().all(|c| c.is_ascii_hexdigit()))
                || commit.contains("unknown"),
            "{commit}"
        );
        let schema = app.texts("[data-testid=about-schema]").await.join(" ");
        assert!(
            schema.contains("2026"),
            "the schema version is a migration stamp: {schema}"
        );
        let data_dir = app.texts("[data-testid=about-data-dir]").await.join(" ");
        assert!(
            data_dir.contains(&app.data.display().to_string()),
            "{data_dir}"
        );
        sleep(Duration::from_millis(500)).await;
        app.screenshot("about").await;

        // The report shows the planted log line with its secret and address removed.
        app.click_clear("[data-testid=copy-diagnostics]").await;
        let report = app
            .wait_for_text(
                "[data-testid=diagnostics-text]",
                "client_secret=<removed>",
                WAIT,
            )
            .await
            .join("\n");
        assert!(!report.contains("E2E-planted-secret"), "{report}");
        assert!(!report.contains("adele.vance"), "{report}");
        assert!(report.contains("Schema version"), "{report}");
        sleep(Duration::from_millis(500)).await;
        app.screenshot("diagnostics").await;
        app.click_clear("[data-testid=diagnostics-close]").await;
        // The dialog's closing transition, before the page beneath takes clicks.
        sleep(Duration::from_millis(800)).await;

        // An update address must be https; a server that is not there changes nothing.
        let input = app.wait_for("[data-testid=update-url-input]").await;
        input
            .send_keys("http://updates.example.com/latest.json")
            .await
            .unwrap();
        app.click_clear("[data-testid=update-url-save]").await;
        app.wait_for_text("[data-testid=update-url-field-error]", "https://", WAIT)
            .await;
        let input = app.wait_for("[data-testid=update-url-input]").await;
        input.clear().await.unwrap();
        input
            .send_keys("https://127.0.0.1:9/latest.json")
            .await
            .unwrap();
        app.click_clear("[data-testid=update-url-save]").await;
        app.wait_for_text("[data-testid=update-setting]", "127.0.0.1", WAIT)
            .await;
        app.click_clear("[data-testid=update-check]").await;
        app.wait_for_text("[data-testid=update-error]", "cannot be reached", WAIT)
            .await;
        sleep(Duration::from_millis(300)).await;
        app.screenshot("about-update-unreachable").await;
        app.quit().await;
    })
    .await
    .expect("the test finished within its time limit");
}
