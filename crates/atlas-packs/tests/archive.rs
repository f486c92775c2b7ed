//! The pack file end to end: written as a stream, verified on its own, and every kind of
//! tampering and bad input named for what it is.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use atlas_domain::Timestamp;
use atlas_packs::archive::{self, PackFacts, PackWriter, SignatureVerdict};
use atlas_packs::{PackError, PackPublicKey, PackSigningKey};
use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;

fn facts() -> PackFacts {
    PackFacts {
        pack_id: "pack-1".into(),
        generator: "TenantAtlas test".into(),
        generated_at: "2026-12-05T10:00:00Z".into(),
        workspace: "Contoso MSP".into(),
        tenant_id: "t-1".into(),
        tenant_name: "Fabrikam".into(),
        fingerprint: "ab".repeat(32),
        previous_fingerprint: None,
        include_pii: false,
        include_operations: true,
        data_freshness: BTreeMap::from([("inventory".into(), Some("2026-12-05T09:00:00Z".into()))]),
    }
}

/// A pack with a part written on another thread meanwhile, as generation writes it.
fn write_pack(dir: &Path, key: &PackSigningKey) -> PathBuf {
    let path = dir.join("pack.zip");
    let part_path = dir.join("pack.zip.part");
    let mut writer = PackWriter::create(&path, &part_path, Timestamp::now()).unwrap();
    let mut part = writer.part().unwrap();
    let part = std::thread::spawn(move || {
        part.add("data/findings.json", |w| {
            for n in 0..10_000 {
                writeln!(w, "{{\"finding\":{n}}}")?;
            }
            Ok(())
        })
        .unwrap();
        part.finish().unwrap()
    });
    writer
        .add("summary.html", |w| w.write_all(b"<html>summary</html>"))
        .unwrap();
    writer
        .add("data/findings.csv", |w| {
            for n in 0..10_000 {
                writeln!(w, "finding {n},high,open")?;
            }
            Ok(())
        })
        .unwrap();
    writer.merge(part.join().unwrap()).unwrap();
    writer.finish(facts(), key).unwrap();
    assert!(!part_path.exists(), "the part is removed once merged");
    path
}

/// Rewrites the pack at `from` into `to`, entry by entry, letting `edit` change or drop each
/// entry (by name) and add new ones at the end: what a tamperer with a ZIP tool does.
fn rewrite(
    from: &Path,
    to: &Path,
    edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>,
    extra: &[(&str, &[u8])],
) {
    let mut source = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..source.len() {
        let mut entry = source.by_index(i).unwrap();
        let name = entry.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if let Some(bytes) = edit(&name, bytes) {
            out.start_file(name, SimpleFileOptions::default()).unwrap();
            out.write_all(&bytes).unwrap();
        }
    }
    for (name, bytes) in extra {
        out.start_file(*name, SimpleFileOptions::default()).unwrap();
        out.write_all(bytes).unwrap();
    }
    out.finish().unwrap();
}

fn problem_paths(verdict: &archive::Verdict) -> Vec<String> {
    verdict.problems.iter().map(|p| p.path.clone()).collect()
}

#[test]
fn a_written_pack_verifies_with_and_without_the_trusted_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = PackSigningKey::generate().unwrap();
    let path = write_pack(dir.path(), &key);

    let verdict = archive::verify(&path, None).unwrap();
    assert!(verdict.is_intact(), "{verdict:?}");
    assert_eq!(
        verdict.files_checked, 4,
        "summary, the findings twice (one from the part) and the public key"
    );
    assert_eq!(
        verdict.signature,
        SignatureVerdict::ValidForPackKey {
            fingerprint: key.public().fingerprint()
        }
    );
    let manifest = verdict.manifest.unwrap();
    assert_eq!(manifest.pack, facts());
    assert_eq!(manifest.signing_key.fingerprint, key.public().fingerprint());

    let trusted = archive::verify(&path, Some(&key.public())).unwrap();
    assert!(trusted.is_intact());
    assert!(matches!(
        trusted.signature,
        SignatureVerdict::Trusted { .. }
    ));
}

