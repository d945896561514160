// A locale's index as the worker serves it, saved where the `faq` CLI reads it: format 3's parts
// (faq-data/FORMAT.md) under their native names beside the core.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file a manifest entry names: the core, the postings and article chunks, the bodies. */
export function entryFiles(entry) {
  return [entry.core, ...entry.postings, ...entry.docs, entry.bodies];
}

/** Saves `entry`'s parts, fetched from the worker `w`, in `dir` as `<locale>.core`, `.p<n>`,
 * `.d<n>` and `.bodies`; returns the core's path (`faq search --index <path>`). */
export async function saveIndex(w, locale, entry, dir) {
  mkdirSync(dir, { recursive: true });
  const parts = [[entry.core, 'core'], ...entry.postings.map((n, i) => [n, `p${i}`]), ...entry.docs.map((n, i) => [n, `d${i}`]), [entry.bodies, 'bodies']];
  for (const [name, part] of parts) {
    const file = await w.mf.dispatchFetch(`${w.base}/index/${name}`);
    assert.equal(file.status, 200, name);
    writeFileSync(join(dir, `${locale}.${part}`), Buffer.from(await file.arrayBuffer()));
  }
  return join(dir, `${locale}.core`);
}
