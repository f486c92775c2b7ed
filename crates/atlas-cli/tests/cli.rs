//! The `atlas` binary as a user runs it: output, exit codes, and bad input that changes nothing.

use assert_cmd::Command;
use predicates::prelude::*;

fn atlas(data_dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("atlas").unwrap();
    cmd.env_remove("TENANTATLAS_DATABASE_URL")
        .env("TENANTATLAS_USER", "ann")
        .arg("--data-dir")
        .arg(data_dir);
    cmd
}

#[test]
fn demo_creates_the_workspace_syncs_its_tenants_and_summarises() {
    let dir = tempfile::tempdir().unwrap();
    let out = atlas(dir.path()).arg("demo").output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for expected in [
        "Created the demo workspace",
        "(simulated)",
        "Syncing the simulated tenants",
        "INVENTORY OBJECTS",
        "POLICY VERSIONS",
        "RBAC FINDINGS",
        "Succeeded",
        &dir.path().join("tenantatlas.db").display().to_string(),
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // stdout is not a terminal here: plain progress lines, no bar drawing.
    assert!(!text.contains('\u{1b}'), "{text}");
    assert!(
        !text.contains("Partially succeeded") && !text.contains("Failed"),
        "{text}"
    );

    atlas(dir.path())
        .args(["demo", "--no-sync"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "already exists; nothing was changed",
        ))
        .stdout(predicate::str::contains("INVENTORY OBJECTS").not());

    let out = atlas(dir.path())
        .args(["workspaces", "--json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 1, "still one workspace");
}

#[test]
fn demo_json_has_the_workspace_and_what_each_sync_did() {
    let dir = tempfile::tempdir().unwrap();
    let out = atlas(dir.path()).args(["demo", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["created"], true);
    assert_eq!(v["tenants"].as_array().unwrap().len(), 3);
    let syncs = &v["syncs"];
    assert_eq!(syncs["succeeded"], true);
    let runs = syncs["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 12, "4 kinds × 3 tenants");
    assert!(runs.iter().all(|r| r["outcome"] == "succeeded"), "{runs:?}");
    let synced = syncs["tenants"].as_array().unwrap();
    assert_eq!(synced.len(), 3, "one summary per tenant: {synced:?}");
    for t in synced {
        for key in [
            "inventory_objects",
            "versions_captured",
            "groups",
            "role_definitions",
        ] {
            assert!(t[key].as_i64().unwrap() > 0, "{key} of {t}");
        }
        assert!(t["rbac_findings"].as_i64().is_some(), "{t}");
    }

    // Again: the same workspace, and the same content captures no new version.
    let out = atlas(dir.path()).args(["demo", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(again["created"], false);
    let resynced = again["syncs"]["tenants"].as_array().unwrap();
    assert_eq!(resynced.len(), 3, "one summary per tenant: {resynced:?}");
    for t in resynced {
        assert_eq!(t["versions_captured"], 0, "{t}");
        assert!(t["versions_unchanged"].as_i64().unwrap() > 0, "{t}");
    }

    let out = atlas(dir.path())
        .args(["tenants", "--json"])
        .output()
        .unwrap();
    let tenants: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tenants.as_array().unwrap().len(), 3, "{tenants}");
    assert_eq!(tenants[0]["display_name"], v["tenants"][0]["display_name"]);
    assert_eq!(tenants[0]["simulated"], true);
    for kind in ["inventory", "policies", "groups", "roles"] {
        assert_eq!(tenants[0]["last_syncs"][kind]["outcome"], "succeeded");
    }
}

#[test]
fn tenants_without_a_workspace_explains_the_next_step() {
    let dir = tempfile::tempdir().unwrap();
    atlas(dir.path())
        .arg("tenants")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("run `atlas demo`"));
    atlas(dir.path())
        .args(["tenants", "--workspace", "not-a-guid"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a valid GUID"));
}

#[test]
fn a_corrupt_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tenantatlas.db");
    std::fs::write(&db, b"definitely not sqlite").unwrap();
    atlas(dir.path())
        .arg("info")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "damaged or is not a TenantAtlas database",
        ))
        .stderr(predicate::str::contains("tenantatlas.db"));
    assert_eq!(std::fs::read(&db).unwrap(), b"definitely not sqlite");
}

#[test]
fn an_unusable_data_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("occupied");
    std::fs::write(&file, "x").unwrap();
    atlas(&file)
        .arg("demo")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("data folder").and(predicate::str::contains("occupied")));
}

#[test]
fn an_unreachable_postgres_is_reported_without_its_password() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    atlas(dir.path())
        .args([
            "--database-url",
            &format!("postgres://atlas:hunter2@127.0.0.1:{port}/atlas"),
            "info",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot be reached"))
        .stderr(predicate::str::contains("hunter2").not());
}

#[test]
fn team_mode_runs_on_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let url = atlas_testkit::fresh_postgres_url();
    atlas(dir.path())
        .args(["--database-url", &url, "demo"])
        .assert()
        .success()
        .stdout(predicate::str::contains("PostgreSQL (team)"))
        .stdout(predicate::str::contains("INVENTORY OBJECTS"));
}

#[test]
fn help_lists_the_real_subcommands() {
    let out = Command::cargo_bin("atlas")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for cmd in ["demo", "info", "workspaces", "tenant", "sync", "run"] {
        assert!(text.contains(cmd), "{text}");
    }
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    atlas(dir.path())
        .args(["demo", "--no-sync"])
        .assert()
        .success();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("atlas"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["tenants", "--json"])
        .env("TENANTATLAS_USER", "ann")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader went away before anything was printed
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn baselines_and_findings_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = atlas(dir.path()).args(["demo", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let demo: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let compares = demo["baseline"]
        .as_array()
        .expect("the demo baseline's compares");
    assert_eq!(
        compares.len(),
        2,
        "every tenant but the reference: {compares:?}"
    );
    assert!(compares
        .iter()
        .all(|r| r["kind"] == "compare" && r["outcome"] == "succeeded"));

    let name = "Managed workplace standard";
    atlas(dir.path())
        .args(["baseline", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains(name))
        .stdout(predicate::str::contains("ready"));
    atlas(dir.path())
        .args(["baseline", "show", &name.to_lowercase()])
        .assert()
        .success()
        .stdout(predicate::str::contains("Current snapshot:"))
        .stdout(predicate::str::contains("Assigned tenants:"));

    let out = atlas(dir.path())
        .args(["findings", "list", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let items = page["page"]["items"].as_array().unwrap();
    assert!(!items.is_empty(), "the demo tenants drifted");
    let id = items[0]["id"].as_str().unwrap().to_owned();
    atlas(dir.path())
        .args(["findings", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("SEVERITY"));

    // A note is required; a blank one changes nothing.
    atlas(dir.path())
        .args(["findings", "ack", &id])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--note"));
    atlas(dir.path())
        .args(["findings", "ack", &id, "--note", "  "])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("must not be empty"));
    atlas(dir.path())
        .args(["findings", "ack", &id, "--note", "Kiosk exception"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Acknowledged 1 findings"));
    atlas(dir.path())
        .args(["findings", "list", "--status", "acknowledged"])
        .assert()
        .success()
        .stdout(predicate::str::contains(&id));
    atlas(dir.path())
        .args(["findings", "reopen", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Reopened"));

    // Remediating a missing policy previews restoring the baseline's content onto its tenant;
    // an unexpected one is not the baseline's to write.
    let open_of = |kind: &str| {
        items
            .iter()
            .find(|f| f["kind"] == kind && f["status"] == "open")
            .map(|f| f["id"].as_str().unwrap().to_owned())
    };
    let missing = open_of("missing").expect("a missing policy in the demo");
    let out = atlas(dir.path())
        .args(["--json", "findings", "remediate", &missing])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let view: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(view["restore"]["source"]["kind"], "baseline");
    assert_eq!(view["restore"]["status"], "previewed");
    assert_eq!(
        view["restore"]["plan"]["items"].as_array().unwrap().len(),
        1
    );
    let unexpected = open_of("unexpected").expect("an unexpected policy in the demo");
    atlas(dir.path())
        .args(["findings", "remediate", &unexpected])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not in the baseline"));

    // Compare every assigned tenant again: both runs succeed, nothing new.
    atlas(dir.path())
        .args(["baseline", "compare", "--all", name])
        .assert()
        .success()
        .stdout(predicate::str::contains("Baseline compare"));

    // Bad input is refused with the reason and changes nothing.
    atlas(dir.path())
        .args(["baseline", "archive", name])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--yes"));
    atlas(dir.path())
        .args([
            "baseline",
            "create",
            "--name",
            "X",
            "--scope",
            "no_such_type",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "'no_such_type' is not a policy type",
        ));
    atlas(dir.path())
        .args(["baseline", "capture", "no such profile"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("No baseline profile matches"));
    let out = atlas(dir.path())
        .args(["baseline", "list", "--json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        list.as_array().unwrap().len(),
        1,
        "nothing was created or archived"
    );
    assert_eq!(list[0]["profile"]["status"], "active");
}

#[test]
fn cancel_and_retry_name_what_is_wrong_with_the_run_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    atlas(dir.path())
        .args(["run", "cancel", "not-a-run"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("A run id is a GUID"));
    atlas(dir.path())
        .args(["run", "retry", "0193a1b2-0000-7000-8000-000000000001"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Run was not found"));
}

#[test]
fn info_says_what_support_needs_and_diagnostics_leave_secrets_out() {
    let dir = tempfile::tempdir().unwrap();
    let out = atlas(dir.path())
        .env("TENANTATLAS_USER", "adele.vance")
        .args(["--json", "info"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let commit = info["commit"].as_str().unwrap();
    let in_git = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../.git")).exists();
    assert!(
        match in_git {
            true => commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit()),
            false => commit == "unknown",
        },
        "the build's commit: {commit}"
    );
    let newest_migration = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../migrations/sqlite"
    ))
    .unwrap()
    .filter_map(|e| {
        e.unwrap()
            .file_name()
            .to_string_lossy()
            .split('_')
            .next()?
            .parse::<i64>()
            .ok()
    })
    .max()
    .unwrap();
    assert_eq!(info["schema_version"], newest_migration);
    assert_eq!(info["backend"], "sqlite");
    assert_eq!(
        info["log_dir"],
        dir.path().join("logs").display().to_string()
    );
    assert_eq!(info["update_url"], serde_json::Value::Null);
    assert_eq!(info["updates_installable"], false);

    let logs = dir.path().join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    std::fs::write(
        logs.join("tenantatlas.2026-12-06.log"),
        "INFO sign-in for adele.vance@contoso.com client_secret=Zx8~q.secret\n\
         INFO postgres://owner:hunter2@db.example.com/atlas reachable\n\
         INFO sync finished by adele.vance\n",
    )
    .unwrap();
    let out = atlas(dir.path())
        .env("TENANTATLAS_USER", "adele.vance")
        .arg("diagnostics")
        .output()
        .unwrap();
    assert!(out.status.success());
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.contains(&format!("commit {commit}")), "{report}");
    assert!(
        report.contains("Last 3 lines of tenantatlas.2026-12-06.log"),
        "{report}"
    );
    for secret in ["Zx8~q.secret", "hunter2", "contoso.com", "adele.vance"] {
        assert!(!report.contains(secret), "{secret} in {report}");
    }
    assert!(report.contains("sync finished by <user>"), "{report}");
}
