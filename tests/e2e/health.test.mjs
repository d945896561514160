import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEdge } from './support/edge.mjs';

let edge;
before(async () => { edge = await startEdge(); });
after(async () => { await edge?.stop(); });

test('the worker answers health with D1 reachable and migrated', async () => {
  const response = await fetch(`${edge.url}/api/v1/health`);
  assert.equal(response.status, 200);
  const body = await response.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.d1, 'ok');
  assert.ok(body.migrations >= 1, `applied migrations: ${body.migrations}`);
});

test('an unknown API route is a JSON 404, not a crash', async () => {
  const response = await fetch(`${edge.url}/api/v1/no-such-route`);
  assert.equal(response.status, 404);
  const body = await response.json();
  assert.equal(body.error.code, 'not_found');
});

test('the built FAQ indexes are served by content hash, immutable, named by the manifest', async () => {
  const manifest = await (await fetch(`${edge.url}/index/manifest.json`)).json();
  for (const locale of ['zh-cn', 'en-us']) {
    const { core, postings, docs, bodies } = manifest[locale];
    assert.ok(postings.length > 0 && docs.length > 0, `${locale} has chunks`);
    for (const name of [core, ...postings, ...docs, bodies]) {
      assert.match(name, new RegExp(`^${locale}\\.[0-9a-f]{16}\\.(core|p\\d+|d\\d+|bodies)$`));
      const response = await fetch(`${edge.url}/index/${name}`);
      assert.equal(response.status, 200, name);
      assert.match(response.headers.get('cache-control'), /immutable/);
      // Compressed by the worker: a CDN leaves `application/octet-stream` as it is.
      assert.equal(response.headers.get('content-encoding'), 'br', name);
      // The part itself, not an error page: every index file opens with its kind's magic.
      const kind = { core: 'COR', bodies: 'BDY', p: 'PST', d: 'DOC' }[name.split('.').pop().replace(/\d+$/, '')];
      assert.equal(Buffer.from(await response.arrayBuffer()).subarray(0, 8).toString('latin1'), `GXFAQ${kind}`, name);
    }
  }
});
