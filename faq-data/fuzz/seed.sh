#!/usr/bin/env bash
# Seeds for the index_decoder fuzz target: real indexes built by `faq build`, each written as
# its .idx file followed by its .bodies file: both locales of the demo content, whole and cut
# down to one section.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
faq="${FAQ:-${CARGO_TARGET_DIR:-$repo/target}/release/faq}"
corpus="$here/corpus/index_decoder"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -x "$faq" ] || (cd "$repo" && cargo build --release -p faq-data --bin faq)
mkdir -p "$corpus"

"$faq" build "$repo/faq-data/content" --out "$work/full" >/dev/null 2>&1
for idx in "$work"/full/*.idx; do
  locale="$(basename "$idx" .idx)"
  cat "$idx" "$work/full/$locale.bodies" > "$corpus/seed-$locale"
done

# One section of each locale, with its editor data: small indexes the fuzzer mutates quickly.
for locale_dir in "$repo"/faq-data/content/*/; do
  locale="$(basename "$locale_dir")"
  small="$work/small-$locale/$locale"
  mkdir -p "$small/c/s"
  cp -r "$locale_dir/_data" "$small/"
  category="$(ls -d "$locale_dir"0*/ | head -n 1)"
  section="$(ls -d "$category"0*/ | head -n 1)"
  cp "$category/_category.toml" "$small/c/"
  cp "$section"/* "$small/c/s/"
  "$faq" build "$work/small-$locale" --out "$work/small-$locale-out" >/dev/null 2>&1
  cat "$work/small-$locale-out/$locale.idx" "$work/small-$locale-out/$locale.bodies" > "$corpus/seed-small-$locale"
done

ls -l "$corpus"
