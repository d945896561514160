// The size budget from the widget issues. Sizes are deterministic, so this guards them exactly.
//
// The first-open target (130 KB brotli) is NOT met. Since issue 13 the widget is two modules: the
// search-first module (search, results, browse, articles, the Ask bot) loads on idle or intent,
// and the desk module (ticket form, My requests, chat, callback, ratings) after a first answer or
// on first use. The first open fell from 210,691 to 185,792 B; a second Yew module carries its
// own copy of Yew and std, so the desk module weighs 111,797 B (with issue 14's "Download my
// data", +1.8 KB) where those screens cost ~26 KB inside one module (BENCHMARKS.md, "Widget
// size"). Raised 183 → 186 KiB, openly, for the Ask bot's clarifying question and its kept
// conversation (issue 16: first open 185,792 → 189,995 B), then 186 → 193 KiB, openly, for index
// format 3's reader and fetching chunks on demand (issue 13: 189,995 → 196,174 B), then 193 → 198
// KiB, openly, for the writing signals' escalation model (issue 16: 195,564 → 202,061 B; out of
// fold it lifts escalation recall 0.638 → 0.702, F1 0.769 → 0.805), then 198 → 199 KiB, openly,
// for the reader's comment after a "not helpful" vote (issue 15: 202,061 → 202,757 B), then
// 199 → 200 KiB, openly, for near matches of Chinese synonym members (issue 16: out of fold
// MRR@5 0.799 → 0.803, zh-cn colloquial 0.623 → 0.702) and index requests that leave while a
// screen renders (issue 13: the first chunks ~30 ms sooner): 202,700 → 204,202 B, then 200 → 202
// KiB, openly, for searching the term list before its fst is built (issue 13: a cold first
// answer at 10,000 articles p50 262 → 238 ms in an A/B of 40 runs each): 204,219 → 205,986 B. The desk
// module's ceiling was raised 110 → 111.5 KiB, openly, for issue 17's chat transcript by mail
// (112,262 → 113,700 B: the address field at the chat's end +1,056 B, the callback form's time
// zone +125 B, the wire's new mail kinds and fields, browser-kit's fetch shared with the
// console's downloads). Lowered 202 → 180 KiB when the parts' CRC-32 came from a 1 KB table
// instead of crc32fast's 16 KB and one sort replaced sixteen copies of std's (issue 13:
// 206,277 B, rebuilt → 182,395 B); the same two changes cost the desk module +602 B, so its
// ceiling went 111.5 → 112.5 KiB, openly (113,932 → 114,534 B). Lowered 180 → 152.5 KiB when
// searches walked the term list instead of an fst built from it (no faster; fst's builder and
// its CRC-32C tables: 182,395 → 154,773 B). Raised 152.5 → 153 KiB, openly (issue 13): format
// 5's reader took it to 156,137 B, 23 B under; the ticket form's fix (no category guessed from
// an unsure search) to 156,182 B, over; format 6's hash-tree check to 156,211 B, where the
// 10,000-article first answer's index loses 7.1 KB at the median. Each ceiling holds the
// measured size (+1%) so
// neither can quietly grow; lowering them is the work, raising one is a decision for an issue,
// never a quiet edit here. History of the single module's ceiling: 190 → 200 → 215 → 203 → 206 KiB
// (BENCHMARKS.md); index format 3's reader (a core and its chunks, each checked against its
// SHA-256 so that a forged or misnamed chunk cannot change an answer) and fetching chunks on
// demand cost the single module +4.9 KB (210,440 → 215,906 B) before the split.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parts, firstOpen, deskModule } from './sizes.mjs';

const LOADER_BROTLI = 4 * 1024;
const FIRST_OPEN_TARGET = 130 * 1024;
const FIRST_OPEN_CEILING = 153 * 1024;
const DESK_MODULE_CEILING = 112.5 * 1024;

test('the loader stays within 4 KB brotli', () => {
  const loader = parts()['loader (embed.js)'];
  assert.ok(loader.brotli <= LOADER_BROTLI, `embed.js is ${loader.brotli} B brotli`);
});

test('the first open (wasm + glue + CSS) does not grow past the ceiling while the target is missed', (t) => {
  const total = firstOpen(parts());
  t.diagnostic(`first open: ${total} B brotli; target ${FIRST_OPEN_TARGET} B (${total <= FIRST_OPEN_TARGET ? 'met' : 'missed'})`);
  assert.ok(total <= FIRST_OPEN_CEILING, `first open is ${total} B brotli, over the ${FIRST_OPEN_CEILING} B ceiling`);
});

test('the desk module (loaded on first use) does not grow past its ceiling', (t) => {
  const total = deskModule(parts());
  t.diagnostic(`desk module: ${total} B brotli`);
  assert.ok(total <= DESK_MODULE_CEILING, `the desk module is ${total} B brotli, over the ${DESK_MODULE_CEILING} B ceiling`);
});
