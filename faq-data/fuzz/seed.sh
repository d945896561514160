#!/usr/bin/env bash
# Seeds for the index_decoder fuzz target: real indexes built by `faq build`, each a core and
# its parts framed as the target reads them (u32 core length, core, then per part u8 kind,
# u32 number, u32 length, bytes): both locales of the demo content, whole and cut down to one
# section.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
faq="${FAQ:-${CARGO_TARGET_DIR:-$repo/target}/release/faq}"
corpus="$here/corpus/index_decoder"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -x "$faq" ] || (cd "$repo" && cargo build --release -p faq-data --bin faq)
mkdir -p "$corpus"

u32() { # little-endian
  printf "$(printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255)))"
}
frame() { # dir locale → the framed seed on stdout
  local dir="$1" locale="$2" part kind number
  u32 "$(stat -c %s "$dir/$locale.core")"
  cat "$dir/$locale.core"
  for part in "$dir/$locale".p* "$dir/$locale".d* "$dir/$locale.bodies"; do
    case "$part" in
      *.bodies) kind=2 number=0 ;;
      *.p*) kind=0 number="${part##*.p}" ;;
      *) kind=1 number="${part##*.d}" ;;
    esac
    printf "$(printf '\\x%02x' "$kind")"
    u32 "$number"
    u32 "$(stat -c %s "$part")"
    cat "$part"
  done
}

"$faq" build "$repo/faq-data/content" --out "$work/full" >/dev/null 2>&1
for core in "$work"/full/*.core; do
  locale="$(basename "$core" .core)"
  frame "$work/full" "$locale" > "$corpus/seed-$locale"
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
  frame "$work/small-$locale-out" "$locale" > "$corpus/seed-small-$locale"
done

ls -l "$corpus"
