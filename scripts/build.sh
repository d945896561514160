#!/usr/bin/env bash
# Builds everything the worker serves: the static pages and the worker itself.
# Output goes to build/ (git-ignored).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

step() { printf '\n== %s\n' "$*"; }

rm -rf "$SITE_DIR"
mkdir -p "$SITE_DIR"

step "static pages (www/)"
cp -R www/. "$SITE_DIR/"

step "worker (workers-rs)"
(cd edge && worker-build --release)

# The demo site's HMAC secret for local runs; production sets it with `wrangler secret put`.
[ -f edge/.dev.vars ] || cp edge/dev.vars.example edge/.dev.vars

step "done: $(du -sh "$SITE_DIR" | cut -f1) of static files in build/site"
