#!/usr/bin/env bash
# Copies each built index to a content-hash file name (served as immutable) and writes
# manifest.json, the one short-lived file that says which hash is current per locale.
set -euo pipefail
from="$1" to="$2"
mkdir -p "$to"
manifest="{"
sep=""
for idx in "$from"/*.idx; do
  locale="$(basename "$idx" .idx)"
  hash="$(sha256sum "$idx" | cut -c1-16)"
  cp "$idx" "$to/$locale.$hash.idx"
  manifest="$manifest$sep\"$locale\":\"$locale.$hash.idx\""
  sep=","
done
printf '%s}\n' "$manifest" > "$to/manifest.json"
