#!/usr/bin/env bash
# Runs a command with a keychain the tests may use. On Linux: a fresh, unlocked Secret Service
# (GNOME Keyring) on a private D-Bus session, with a private HOME so the developer's own keyring
# is never touched. On macOS and Windows: the OS keychain itself (Keychain, Credential Manager),
# where every test uses entries under a service name of its own and deletes them.
set -euo pipefail

if [ -n "${HEDGEFLOW_SECRET_SERVICE:-}" ]; then
  exec "$@" # already inside one
fi

if [ "$(uname -s)" != Linux ]; then
  export HEDGEFLOW_SECRET_SERVICE=os-keychain
  exec "$@"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home" "$tmp/data" "$tmp/config" "$tmp/cache" "$tmp/runtime"
chmod 700 "$tmp/runtime"

export HEDGEFLOW_REAL_HOME="${HOME:-}"
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime" HEDGEFLOW_SECRET_SERVICE=1
# npm and Playwright caches stay where they were.
export npm_config_cache="${npm_config_cache:-$HEDGEFLOW_REAL_HOME/.npm}"
export PLAYWRIGHT_BROWSERS_PATH="${PLAYWRIGHT_BROWSERS_PATH:-$HEDGEFLOW_REAL_HOME/.cache/ms-playwright}"

exec dbus-run-session -- bash -c '
  printf %s hedgeflow-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
  exec "$@"
' bash "$@"
