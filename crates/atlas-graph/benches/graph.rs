//! Full-content read throughput against the simulated cloud with realistic latency and Intune's
//! real throttling on. Reported against the throttle-budget ideal measured in the same run:
//! the requests the read needed divided by the allowed rate (1,000 per 20 s), so the figure is
//! about the client's pacing, not the machine. Then 20 such tenants in parallel, reported as
//! scaling efficiency (single-tenant time ÷ parallel time).
//!
//! `cargo bench -p atlas-graph --bench graph` (scripts/bench.sh runs it and updates
//! BENCHMARKS.md). Environment: `ATLAS_BENCH_POLICIES` (default 2000), `ATLAS_BENCH_TENANTS`
//! (default 20), `ATLAS_BENCH_LATENCY_MS` (default 80).

use std::time::{Duration, Instant};

use atlas_cloudsim::{RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_graph::{
    ClientSecret, Credentials, Depth, GraphClient, GraphSettings, ObjectType, CATALOG,
};
use url::Url;

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

async fn simulator(tenants: usize, policies: usize, latency: Duration) -> RunningSimulator {
    Simulator::start(SimulatorConfig {
        seed: 7,
        tenants,
        policies_per_tenant: policies,
        throttle: ThrottleMode::Real,
        latency,
        ..Default::default()
    })
    .await
    .expect("the simulator starts")
}

fn client(sim: &RunningSimulator) -> GraphClient {
    let base = Url::parse(&sim.base_url()).unwrap();
    GraphClient::new(GraphSettings::for_endpoints(base.clone(), base)).unwrap()
}

fn credentials(sim: &RunningSimulator) -> Vec<Credentials> {
    sim.credentials()
        .into_iter()
        .map(|c| {
            Credentials::with_secret(
                c.tenant_id.to_string(),
                c.client_id.to_string(),
                ClientSecret::new(c.client_secret),
            )
        })
        .collect()
}

/// Reads every catalog type of one tenant in full; returns the objects read and whether every
/// type was complete.
async fn read_tenant(client: &GraphClient, credentials: &Credentials) -> (usize, bool) {
    let types: Vec<&'static ObjectType> = CATALOG.iter().collect();
    let reads = client.read_types(credentials, &types, Depth::Full).await;
    (
        reads.iter().map(|r| r.objects.len()).sum(),
        reads.iter().all(|r| r.complete()),
    )
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    let policies = env("ATLAS_BENCH_POLICIES", 2000) as usize;
    let tenants = env("ATLAS_BENCH_TENANTS", 20) as usize;
    let latency = Duration::from_millis(env("ATLAS_BENCH_LATENCY_MS", 80));
    let rate_per_sec = 1_000.0 / 20.0;

    // One tenant.
    let sim = simulator(1, policies, latency).await;
    let graph = client(&sim);
    let creds = credentials(&sim);
    let started = Instant::now();
    let (objects, complete) = read_tenant(&graph, &creds[0]).await;
    let single = started.elapsed();
    let stats = sim.stats();
    let requests = stats.total.requests;
    let ideal = Duration::from_secs_f64(requests as f64 / rate_per_sec);
    let ratio = single.as_secs_f64() / ideal.as_secs_f64();
    assert!(complete, "the single-tenant read was incomplete");
    sim.stop().await.unwrap();

    // Many tenants in parallel, one shared client (per-tenant budgets).
    let sim = simulator(tenants, policies, latency).await;
    let graph = client(&sim);
    let creds = credentials(&sim);
    let started = Instant::now();
    let results =
        futures_util::future::join_all(creds.iter().map(|c| read_tenant(&graph, c))).await;
    let parallel = started.elapsed();
    let parallel_stats = sim.stats();
    assert!(
        results.iter().all(|(_, complete)| *complete),
        "a parallel read was incomplete"
    );
    let efficiency = single.as_secs_f64() / parallel.as_secs_f64();
    sim.stop().await.unwrap();

    let report = serde_json::json!({
        "policies_per_tenant": policies,
        "latency_ms": latency.as_millis() as u64,
        "single": {
            "objects": objects,
            "requests": requests,
            "batches": stats.total.batches,
            "throttled_429": stats.total.throttled,
            "wall_s": single.as_secs_f64(),
            "budget_ideal_s": ideal.as_secs_f64(),
            "ratio_to_ideal": ratio,
        },
        "parallel": {
            "tenants": tenants,
            "requests": parallel_stats.total.requests,
            "throttled_429": parallel_stats.total.throttled,
            "wall_s": parallel.as_secs_f64(),
            "scaling_efficiency": efficiency,
        },
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("graph.json"), report.to_string()).unwrap();
    println!(
        "one tenant ({policies} policies, {objects} objects): {:.1} s for {requests} requests, budget ideal {:.1} s → {ratio:.2}× (goal ≤ 1.1), 429s: {}",
        single.as_secs_f64(),
        ideal.as_secs_f64(),
        stats.total.throttled
    );
    println!(
        "{tenants} tenants in parallel: {:.1} s → scaling efficiency {efficiency:.2} (goal ≥ 0.8), 429s: {}",
        parallel.as_secs_f64(),
        parallel_stats.total.throttled
    );
}
