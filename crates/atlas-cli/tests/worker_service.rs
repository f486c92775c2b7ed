//! The worker's systemd unit (`packaging/linux/tenantatlas-worker.service`): systemd accepts
//! it, and the command line it runs serves a team database from its configuration file, stops
//! gracefully on SIGTERM within the unit's stop timeout, and refuses a configuration it cannot
//! use with exit 78, which the unit does not restart on. (`systemd-run --user` is not
//! available here, so the unit's own command line is run as systemd would run it.)

use std::{
    path::{Path, PathBuf},
    process::{Command as StdCommand, Stdio},
    time::Duration,
};

use assert_cmd::Command;
use atlas_testkit::service::{first_stderr_line, stop_with_sigterm};

const INSTALLED_ATLAS: &str = "/usr/bin/atlas";

fn unit_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../packaging/linux/tenantatlas-worker.service");
    std::fs::read_to_string(path).unwrap()
}

/// The value of `key=` in the unit (the last one wins, as in systemd).
fn setting(unit: &str, key: &str) -> String {
    unit.lines()
        .rev()
        .find_map(|l| l.strip_prefix(&format!("{key}=")))
        .unwrap_or_else(|| panic!("the unit sets {key}"))
        .to_owned()
}

fn atlas_bin() -> String {
    assert_cmd::cargo::cargo_bin("atlas").display().to_string()
}

/// The unit's ExecStart as systemd expands it, with this build's `atlas`.
fn exec_start(credentials: &Path, state: &Path) -> Vec<String> {
    setting(&unit_text(), "ExecStart")
        .split_whitespace()
        .map(|word| {
            word.replace(INSTALLED_ATLAS, &atlas_bin())
                .replace(
                    "${CREDENTIALS_DIRECTORY}",
                    &credentials.display().to_string(),
                )
                .replace("${STATE_DIRECTORY}", &state.display().to_string())
        })
        .collect()
}

#[test]
fn systemd_accepts_the_unit_and_it_is_a_hardened_restarting_service() {
    let unit = unit_text();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("tenantatlas-worker.service");
    std::fs::write(&copy, unit.replace(INSTALLED_ATLAS, &atlas_bin())).unwrap();
    let out = StdCommand::new("systemd-analyze")
        .args(["verify", "--man=no"])
        .arg(&copy)
        .output()
        .expect("systemd-analyze is installed");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && said.trim().is_empty(), "{said}");

    assert_eq!(setting(&unit, "DynamicUser"), "yes", "its own system user");
    assert_eq!(setting(&unit, "Restart"), "on-failure");
    assert_eq!(setting(&unit, "RestartPreventExitStatus"), "78");
    assert_eq!(setting(&unit, "KillSignal"), "SIGTERM");
    let stop_timeout: u64 = setting(&unit, "TimeoutStopSec")
        .trim_end_matches('s')
        .parse()
        .unwrap();
    let grace = atlas_engine_default_grace();
    assert!(
        stop_timeout > grace,
        "systemd waits {stop_timeout}s, longer than the engine's {grace}s grace"
    );
    assert!(setting(&unit, "LoadCredential").ends_with(":/etc/tenantatlas/worker.toml"));
}

/// The engine's default shutdown grace, in seconds.
fn atlas_engine_default_grace() -> u64 {
    atlas_engine::EngineConfig::default()
        .shutdown_grace
        .as_secs()
}

fn worker_role_url(admin_url: &str) -> String {
    let data = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("atlas")
            .unwrap()
            .env("TENANTATLAS_DATA_DIR", data.path())
            .arg("--database-url")
            .arg(admin_url)
            .args(args)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "{text}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        text
    };
    run(&["team", "init", "--workspace", "Northwind IT"]);
    let added = run(&["member", "add", "worker1", "--worker"]);
    let password = added
        .lines()
        .find_map(|l| l.strip_prefix("Their password (shown once; it is not stored anywhere): "))
        .expect("the password is shown once");
    admin_url.replacen(
        "postgres://postgres@",
        &format!("postgres://worker1:{password}@"),
        1,
    )
}

#[tokio::test]
async fn the_units_command_line_serves_the_team_database_and_stops_gracefully() {
    let url = worker_role_url(&atlas_testkit::fresh_postgres_url());
    let credentials = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    std::fs::write(
        credentials.path().join("worker.toml"),
        format!("database_url = \"{url}\"\nworkers = 2\n"),
    )
    .unwrap();
    let argv = exec_start(credentials.path(), state.path());
    let mut child = tokio::process::Command::new(&argv[0])
        .args(&argv[1..])
        .env_remove("TENANTATLAS_DATABASE_URL")
        .env_remove("TENANTATLAS_POLICY_FILE")
        .env_remove("TENANTATLAS_DATA_DIR")
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let line = first_stderr_line(&mut child, Duration::from_secs(30)).await;
    assert!(
        line.contains(&format!("worker running on {}", state.path().display())),
        "{line}"
    );
    // Within the unit's stop timeout.
    let status = stop_with_sigterm(&mut child, Duration::from_secs(25)).await;
    assert!(status.success(), "{status}");
}

/// Runs the unit's command line with `config` as its configuration file.
fn run_with_config(config: Option<&str>) -> (Option<i32>, String) {
    let credentials = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    if let Some(text) = config {
        std::fs::write(credentials.path().join("worker.toml"), text).unwrap();
    }
    let argv = exec_start(credentials.path(), state.path());
    let out = StdCommand::new(&argv[0])
        .args(&argv[1..])
        .env_remove("TENANTATLAS_DATABASE_URL")
        .output()
        .unwrap();
    let state_left: Vec<PathBuf> = std::fs::read_dir(state.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(state_left.is_empty(), "nothing was created: {state_left:?}");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_configuration_it_cannot_use_stops_the_service_with_exit_78_and_the_reason() {
    for (config, reason) in [
        (None, "it cannot be read"),
        (
            Some("database_url = \"postgres://w@db/a\"\nworker = 2\n"),
            "unknown field `worker`",
        ),
        (
            Some("database_url = \"postgres//w:s3cret@db/a\"\n"),
            "database_url is not a URL",
        ),
        (Some("database_url = [\n"), "line 1"),
    ] {
        let (code, stderr) = run_with_config(config);
        assert_eq!(code, Some(78), "{config:?}: {stderr}");
        assert!(stderr.contains("worker.toml cannot be used"), "{stderr}");
        assert!(stderr.contains(reason), "{config:?}: {stderr}");
        assert!(!stderr.contains("s3cret"), "{stderr}");
        assert_eq!(
            stderr.lines().count(),
            1,
            "one clear line, no panic: {stderr}"
        );
    }
}
