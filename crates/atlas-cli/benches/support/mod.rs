//! What the CLI benchmarks share: settings from the environment, an empty workspace for the
//! operator `bench`, the `atlas` command pointed at a simulator, and the writing of their
//! `BENCHMARKS.md` sections.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use atlas_cloudsim::{RunningSimulator, TenantCredentials};
use atlas_domain::{Membership, Role, Timestamp, Workspace, WorkspaceId};
use atlas_store::{memberships, users, workspaces, Store, StoreConfig};

pub const ATLAS: &str = env!("CARGO_BIN_EXE_atlas");

/// A number from the environment, or `default`.
pub fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `atlas --data-dir DATA` as the operator `bench`, against the simulator (trusting its CA when
/// it serves HTTPS), with nothing from the caller's environment deciding where it goes.
pub fn atlas(sim: &RunningSimulator, data_dir: &Path) -> Command {
    let mut cmd = Command::new(ATLAS);
    cmd.env_remove("TENANTATLAS_DATABASE_URL")
        .env_remove("TENANTATLAS_POLICY_FILE")
        .env_remove("TENANTATLAS_CLOUD_CA")
        .env("TENANTATLAS_USER", "bench")
        .env("TENANTATLAS_CLOUD_URL", sim.base_url())
        .arg("--data-dir")
        .arg(data_dir);
    if let Some(ca) = sim.ca_pem_path() {
        cmd.env("TENANTATLAS_CLOUD_CA", ca);
    }
    cmd
}

/// `atlas tenant add … --secret-stdin` for a simulated tenant (the secret goes to the OS
/// keyring, so the bench runs inside `scripts/keyring-session.sh`).
pub fn add_tenant(sim: &RunningSimulator, data_dir: &Path, tenant: &TenantCredentials) {
    let mut child = atlas(sim, data_dir)
        .args([
            "tenant",
            "add",
            "--name",
            &tenant.display_name,
            "--directory",
        ])
        .arg(&tenant.primary_domain)
        .arg("--client-id")
        .arg(tenant.client_id.to_string())
        .arg("--secret-stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{}", tenant.client_secret).unwrap();
    let status = child.wait().unwrap();
    assert!(
        status.success(),
        "atlas tenant add failed ({status}); the bench needs the OS keyring: run it through \
         scripts/bench.sh (dbus-run-session + scripts/keyring-session.sh)"
    );
}

/// An empty workspace owned by the operator `bench`, so `--all` syncs exactly the added tenants.
pub async fn empty_workspace(data_dir: &Path) {
    let store = Store::open(StoreConfig::Sqlite {
        path: data_dir.join("tenantatlas.db"),
    })
    .await
    .unwrap();
    let now = Timestamp::now();
    let mut tx = store.begin().await.unwrap();
    let user = users::upsert_by_login(&mut tx, "local:bench", "bench", now)
        .await
        .unwrap()
        .id;
    let ws = Workspace {
        id: WorkspaceId::new(),
        slug: "bench".into(),
        name: "Benchmark MSP".into(),
        created_at: now,
        updated_at: now,
    };
    workspaces::insert(&mut tx, &ws).await.unwrap();
    let owner = Membership {
        workspace_id: ws.id,
        user_id: user,
        role: Role::Owner,
        all_tenants: true,
    };
    memberships::upsert(&mut tx, &owner, now).await.unwrap();
    tx.commit().await.unwrap();
    store.close().await;
}

/// `1234567` → `1,234,567`.
pub fn thousands(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && c != '-' {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The workspace root (`target/bench` and `BENCHMARKS.md` live there).
pub fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes `target/bench/{name}.json` and replaces the `BENCHMARKS.md` section that starts with
/// the heading `section` (its first line) by `section`, or appends it.
pub fn write_report(name: &str, report: &serde_json::Value, section: &str) {
    let root = root();
    let out = root.join("target/bench");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join(format!("{name}.json")),
        serde_json::to_string_pretty(report).unwrap(),
    )
    .unwrap();
    let heading = section
        .lines()
        .next()
        .expect("a section starts with its heading");
    let path = root.join("BENCHMARKS.md");
    let existing = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n\n".into());
    let updated = match existing.find(heading) {
        Some(start) => {
            let after = start + heading.len();
            let end = existing[after..]
                .find("\n## ")
                .map(|i| after + i + 1)
                .unwrap_or(existing.len());
            let rest = &existing[end..];
            let rest = if rest.is_empty() {
                String::new()
            } else {
                format!("\n{rest}")
            };
            format!("{}{section}{rest}", &existing[..start])
        }
        None => format!("{}\n\n{section}", existing.trim_end()),
    };
    std::fs::write(&path, updated).unwrap();
    eprintln!("wrote BENCHMARKS.md and target/bench/{name}.json");
}
