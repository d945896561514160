#!/usr/bin/env bash
# Installs what the project needs, from package registries only (rustup, crates.io, Debian, npm,
# PyPI),
# each pinned. Idempotent: what is already there at the pinned version is skipped.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

step() { printf '\n== %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup: wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  step "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: its lockfile pins a crate the registry no longer resolves (TOOLCHAIN.md).
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if ! worker-build --version 2>/dev/null | grep -q "$WORKER_BUILD_VERSION"; then
  step "cargo install worker-build $WORKER_BUILD_VERSION"
  cargo install worker-build --version "=$WORKER_BUILD_VERSION" --locked --force
fi

# Chromium and its driver for browser tests; a CJK font so zh-CN pages render (and screenshot)
# as users see them, not as empty boxes.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! fc-list :lang=zh | grep -q .; then
  step "apt-get install chromium chromium-driver fonts-noto-cjk"
  as_root=""
  [ "$(id -u)" = 0 ] || as_root="sudo"
  $as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq chromium chromium-driver fonts-noto-cjk
fi

# npm ci only when the lockfile changed since the last install.
if ! cmp -s package-lock.json node_modules/.setup-lock 2>/dev/null; then
  step "npm ci"
  npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.setup-lock
fi

# schemathesis (the OpenAPI contract check, tests/contract/) and its imports, pinned exactly,
# in a project-local virtualenv; Debian's python3 needs python3-venv for `python3 -m venv`.
SCHEMATHESIS_VERSION="$(sed -n 's/^schemathesis==//p' tests/contract/requirements.txt)"
if ! .venv/bin/st --version 2>/dev/null | grep -qx "st, version $SCHEMATHESIS_VERSION"; then
  step "pip install schemathesis $SCHEMATHESIS_VERSION (.venv)"
  if ! python3 -c 'import ensurepip, venv' 2>/dev/null; then
    as_root=""
    [ "$(id -u)" = 0 ] || as_root="sudo"
    $as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq python3-venv
  fi
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/contract/requirements.txt
fi
