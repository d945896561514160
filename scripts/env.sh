# Sourced by the other scripts: one place for paths, pinned versions and the offline settings.
# shellcheck shell=bash
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# Tools installed by setup.sh: cargo-installed CLIs, then npm's (binaryen's wasm-opt must win over
# any older Debian one, see TOOLCHAIN.md).
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# The one wasm-bindgen version: the crate pin in Cargo.toml is the source of truth.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' "$ROOT/Cargo.toml")"
WORKER_BUILD_VERSION="0.8.7"
export WASM_BINDGEN_VERSION WORKER_BUILD_VERSION

# worker-build would download these; point it at the pinned local copies instead (setup.sh has
# checked that the wasm-bindgen on PATH is the pinned one).
WASM_BINDGEN_BIN="$(command -v wasm-bindgen || true)"
export WASM_BINDGEN_BIN
export WASM_OPT_BIN="$ROOT/node_modules/.bin/wasm-opt"
export ESBUILD_BIN="$ROOT/node_modules/.bin/esbuild"

# wrangler stays off the network: no metrics, no error reports, no update check.
export WRANGLER_SEND_METRICS=false
export WRANGLER_SEND_ERROR_REPORTS=false
export WRANGLER_HIDE_BANNER=true
export CLOUDFLARE_CF_FETCH_ENABLED=false

# Everything the build produces lands here (git-ignored); the worker serves build/site.
export BUILD_DIR="$ROOT/build"
export SITE_DIR="$BUILD_DIR/site"
export DEV_PORT="${DEV_PORT:-8787}"
