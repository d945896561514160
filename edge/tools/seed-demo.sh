#!/usr/bin/env bash
# Local demo only: creates the demo admin with a fixed, published password and token in the local
# D1 (run after `wrangler d1 migrations apply DB --local`), and imports faq-data/content into the
# knowledge base's tables, so editors find the demo's articles (kb-import; what widgets see stays
# the static build until an editor publishes). Never use these remotely.
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
if wrangler d1 execute DB --local --command "SELECT 1 FROM kb_articles WHERE site = 'demo' LIMIT 1" --json 2>/dev/null | grep -q '"1"'; then
  echo "  Knowledge base:   already imported"
else
  cargo build --release --quiet -p kb --bin kb-import
  sql="$(mktemp)"
  ../target/release/kb-import ../faq-data/content demo > "$sql"
  wrangler d1 execute DB --local --file "$sql" >/dev/null
  rm -f "$sql"
  echo "  Knowledge base:   faq-data/content imported (editors: /api/v1/kb)"
fi
