#!/usr/bin/env bash
# Starts the built panel for the e2e suite on a fresh, throw-away data directory.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA_DIR=$(mktemp -d /tmp/slipway-e2e-XXXXXX)
trap 'rm -rf "$DATA_DIR"' EXIT
export SLIPWAY_DATA_DIR=$DATA_DIR SLIPWAY_PORT=${E2E_PORT:-3210} SLIPWAY_BIND=127.0.0.1 NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
export SLIPWAY_ADMIN_EMAIL=$E2E_ADMIN_EMAIL SLIPWAY_ADMIN_PASSWORD=$E2E_ADMIN_PASSWORD
node_modules/.bin/prisma migrate deploy >/dev/null
node_modules/.bin/tsx --conditions=react-server scripts/ensure-admin.ts >/dev/null
node scripts/serve.mjs
