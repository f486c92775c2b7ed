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

pub mod eventually;
pub mod files;
pub mod postgres;

pub use eventually::{eventually, eventually_blocking, poll_until};
pub use files::files_under;
pub use postgres::fresh_postgres_url;
