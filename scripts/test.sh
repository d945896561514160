#!/usr/bin/env bash
# Runs every test: native unit and integration tests, wasm tests in headless Chromium, worker
# tests under workerd, and browser end-to-end tests against `wrangler dev`.
set -euo pipefail
source "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
cd "$ROOT"

step() { printf '\n== %s\n' "$*"; }

step "native tests (cargo test)"
cargo test --workspace --exclude edge --exclude widget

step "wasm tests in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p widget --target wasm32-unknown-unknown

step "worker tests under workerd (Miniflare)"
node --test --test-concurrency=1 edge/tests/

step "end-to-end tests in Chromium against wrangler dev"
node --test --test-concurrency=1 tests/e2e/
