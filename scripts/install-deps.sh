#!/usr/bin/env bash
# Installs what building and testing TenantAtlas needs on Debian/Ubuntu: system packages,
# tauri-driver, and the UI's npm packages. Idempotent and quick when everything is present.
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

for tool in initdb pg_ctl postgres; do
  command -v "$tool" >/dev/null || [ -n "$(ls /usr/lib/postgresql/*/bin/$tool 2>/dev/null)" ] || {
    echo "==> installing PostgreSQL server (tests start a throwaway cluster)"
    DEBIAN_FRONTEND=noninteractive ${sudo_cmd:-} apt-get install -y -qq --no-install-recommends postgresql
    break
  }
done

if ! command -v tauri-driver >/dev/null; then
  echo "==> installing tauri-driver"
  cargo install tauri-driver --locked --version 2.0.4 2>/dev/null || cargo install tauri-driver --locked
fi

if [ ! -d "$root/ui/node_modules" ] || [ "$root/ui/package-lock.json" -nt "$root/ui/node_modules/.package-lock.json" ]; then
  echo "==> installing UI packages"
  (cd "$root/ui" && npm ci --no-audit --no-fund --loglevel=error)
fi
