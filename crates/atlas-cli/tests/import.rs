//! `atlas import` as an operator uses it: preview an IntuneCD folder (nothing stored), import it
//! (exit 1 and every file not imported named, since one is broken), import it again (nothing new),
//! and a folder that is no backup refused.

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
fn an_intunecd_folder_is_previewed_imported_once_and_its_broken_file_named() {
    let dir = tempfile::tempdir().unwrap();
    atlas(dir.path())
        .args(["demo", "--no-sync"])
        .assert()
        .success();
    let backup = dir.path().join("intunecd");
    std::fs::create_dir_all(backup.join("Filters")).unwrap();
    let filter = serde_json::json!({ "displayName": "Corp devices", "platform": "windows10AndLater",
        "rule": "(device.deviceOwnership -eq \"Corporate\")",
        "assignmentFilterManagementType": "devices" });
    std::fs::write(backup.join("Filters/Corp devices.json"), filter.to_string()).unwrap();
    std::fs::write(backup.join("Filters/broken.yaml"), "displayName: [").unwrap();

    atlas(dir.path())
        .args(["import", "Contoso", "--preview", "--from"])
        .arg(&backup)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("IntuneCD backup in")
                .and(predicate::str::contains(
                    "Filters/broken.yaml: is not valid YAML",
                ))
                .and(predicate::str::contains("Preview only: nothing was stored")),
        );
    atlas(dir.path())
        .args(["backup", "list", "Contoso"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No backups of Contoso yet"));

    atlas(dir.path())
        .args(["import", "Contoso", "--from"])
        .arg(&backup)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "(partial): 1 new versions, 0 unchanged",
        ));
    let again = atlas(dir.path())
        .args(["--json", "import", "Contoso", "--from"])
        .arg(&backup)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(report["already_imported"], true);
    assert_eq!(report["new_versions"], 0);

    atlas(dir.path())
        .args(["import", "Contoso", "--from"])
        .arg(dir.path().join("nowhere"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot be read"));
}