#[test]
fn sha256sums_is_what_coreutils_checks() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &PackSigningKey::generate().unwrap());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let unpacked = dir.path().join("unpacked");
    zip.extract(&unpacked).unwrap();
    let status = std::process::Command::new("sha256sum")
        .args(["--check", "--strict", "--quiet", "SHA256SUMS"])
        .current_dir(&unpacked)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn the_signature_checks_with_openssl_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &PackSigningKey::generate().unwrap());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let unpacked = dir.path().join("unpacked");
    zip.extract(&unpacked).unwrap();
    let output = std::process::Command::new("openssl")
        .args([
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            "signing-key.pem",
            "-rawin",
            "-in",
            "manifest.json",
            "-sigfile",
            "manifest.json.sig",
        ])
        .current_dir(&unpacked)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn tampering_is_named_file_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let key = PackSigningKey::generate().unwrap();
    let path = write_pack(dir.path(), &key);
    let tampered = dir.path().join("tampered.zip");

    // One byte changed in a file.
    rewrite(
        &path,
        &tampered,
        |name, mut bytes| {
            if name == "data/findings.csv" {
                bytes[10] ^= 1;
            }
            Some(bytes)
        },
        &[],
    );
    let verdict = archive::verify(&tampered, Some(&key.public())).unwrap();
    assert!(!verdict.is_intact());
    assert_eq!(problem_paths(&verdict), ["data/findings.csv"]);
    assert!(verdict.problems[0].problem.contains("changed"));

    // A file added.
    std::fs::remove_file(&tampered).unwrap();
    rewrite(
        &path,
        &tampered,
        |_, bytes| Some(bytes),
        &[("extra.exe", b"MZ")],
    );
    let verdict = archive::verify(&tampered, Some(&key.public())).unwrap();
    assert_eq!(problem_paths(&verdict), ["extra.exe"]);

    // A file removed.
    std::fs::remove_file(&tampered).unwrap();
    rewrite(
        &path,
        &tampered,
        |name, bytes| (name != "summary.html").then_some(bytes),
        &[],
    );
    let verdict = archive::verify(&tampered, None).unwrap();
    assert_eq!(problem_paths(&verdict), ["summary.html"]);
    assert!(verdict.problems[0].problem.contains("missing"));

    // The manifest edited (the tenant renamed): the signature no longer holds for it, and
    // SHA256SUMS still records the signed manifest's SHA-256, so the manifest is named.
    let edit_manifest = |bytes: Vec<u8>| {
        String::from_utf8(bytes)
            .unwrap()
            .replace("Fabrikam", "Fabrikan")
            .into_bytes()
    };
    std::fs::remove_file(&tampered).unwrap();
    rewrite(
        &path,
        &tampered,
        |name, bytes| {
            Some(if name == archive::MANIFEST {
                edit_manifest(bytes)
            } else {
                bytes
            })
        },
        &[],
    );
    let verdict = archive::verify(&tampered, None).unwrap();
    assert_eq!(verdict.signature, SignatureVerdict::Invalid);
    assert_eq!(problem_paths(&verdict), [archive::MANIFEST]);
    assert!(verdict.problems[0]
        .problem
        .contains("changed after signing"));
    assert!(!verdict.is_intact());

    // The manifest edited and SHA256SUMS rewritten to agree with it: only the signature still
    // tells, and it is named.
    let edited = edit_manifest(read_entry(&path, archive::MANIFEST));
    let sums = String::from_utf8(read_entry(&path, archive::CHECKSUMS)).unwrap();
    let edited_sums = sums.replacen(
        &hex(&Sha256::digest(read_entry(&path, archive::MANIFEST))),
        &hex(&Sha256::digest(&edited)),
        1,
    );
    assert_ne!(sums, edited_sums);
    std::fs::remove_file(&tampered).unwrap();
    rewrite(
        &path,
        &tampered,
        |name, bytes| {
            Some(match name {
                archive::MANIFEST => edited.clone(),
                archive::CHECKSUMS => edited_sums.clone().into_bytes(),
                _ => bytes,
            })
        },
        &[],
    );
    let verdict = archive::verify(&tampered, None).unwrap();
    assert_eq!(verdict.signature, SignatureVerdict::Invalid);
    assert_eq!(problem_paths(&verdict), [archive::SIGNATURE]);

    // SHA256SUMS alone edited (another hash for the manifest): it is named, the signature holds.
    std::fs::remove_file(&tampered).unwrap();
    rewrite(
        &path,
        &tampered,
        |name, bytes| {
            Some(if name == archive::CHECKSUMS {
                edited_sums.clone().into_bytes()
            } else {
                bytes
            })
        },
        &[],
    );
    let verdict = archive::verify(&tampered, Some(&key.public())).unwrap();
    assert!(matches!(
        verdict.signature,
        SignatureVerdict::Trusted { .. }
    ));
    assert_eq!(problem_paths(&verdict), [archive::CHECKSUMS]);

    // The signature or the public key removed: each is named.
    for removed in [archive::SIGNATURE, archive::PUBLIC_KEY] {
        std::fs::remove_file(&tampered).unwrap();
        rewrite(
            &path,
            &tampered,
            |name, bytes| (name != removed).then_some(bytes),
            &[],
        );
        let verdict = archive::verify(&tampered, None).unwrap();
        assert!(!verdict.is_intact(), "{removed}");
        assert_eq!(problem_paths(&verdict), [removed]);
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn a_pack_re_signed_with_another_key_fails_against_the_trusted_one() {
    let dir = tempfile::tempdir().unwrap();
    let ours = PackSigningKey::generate().unwrap();
    let theirs = PackSigningKey::generate().unwrap();
    // Whoever swaps the signature must swap the key as well, or the pack contradicts itself.
    let forged = write_pack(dir.path(), &theirs);
    let verdict = archive::verify(&forged, Some(&ours.public())).unwrap();
    assert!(!verdict.is_intact());
    assert_eq!(
        verdict.signature,
        SignatureVerdict::OtherKey {
            trusted: ours.public().fingerprint(),
            found: theirs.public().fingerprint()
        }
    );

    // Only the signature swapped: invalid for the key the pack names.
    let genuine_dir = tempfile::tempdir().unwrap();
    let genuine = write_pack(genuine_dir.path(), &ours);
    let swapped = dir.path().join("swapped.zip");
    let foreign_signature = read_entry(&forged, archive::SIGNATURE);
    rewrite(
        &genuine,
        &swapped,
        |name, bytes| {
            Some(if name == archive::SIGNATURE {
                foreign_signature.clone()
            } else {
                bytes
            })
        },
        &[],
    );
    let verdict = archive::verify(&swapped, None).unwrap();
    assert_eq!(verdict.signature, SignatureVerdict::Invalid);
    assert_eq!(problem_paths(&verdict), [archive::SIGNATURE]);
    assert!(verdict.problems[0].problem.contains("does not sign"));
}

fn read_entry(path: &Path, name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut bytes = Vec::new();
    zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
    bytes
}

#[test]
fn bad_files_are_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &PackSigningKey::generate().unwrap());

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a zip at all").unwrap();
    assert!(matches!(
        archive::verify(&text, None),
        Err(PackError::NotAPack(_))
    ));

    let bytes = std::fs::read(&path).unwrap();
    let truncated = dir.path().join("truncated.zip");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(
        archive::verify(&truncated, None),
        Err(PackError::Damaged)
    ));

    let missing = dir.path().join("nowhere.zip");
    assert!(matches!(
        archive::verify(&missing, None),
        Err(PackError::Read(_))
    ));

    let plain = dir.path().join("plain.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&plain).unwrap());
    zip.start_file("readme.txt", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"hello").unwrap();
    zip.finish().unwrap();
    let error = archive::verify(&plain, None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "this is not a review pack: it has no manifest.json"
    );
}

