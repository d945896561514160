// Who may call from which page, and how often.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { newTicket, startWorker } from './support/worker.mjs';

let w;
// TicketCreate allows 10 a minute; 0.3 makes it 3 so the test stays short.
before(async () => { w = await startWorker({ rateLimitScale: 0.3, agents: [['Li Wei', 'general']] }); });
after(() => w?.dispose());

describe('CORS', () => {
  test('a preflight from an allowed origin (any 127.0.0.1 port) is answered with its origin', async () => {
    for (const origin of ['http://127.0.0.1:43127', 'http://localhost:8787']) {
      const r = await w.call('/api/v1/tickets?site=demo', {
        method: 'OPTIONS', contract: false,
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key, x-requester-token' },
      });
      assert.equal(r.status, 204);
      assert.equal(r.headers.get('access-control-allow-origin'), origin);
      assert.match(r.headers.get('access-control-allow-headers'), /idempotency-key/);
      assert.match(r.headers.get('vary'), /origin/i);
    }
  });

  test('an actual cross-origin call from an allowed origin can read the answer', async () => {
    const origin = 'http://127.0.0.1:50000';
    const r = await w.call('/api/v1/tickets?site=demo', { headers: { origin, 'x-requester-token': 'x' } });
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('access-control-allow-origin'), origin);
  });

  test('other origins, agent routes and unknown sites get no CORS and a 403', async () => {
    const cases = [
      ['/api/v1/tickets?site=demo', 'https://evil.example'],
      ['/api/v1/tickets?site=demo', 'http://localhost:9999'],
      ['/api/v1/tickets?site=nope', 'http://127.0.0.1:5000'],
      ['/api/v1/agent/tickets', 'http://127.0.0.1:5000'],
    ];
    for (const [path, origin] of cases) {
      for (const method of ['OPTIONS', 'GET']) {
        const r = await w.call(path, { method, headers: { origin }, contract: false });
        assert.equal(r.status, 403, `${method} ${path} from ${origin}`);
        assert.equal(r.headers.get('access-control-allow-origin'), null);
        assert.equal(r.json.error.code, 'forbidden');
      }
    }
  });
});

describe('rate limits', () => {
  test('the fourth ticket in a minute from one client is refused with Retry-After; other clients and routes are not', async () => {
    const client = { 'cf-connecting-ip': '203.0.113.7' };
    const answers = [];
    for (let i = 0; i < 4; i++) {
      answers.push(await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket(), headers: client }));
    }
    assert.deepEqual(answers.map((a) => a.status), [201, 201, 201, 429]);
    const limited = answers[3];
    assert.equal(limited.json.error.code, 'rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
    const other = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket(), headers: { 'cf-connecting-ip': '203.0.113.8' } });
    assert.equal(other.status, 201);
    const read = await w.call('/api/v1/tickets?site=demo', { headers: { ...client, 'x-requester-token': answers[0].json.requester_token } });
    assert.equal(read.status, 200);
  });
});

describe('body size', () => {
  test('a chunked body with no Content-Length is refused at the limit, not read to its end first', async () => {
    // Written straight to the worker's socket (node:http) in chunks, with no length: 512 KiB,
    // past the limit and the little more the worker drains, then the body stays open. A worker
    // that read the body to its end before checking its size would never answer; one that
    // stops answers 413 at once.
    const answer = new Promise((resolve, reject) => {
      const req = request(`${w.base}/api/v1/tickets?site=demo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked', 'cf-connecting-ip': '203.0.113.9' },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => { text += d; });
        res.on('end', () => { req.destroy(); resolve({ status: res.statusCode, body: JSON.parse(text) }); });
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i += 1) req.write(Buffer.alloc(64 * 1024, 'x'));
    });
    const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no answer while the body was still open')), 5000).unref());
    const { status, body } = await Promise.race([answer, timeout]);
    assert.equal(status, 413);
    assert.equal(body.error.code, 'payload_too_large');
  });
});
