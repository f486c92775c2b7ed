#!/usr/bin/env bash
# Starts the desktop app on a throwaway data folder with the demo workspace, under a private
# Xvfb display, and saves a screenshot of the whole window: a quick way to look at the UI.
# Usage: scripts/screenshot.sh [output.png]   (default: target/screenshots/app.png)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/target/screenshots/app.png}"
mkdir -p "$(dirname "$out")"
work="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$root/ui" && npm run --silent build)
(cd "$root" && cargo build -q -p tenantatlas -p atlas-cli)
"$root/target/debug/atlas" --data-dir "$work/data" demo >/dev/null

display=":$((100 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
sleep 1
DISPLAY="$display" HOME="$work/home" TENANTATLAS_DATA_DIR="$work/data" \
  dbus-run-session -- "$root/target/debug/tenantatlas" >"$work/app.log" 2>&1 &
sleep "${SCREENSHOT_DELAY:-6}"
DISPLAY="$display" /usr/bin/import -window root "$out"
echo "screenshot: $out"
