#!/usr/bin/env bash
# Local demo only: creates the demo agent with a fixed, published token in the local D1 (run
# after `wrangler d1 migrations apply DB --local`). Never use this token remotely.
set -euo pipefail
cd "$(dirname "$0")/.."
DEMO_AGENT_TOKEN="demo-agent-token-local-only"
if wrangler d1 execute DB --local --command "SELECT 1 FROM agents WHERE id LIKE 'agent-%' AND name = 'Demo Agent'" --json 2>/dev/null | grep -q '"1"'; then
  echo "  Demo agent:       already seeded; token $DEMO_AGENT_TOKEN"
else
  node tools/agents.mjs create --name "Demo Agent" --department general --site demo --token "$DEMO_AGENT_TOKEN" --local >/dev/null
  echo "  Demo agent:       Authorization: Bearer $DEMO_AGENT_TOKEN"
fi
