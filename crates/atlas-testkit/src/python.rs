//! The Python with the real Microsoft clients the tests drive (MSAL for Python, IntuneCD), and a
//! bounded way to run a child process.
//!
//! The Python is `$ATLAS_CLIENT_PYTHON`, else the venv `scripts/install-deps.sh` creates from
//! `scripts/test-clients.txt` at `${XDG_CACHE_HOME:-$HOME/.cache}/tenantatlas/client-venv`.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

/// Where the clients' Python should be (it may not exist yet).
pub fn client_python_path() -> PathBuf {
    if let Some(path) = std::env::var_os("ATLAS_CLIENT_PYTHON") {
        return PathBuf::from(path);
    }
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache")))
        .expect("HOME or XDG_CACHE_HOME is set");
    cache.join("tenantatlas/client-venv/bin/python")
}

/// The clients' Python, checked to import `module`; panics naming the script that installs it.
pub fn client_python(module: &str) -> PathBuf {
    let python = client_python_path();
    let probe = std::process::Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output();
    let problem = match probe {
        Ok(out) if out.status.success() => return python,
        Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        Err(err) => err.to_string(),
    };
    panic!(
        "{} cannot import {module} ({problem}): run scripts/install-deps.sh (or point ATLAS_CLIENT_PYTHON at a Python with scripts/test-clients.txt installed)",
        python.display()
    )
}

/// Where IntuneCD backs up from: a tenant by client secret, reached through `proxy_url` (a
/// [`crate::ConnectProxy`] at Microsoft's host names) trusting `ca_pem` for HTTPS.
#[derive(Debug, Clone, Copy)]
pub struct IntuneCdTenant<'a> {
    pub tenant_id: &'a str,
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub proxy_url: &'a str,
    pub ca_pem: &'a Path,
}

/// A full IntuneCD backup (`format` is `json` or `yaml`; object ids in the file names; `extra`
/// more of its options) of one tenant into `out`, as an unmodified install runs it: nothing
/// from the caller's environment decides where it goes.
pub fn intunecd_backup(
    out: &Path,
    format: &str,
    extra: &[&str],
    tenant: &IntuneCdTenant,
) -> tokio::process::Command {
    let mut command =
        tokio::process::Command::new(client_python_path().with_file_name("IntuneCD-startbackup"));
    command
        .args(["--mode", "1", "--output", format, "--append-id", "--path"])
        .arg(out)
        .args(extra)
        .env("TENANT_NAME", tenant.tenant_id)
        .env("CLIENT_ID", tenant.client_id)
        .env("CLIENT_SECRET", tenant.client_secret)
        .env("HTTPS_PROXY", tenant.proxy_url)
        .env("https_proxy", tenant.proxy_url)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy")
        .env("REQUESTS_CA_BUNDLE", tenant.ca_pem);
    command
}

/// What a bounded child run left.
#[derive(Debug)]
pub struct ChildRun {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs the child for at most `limit` (killed after that). Output goes to files, so a chatty
/// child can never block on a full pipe.
pub async fn run_bounded(mut command: tokio::process::Command, limit: Duration) -> ChildRun {
    let out = tempfile::NamedTempFile::new().unwrap();
    let err = tempfile::NamedTempFile::new().unwrap();
    command
        .stdout(Stdio::from(out.reopen().unwrap()))
        .stderr(Stdio::from(err.reopen().unwrap()))
        .kill_on_drop(true);
    let mut child = command.spawn().expect("the child process starts");
    let status = match tokio::time::timeout(limit, child.wait()).await {
        Ok(status) => Some(status.expect("the child can be waited for")),
        Err(_) => {
            // Killed and reaped, so its output files are complete.
            let _ = child.kill().await;
            None
        }
    };
    let read = |file: &tempfile::NamedTempFile| std::fs::read_to_string(file.path()).unwrap();
    let mut stderr = read(&err);
    if status.is_none() {
        stderr.push_str(&format!("\n(killed: no answer within {limit:?})"));
    }
    ChildRun {
        success: status.is_some_and(|s| s.success()),
        stdout: read(&out),
        stderr,
    }
}
