#!/usr/bin/env bash
# Builds the Linux package: one .deb with the desktop app (/usr/bin/tenantatlas), the command
# line (/usr/bin/atlas) with its shell completions and manual pages, and the worker's systemd
# unit (installed disabled), through Tauri's bundler. Nothing is downloaded.
#   scripts/package.sh            a debug build (what the test command installs and checks)
#   scripts/package.sh --release  the optimised build to ship
# With TAURI_SIGNING_PRIVATE_KEY set (the release key; TAURI_SIGNING_PRIVATE_KEY_PASSWORD if it
# has one) the package is also signed (.deb.sig) and an update manifest latest.json is written
# beside it, offering the package at $TENANTATLAS_UPDATE_BASE_URL/<file> with the notes in
# $TENANTATLAS_RELEASE_NOTES. Prints the package's path on its last line.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

profile=debug cargo_profile=() bundle_profile=(--debug)
if [ "${1:-}" = "--release" ]; then
  profile=release cargo_profile=(--release) bundle_profile=()
fi
target_dir="${CARGO_TARGET_DIR:-$root/target}"

[ -f ui/dist/index.html ] || (cd ui && npm run --silent build)
# One package at a time: the same feature set, so the same build, as the tests use.
cargo build --locked "${cargo_profile[@]}" -p tenantatlas
cargo build --locked "${cargo_profile[@]}" -p atlas-cli

# What goes into the package beside the app, generated from this build's own `atlas`.
stage="$target_dir/package/$profile"
rm -rf "$stage"
mkdir -p "$stage/man"
atlas="$target_dir/$profile/atlas"
cp "$atlas" "$stage/atlas"
strip --strip-debug "$stage/atlas"
"$atlas" completions bash >"$stage/atlas.bash"
"$atlas" completions zsh >"$stage/_atlas"
"$atlas" completions fish >"$stage/atlas.fish"
"$atlas" manpages --out "$stage/man"
gzip -9n "$stage"/man/*.1

# The bundler takes extra files as a map of package path -> file; it is merged into
# tauri.conf.json for this run only.
python3 - "$stage" "$root" >"$stage/bundle.json" <<'PY'
import json, os, sys
stage, root = sys.argv[1], sys.argv[2]
files = {
    "/usr/bin/atlas": f"{stage}/atlas",
    "/usr/share/bash-completion/completions/atlas": f"{stage}/atlas.bash",
    "/usr/share/zsh/vendor-completions/_atlas": f"{stage}/_atlas",
    "/usr/share/fish/vendor_completions.d/atlas.fish": f"{stage}/atlas.fish",
    "/usr/lib/systemd/system/tenantatlas-worker.service": f"{root}/packaging/linux/tenantatlas-worker.service",
    "/usr/share/doc/tenant-atlas/worker.toml.example": f"{root}/packaging/linux/worker.toml.example",
}
for page in sorted(os.listdir(f"{stage}/man")):
    files[f"/usr/share/man/man1/{page}"] = f"{stage}/man/{page}"
bundle = {"linux": {"deb": {"files": files}}}
if os.environ.get("TAURI_SIGNING_PRIVATE_KEY"):
    bundle["createUpdaterArtifacts"] = True
print(json.dumps({"bundle": bundle}))
PY

rm -rf "$target_dir/$profile/bundle/deb"
ui/node_modules/.bin/tauri bundle "${bundle_profile[@]}" --bundles deb --config "$stage/bundle.json" --ci >&2
deb="$(ls "$target_dir/$profile/bundle/deb/"*.deb)"

if [ -n "${TAURI_SIGNING_PRIVATE_KEY:-}" ]; then
  [ -s "$deb.sig" ] || { echo "error: the bundler did not sign $deb" >&2; exit 1; }
  # The update manifest the app's updater reads (linux-x86_64-deb: installed from this .deb).
  python3 - "$deb" >"$(dirname "$deb")/latest.json" <<'PY'
import datetime, json, os, sys
deb = sys.argv[1]
version = os.path.basename(deb).split("_")[1]
base = os.environ.get("TENANTATLAS_UPDATE_BASE_URL", "https://updates.example.invalid/tenantatlas")
print(json.dumps({
    "version": version,
    "notes": os.environ.get("TENANTATLAS_RELEASE_NOTES", ""),
    "pub_date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    "platforms": {"linux-x86_64-deb": {
        "url": f"{base.rstrip('/')}/{os.path.basename(deb)}",
        "signature": open(deb + ".sig").read().strip(),
    }},
}, indent=2))
PY
fi
echo "$deb"
