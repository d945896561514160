// Static files through the real assets binding with edge/assets-headers as `_headers`: cache
// lifetimes, CORS for cross-origin embedding, content types, ETags and compression.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { edgeDir } from './support/worker.mjs';

let mf;
let site;
let base;
// The smallest valid wasm module: magic and version.
const WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'help-site-'));
  mkdirSync(join(site, 'index'));
  mkdirSync(join(site, 'widget'));
  copyFileSync(join(edgeDir, 'assets-headers'), join(site, '_headers'));
  writeFileSync(join(site, 'index', 'zh-cn.0123456789abcdef.idx'), Buffer.alloc(4096, 7));
  writeFileSync(join(site, 'index', 'manifest.json'), JSON.stringify({ 'zh-cn': 'zh-cn.0123456789abcdef.idx' }));
  writeFileSync(join(site, 'widget', 'help_widget_bg.wasm'), WASM);
  writeFileSync(join(site, 'widget', 'help-widget.js'), 'export default 1;\n'.repeat(200));
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(edgeDir, 'wrangler.toml'), undefined, {
    overrides: { assets: { directory: site } },
  });
  mf = new Miniflare({
    ...workerOptions,
    modules: true,
    scriptPath: join(edgeDir, 'build/index.js'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
  });
  base = (await mf.ready).toString().replace(/\/$/, '');
});
after(async () => {
  await mf?.dispose();
  rmSync(site, { recursive: true, force: true });
});

const get = (path, headers = {}) => mf.dispatchFetch(`${base}${path}`, { headers });

test('index files are immutable for a year and readable from any origin', async () => {
  const r = await get('/index/zh-cn.0123456789abcdef.idx');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(r.headers.get('access-control-allow-origin'), '*');
  assert.equal(r.headers.get('content-type'), 'application/octet-stream');
  // A CDN compresses only the text-like types it lists: the worker has the runtime compress these
  // (Miniflare hands the body decoded and the header renamed).
  assert.equal(r.headers.get('mf-content-encoding'), 'br');
  assert.equal(r.headers.get('vary'), 'accept-encoding');
  assert.equal((await r.arrayBuffer()).byteLength, 4096);
});

test('the manifest is kept for seconds only (a publish at the edge shows within them)', async () => {
  const r = await get('/index/manifest.json');
  assert.equal(r.headers.get('cache-control'), 'public, max-age=5');
  assert.deepEqual(await r.json(), { 'zh-cn': 'zh-cn.0123456789abcdef.idx' }, 'the static build, nothing published');
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.headers.get('access-control-allow-origin'), '*');
});

test('the widget is served cross-origin, its wasm as application/wasm', async () => {
  const wasm = await get('/widget/help_widget_bg.wasm');
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.equal(wasm.headers.get('access-control-allow-origin'), '*');
  const js = await get('/widget/help-widget.js');
  assert.match(js.headers.get('content-type'), /javascript/);
  assert.equal(js.headers.get('access-control-allow-origin'), '*');
});

test('assets carry an ETag and answer a matching If-None-Match with 304', async () => {
  const first = await get('/index/zh-cn.0123456789abcdef.idx');
  const etag = first.headers.get('etag');
  assert.ok(etag, 'an ETag');
  const again = await get('/index/zh-cn.0123456789abcdef.idx', { 'if-none-match': etag });
  assert.equal(again.status, 304);
});

test('the API is not affected by the static headers', async () => {
  const r = await get('/api/v1/nothing');
  assert.equal(r.status, 404);
  assert.equal(r.headers.get('access-control-allow-origin'), null);
});
