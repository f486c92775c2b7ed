#!/usr/bin/env bash
# The whole TenantAtlas test suite, as CI runs it (.ci/run calls this and nothing else):
# formatting, lints, generated-bindings freshness, UI type check + unit tests, every Rust test
# (the store suite against SQLite and a real PostgreSQL), the Windows cross-compile with the
# CLI's tests under Wine, end-to-end tests of the real desktop binary under Xvfb through
# tauri-driver, and the Linux package installed, started and removed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

# A full run builds everything once: incremental caches would only cost disk (16 GB here).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Installing what is missing"
scripts/install-deps.sh

step "rustfmt"
cargo fmt --all --check

step "TypeScript bindings are up to date"
cargo test -q -p atlas-api --test bindings

step "UI: type check, lint and format (Biome), unit tests, build"
(cd ui && npm run --silent typecheck && npm run --silent lint && npm test --silent && npm run --silent build && npm run --silent bundle-size)

step "clippy (warnings are errors), and a desktop build without the demo"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy --locked -p tenantatlas --no-default-features -- -D warnings
if cargo tree --locked -p tenantatlas --no-default-features -e normal | grep -q atlas-cloudsim; then
  echo "error: the simulated cloud is in the desktop build without the demo feature" >&2
  exit 1
fi

step "Dependencies: licenses, bans, sources (cargo-deny); none unused (cargo-machete)"
# cargo-deny reads the metadata of every platform's crates; a fresh machine has only the host's.
cargo fetch --locked >/dev/null
cargo deny --offline check --hide-inclusion-graph licenses bans sources
cargo machete

step "Rust tests (store suite on SQLite and PostgreSQL; the real OS keyring in a private session)"
dbus-run-session -- scripts/keyring-session.sh cargo test --workspace --locked

step "Windows: the libraries and the CLI cross-compiled, their tests and the demo under Wine"
scripts/windows-check.sh

step "End-to-end: the desktop app under Xvfb through tauri-driver"
cargo build --locked -p tenantatlas
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- scripts/keyring-session.sh \
  cargo test --locked -p tenantatlas --test e2e -- --ignored --test-threads=1

step "Linux package: build the .deb, install it, start the installed app, remove it"
scripts/package-test.sh
echo "screenshots: $root/target/e2e/"
