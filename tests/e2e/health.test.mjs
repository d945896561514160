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
