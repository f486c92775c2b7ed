//! Test support shared by the TenantAtlas crates.
//!
//! [`postgres`] starts one throwaway PostgreSQL cluster per test process (the recipe from
//! `PLATFORM.md`: `initdb` + `postgres` as the `postgres` user when running as root) and hands
//! each test a fresh, empty database on it. The server is tied to the lifetime of the test
//! process: it is started with a parent-death signal from a thread that lives as long as the
//! process, so it never outlives the tests, even when they crash.
//!
//! [`eventually`] waits for a condition with a hard deadline and a message naming what it waited
//! for (with [`eventually_blocking`] for synchronous tests, and [`poll_until`] for a test that
//! reports a timeout itself).
//!
//! [`connect_proxy`] routes Microsoft's host names to the simulated cloud for unmodified
//! clients, and [`python`] finds and runs the pinned Python clients (MSAL, IntuneCD).
//! [`service`] starts, waits for and stops a long-running process as a service manager does.

pub mod connect_proxy;
pub mod eventually;
pub mod files;
// The throwaway cluster runs `postgres` as another Unix user; CI and test machines are Linux.
#[cfg(unix)]
pub mod postgres;
pub mod python;
pub mod report;
// Services are stopped with SIGTERM, as systemd stops them.
#[cfg(unix)]
pub mod service;
pub mod timing;
// Mounting needs Linux's mount(8) and root; CI and test machines are Linux.
#[cfg(unix)]
pub mod tmpfs;

pub use connect_proxy::ConnectProxy;
pub use eventually::{eventually, eventually_blocking, poll_until};
pub use files::files_under;
#[cfg(unix)]
pub use postgres::{fresh_postgres_url, restart_cluster};
#[cfg(unix)]
pub use tmpfs::Tmpfs;
