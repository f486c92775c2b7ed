//! TenantAtlas against a widely used open-source backup tool on the same tenant: a full
//! IntuneCD backup (2.6.0, unmodified, from `scripts/test-clients.txt`) and `atlas sync --kind
//! policies` (full content: every object with its details and assignments, normalised, hashed
//! and stored as versions) of one simulated tenant with 2,000 policies, Intune's real throttling
//! (1,000 requests / 20 s, enforced by the simulator) and 80 ms latency per request.
//!
//! IntuneCD only knows Microsoft's host names: it reaches the simulator through the CONNECT
//! proxy of `atlas_testkit` and trusts the simulator's CA, as in `atlas-cloudsim`'s IntuneCD
//! test. Each side starts on a fresh throttle window. Reported: both wall times, the objects
//! each wrote, requests and 429s, and the ratio (goal: TenantAtlas ≥ 3× faster, provoking no
//! 429). Environment: `ATLAS_BENCH_POLICIES` (default 2000), `ATLAS_BENCH_LATENCY_MS` (80).
//! Writes `target/bench/interop.json` and the "Against IntuneCD" section of `BENCHMARKS.md`.

mod support;

use std::process::Stdio;
use std::time::{Duration, Instant};

use atlas_cloudsim::{RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_domain::Timestamp;
use atlas_testkit::python::{client_python, intunecd_backup, IntuneCdTenant};
use atlas_testkit::ConnectProxy;
use serde::Serialize;
use support::{add_tenant, atlas, empty_workspace, env_u64, thousands, write_report};

const HOSTS: [&str; 2] = ["login.microsoftonline.com", "graph.microsoft.com"];
/// The simulator's throttle window: waiting this long gives the next side a fresh budget.
const WINDOW: Duration = Duration::from_secs(20);
const GOAL: f64 = 3.0;
const SECTION: &str = "## Against IntuneCD";

#[derive(Debug, Serialize)]
struct Side {
    tool: &'static str,
    succeeded: bool,
    wall_s: f64,
    /// Files IntuneCD wrote (objects, not script bodies), or versions TenantAtlas stored.
    objects: u64,
    requests: u64,
    throttled_429: u64,
}

fn main() {
    let policies = env_u64("ATLAS_BENCH_POLICIES", 2000) as usize;
    let latency = Duration::from_millis(env_u64("ATLAS_BENCH_LATENCY_MS", 80));
    client_python("IntuneCD");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sim = runtime
        .block_on(Simulator::start(SimulatorConfig {
            seed: 7,
            tenants: 1,
            policies_per_tenant: policies,
            throttle: ThrottleMode::Real,
            latency,
            tls: true,
            tls_names: HOSTS.iter().map(|h| h.to_string()).collect(),
            ..Default::default()
        }))
        .expect("the simulator starts");

    let intunecd = runtime.block_on(intunecd(&sim));
    eprintln!(
        "IntuneCD: {} objects in {:.1} s ({} 429s); waiting out the throttle window…",
        intunecd.objects, intunecd.wall_s, intunecd.throttled_429
    );
    std::thread::sleep(WINDOW + Duration::from_secs(1));
    let atlas_side = atlas_sync(&runtime, &sim);
    runtime.block_on(async { sim.stop().await.unwrap() });

    let ratio = intunecd.wall_s / atlas_side.wall_s;
    let report = serde_json::json!({
        "policies": policies,
        "latency_ms": latency.as_millis() as u64,
        "intunecd": intunecd,
        "tenantatlas": atlas_side,
        "speedup": ratio,
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    assert!(intunecd.succeeded && atlas_side.succeeded, "a side failed");
    println!(
        "IntuneCD {:.1} s, TenantAtlas {:.1} s → {ratio:.2}× (goal ≥ {GOAL}×), TenantAtlas 429s: {}",
        intunecd.wall_s, atlas_side.wall_s, atlas_side.throttled_429
    );
    write_report(
        "interop",
        &report,
        &section(policies, latency, &intunecd, &atlas_side, ratio),
    );
}

async fn intunecd(sim: &RunningSimulator) -> Side {
    let proxy = ConnectProxy::start(&HOSTS, sim.addr()).await.unwrap();
    let tenant = &sim.credentials()[0];
    let out = tempfile::tempdir().unwrap();
    sim.reset_stats();
    let started = Instant::now();
    let output = intunecd_backup(
        out.path(),
        "json",
        &[],
        &IntuneCdTenant {
            tenant_id: &tenant.tenant_id.to_string(),
            client_id: &tenant.client_id.to_string(),
            client_secret: &tenant.client_secret,
            proxy_url: &proxy.url(),
            ca_pem: sim.ca_pem_path().unwrap(),
        },
    )
    .stdout(Stdio::piped())
    .stderr(Stdio::piped())
    .output()
    .await
    .unwrap();
    let wall = started.elapsed();
    let log = String::from_utf8_lossy(&output.stdout);
    let errors = log.lines().filter(|l| l.contains("[ERROR]")).count();
    if errors > 0 {
        eprintln!("IntuneCD logged {errors} errors:\n{log}");
    }
    let objects = atlas_testkit::files_under(out.path())
        .iter()
        .filter(|f| {
            let folder = f.parent().unwrap().to_string_lossy();
            !folder.ends_with("Script Data") && !folder.contains("Assignment Report")
        })
        .count() as u64;
    let stats = sim.stats();
    Side {
        tool: "IntuneCD 2.6.0",
        succeeded: output.status.success() && errors == 0,
        wall_s: wall.as_secs_f64(),
        objects,
        requests: stats.total.requests,
        throttled_429: stats.total.throttled,
    }
}

fn atlas_sync(runtime: &tokio::runtime::Runtime, sim: &RunningSimulator) -> Side {
    let data = tempfile::tempdir().unwrap();
    runtime.block_on(empty_workspace(data.path()));
    add_tenant(sim, data.path(), &sim.credentials()[0]);
    sim.reset_stats();
    let started = Instant::now();
    let out = atlas(sim, data.path())
        .args(["sync", "--all", "--kind", "policies", "--json"])
        .stderr(Stdio::inherit())
        .output()
        .unwrap();
    let wall = started.elapsed();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "atlas sync printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    if report["succeeded"] != true {
        eprintln!("atlas sync did not succeed: {report:#}");
    }
    let objects = report["runs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| r["counts"]["created"].as_u64().unwrap_or(0))
        .sum();
    let stats = sim.stats();
    Side {
        tool: "TenantAtlas",
        succeeded: out.status.success() && report["succeeded"] == true,
        wall_s: wall.as_secs_f64(),
        objects,
        requests: stats.total.requests,
        throttled_429: stats.total.throttled,
    }
}

fn section(policies: usize, latency: Duration, icd: &Side, atlas: &Side, ratio: f64) -> String {
    let verdict = if ratio >= GOAL { "met" } else { "missed" };
    let n = |v: u64| thousands(v as i64);
    format!(
        "{SECTION}\n\n\
Measured {date} on this machine by `cargo bench -p atlas-cli --bench interop` (part of
`scripts/bench.sh`). One simulated tenant with {policies} policies, Intune's real throttling
(1,000 requests / 20 s, enforced by the simulator) and {latency} ms latency per request. IntuneCD
2.6.0 (PyPI, unmodified, default settings, JSON output) makes a full backup through a CONNECT
proxy at Microsoft's host names; after a fresh throttle window, `atlas sync --kind policies`
reads the same tenant in full (every object with its details and assignments) and stores it as
versions. The reference is IntuneCD's time in the same run.

| tool | objects written | requests | 429s | wall time |
|---|---:|---:|---:|---:|
| {} | {} files | {} | {} | {:.1} s |
| {} | {} versions | {} | {} | {:.1} s |

TenantAtlas is **{ratio:.2}×** faster (goal ≥ {GOAL}×: {verdict}). The object counts differ by
what each tool writes: IntuneCD leaves out what it filters (built-in roles, partners not set up,
apps it does not list) and adds the tenant's settings objects; TenantAtlas also stores the
directory's role definitions and assignments and the connectors. Where the time goes: IntuneCD
asks for much of each object's detail one request at a time and waits out the 429s it provokes
(its Retry-After sleeps are most of its wall time); TenantAtlas expands assignments in the
listing where Graph allows it, reads the rest twenty to a `$batch`, and paces itself under the
tenant's budget, so it is never throttled.
",
        icd.tool,
        n(icd.objects),
        n(icd.requests),
        n(icd.throttled_429),
        icd.wall_s,
        atlas.tool,
        n(atlas.objects),
        n(atlas.requests),
        n(atlas.throttled_429),
        atlas.wall_s,
        date = Timestamp::now().as_datetime().format("%Y-%m-%d"),
        policies = thousands(policies as i64),
        latency = latency.as_millis(),
    )
}
