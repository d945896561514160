#!/usr/bin/env bash
# Runs the product on this machine: installs what is missing, builds everything, applies the D1
# migrations to the local database and starts `wrangler dev` on 127.0.0.1.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
cd "$ROOT/edge"
wrangler d1 migrations apply DB --local
cat <<TXT

  Demo help center: http://127.0.0.1:$DEV_PORT/
  Agent console:    http://127.0.0.1:$DEV_PORT/console/ (sign in as the demo admin, below)
  API health:       http://127.0.0.1:$DEV_PORT/api/v1/health
  FAQ indexes:      http://127.0.0.1:$DEV_PORT/index/manifest.json
  Ticket API:       http://127.0.0.1:$DEV_PORT/api/v1/tickets (edge/openapi.yaml)
TXT
tools/seed-demo.sh
echo
exec wrangler dev --ip 127.0.0.1 --port "$DEV_PORT" --local --var "PUBLIC_ORIGIN:http://127.0.0.1:$DEV_PORT"
