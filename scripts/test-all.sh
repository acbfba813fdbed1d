#!/usr/bin/env bash
# `npm test`: every check and every test (DESIGN.md), in stages:
#   build, lint, typecheck, unit (vitest: unit + integration), e2e (Playwright, Chromium),
#   electron (Playwright _electron: skips, saying why, where there is no Electron binary)
# `npm test` runs them all; `npm test -- lint typecheck` runs those (CI runs one per step).
# Tests run inside a throw-away Secret Service on Linux and with the OS keychain elsewhere
# (scripts/with-secret-service.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

stages=("$@")
if [ ${#stages[@]} -eq 0 ]; then stages=(build lint typecheck unit e2e electron); fi
for stage in "${stages[@]}"; do
  case "$stage" in
    build | lint | typecheck | unit | e2e | electron) ;;
    *)
      echo "unknown stage '$stage' (build, lint, typecheck, unit, e2e, electron)" >&2
      exit 2
      ;;
  esac
done
wants() {
  local s
  for s in "${stages[@]}"; do [ "$s" = "$1" ] && return 0; done
  return 1
}

bash scripts/ensure-system-deps.sh

if wants build; then
  echo "== build" >&2
  npm run --silent build
fi

if wants lint; then
  echo "== lint" >&2
  npx eslint .
  npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
  npm run --silent lint:workflows
  npm run --silent lint:dead-code
fi

if wants typecheck; then
  echo "== typecheck" >&2
  npm run --silent typecheck
fi

if wants unit; then
  echo "== unit + integration (vitest)" >&2
  bash scripts/with-secret-service.sh npx vitest run
fi

projects=()
if wants e2e; then projects+=(--project chromium); fi
if wants electron; then projects+=(--project electron); fi
if [ ${#projects[@]} -gt 0 ]; then
  echo "== e2e (playwright ${projects[*]})" >&2
  run=(bash scripts/with-secret-service.sh npx playwright test "${projects[@]}")
  # Electron needs a display on Linux; a virtual one when there is none and Xvfb is installed.
  if wants electron && [ "$(uname -s)" = Linux ] && [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] &&
    command -v xvfb-run >/dev/null 2>&1; then
    run=(xvfb-run -a "${run[@]}")
  fi
  "${run[@]}"
fi
