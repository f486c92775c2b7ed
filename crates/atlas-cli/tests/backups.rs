//! `atlas backup` as an operator uses it on the demo: back up a tenant now and see its set,
//! show the set, export it as a folder for git (twice, the second writing nothing), preview restoring it (`atlas restore preview`), schedule backups with a
//! retention (bad times and a retention of 0 refused, nothing stored), list and remove the
//! schedule.

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
fn a_tenant_is_backed_up_now_and_on_a_schedule() {
    let dir = tempfile::tempdir().unwrap();
    atlas(dir.path())
        .args(["demo", "--no-sync"])
        .assert()
        .success();
    atlas(dir.path())
        .args(["backup", "list", "Contoso"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No backups of Contoso yet"));

    let now = atlas(dir.path())
        .args(["backup", "now", "contoso.onmicrosoft.com"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&now.stdout);
    assert!(
        now.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&now.stderr)
    );
    assert!(text.contains("Backup of Contoso queued"), "{text}");
    assert!(text.contains("— complete:"), "{text}");

    let listed = atlas(dir.path())
        .args(["--json", "backup", "list", "Contoso"])
        .output()
        .unwrap();
    let sets: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let set = &sets[0];
    assert_eq!(set["status"], "complete");
    assert!(set["item_count"].as_i64().unwrap() > 0, "{set}");
    let id = set["id"].as_str().unwrap();
    atlas(dir.path())
        .args(["backup", "show", id])
        .assert()
        .success()
        .stdout(predicate::str::contains("complete").and(predicate::str::contains("new")));

    // The set as a folder for git, twice: the second export rewrites nothing.
    let folder = dir.path().join("contoso-config");
    let first = atlas(dir.path())
        .args(["backup", "export", "Contoso", "--set", id, "--to"])
        .arg(&folder)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&first.stdout);
    assert!(
        first.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        text.contains("objects of Contoso in") && text.contains("0 removed"),
        "{text}"
    );
    assert!(folder.join("index.json").is_file() && folder.join("README.md").is_file());
    atlas(dir.path())
        .args(["backup", "export", "Contoso", "--set", id, "--to"])
        .arg(&folder)
        .assert()
        .success()
        .stdout(predicate::str::contains("0 files written"));
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    atlas(dir.path())
        .args(["backup", "export", "Contoso", "--to"])
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a TenantAtlas export folder"));

    // The same set documented for people.
    let doc = dir.path().join("contoso.html");
    atlas(dir.path())
        .args([
            "doc", "export", "Contoso", "--format", "html", "--set", id, "--to",
        ])
        .arg(&doc)
        .assert()
        .success()
        .stdout(predicate::str::contains("Documented Contoso in"));
    let page = std::fs::read_to_string(&doc).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("the backup set of"));

    // A restore preview of the set onto its own tenant: everything is identical.
    atlas(dir.path())
        .args(["restore", "preview", "--from", id, "--to", "Contoso"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("previewed")
                .and(predicate::str::contains("0 to create, 0 to update")),
        );
    atlas(dir.path())
        .args([
            "restore", "preview", "--from", id, "--to", "Contoso", "--map", "nonsense",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("SOURCE-GROUP-ID=TARGET-GROUP-ID"));
    atlas(dir.path())
        .args(["restore", "list", "Contoso"])
        .assert()
        .success()
        .stdout(predicate::str::contains("previewed").and(predicate::str::contains("0 conflict")));

    let restores = atlas(dir.path())
        .args(["--json", "restore", "list", "Contoso"])
        .output()
        .unwrap();
    let restores: serde_json::Value = serde_json::from_slice(&restores.stdout).unwrap();
    let restore_id = restores[0]["id"].as_str().unwrap().to_owned();
    atlas(dir.path())
        .args(["restore", "execute", "--preview", &restore_id])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--yes"));
    atlas(dir.path())
        .args(["restore", "execute", "--preview", &restore_id, "--yes"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("changes nothing"));

    for (args, says) in [
        (
            vec!["--cron", "0 2 * *", "--tz", "UTC", "--keep", "7"],
            "five fields",
        ),
        (
            vec!["--cron", "0 2 * * *", "--tz", "Berlin", "--keep", "7"],
            "IANA",
        ),
        (
            vec!["--cron", "0 2 * * *", "--tz", "UTC", "--keep", "0"],
            "keep at least",
        ),
    ] {
        atlas(dir.path())
            .args(["backup", "schedule", "add", "Contoso"])
            .args(&args)
            .assert()
            .failure()
            .stderr(predicate::str::contains(says));
    }
    atlas(dir.path())
        .args(["backup", "schedule", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No backup schedules"));

    let added = atlas(dir.path())
        .args([
            "--json",
            "backup",
            "schedule",
            "add",
            "--all-tenants",
            "--cron",
            "30 1 * * *",
            "--tz",
            "Europe/Berlin",
            "--keep",
            "7",
            "--keep-days",
            "30",
        ])
        .output()
        .unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let schedule: serde_json::Value = serde_json::from_slice(&added.stdout).unwrap();
    let schedule_id = schedule["schedule"]["id"].as_str().unwrap().to_owned();
    atlas(dir.path())
        .args(["backup", "schedule", "list"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("every active tenant")
                .and(predicate::str::contains(
                    "keeps the newest 7 set(s) and every set younger than 30 days",
                ))
                .and(predicate::str::contains("01:30")),
        );
    atlas(dir.path())
        .args(["backup", "schedule", "remove", &schedule_id])
        .assert()
        .success();
    atlas(dir.path())
        .args(["backup", "schedule", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No backup schedules"));
}
