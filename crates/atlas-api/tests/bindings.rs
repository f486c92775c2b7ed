//! Fails when the committed TypeScript bindings differ from what the Rust types generate.
//! `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings` rewrites them.

use std::{collections::BTreeSet, path::PathBuf};

#[test]
fn committed_bindings_match_the_rust_types() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings");
    let update = std::env::var_os("UPDATE_BINDINGS").is_some();
    let generated = atlas_api::bindings::generate();
    assert!(!generated.is_empty(), "the bindings generate some files");
    let mut stale = Vec::new();
    for (name, content) in &generated {
        assert!(!content.trim().is_empty(), "{name} is generated empty");
        let path = dir.join(name);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == *content {
            continue;
        }
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, content).unwrap();
        } else {
            stale.push(name.to_string());
        }
    }
    // A committed file that nothing generates any more is stale too (remove it).
    let names: BTreeSet<&str> = generated.iter().map(|(name, _)| *name).collect();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !names.contains(name.as_str()) {
            stale.push(format!("{name} (not generated)"));
        }
    }
    assert!(
        stale.is_empty(),
        "TypeScript bindings are stale: {stale:?}. Regenerate with \
         `UPDATE_BINDINGS=1 cargo test -p atlas-api --test bindings` and commit ui/src/bindings."
    );
}
