#!/usr/bin/env bash
# Starts the built panel for the e2e suite on a fresh, throw-away data directory. When Playwright stops it,
# the Docker objects the panel made under its prefix (front server, site containers, networks) go too:
# the panel's supervisor would otherwise bring the front back while the tests clean up.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA_DIR=$(mktemp -d /tmp/slipway-e2e-XXXXXX)
export SLIPWAY_DATA_DIR=$DATA_DIR SLIPWAY_PORT=${E2E_PORT:-3210} SLIPWAY_BIND=127.0.0.1 NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
export SLIPWAY_ADMIN_EMAIL=$E2E_ADMIN_EMAIL SLIPWAY_ADMIN_PASSWORD=$E2E_ADMIN_PASSWORD
node_modules/.bin/prisma migrate deploy >/dev/null
node_modules/.bin/tsx --conditions=react-server scripts/ensure-admin.ts >/dev/null

node scripts/serve.mjs &
panel=$!
cleanup() {
  trap - EXIT INT TERM
  kill "$panel" 2>/dev/null || true
  wait "$panel" 2>/dev/null || true
  if [ -n "${SLIPWAY_DOCKER_PREFIX:-}" ]; then
    docker ps -aq --filter "name=^${SLIPWAY_DOCKER_PREFIX}-" | xargs -r docker rm -f >/dev/null 2>&1 || true
    docker network ls -q --filter "name=^${SLIPWAY_DOCKER_PREFIX}-" | xargs -r docker network rm >/dev/null 2>&1 || true
  fi
  rm -rf "$DATA_DIR"
}
trap cleanup EXIT INT TERM
wait "$panel"
