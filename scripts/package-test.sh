#!/usr/bin/env bash
# The Linux package as a user meets it: build the .deb, install it with dpkg, check what it
# put where, start the installed app under Xvfb (first run → demo workspace → a sync), run the
# installed `atlas`, then remove the package and check that the user's data folder is kept
# and nothing of the package is left behind. dpkg runs as root (sudo when not root).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
package=tenant-atlas

fail() { echo "package test: $*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Built and signed as a release is, with a throwaway key in place of the release key.
keys="$(mktemp -d)"
ui/node_modules/.bin/tauri signer generate -w "$keys/release.key" --ci -p "" -f >/dev/null
deb="$(TAURI_SIGNING_PRIVATE_KEY="$(cat "$keys/release.key")" TAURI_SIGNING_PRIVATE_KEY_PASSWORD="" \
  TENANTATLAS_UPDATE_BASE_URL=https://updates.example.com/tenantatlas \
  TENANTATLAS_RELEASE_NOTES="Package test" scripts/package.sh | tail -n 1)"
[ -f "$deb" ] || fail "no package was built"
# The update manifest offers this package, signed by the key whose public half the app holds.
python3 - "$deb" "$keys/release.key.pub" <<'PY' || fail "the update manifest or signature is wrong"
import base64, json, os, sys
deb, pub = sys.argv[1], sys.argv[2]
manifest = json.load(open(os.path.join(os.path.dirname(deb), "latest.json")))
entry = manifest["platforms"]["linux-x86_64-deb"]
assert entry["url"] == "https://updates.example.com/tenantatlas/" + os.path.basename(deb), entry
assert entry["signature"] == open(deb + ".sig").read().strip()
assert manifest["notes"] == "Package test"
def key_id(b64_text):  # the minisign key id: bytes 2..10 of the second line
    line = base64.b64decode(b64_text).decode().splitlines()[1]
    return base64.b64decode(line)[2:10]
assert key_id(entry["signature"]) == key_id(open(pub).read().strip()), "signed by another key"
PY
rm -rf "$keys"

# A package left by an interrupted earlier run is replaced, not upgraded over.
if dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
  as_root dpkg -r "$package" >/dev/null
fi
as_root dpkg -i "$deb"
installed="$(mktemp)"
trap 'rm -f "$installed"; as_root dpkg -r "$package" >/dev/null 2>&1 || true' EXIT
dpkg -L "$package" >"$installed"

for path in /usr/bin/tenantatlas /usr/bin/atlas; do
  [ -x "$path" ] || fail "$path is not installed"
done
for path in /usr/share/bash-completion/completions/atlas /usr/share/zsh/vendor-completions/_atlas \
  /usr/share/fish/vendor_completions.d/atlas.fish /usr/share/man/man1/atlas.1.gz \
  /usr/share/man/man1/atlas-worker.1.gz /usr/lib/systemd/system/tenantatlas-worker.service \
  /usr/share/applications/TenantAtlas.desktop; do
  [ -s "$path" ] || fail "$path is not installed"
done
# The unit as installed (binary, manual page) is one systemd accepts; nothing enabled it.
systemd-analyze verify /usr/lib/systemd/system/tenantatlas-worker.service
[ ! -e /etc/systemd/system/multi-user.target.wants/tenantatlas-worker.service ] ||
  fail "the worker's unit was enabled on install"
bash -c 'source /usr/share/bash-completion/completions/atlas && complete -p atlas' >/dev/null ||
  fail "the bash completion does not load"

# The installed command line, with a user's default data folder.
home="$(mktemp -d)"
user_env=(env -u TENANTATLAS_DATA_DIR -u TENANTATLAS_DATABASE_URL -u XDG_DATA_HOME HOME="$home")
version="$("${user_env[@]}" /usr/bin/atlas --version)"
[ "$version" = "atlas $(grep -m1 '^version' Cargo.toml | cut -d'"' -f2)" ] || fail "atlas --version said: $version"
# The demo's tenant credentials go to the OS keyring, as a user's would.
dbus-run-session -- scripts/keyring-session.sh "${user_env[@]}" /usr/bin/atlas demo >/dev/null
data="$home/.local/share/TenantAtlas"
[ -s "$data/tenantatlas.db" ] || fail "atlas demo left no database in $data"

# The installed desktop app.
TENANTATLAS_E2E_APP=/usr/bin/tenantatlas xvfb-run -a -s "-screen 0 1280x800x24" \
  dbus-run-session -- scripts/keyring-session.sh \
  cargo test --locked -p tenantatlas --test installed -- --ignored --test-threads=1

as_root dpkg -r "$package"
trap 'rm -f "$installed"' EXIT
while read -r path; do
  [ -d "$path" ] && continue # shared folders (/usr/bin …) stay
  [ ! -e "$path" ] || fail "$path was left behind"
done <"$installed"
[ -s "$data/tenantatlas.db" ] || fail "removing the package removed the user's data folder"
rm -rf "$home"
echo "package test: $(basename "$deb") installed, started, synced, removed; the data folder was kept"
