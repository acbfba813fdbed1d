#!/usr/bin/env bash
# `npm run soak`: whole sessions of the built `hedgeflow watch` against `hedgeflow sim` through
# a fault proxy, on a scaled clock (bench/soak/session.soak.ts says which, and how to pick the
# speed: SOAK_SPEED=1 is a real 6.5-hour session). Builds first: the runs use dist/.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build:node
exec npx vitest run --config vitest.soak.config.ts "$@"
