#!/usr/bin/env bash
# Installs what building and testing TenantAtlas needs on Debian/Ubuntu: system packages,
# PostgreSQL server binaries, tauri-driver, the UI's npm packages, and the real Microsoft clients
# the tests run against the simulated cloud (MSAL for Python, IntuneCD; pinned, in their own venv).
# Idempotent, and quick (a few seconds) when everything is already present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(
  # Tauri build
  libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config
  # headless desktop runs and end-to-end tests
  xvfb xauth webkit2gtk-driver dbus imagemagick
  # OS keyring in tests
  gnome-keyring libdbus-1-dev keyutils
  # the test clients' venv (scripts/test-clients.txt)
  python3 python3-venv
  # review packs checked with standard tools (crates/atlas-packs/tests/archive.rs)
  openssl coreutils
  # Windows cross-compile of the CLI and libraries, and its tests under Wine
  # (scripts/windows-check.sh)
  gcc-mingw-w64-x86-64 wine64
)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "==> installing system packages: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The test suite starts a throwaway PostgreSQL cluster of its own (initdb + postgres).
if ! command -v initdb >/dev/null && [ -z "$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null)" ]; then
  echo "==> installing the PostgreSQL server binaries"
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  ${sudo_cmd:-} apt-get update -qq
  DEBIAN_FRONTEND=noninteractive ${sudo_cmd:-} apt-get install -y -qq --no-install-recommends postgresql
fi

for tool in cargo node npm; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required (Rust via rustup, Node.js 20+)" >&2; exit 1; }
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || { echo "error: Node.js 20 or newer is required (found $(node --version))" >&2; exit 1; }

if ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
  echo "==> adding the Rust target x86_64-pc-windows-gnu"
  rustup target add x86_64-pc-windows-gnu
fi

if ! command -v tauri-driver >/dev/null; then
  echo "==> installing tauri-driver"
  cargo install tauri-driver --locked
fi

# Dependency checks in the test command: licenses, bans and sources (cargo-deny), and
# dependencies declared but never used (cargo-machete). Pinned so a clean machine checks the
# same way.
cargo_tool() { # name version
  if ! "$1" --version 2>/dev/null | grep -qxE "($1 )?$2"; then
    echo "==> installing $1 $2"
    cargo install "$1" --locked --version "$2"
  fi
}
cargo_tool cargo-deny 0.20.2
cargo_tool cargo-machete 0.9.2

if [ ! -d "$root/ui/node_modules" ] || [ "$root/ui/package-lock.json" -nt "$root/ui/node_modules/.package-lock.json" ]; then
  echo "==> installing UI packages"
  (cd "$root/ui" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The real Microsoft clients the tests drive (MSAL for Python, IntuneCD), every package pinned
# in scripts/test-clients.txt, in a venv of their own; ATLAS_CLIENT_PYTHON in the tests
# overrides it. Reinstalled only when that file changes.
client_venv="${XDG_CACHE_HOME:-$HOME/.cache}/tenantatlas/client-venv"
client_stamp="$client_venv/.requirements"
if ! cmp -s "$root/scripts/test-clients.txt" "$client_stamp" || ! "$client_venv/bin/python" -c "import msal, IntuneCD" 2>/dev/null; then
  echo "==> installing the test clients (MSAL for Python, IntuneCD) into $client_venv"
  rm -rf "$client_venv"
  mkdir -p "$(dirname "$client_venv")"
  python3 -m venv "$client_venv"
  "$client_venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/scripts/test-clients.txt"
  cp "$root/scripts/test-clients.txt" "$client_stamp"
fi