#[test]
fn hostile_names_and_huge_claims_are_named_and_never_inflated() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &PackSigningKey::generate().unwrap());
    let hostile = dir.path().join("hostile.zip");
    // A path that climbs out, and 32 MB of zeros that compress to almost nothing: the verifier
    // never lists them as checked and reads none of the zeros (they are not in the manifest).
    let bomb = vec![0u8; 32 * 1024 * 1024];
    let mut options_zip = zip::ZipWriter::new(std::fs::File::create(&hostile).unwrap());
    let mut source = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    for i in 0..source.len() {
        let entry = source.by_index(i).unwrap();
        options_zip.raw_copy_file(entry).unwrap();
    }
    options_zip
        .start_file("../evil.sh", SimpleFileOptions::default())
        .unwrap();
    options_zip.write_all(b"rm -rf /").unwrap();
    options_zip
        .start_file(
            "data/bomb.bin",
            SimpleFileOptions::default().large_file(true),
        )
        .unwrap();
    options_zip.write_all(&bomb).unwrap();
    options_zip.finish().unwrap();
    drop(bomb);

    let verdict = archive::verify(&hostile, None).unwrap();
    let paths = problem_paths(&verdict);
    assert!(paths.contains(&"../evil.sh".to_string()), "{paths:?}");
    assert!(paths.contains(&"data/bomb.bin".to_string()), "{paths:?}");
    assert!(!dir.path().parent().unwrap().join("evil.sh").exists());

    // A listed file whose entry claims far more than the manifest: read only one byte past.
    let inflated = dir.path().join("inflated.zip");
    rewrite(
        &path,
        &inflated,
        |name, bytes| {
            Some(if name == "summary.html" {
                vec![b'x'; 50 * 1024 * 1024]
            } else {
                bytes
            })
        },
        &[],
    );
    let verdict = archive::verify(&inflated, None).unwrap();
    assert_eq!(problem_paths(&verdict), ["summary.html"]);
    assert!(verdict.problems[0].problem.contains("larger than"));
}

