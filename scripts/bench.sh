#!/usr/bin/env bash
# Runs the benchmarks (release build) and updates BENCHMARKS.md and target/bench/*.json.
# Benchmarks are not tests: each figure is reported as a ratio to a reference measured in the
# same run. Needs the PostgreSQL server binaries (the benchmark starts its own cluster).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo bench --locked -p atlas-engine --bench engine
# Graph: one 2,000-policy simulated tenant, full content, real throttling, 80 ms latency,
# against the throttle-budget ideal; then 20 such tenants in parallel (prints JSON and a summary,
# writes target/bench/graph.json).
cargo bench --locked -p atlas-graph --bench graph
# Tenant sync from the CLI: 10 simulated tenants × 2,000 policies, real throttling, 80 ms latency,
# added with `atlas tenant add --secret-stdin` (the OS keyring: a throwaway unlocked GNOME Keyring
# in a private D-Bus session) and synced in parallel with `atlas sync --all`; wall time against
# the throttle-budget ideal and CPU per 1,000 objects (writes target/bench/sync.json and its
# BENCHMARKS.md section).
dbus-run-session -- scripts/keyring-session.sh cargo bench --locked -p atlas-cli --bench sync
