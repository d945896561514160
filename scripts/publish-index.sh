#!/usr/bin/env bash
# Copies each built index part (<locale>.idx: titles and terms, <locale>.bodies: article bodies)
# to a content-hash name, served as immutable, and writes manifest.json, the one short-lived
# file that names the current parts per locale.
set -euo pipefail
from="$1" to="$2"
mkdir -p "$to"
publish() { # file → hashed name
  local name hash
  name="$(basename "$1")"
  hash="$(sha256sum "$1" | cut -c1-16)"
  cp "$1" "$to/${name%.*}.$hash.${name##*.}"
  printf '%s' "${name%.*}.$hash.${name##*.}"
}
manifest="{"
sep=""
for idx in "$from"/*.idx; do
  locale="$(basename "$idx" .idx)"
  index="$(publish "$idx")"
  bodies="$(publish "$from/$locale.bodies")"
  manifest="$manifest$sep\"$locale\":{\"index\":\"$index\",\"bodies\":\"$bodies\"}"
  sep=","
done
printf '%s}\n' "$manifest" > "$to/manifest.json"
