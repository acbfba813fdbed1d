#!/usr/bin/env bash
# Installs the system packages the tests use when they are missing, where they apply:
#   - Debian: Chromium (the browser Playwright drives there, since the build machines cannot
#     download Playwright's own; skipped when HEDGEFLOW_CHROMIUM names another browser or
#     'playwright' for Playwright's own), fonts for its screenshots;
#   - any Linux with apt (Debian, Ubuntu): a Secret Service (GNOME Keyring on a private D-Bus)
#     for the real keychain tests.
# macOS and Windows need nothing: the tests use the OS keychain and Playwright's own Chromium
# (`npx playwright install chromium`). Idempotent; needs root (or sudo) to install.
set -euo pipefail

case "$(uname -s)" in
  Linux) ;;
  *) exit 0 ;; # macOS, Windows (Git Bash): the OS keychain, Playwright's browser
esac
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Not a Debian/Ubuntu system: install Chromium (or run 'npx playwright install chromium' and set HEDGEFLOW_CHROMIUM=playwright), GNOME Keyring, D-Bus and libsecret's secret-tool yourself." >&2
  exit 0
fi

debian=false
if [ -r /etc/os-release ] && grep -qx 'ID=debian' /etc/os-release; then debian=true; fi

need=()
if $debian && [ -z "${HEDGEFLOW_CHROMIUM:-}" ]; then
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
fi
command -v gnome-keyring-daemon >/dev/null 2>&1 || need+=(gnome-keyring)
command -v dbus-run-session >/dev/null 2>&1 || need+=(dbus dbus-x11)
command -v secret-tool >/dev/null 2>&1 || need+=(libsecret-tools)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages: ${need[*]}. Install them (as root: apt-get install ${need[*]})." >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
