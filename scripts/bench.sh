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
# Baselines: compare 100 tenants × 2,000 subjects from stored data against SHA-256 of the same
# bytes (SQLite and PostgreSQL), a full-content capture of a 2,000-policy tenant under real
# throttling against the budget ideal, and the findings page over 200,000 findings (writes
# target/bench/baselines.json and its BENCHMARKS.md section).
cargo bench --locked -p atlas-baselines --bench baselines
# The window in the real app over 500 tenants and 1,000,000 runs (SQLite): first rows of the
# Overview, Tenants and Operations pages after navigation (goal < 300 ms), each page's commands
# and `list_runs` over IPC against `app_info` (writes target/bench/operations_ui.json and
# bundle.json). Needs the UI built into the binary, a display and tauri-driver.
(cd ui && npm run --silent build && npm run --silent bundle-size > ../target/bench/bundle.json)
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/keyring-session.sh \
  cargo bench --locked -p tenantatlas --bench operations_ui
