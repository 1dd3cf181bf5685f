#!/usr/bin/env bash
# Every test of Switchboard, in the order that fails fastest: types, lint, unit, integration
# (real embedded PostgreSQL), then a production build and the e2e suite in real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "typecheck"; npm run --silent typecheck
step "lint"; npm run --silent lint
step "unit + integration tests"; npx vitest run
step "production build"; npm run --silent build
step "e2e tests (Chromium)"; npx playwright test
