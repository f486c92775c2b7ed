#!/usr/bin/env bash
# Sets up what is missing and starts TenantAtlas on the embedded default (SQLite in your data
# folder). With a display it opens the desktop app; without one it runs the headless demo
# (`atlas demo`) and says where the data went. Extra arguments go to the app / `atlas`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

scripts/install-deps.sh
echo "==> building the UI"
(cd ui && npm run --silent build)

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "==> no display: running the headless demo"
  cargo build --release --locked -p atlas-cli
  target/release/atlas demo "$@"
  echo
  echo "Open the desktop app on a machine with a display (scripts/run.sh), or explore with:"
  echo "  target/release/atlas --help"
  exit 0
fi

echo "==> building and starting the desktop app"
cargo build --release --locked -p tenantatlas
exec target/release/tenantatlas "$@"
