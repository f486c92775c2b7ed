#!/usr/bin/env bash
# Runs a command with a working OS keyring: an unlocked GNOME Keyring (Secret Service) whose
# files live in a throwaway directory. Call it inside a private D-Bus session:
#   dbus-run-session -- scripts/keyring-session.sh cargo test ...
set -euo pipefail
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || { echo "error: run inside dbus-run-session" >&2; exit 2; }
keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/tenantatlas-keyring.XXXXXX")"
trap 'rm -rf "$keyring_home"' EXIT
export XDG_DATA_HOME="$keyring_home"
# The password only protects this throwaway keyring.
eval "$(printf 'test-only' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
"$@"
