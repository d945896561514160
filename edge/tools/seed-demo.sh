#!/usr/bin/env bash
# Local demo only: creates the demo admin with a fixed, published password and token in the local
# D1 (run after `wrangler d1 migrations apply DB --local`). Never use these remotely.
set -euo pipefail
cd "$(dirname "$0")/.."
DEMO_EMAIL="admin@demo.local"
DEMO_PASSWORD="demo-admin-password"
DEMO_AGENT_TOKEN="demo-agent-token-local-only"
if wrangler d1 execute DB --local --command "SELECT 1 FROM agents WHERE email = '$DEMO_EMAIL' OR name = 'Demo Agent'" --json 2>/dev/null | grep -q '"1"'; then
  echo "  Demo admin:       already seeded"
else
  node tools/agents.mjs create --name "Demo Admin" --role admin \
    --department general --department billing --department security --department technical --department privacy \
    --email "$DEMO_EMAIL" --password "$DEMO_PASSWORD" --site demo --token "$DEMO_AGENT_TOKEN" --local >/dev/null
  echo "  Demo admin:       seeded"
fi
echo "  Console sign-in:  $DEMO_EMAIL / $DEMO_PASSWORD (or the token $DEMO_AGENT_TOKEN)"
