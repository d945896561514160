#!/usr/bin/env bash
# Builds everything the worker serves: the static pages, the FAQ indexes and the worker itself.
# Output goes to build/ (git-ignored).
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
# The knowledge base's first import (edge/tools/seed-demo.sh) and its tests read the content with it.
cargo build --release -p kb --bin kb-import
rm -rf "$BUILD_DIR/index"
"$ROOT/target/release/faq" build faq-data/content --out "$BUILD_DIR/index"
scripts/publish-index.sh "$BUILD_DIR/index" "$SITE_DIR/index"
# The same content as one postings chunk and one article chunk, whatever its size: the widget's
# wasm-bindgen tests include these files by name (widget/tests/browser.rs).
rm -rf "$BUILD_DIR/index-whole"
"$ROOT/target/release/faq" build faq-data/content --out "$BUILD_DIR/index-whole" \
  --postings-chunk 1000000000 --docs-chunk 1000000000 >/dev/null
# Cache lifetimes, CORS and content types of the static files (see edge/README.md).
cp edge/assets-headers "$SITE_DIR/_headers"

# Builds the Yew app crate $1 for the browser into $SITE_DIR/$2 (default: $1): wasm, its JS
# glue (named after the crate's library, e.g. widget_desk.js), optimised.
browser_app() {
  local name="${1//-/_}" out="$SITE_DIR/${2:-$1}"
  cargo build -p "$1" --lib --target wasm32-unknown-unknown --profile wasm
  wasm-bindgen "$ROOT/target/wasm32-unknown-unknown/wasm/$name.wasm" --target web --no-typescript \
    --remove-name-section --out-dir "$out" --out-name "$name"
  # -ocimfs 20: a function with one caller is inlined only if small. Inlining every such function
  # (wasm-opt's default) makes the binary 0.8 % smaller but 6 % bigger after brotli (BENCHMARKS.md).
  wasm-opt -Oz --converge -ocimfs 20 "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
}

step "widget: the search-first module and the desk module (Yew, wasm32)"
browser_app widget
browser_app widget-desk widget/desk
# Minified in place: the glues, their JS snippets (the outbox), the loader and the styles.
for js in "$SITE_DIR"/widget/widget.js "$SITE_DIR"/widget/desk/widget_desk.js "$SITE_DIR"/widget/snippets/*/src/*.js "$SITE_DIR"/widget/desk/snippets/*/src/*.js; do
  esbuild "$js" --minify --format=esm --log-level=warning --allow-overwrite --outfile="$js"
done
esbuild widget/loader/embed.js --minify --log-level=warning --outfile="$SITE_DIR/widget/embed.js"
esbuild widget/style/widget.css --minify --log-level=warning --outfile="$SITE_DIR/widget/widget.css"

step "agent console (Yew, wasm32)"
browser_app console
esbuild "$SITE_DIR/console/console.js" --minify --format=esm --log-level=warning --allow-overwrite --outfile="$SITE_DIR/console/console.js"
esbuild console/boot.js --minify --format=esm --log-level=warning --outfile="$SITE_DIR/console/boot.js"
esbuild console/style/console.css --minify --log-level=warning --outfile="$SITE_DIR/console/console.css"

step "worker (workers-rs)"
(cd edge && worker-build --release)

# The demo site's HMAC secret for local runs; production sets it with `wrangler secret put`.
[ -f edge/.dev.vars ] || cp edge/dev.vars.example edge/.dev.vars

step "done: $(du -sh "$SITE_DIR" | cut -f1) of static files in build/site"
