#!/usr/bin/env bash
# Windows does not rot: cross-compiles every library crate and the CLI for
# x86_64-pc-windows-gnu with Debian's mingw-w64 (clippy, warnings are errors: the Windows code
# paths — Credential Manager keyring, data folder, hidden input — are compiled and linted),
# then runs the CLI's unit tests and `atlas demo` under Debian's Wine in a throwaway prefix.
# (atlas-testkit's throwaway PostgreSQL is Unix-only; the desktop app needs WebView2: see README.)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
target=x86_64-pc-windows-gnu
target_dir="${CARGO_TARGET_DIR:-$root/target}"

cargo clippy --locked --target "$target" --workspace --exclude tenantatlas --lib --bins -- -D warnings
cargo build --locked --target "$target" -p atlas-cli

# A private Wine prefix, with the one DLL Debian 12's Wine lacks (scripts/wine/).
prefix="$(mktemp -d "${TMPDIR:-/tmp}/tenantatlas-wine.XXXXXX")"
trap 'WINEPREFIX="$prefix" /usr/lib/wine/wineserver64 -k 2>/dev/null || true; rm -rf "$prefix"' EXIT
export WINEPREFIX="$prefix" WINEDEBUG=-all
wine=/usr/lib/wine/wine64
"$wine" wineboot --init >/dev/null 2>&1 || true
x86_64-w64-mingw32-gcc -O2 -shared -Wl,--kill-at -o "$prefix/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c -ladvapi32

CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$wine" \
  cargo test --locked --target "$target" -p atlas-cli --bin atlas

atlas="$target_dir/$target/debug/atlas.exe"
version="$("$wine" "$atlas" --version | tr -d '\r')"
[ "$version" = "atlas $(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)" ] || {
  echo "windows check: atlas.exe --version said: $version" >&2
  exit 1
}
# The whole demo on Windows: %APPDATA% data folder, SQLite, Credential Manager, the
# simulated cloud, syncs, a baseline and compares.
demo="$("$wine" "$atlas" demo | tr -d '\r')"
grep -q 'AppData\\Roaming\\TenantAtlas' <<<"$demo" || {
  echo "windows check: atlas demo did not use the Windows data folder:" >&2
  echo "$demo" >&2
  exit 1
}
grep -q "compare  Succeeded" <<<"$demo" || {
  echo "windows check: atlas demo did not finish:" >&2
  echo "$demo" >&2
  exit 1
}
echo "windows check: libraries and CLI build for $target; unit tests and atlas demo pass under Wine"
