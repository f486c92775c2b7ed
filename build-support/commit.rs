// Included by the front ends' build scripts (src-tauri/build.rs, crates/atlas-cli/build.rs):
// records the commit the binary is built from as TENANTATLAS_COMMIT, for About and
// diagnostics. `TENANTATLAS_COMMIT` in the build's environment wins (a source tarball has no
// git); outside git the commit is "unknown".

/// `repo` is the repository root relative to the package being built.
fn record_commit(repo: &str) {
    println!("cargo:rerun-if-env-changed=TENANTATLAS_COMMIT");
    let git = std::path::Path::new(repo).join(".git");
    // Rebuild when HEAD moves: HEAD itself, the branch it names, and packed refs.
    println!("cargo:rerun-if-changed={}", git.join("HEAD").display());
    println!("cargo:rerun-if-changed={}", git.join("packed-refs").display());
    if let Ok(head) = std::fs::read_to_string(git.join("HEAD")) {
        if let Some(branch) = head.trim().strip_prefix("ref: ") {
            println!("cargo:rerun-if-changed={}", git.join(branch).display());
        }
    }
    let commit = std::env::var("TENANTATLAS_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| {
            let out = std::process::Command::new("git")
                .args(["-C", repo, "rev-parse", "--short=12", "HEAD"])
                .output()
                .ok()?;
            out.status
                .success()
                .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=TENANTATLAS_COMMIT={commit}");
}
