#!/usr/bin/env bash
# Copies each built index part to a name that stands for its content, served as immutable, and
# writes manifest.json, the one short-lived file that names the current parts per locale:
#   {"zh-cn": {"core": "zh-cn.<hash>.core", "postings": ["zh-cn.<build>.p0", …],
#              "docs": ["zh-cn.<build>.d0", …], "bodies": "zh-cn.<hash>.bodies"}}
# <hash> is the first 16 hex digits of the file's SHA-256 (the core keeps the bodies'), <build>
# the build id every chunk of the build carries (bytes 12–19 of each part's header), as
# faq_data::published_name has them (faq-data/FORMAT.md). Each core is also copied to
# `<locale>.core`, the name a widget starts from (the core names every other part); a static
# host serves it short-lived, as the edge does (edge/src/help_center/serve.rs).
set -euo pipefail
from="$1" to="$2"
mkdir -p "$to"
publish() { # file [key] → its published name, by its SHA-256 unless a key is given
  local name key
  name="$(basename "$1")"
  key="${2:-$(sha256sum "$1" | cut -c1-16)}"
  cp "$1" "$to/${name%.*}.$key.${name##*.}"
  printf '%s' "${name%.*}.$key.${name##*.}"
}
list() { # locale kind build → JSON array of the published chunks, in chunk order
  local n=0 sep="" out="["
  while [ -f "$from/$1.$2$n" ]; do
    out="$out$sep\"$(publish "$from/$1.$2$n" "$3")\""
    sep="," n=$((n + 1))
  done
  printf '%s]' "$out"
}
manifest="{"
sep=""
for core in "$from"/*.core; do
  locale="$(basename "$core" .core)"
  build="$(od -An -tx1 -j12 -N8 "$core" | tr -d ' \n')"
  cp "$core" "$to/$locale.core"
  manifest="$manifest$sep\"$locale\":{\"core\":\"$(publish "$core")\",\"postings\":$(list "$locale" p "$build"),\"docs\":$(list "$locale" d "$build"),\"bodies\":\"$(publish "$from/$locale.bodies")\"}"
  sep=","
done
printf '%s}\n' "$manifest" > "$to/manifest.json"
