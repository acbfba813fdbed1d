#!/usr/bin/env bash
# `npm test`: every check and every test (DESIGN.md). Unit and integration tests run under
# vitest, browser and Electron tests under Playwright, all inside one private Secret Service.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-system-deps.sh

echo "== build" >&2
npm run --silent build

echo "== lint" >&2
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }

echo "== typecheck" >&2
npm run --silent typecheck

echo "== unit + integration (vitest) and e2e (playwright)" >&2
bash scripts/with-secret-service.sh bash -c 'npx vitest run && npx playwright test'
