// The demo content imported into D1 (kb-import, as the run command's seed does) and published at
// the edge is the same help center as the static build: the files the worker builds into R2 are
// byte for byte `faq build`'s, and every query of the dev set is answered alike (the real
// `faq search` over both).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { KB_IMPORT, edgeDir, importDemoContent, startWorker } from './support/worker.mjs';
import { entryFiles, saveIndex } from './support/index-files.mjs';

const root = resolve(edgeDir, '..');
const FAQ = resolve(root, 'target/release/faq');
const STATIC = resolve(root, 'build/site/index');
let w;
let scratch;

before(async () => {
  for (const path of [FAQ, KB_IMPORT, STATIC]) assert.ok(existsSync(path), `${path} (scripts/build.sh, cargo build --release -p kb)`);
  scratch = mkdtempSync(join(tmpdir(), 'kb-import-'));
  w = await startWorker({ agents: [['Ed Editor', 'general', ['editor']]], rateLimitScale: 1000 });
  await importDemoContent(w);
});
after(async () => {
  await w?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

/** Top five ids for each query, from the index file at `path`. */
function answers(path, queries) {
  const out = execFileSync(FAQ, ['search', '--index', path, '--jsonl'], { input: `${queries.join('\n')}\n`, maxBuffer: 64 << 20 }).toString();
  return out.trim().split('\n').map((line) => JSON.parse(line).results.slice(0, 5).map((r) => r.id));
}

test('before any publish the manifest is the static build; the imported articles are listed for editors', async () => {
  const manifest = (await w.call('/index/manifest.json')).json;
  const built = JSON.parse(readFileSync(join(STATIC, 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest, built);
  const listed = await w.call('/api/v1/kb/articles?locale=en-us', { headers: { authorization: `Bearer ${w.agents[0].token}` } });
  assert.equal(listed.json.articles.length, readdirSync(resolve(root, 'faq-data/content/en-us'), { recursive: true }).filter((f) => String(f).endsWith('.md')).length);
  assert.ok(listed.json.articles.every((a) => a.status === 'published' && a.live_version === 1 && a.format === 'html'));
});

test('published at the edge, the imported content answers every dev query as the static build does', async () => {
  const queries = readFileSync(resolve(root, 'faq-data/content/queries-dev.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const built = JSON.parse(readFileSync(join(STATIC, 'manifest.json'), 'utf8'));
  for (const locale of ['zh-cn', 'en-us']) {
    const r = await w.call(`/api/v1/kb/publications/${locale}`, { method: 'POST', headers: { authorization: `Bearer ${w.agents[0].token}` } });
    assert.equal(r.status, 200, r.text);
    const bucket = await w.mf.getR2Bucket('HELP_CENTER');
    for (const name of entryFiles(r.json.files)) {
      assert.ok(await bucket.head(`index/${name}`), `${name} was built at the edge into R2`);
    }
    // Named by content: the worker's build of the imported records is byte for byte `faq build`'s.
    assert.deepEqual(r.json.files, built[locale]);
    const path = await saveIndex(w, locale, r.json.files, join(scratch, locale));
    const asked = queries.filter((q) => q.locale === locale).map((q) => q.q);
    assert.ok(asked.length > 20, `${asked.length} ${locale} queries`);
    const fromEdge = answers(path, asked);
    const fromStatic = answers(resolve(root, 'build/index', `${locale}.core`), asked);
    const differ = asked.filter((_, i) => fromEdge[i].join() !== fromStatic[i].join());
    assert.deepEqual(differ, [], `${locale}: queries answered differently`);
  }
});
