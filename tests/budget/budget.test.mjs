// The size budget from the widget issue. Sizes are deterministic, so this guards them exactly;
// raising a budget is a decision for the issue, not a quiet edit here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parts, firstOpen } from './sizes.mjs';

const LOADER_BROTLI = 4 * 1024;
const FIRST_OPEN_BROTLI = 130 * 1024;

test('the loader stays within 4 KB brotli', () => {
  const loader = parts()['loader (embed.js)'];
  assert.ok(loader.brotli <= LOADER_BROTLI, `embed.js is ${loader.brotli} B brotli`);
});

test('the first open (wasm + glue + CSS) stays within 130 KB brotli', () => {
  const total = firstOpen(parts());
  assert.ok(total <= FIRST_OPEN_BROTLI, `first open is ${total} B brotli`);
});
