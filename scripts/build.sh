#!/usr/bin/env bash
# Builds everything the worker serves: the FAQ indexes, the widget bundle, the static pages and
# the worker itself. Output goes to build/ (git-ignored).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

step() { printf '\n== %s\n' "$*"; }

rm -rf "$SITE_DIR"
mkdir -p "$SITE_DIR"

step "static pages (www/)"
cp -R www/. "$SITE_DIR/"

step "FAQ indexes from faq-data/content"
cargo build --release -p faq-data --bin faq
"$ROOT/target/release/faq" build faq-data/content --out "$BUILD_DIR/index"
scripts/publish-index.sh "$BUILD_DIR/index" "$SITE_DIR/index"

step "widget (wasm32, Yew)"
cargo build -p widget --lib --target wasm32-unknown-unknown --profile wasm
mkdir -p "$SITE_DIR/widget"
wasm-bindgen --target web --no-typescript --remove-name-section \
  --out-dir "$SITE_DIR/widget" --out-name widget \
  target/wasm32-unknown-unknown/wasm/widget.wasm
cp widget/loader/embed.js "$SITE_DIR/widget/embed.js"

step "worker (workers-rs)"
(cd edge && worker-build --release)

# The demo site's HMAC secret for local runs; production sets it with `wrangler secret put`.
[ -f edge/.dev.vars ] || cp edge/dev.vars.example edge/.dev.vars

step "done: $(du -sh "$SITE_DIR" | cut -f1) of static files in build/site"
