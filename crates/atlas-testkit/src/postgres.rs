use std::{
    ffi::OsStr,
    fs,
    net::TcpListener,
    os::unix::{fs::PermissionsExt, process::CommandExt},
    path::{Path, PathBuf},
    process::{Command, Stdio},
    sync::{mpsc, Mutex, OnceLock},
    thread,
    time::{Duration, Instant},
};

use nix::{
    sys::{prctl, signal::Signal},
    unistd::{Uid, User},
};

/// A running cluster: where it listens and where its files are.
#[derive(Debug)]
struct Cluster {
    port: u16,
    dir: PathBuf,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
static CREATE_LOCK: Mutex<()> = Mutex::new(());

/// Returns the URL of a new, empty database on this process's throwaway PostgreSQL cluster,
/// starting the cluster on first use. Panics with the reason when PostgreSQL cannot start:
/// a test that needs PostgreSQL must fail, never skip, when it is missing.
pub fn fresh_postgres_url() -> String {
    let cluster = CLUSTER
        .get_or_init(start_cluster)
        .as_ref()
        .unwrap_or_else(|e| panic!("cannot start the throwaway PostgreSQL cluster for tests: {e}"));
    let name = format!("t_{}", uuid::Uuid::new_v4().simple());
    {
        // CREATE DATABASE copies template1; concurrent copies make PostgreSQL refuse with
        // "source database is being accessed by other users".
        let _guard = CREATE_LOCK.lock().unwrap_or_else(|p| p.into_inner());
        run_psql(cluster, &format!("CREATE DATABASE {name}"));
    }
    format!("postgres://postgres@127.0.0.1:{}/{name}", cluster.port)
}

/// Runs SQL as the superuser on the cluster's `postgres` database — for tests that need to
/// act on a test database from outside (cut its connections, for instance).
pub fn admin_sql(sql: &str) {
    let cluster = CLUSTER
        .get()
        .and_then(|c| c.as_ref().ok())
        .expect("the cluster is running");
    run_psql(cluster, sql);
}

/// Stops the cluster (fast shutdown: every connection is cut), waits `down_for`, and starts it
/// again on the same port — for a test of reconnecting after a restart. Every test of the
/// process shares the cluster, so such a test belongs in a test binary of its own.
pub fn restart_cluster(down_for: Duration) {
    let cluster = CLUSTER
        .get()
        .and_then(|c| c.as_ref().ok())
        .expect("the cluster is running");
    let user = server_user().expect("the server user");
    let data = cluster.dir.join("data");
    let mut stop = Command::new(tool("pg_ctl"));
    stop.arg("-D")
        .arg(&data)
        .args(["stop", "-m", "fast", "-w"])
        .stdout(Stdio::null());
    as_server_user(&mut stop, &user);
    let out = stop.output().expect("pg_ctl runs");
    assert!(
        out.status.success(),
        "pg_ctl stop failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    thread::sleep(down_for);
    spawn_server(&data, &cluster.dir, cluster.port, user).expect("the server starts again");
    wait_until_ready(cluster.port, &cluster.dir).expect("the server is ready again");
}

/// The server log, for diagnosing a failed test.
pub fn server_log() -> Option<String> {
    let cluster = CLUSTER.get()?.as_ref().ok()?;
    fs::read_to_string(cluster.dir.join("server.log")).ok()
}

fn run_psql(cluster: &Cluster, sql: &str) {
    let output = Command::new(tool("psql"))
        .args([
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
        ])
        .args(["-p", &cluster.port.to_string(), "-d", "postgres", "-c", sql])
        .output()
        .expect("psql runs");
    assert!(
        output.status.success(),
        "psql {sql:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Where a PostgreSQL program is: on PATH, or in Debian's versioned directory.
fn tool(name: &str) -> PathBuf {
    if let Some(found) = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
    {
        return found;
    }
    let mut versioned: Vec<PathBuf> = fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin").join(name))
        .filter(|p| p.is_file())
        .collect();
    versioned.sort();
    versioned.pop().unwrap_or_else(|| PathBuf::from(name))
}

/// PostgreSQL refuses to run as root; as root we run it as the `postgres` user.
fn server_user() -> Result<Option<User>, String> {
    if !Uid::effective().is_root() {
        return Ok(None);
    }
    User::from_name("postgres")
        .map_err(|e| format!("looking up the postgres user: {e}"))?
        .map(Some)
        .ok_or_else(|| "running as root but there is no `postgres` user to run the server".into())
}

fn as_server_user(cmd: &mut Command, user: &Option<User>) {
    if let Some(user) = user {
        cmd.uid(user.uid.as_raw()).gid(user.gid.as_raw());
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    Ok(listener.local_addr().map_err(|e| e.to_string())?.port())
}

fn start_cluster() -> Result<Cluster, String> {
    remove_leftovers();
    let user = server_user()?;
    let dir = tempfile::Builder::new()
        .prefix(&format!("atlas-pg-{}-", std::process::id()))
        .tempdir()
        .map_err(|e| format!("creating a temp dir: {e}"))?
        .keep();
    if let Some(user) = &user {
        nix::unistd::chown(&dir, Some(user.uid), Some(user.gid))
            .map_err(|e| format!("chown {}: {e}", dir.display()))?;
    }
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).map_err(|e| e.to_string())?;
    let data = dir.join("data");

    let mut initdb = Command::new(tool("initdb"));
    initdb
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "-N",
        ])
        .stdout(Stdio::null());
    as_server_user(&mut initdb, &user);
    let out = initdb
        .output()
        .map_err(|e| format!("running initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }

    // The superuser signs in without a password (the tests' admin); every other role with
    // its password, as team mode's operators do.
    fs::write(
        data.join("pg_hba.conf"),
        "local all all trust\n\
         host all postgres 127.0.0.1/32 trust\n\
         host all all 127.0.0.1/32 scram-sha-256\n",
    )
    .map_err(|e| format!("writing pg_hba.conf: {e}"))?;

    let port = free_port()?;
    spawn_server(&data, &dir, port, user)?;
    wait_until_ready(port, &dir)?;
    Ok(Cluster { port, dir })
}

/// Starts `postgres` from a thread that never ends, with SIGKILL as its parent-death signal:
/// Linux delivers that signal when the spawning *thread* exits, so the thread must outlive the
/// tests; when the test process ends, the kernel kills the server.
fn spawn_server(data: &Path, dir: &Path, port: u16, user: Option<User>) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    let data = data.to_owned();
    let log = dir.join("server.log");
    let socket_dir = dir.to_owned();
    thread::Builder::new()
        .name("postgres-owner".into())
        .spawn(move || {
            let result = (|| {
                let log = fs::File::create(&log).map_err(|e| format!("server log: {e}"))?;
                let mut cmd = Command::new(tool("postgres"));
                cmd.arg("-D")
                    .arg(&data)
                    .arg("-p")
                    .arg(port.to_string())
                    .arg("-k")
                    .arg(&socket_dir);
                for setting in [
                    "listen_addresses=127.0.0.1",
                    "fsync=off",
                    "synchronous_commit=off",
                    "full_page_writes=off",
                    "max_connections=200",
                ] {
                    cmd.args([OsStr::new("-c"), OsStr::new(setting)]);
                }
                cmd.stdin(Stdio::null())
                    .stdout(log.try_clone().map_err(|e| e.to_string())?);
                cmd.stderr(log);
                as_server_user(&mut cmd, &user);
                // Runs after the uid switch, so the death signal survives the exec of the
                // (non-setuid) postgres binary.
                die_with_parent_thread(&mut cmd);
                cmd.spawn().map_err(|e| format!("starting postgres: {e}"))
            })();
            let spawned = result.map(|child| {
                // Keep the handle so the child is not reaped early; park forever.
                Box::leak(Box::new(child));
            });
            let _ = tx.send(spawned);
            loop {
                thread::park();
            }
        })
        .map_err(|e| format!("spawning the postgres owner thread: {e}"))?;
    rx.recv()
        .map_err(|e| format!("postgres owner thread: {e}"))?
}

fn log_path(dir: &Path) -> PathBuf {
    dir.join("server.log")
}

#[allow(unsafe_code)]
fn die_with_parent_thread(cmd: &mut Command) {
    // SAFETY: the closure only calls prctl(2), which is async-signal-safe and allocates nothing.
    unsafe {
        cmd.pre_exec(|| {
            prctl::set_pdeathsig(Signal::SIGKILL).map_err(std::io::Error::from)?;
            Ok(())
        });
    }
}

fn wait_until_ready(port: u16, dir: &Path) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        let ok = Command::new(tool("pg_isready"))
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "-U",
                "postgres",
                "-q",
            ])
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        if ok {
            return Ok(());
        }
        thread::sleep(Duration::from_millis(50));
    }
    let log = fs::read_to_string(log_path(dir)).unwrap_or_default();
    Err(format!(
        "PostgreSQL did not accept connections within 30 s; server log:\n{log}"
    ))
}

/// Clusters of test processes that no longer exist are deleted, so /tmp does not fill up.
fn remove_leftovers() {
    let Ok(entries) = fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix("atlas-pg-")) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
