//! `atlas pack` as an operator and their customer use it: generate (and "already available"
//! the second time), list, save, key; `verify` on a machine with no database or keyring,
//! exiting non-zero on a changed file, another key, or a file that is not a pack.

use std::io::{Read, Write};

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
fn packs_are_generated_saved_and_verified_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    atlas(dir.path())
        .args(["demo", "--no-sync"])
        .assert()
        .success();
    let out = tempfile::tempdir().unwrap();
    let saved = out.path().join("contoso.zip");

    let first = atlas(dir.path())
        .args([
            "pack",
            "generate",
            "contoso.onmicrosoft.com",
            "--no-pii",
            "--save",
        ])
        .arg(&saved)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&first.stdout);
    assert!(
        first.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(text.contains("Review pack queued for Contoso."), "{text}");
    assert!(text.contains("ready"), "{text}");
    assert!(saved.is_file());

    atlas(dir.path())
        .args(["pack", "generate", "contoso.onmicrosoft.com", "--no-pii"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Review pack already available for Contoso.",
        ));
    atlas(dir.path())
        .args(["pack", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Contoso").and(predicate::str::contains("ready")));
    let key = atlas(dir.path()).args(["pack", "key"]).output().unwrap();
    let key_text = String::from_utf8_lossy(&key.stdout).into_owned();
    let pem: String = key_text.lines().skip(1).map(|l| format!("{l}\n")).collect();
    let key_file = out.path().join("msp.pem");
    std::fs::write(&key_file, &pem).unwrap();

    // The customer's machine: no data folder, no keyring, only the file and the MSP's key.
    let elsewhere = tempfile::tempdir().unwrap();
    let verify = |file: &std::path::Path, key: Option<&std::path::Path>| {
        let mut cmd = Command::cargo_bin("atlas").unwrap();
        cmd.env(
            "TENANTATLAS_DATA_DIR",
            elsewhere.path().join("never-created"),
        )
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .args(["pack", "verify"])
        .arg(file);
        if let Some(key) = key {
            cmd.arg("--public-key").arg(key);
        }
        cmd.output().unwrap()
    };
    let ok = verify(&saved, Some(&key_file));
    let ok_text = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{ok_text}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(ok_text.contains("The pack is intact"), "{ok_text}");
    assert!(
        ok_text.contains("signed with this workspace's key"),
        "{ok_text}"
    );
    assert!(
        !elsewhere.path().join("never-created").exists(),
        "verify touched no data folder"
    );

    // Without a key: intact, and it says to compare the key.
    let unkeyed = verify(&saved, None);
    assert!(unkeyed.status.success());
    assert!(String::from_utf8_lossy(&unkeyed.stdout).contains("pass --public-key"));

    // One file changed after signing: exit 1, the file named.
    let changed = out.path().join("changed.zip");
    copy_changing(&saved, &changed, "summary.html");
    let bad = verify(&changed, Some(&key_file));
    assert_eq!(bad.status.code(), Some(1));
    let bad_text = String::from_utf8_lossy(&bad.stdout);
    assert!(bad_text.contains("FAILED  summary.html"), "{bad_text}");

    // Another MSP's key: exit 1.
    let other = out.path().join("other.pem");
    std::fs::write(&other, "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n").unwrap();
    let foreign = verify(&saved, Some(&other));
    assert_eq!(foreign.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&foreign.stdout).contains("another key"));

    // Not a pack, a truncated pack, a bad key: exit 2 with the reason.
    let text_file = out.path().join("notes.txt");
    std::fs::write(&text_file, "hello").unwrap();
    let refused = verify(&text_file, None);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not a ZIP file"));
    let bytes = std::fs::read(&saved).unwrap();
    let truncated = out.path().join("truncated.zip");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    let cut = verify(&truncated, None);
    assert_eq!(cut.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&cut.stderr).contains("damaged or truncated"));
    let garbage_key = out.path().join("garbage.pem");
    std::fs::write(&garbage_key, "not a key").unwrap();
    assert_eq!(verify(&saved, Some(&garbage_key)).status.code(), Some(2));
}

