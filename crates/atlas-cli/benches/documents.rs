//! Documenting a 2,000-policy tenant: `atlas doc export` as HTML, Markdown, CSV and Word of one
//! simulated tenant synced in full beforehand (not measured), against `atlas backup export` of
//! the same latest versions into a folder measured in the same run (the reference: the same
//! versions read and written, without making them readable). Median of three runs each, whole
//! processes (start-up and database open included). Goal: the HTML document in under 3 s.
//! Environment: `ATLAS_BENCH_POLICIES` (default 2000). Writes `target/bench/documents.json` and
//! the "Configuration documents" section of `BENCHMARKS.md`.

mod support;

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use atlas_cloudsim::{RunningSimulator, Simulator, SimulatorConfig, ThrottleMode};
use atlas_domain::Timestamp;
use support::{add_tenant, atlas, empty_workspace, env_u64, thousands, write_report};

const GOAL_S: f64 = 3.0;
const SECTION: &str = "## Configuration documents";
const ROUNDS: usize = 3;

fn main() {
    let policies = env_u64("ATLAS_BENCH_POLICIES", 2000) as usize;
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let sim = runtime
        .block_on(Simulator::start(SimulatorConfig {
            seed: 11,
            tenants: 1,
            policies_per_tenant: policies,
            throttle: ThrottleMode::Off,
            ..Default::default()
        }))
        .expect("the simulator starts");
    let data = tempfile::tempdir().unwrap();
    runtime.block_on(empty_workspace(data.path()));
    let tenant = sim.credentials()[0].display_name.clone();
    add_tenant(&sim, data.path(), &sim.credentials()[0]);
    for kind in ["groups", "policies"] {
        let status = atlas(&sim, data.path())
            .args(["sync", "--all", "--kind", kind])
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "atlas sync --kind {kind}");
    }

    let out = tempfile::tempdir().unwrap();
    let mut timings = Vec::new();
    for format in ["html", "md", "csv", "docx"] {
        let file = out.path().join(format!("doc.{format}"));
        let time = median(|| {
            run(
                &sim,
                data.path(),
                &["doc", "export", &tenant, "--format", format, "--to"],
                &file,
            )
        });
        let bytes = std::fs::metadata(&file).unwrap().len();
        eprintln!(
            "doc export {format}: {:.2} s, {bytes} bytes",
            time.as_secs_f64()
        );
        timings.push((format, time, bytes));
    }
    let folder = out.path().join("folder");
    let reference = median(|| {
        // A fresh folder each round: every file is written, as the first export of a tenant.
        let _ = std::fs::remove_dir_all(&folder);
        run(
            &sim,
            data.path(),
            &["backup", "export", &tenant, "--to"],
            &folder,
        )
    });
    let objects = atlas_testkit::files_under(&folder).len() - 2;
    runtime.block_on(async { sim.stop().await.unwrap() });

    let html = timings[0].1.as_secs_f64();
    let ratio = html / reference.as_secs_f64();
    let report = serde_json::json!({
        "policies": policies,
        "objects": objects,
        "formats": timings.iter().map(|(f, t, b)| serde_json::json!({
            "format": f, "seconds": t.as_secs_f64(), "bytes": b })).collect::<Vec<_>>(),
        "folder_export_seconds": reference.as_secs_f64(),
        "html_vs_folder": ratio,
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    write_report(
        "documents",
        &report,
        &section(policies, objects, &timings, reference, ratio),
    );
}

/// Runs `atlas ARGS PATH` and answers how long it took.
fn run(sim: &RunningSimulator, data: &Path, args: &[&str], path: &Path) -> Duration {
    let started = Instant::now();
    let output = atlas(sim, data).args(args).arg(path).output().unwrap();
    let took = started.elapsed();
    assert!(
        output.status.success(),
        "atlas {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    took
}

fn median(mut f: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..ROUNDS).map(|_| f()).collect();
    times.sort();
    times[ROUNDS / 2]
}

fn section(
    policies: usize,
    objects: usize,
    timings: &[(&str, Duration, u64)],
    reference: Duration,
    ratio: f64,
) -> String {
    let html = timings[0].1.as_secs_f64();
    let verdict = if html < GOAL_S { "met" } else { "missed" };
    let rows: String = timings
        .iter()
        .map(|(format, time, bytes)| {
            format!(
                "| `atlas doc export --format {format}` | {:.2} s | {} KB |\n",
                time.as_secs_f64(),
                thousands((*bytes / 1024) as i64)
            )
        })
        .collect();
    format!(
        "{SECTION}\n\n\
Measured {date} on this machine by `cargo bench -p atlas-cli --bench documents` (part of
`scripts/bench.sh`). One simulated tenant with {policies} policies ({objects} objects stored
after `atlas sync --kind groups` and `--kind policies`, not measured). Each command is a whole
`atlas` process (start-up and opening the database included), median of {ROUNDS} runs. The
reference is `atlas backup export` of the same latest versions into a new folder, in the same run:
the same versions read and written, without making them readable.

| command | time | size |
|---|---:|---:|
{rows}| `atlas backup export` (reference) | {:.2} s | {objects} files |

The HTML document takes **{html:.2} s** (goal under {GOAL_S:.0} s: {verdict}), {ratio:.2}× the
folder export. Where the time goes: reading every newest version with its content in one query,
turning each into readable rows (setting definitions and group names are read once for all of
them), and writing the page as it goes. The folder export is the slower of the two because it
writes, and flushes to disk, one file per object.
",
        reference.as_secs_f64(),
        date = Timestamp::now().as_datetime().format("%Y-%m-%d"),
        policies = thousands(policies as i64),
    )
}
