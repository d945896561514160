#!/usr/bin/env bash
# Copies each built index part to a content-hash name, served as immutable, and writes
# manifest.json, the one short-lived file that names the current parts per locale:
#   {"zh-cn": {"core": "zh-cn.<hash>.core", "postings": ["zh-cn.<hash>.p0", …],
#              "docs": ["zh-cn.<hash>.d0", …], "bodies": "zh-cn.<hash>.bodies"}}
# The hash is the first 16 hex digits of the file's SHA-256, the same the core keeps for each
# of its chunks (faq-data/FORMAT.md), so a reader can check that a name fits the core. Each
# core is also copied to `<locale>.core`, the name a widget starts from (the core names every
# other part); a static host serves it short-lived, as the edge does (edge/src/help_center/serve.rs).
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
list() { # locale kind → JSON array of the published chunks, in chunk order
  local n=0 sep="" out="["
  while [ -f "$from/$1.$2$n" ]; do
    out="$out$sep\"$(publish "$from/$1.$2$n")\""
    sep="," n=$((n + 1))
  done
  printf '%s]' "$out"
}
manifest="{"
sep=""
for core in "$from"/*.core; do
  locale="$(basename "$core" .core)"
  cp "$core" "$to/$locale.core"
  manifest="$manifest$sep\"$locale\":{\"core\":\"$(publish "$core")\",\"postings\":$(list "$locale" p),\"docs\":$(list "$locale" d),\"bodies\":\"$(publish "$from/$locale.bodies")\"}"
  sep=","
done
printf '%s}\n' "$manifest" > "$to/manifest.json"