#[test]
fn pack_commands_name_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    atlas(dir.path())
        .args(["demo", "--no-sync"])
        .assert()
        .success();
    atlas(dir.path())
        .args(["pack", "save", "not-a-guid", "--to", "/tmp/x.zip"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("A pack id is a GUID"));
    atlas(dir.path())
        .args(["pack", "generate", "No Such Tenant"])
        .assert()
        .code(1);
    atlas(dir.path())
        .args(["pack", "prune", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 packs would be expired"));
}

/// Copies a pack with one file's bytes changed (what a ZIP tool does when someone edits it).
fn copy_changing(from: &std::path::Path, to: &std::path::Path, changed: &str) {
    let mut source = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == changed {
            bytes.extend_from_slice(b"<!-- edited -->");
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
}

#[test]
fn evidence_is_frozen_and_a_review_waits_for_a_sync() {
    let dir = tempfile::tempdir().unwrap();
    atlas(dir.path())
        .args(["demo", "--no-sync"])
        .assert()
        .success();
    atlas(dir.path())
        .args(["review", "readiness", "contoso.onmicrosoft.com"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("no completed inventory sync"))
        .stdout(predicate::str::contains(
            "Next: Sync the tenant's inventory",
        ));
    atlas(dir.path())
        .args(["review", "compose", "contoso.onmicrosoft.com"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no completed inventory sync"));
    atlas(dir.path())
        .args(["evidence", "generate", "contoso.onmicrosoft.com"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Evidence snapshot of Contoso queued",
        ))
        .stdout(predicate::str::contains("complete"));
    atlas(dir.path())
        .args(["evidence", "list", "contoso.onmicrosoft.com"])
        .assert()
        .success()
        .stdout(predicate::str::contains("complete"));
    atlas(dir.path())
        .args(["review", "show", "contoso.onmicrosoft.com"])
        .assert()
        .success()
        .stdout(predicate::str::contains("No review of Contoso yet"));
}

#[test]
fn a_review_is_composed_and_a_listed_pack_saved_and_the_prune_removes_what_no_pack_keeps() {
    let dir = tempfile::tempdir().unwrap();
    atlas(dir.path()).args(["demo"]).assert().success();
    atlas(dir.path())
        .args(["evidence", "generate", "contoso.onmicrosoft.com"])
        .assert()
        .success();
    atlas(dir.path())
        .args(["review", "readiness", "contoso.onmicrosoft.com"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "A review of Contoso can be composed",
        ));
    atlas(dir.path())
        .args(["review", "compose", "contoso.onmicrosoft.com"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Review composed"))
        .stdout(predicate::str::contains("Configuration coverage"));
    atlas(dir.path())
        .args(["review", "show", "contoso.onmicrosoft.com"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Review composed"));

    // A pack generated, found in the list, saved by its id, and the saved copy verified.
    atlas(dir.path())
        .args(["pack", "generate", "contoso.onmicrosoft.com"])
        .assert()
        .success();
    let listed = atlas(dir.path())
        .args(["--json", "pack", "list"])
        .output()
        .unwrap();
    assert!(listed.status.success());
    let page: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let id = page["items"][0]["pack"]["id"].as_str().unwrap().to_owned();
    assert_eq!(page["items"][0]["pack"]["status"], "ready");
    let out = tempfile::tempdir().unwrap();
    let saved = out.path().join("for the meeting.zip");
    atlas(dir.path())
        .args(["pack", "save", &id, "--to"])
        .arg(&saved)
        .assert()
        .success()
        .stdout(predicate::str::contains("Saved to"));
    atlas(dir.path())
        .args(["pack", "verify"])
        .arg(&saved)
        .assert()
        .success()
        .stdout(predicate::str::contains("The pack is intact"));
    // The review went into the pack.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&saved).unwrap()).unwrap();
    assert!(
        (0..zip.len()).any(|i| zip.by_index(i).unwrap().name().unwrap().contains("review")),
        "the composed review is in the pack"
    );
    // Saving where no folder can be is refused, and nothing is written.
    atlas(dir.path())
        .args(["pack", "save", &id, "--to"])
        .arg(saved.join("inside-a-file.zip"))
        .assert()
        .code(1);

    // A crash's leftovers in the packs folder: the prune removes them and keeps the pack.
    let packs = dir.path().join("exports").join("review-packs");
    let leftover = packs.join(format!("{}.zip.partial", uuid_like()));
    std::fs::write(&leftover, b"PK\x03\x04 half a pack").unwrap();
    atlas(dir.path())
        .args(["pack", "prune", "--dry-run"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 stray file would be removed"));
    assert!(leftover.exists(), "a dry run removes nothing");
    atlas(dir.path())
        .args(["pack", "prune"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 packs were expired, 0 expired files were deleted, 0 abandoned requests were failed, 1 stray file was removed.",
        ));
    assert!(!leftover.exists());
    assert!(
        packs.join(format!("{id}.zip")).is_file(),
        "the ready pack's file stays"
    );
}

/// A GUID no pack has.
fn uuid_like() -> String {
    "018f0000-0000-7000-8000-00000000dead".into()
}
