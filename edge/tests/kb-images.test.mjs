// Articles' images from the help host: an editor uploads one, told by its bytes (a PNG sent as
// anything is a PNG; an SVG or a page called image/png is refused), within the size and
// dimension limits (413 / 422, nothing stored), stored once by content, and served to anyone at
// /kb-images/<name> as its own type, immutable, with nosniff.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startWorker } from './support/worker.mjs';

// A real 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
let w;
let ed;
let admin;

const send = (person, bytes, type = 'image/png') =>
  w.call('/api/v1/kb/images', { method: 'POST', raw: bytes, headers: { authorization: `Bearer ${person.token}`, 'content-type': type } });

before(async () => {
  w = await startWorker({ rateLimitScale: 1000, agents: [['Ed Editor', 'general', ['editor']], ['Ada Admin', 'general', ['admin']]] });
  [ed, admin] = w.agents;
});
after(() => w?.dispose());

test('an uploaded image is served from the help host by its content, immutable', async () => {
  const r = await send(ed, PNG, 'application/octet-stream');
  assert.equal(r.status, 201, r.text);
  assert.match(r.json.name, /^[0-9a-f]{16}\.png$/);
  assert.equal(r.json.url, `http://127.0.0.1:8787/kb-images/${r.json.name}`);
  assert.deepEqual([r.json.width, r.json.height, r.json.bytes], [1, 1, PNG.length]);
  const again = await send(ed, PNG);
  assert.equal(again.json.name, r.json.name, 'the same bytes, the same name');
  const served = await w.mf.dispatchFetch(`${w.base}/kb-images/${r.json.name}`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'image/png');
  assert.equal(served.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(served.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(Buffer.from(await served.arrayBuffer()).equals(PNG));
  const audit = await w.call('/api/v1/audit?action=image_uploaded', { headers: { authorization: `Bearer ${admin.token}` } });
  assert.deepEqual(audit.json.entries.map((e) => [e.actor_name, e.target, e.detail.size]), [['Ed Editor', r.json.name, '1x1'], ['Ed Editor', r.json.name, '1x1']]);
});

test('what is not an image by its bytes, too heavy or too large is refused and not stored', async () => {
  for (const fake of ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', '<html><script>alert(1)</script></html>', 'GIF8']) {
    const r = await send(ed, Buffer.from(fake));
    assert.equal(r.status, 422, r.text);
    assert.equal(r.json.error.field, 'image');
    assert.match(r.json.error.message, /only PNG, JPEG, GIF or WebP/);
  }
  const heavy = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]);
  const tooHeavy = await send(ed, heavy);
  assert.equal(tooHeavy.status, 413, tooHeavy.text);
  assert.equal(tooHeavy.json.error.code, 'payload_too_large');
  const wide = Buffer.from(PNG);
  wide.writeUInt32BE(4096, 16);
  const tooWide = await send(ed, wide);
  assert.equal(tooWide.status, 422);
  assert.match(tooWide.json.error.message, /at most 2048×2048 pixels \(4096×1 given\): shrink it first/);
  const bucket = await w.mf.getR2Bucket('HELP_CENTER');
  assert.equal((await bucket.list({ prefix: 'images/' })).objects.length, 1, 'only the one real image');
  for (const name of ['0123456789abcdef.png', 'x.png', '0123456789abcdef.svg', '..%2Fsecret']) {
    const missing = await w.call(`/kb-images/${name}`);
    assert.equal(missing.status, 404, name);
  }
});