#[test]
fn the_writer_refuses_unsafe_and_reserved_names_and_an_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.zip");
    let part_path = dir.path().join("pack.zip.part");
    let mut writer = PackWriter::create(&path, &part_path, Timestamp::now()).unwrap();
    for name in ["../x", "/abs", archive::MANIFEST, archive::PUBLIC_KEY] {
        assert!(
            matches!(writer.add(name, |_| Ok(())), Err(PackError::BadName(..))),
            "{name}"
        );
    }
    writer.add("a.txt", |w| w.write_all(b"a")).unwrap();
    assert!(writer.add("a.txt", |_| Ok(())).is_err());
    assert!(
        PackWriter::create(&path, &part_path, Timestamp::now()).is_err(),
        "never overwrites"
    );
    // A part's names are checked like the pack's, and against the pack's when merged.
    let mut part = writer.part().unwrap();
    assert!(matches!(
        part.add(archive::SIGNATURE, |_| Ok(())),
        Err(PackError::BadName(..))
    ));
    part.add("a.txt", |w| w.write_all(b"another a")).unwrap();
    assert!(matches!(
        writer.merge(part.finish().unwrap()),
        Err(PackError::BadName(..))
    ));
}

#[test]
fn a_pack_with_a_part_lists_every_file_of_both_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let key = PackSigningKey::generate().unwrap();
    let path = write_pack(dir.path(), &key);
    let verdict = archive::verify(&path, Some(&key.public())).unwrap();
    assert!(verdict.is_intact(), "{:?}", verdict.problems);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned())
        .collect();
    for name in ["summary.html", "data/findings.csv", "data/findings.json"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    let mut json = String::new();
    zip.by_name("data/findings.json")
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    assert_eq!(
        json.lines().count(),
        10_000,
        "the part's file arrives whole"
    );
}

#[test]
fn public_keys_parse_from_what_people_paste() {
    let key = PackSigningKey::generate().unwrap();
    let pem = key.public().to_pem();
    assert_eq!(
        PackPublicKey::parse(&format!("\n{pem}\n")).unwrap(),
        key.public()
    );
}
