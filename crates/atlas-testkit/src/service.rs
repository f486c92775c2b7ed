//! A long-running `atlas` process under test, as a service manager sees it: started with its
//! standard error piped, ready once it has said its first line, stopped with SIGTERM and given
//! a deadline to exit.

use std::process::ExitStatus;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::Child;

/// The child's first line on standard error (which must be piped), within `within`. The rest
/// is read and dropped in the background: a closed pipe would kill the child with SIGPIPE when
/// it logs its shutdown, and a full one would block it.
pub async fn first_stderr_line(child: &mut Child, within: Duration) -> String {
    let mut stderr = BufReader::new(child.stderr.take().expect("standard error is piped"));
    let mut line = String::new();
    tokio::time::timeout(within, stderr.read_line(&mut line))
        .await
        .unwrap_or_else(|_| panic!("the process said nothing within {within:?}"))
        .expect("its standard error is readable");
    tokio::spawn(async move {
        let _ = tokio::io::copy(&mut stderr, &mut tokio::io::sink()).await;
    });
    line
}

/// The child's first line on standard output (which must be piped), within `within`: what a
/// test worker prints once it is ready.
pub async fn first_stdout_line(child: &mut Child, within: Duration) -> String {
    let stdout = child.stdout.take().expect("standard output is piped");
    let mut lines = BufReader::new(stdout).lines();
    tokio::time::timeout(within, lines.next_line())
        .await
        .unwrap_or_else(|_| panic!("the process said nothing within {within:?}"))
        .expect("its standard output is readable")
        .unwrap_or_default()
}

/// The example `name` of the package under test: `cargo test -p <package>` builds examples
/// beside the test binaries (in `target/<profile>/examples`).
pub fn example_binary(name: &str) -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let path = exe
        .parent()
        .and_then(std::path::Path::parent)
        .expect("tests run from target/<profile>/deps")
        .join("examples")
        .join(name);
    assert!(
        path.exists(),
        "{} was not built: run the package's whole test suite (it builds its examples)",
        path.display()
    );
    path
}

/// Sends SIGTERM and waits up to `within` for the child to exit; its exit status.
pub async fn stop_with_sigterm(child: &mut Child, within: Duration) -> ExitStatus {
    let pid = child.id().expect("the process is running");
    let pid = nix::unistd::Pid::from_raw(i32::try_from(pid).expect("a Unix process id"));
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("SIGTERM is delivered");
    tokio::time::timeout(within, child.wait())
        .await
        .unwrap_or_else(|_| panic!("the process did not stop within {within:?} of SIGTERM"))
        .expect("its exit status is readable")
}
