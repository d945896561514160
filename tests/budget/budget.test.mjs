// The size budget from the widget issue. Sizes are deterministic, so this guards them exactly.
//
// The first-open target (130 KB brotli) is NOT met: the whole app is one Yew module of ~205 KB
// brotli (breakdown and what splitting would take: BENCHMARKS.md, "Widget size"). Until it is,
// the ceiling below holds the measured size (+1%) so the gap cannot quietly grow; lowering it
// is the work, raising it is a decision for the issue, never a quiet edit here. Raised twice,
// openly (BENCHMARKS.md, issue 4): 190 → 200 KB for the live-chat client, 200 → 215 KB for
// index format 2, whose reader builds the term dictionary from a checked term list (a forged
// fst could panic the fst crate). Lowered 215 → 203 KB when wasm-opt stopped inlining large
// one-caller functions (first open 217,353 → 205,504 B; ~2.3 KB headroom). Raised 203 → 206 KB,
// openly (issue 12, left open for it): reading the edge's answers strictly through `wire` and its
// serde-free codec, where a missing field the widget uses is an error instead of "" or 0, costs
// the widget 4.1 KB brotli (first open 206,324 → 210,440 B, plus 250 B for this stop's other
// widget changes); read views and shared helpers took back 1.2 KB of it (BENCHMARKS.md).
// Raised 206 → 212 KB, openly (issue 13), for index format 3: the reader of a core and its
// chunks, and the SHA-256 it checks every part against so that a forged or misnamed chunk cannot
// change an answer (first open 210,440 → 214,821 B, of which SHA-256 ~1.8 KB), then fetching
// chunks on demand (215,906 B); issue 13's search-first module is where this comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parts, firstOpen } from './sizes.mjs';

const LOADER_BROTLI = 4 * 1024;
const FIRST_OPEN_TARGET = 130 * 1024;
const FIRST_OPEN_CEILING = 212 * 1024;

test('the loader stays within 4 KB brotli', () => {
  const loader = parts()['loader (embed.js)'];
  assert.ok(loader.brotli <= LOADER_BROTLI, `embed.js is ${loader.brotli} B brotli`);
});

test('the first open (wasm + glue + CSS) does not grow past the ceiling while the target is missed', (t) => {
  const total = firstOpen(parts());
  t.diagnostic(`first open: ${total} B brotli; target ${FIRST_OPEN_TARGET} B (${total <= FIRST_OPEN_TARGET ? 'met' : 'missed'})`);
  assert.ok(total <= FIRST_OPEN_CEILING, `first open is ${total} B brotli, over the ${FIRST_OPEN_CEILING} B ceiling`);
});
