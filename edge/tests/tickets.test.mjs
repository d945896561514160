// The requester's side: filing (idempotent), listing, reading and writing to tickets, with
// anonymous tokens and HMAC-verified users, and every refusal a requester can meet.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newTicket, startWorker, userHash } from './support/worker.mjs';

let w;
before(async () => { w = await startWorker({ rateLimitScale: 1000 }); });
after(() => w?.dispose());

const T = '/api/v1/tickets?site=demo';
const at = (id, rest = '') => `/api/v1/tickets/${id}${rest}?site=demo`;
const asUser = (id) => ({ 'x-user-id': id, 'x-user-hash': userHash(id) });

async function fileAnonymously(overrides) {
  const r = await w.call(T, { method: 'POST', body: newTicket(overrides) });
  assert.equal(r.status, 201, r.text);
  return { ticket: r.json.ticket, headers: { 'x-requester-token': r.json.requester_token } };
}

describe('filing', () => {
  test('an anonymous requester gets a ticket, a number and a token that reads it back', async () => {
    const { ticket, headers } = await fileAnonymously();
    assert.equal(ticket.status, 'new');
    assert.equal(ticket.department, 'technical');
    assert.ok(ticket.number >= 1);
    const again = await w.call(at(ticket.id), { headers });
    assert.equal(again.status, 200);
    assert.equal(again.json.description, '昨晚开始所有视频都卡在 99%');
  });

  test('a retry with the same Idempotency-Key returns the same ticket and token, never a second one', async () => {
    const key = { 'idempotency-key': `k-${Math.random()}` };
    const first = await w.call(T, { method: 'POST', body: newTicket(), headers: key });
    const retry = await w.call(T, { method: 'POST', body: newTicket(), headers: key });
    assert.equal(first.status, 201);
    assert.equal(retry.status, 200);
    assert.equal(retry.json.ticket.id, first.json.ticket.id);
    assert.equal(retry.json.requester_token, first.json.requester_token);
    const list = await w.call(T, { headers: { 'x-requester-token': first.json.requester_token } });
    assert.equal(list.json.tickets.length, 1);
  });

  test('concurrent retries with one key still make one ticket', async () => {
    const headers = { 'idempotency-key': `race-${Math.random()}`, ...asUser('racer') };
    const answers = await Promise.all([1, 2, 3, 4].map(() => w.call(T, { method: 'POST', body: newTicket(), headers })));
    assert.equal(new Set(answers.map((a) => a.json.ticket.id)).size, 1);
    const list = await w.call(T, { headers: asUser('racer') });
    assert.equal(list.json.tickets.length, 1);
  });

  test('a key reused for a different ticket is a conflict', async () => {
    const headers = { 'idempotency-key': `reuse-${Math.random()}` };
    await w.call(T, { method: 'POST', body: newTicket(), headers });
    const other = await w.call(T, { method: 'POST', body: newTicket({ subject: 'another' }), headers });
    assert.equal(other.status, 409);
    assert.equal(other.json.error.code, 'conflict');
  });

  test('the edge judges the words: a stolen account is urgent and goes to security, lost money to billing', async () => {
    const stolen = await fileAnonymously({ category: '账号管理', description: '我的账号被盗了，密码被人改了' });
    assert.deepEqual([stolen.ticket.priority, stolen.ticket.department], ['urgent', 'security']);
    const money = await fileAnonymously({
      category: 'Video playback', subject: 'Charged twice', description: 'I was charged twice for VIP and I am furious',
      context: { locale: 'en-us' },
    });
    assert.deepEqual([money.ticket.priority, money.ticket.department], ['urgent', 'billing']);
    // Transfers and their reasons are for agents only.
    assert.ok(!money.ticket.events.some((e) => e.type === 'department'));
  });

  test('a client claiming urgency for a calm request does not get it', async () => {
    const calm = await fileAnonymously({ context: { triage: ['account_stolen', 'urgent'] } });
    assert.deepEqual([calm.ticket.priority, calm.ticket.department], ['normal', 'technical']);
  });
});

describe('identity', () => {
  test('a verified user sees their tickets from the web and the app, and a second token holder does not', async () => {
    const user = `u-${Math.random()}`;
    for (const channel of ['web', 'app']) {
      const r = await w.call(T, { method: 'POST', body: newTicket({ channel }), headers: asUser(user) });
      assert.equal(r.status, 201);
      assert.equal(r.json.requester_token, undefined);
    }
    const mine = await w.call(T, { headers: asUser(user) });
    assert.deepEqual(mine.json.tickets.map((t) => t.channel).sort(), ['app', 'web']);
    const stranger = await fileAnonymously();
    const theirs = await w.call(T, { headers: stranger.headers });
    assert.ok(theirs.json.tickets.every((t) => !mine.json.tickets.some((m) => m.id === t.id)));
  });

  test('a spoofed user hash is refused', async () => {
    const spoof = { 'x-user-id': 'victim', 'x-user-hash': userHash('victim', 'guessed-secret') };
    for (const [method, path] of [['GET', T], ['POST', T]]) {
      const r = await w.call(path, { method, body: method === 'POST' ? newTicket() : undefined, headers: spoof });
      assert.equal(r.status, 401);
      assert.equal(r.json.error.code, 'unauthorized');
    }
    const noHash = await w.call(T, { headers: { 'x-user-id': 'victim' } });
    assert.equal(noHash.status, 401);
  });

  test('an unknown requester token, or none, cannot list', async () => {
    assert.equal((await w.call(T, { headers: { 'x-requester-token': 'made-up' } })).status, 401);
    assert.equal((await w.call(T)).status, 401);
  });

  test('another requester\'s ticket is "not found", exactly like a missing one', async () => {
    const victim = await fileAnonymously();
    const attacker = await fileAnonymously();
    const user = asUser('someone-else');
    for (const headers of [attacker.headers, user]) {
      const read = await w.call(at(victim.ticket.id), { headers });
      const write = await w.call(at(victim.ticket.id, '/messages'), { method: 'POST', body: { text: 'mine now' }, headers });
      const missing = await w.call(at('0'.repeat(32)), { headers });
      for (const r of [read, write, missing]) {
        assert.equal(r.status, 404);
        assert.deepEqual(r.json, missing.json);
      }
    }
  });
});

describe('the requester writes', () => {
  test('messages, then reopen and rating follow the ticket status', async () => {
    const { ticket, headers } = await fileAnonymously();
    const message = await w.call(at(ticket.id, '/messages'), { method: 'POST', body: { text: '补充：换了网络也一样' }, headers });
    assert.equal(message.status, 200);
    assert.equal(message.json.events.at(-1).text, '补充：换了网络也一样');
    const early = await w.call(at(ticket.id, '/reopen'), { method: 'POST', body: { text: 'again' }, headers });
    assert.equal(early.status, 422);
    const rateEarly = await w.call(at(ticket.id, '/csat'), { method: 'POST', body: { score: 5 }, headers });
    assert.equal(rateEarly.status, 422);
    const followEarly = await w.call(at(ticket.id, '/follow-up'), { method: 'POST', body: { still_solved: true }, headers });
    assert.equal(followEarly.status, 422);
  });
});

describe('bad input', () => {
  test('each kind of bad request has its status and code', async () => {
    const cases = [
      [{ raw: 'subject=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415, 'unsupported_media_type'],
      [{ raw: '{"subject": ', headers: { 'content-type': 'application/json' } }, 400, 'bad_request'],
      [{ raw: 'x'.repeat(70 * 1024), headers: { 'content-type': 'application/json' } }, 413, 'payload_too_large'],
      [{ body: { subject: 's', description: 'd', channel: 'web' } }, 422, 'invalid', 'category'],
      [{ body: newTicket({ subject: 'x'.repeat(201) }) }, 422, 'invalid', 'subject'],
      [{ body: newTicket({ description: '   ' }) }, 422, 'invalid', 'description'],
      [{ body: newTicket({ category: '彩票' }) }, 422, 'invalid', 'category'],
      [{ body: newTicket({ email: 'not-an-address' }) }, 422, 'invalid', 'email'],
      [{ body: newTicket({ channel: 'fax' }) }, 422, 'invalid'],
      [{ body: newTicket({ context: { searches: Array(21).fill('q') } }) }, 422, 'invalid', 'context.searches'],
      [{ body: newTicket(), headers: { 'idempotency-key': 'k'.repeat(101) } }, 422, 'invalid', 'Idempotency-Key'],
    ];
    for (const [options, status, code, field] of cases) {
      const r = await w.call(T, { method: 'POST', ...options });
      assert.equal(r.status, status, `${JSON.stringify(options).slice(0, 80)} → ${r.text}`);
      assert.equal(r.json.error.code, code);
      if (field) assert.equal(r.json.error.field, field);
    }
  });

  test('an unknown site is not found and a missing one a bad request', async () => {
    const unknown = await w.call('/api/v1/tickets?site=nope', { method: 'POST', body: newTicket() });
    assert.equal(unknown.status, 404);
    const missing = await w.call('/api/v1/tickets', { method: 'POST', body: newTicket() });
    assert.equal(missing.status, 400);
  });

  test('unknown API routes answer with the JSON error shape', async () => {
    const r = await w.call('/api/v1/nothing-here', { contract: false });
    assert.equal(r.status, 404);
    assert.equal(r.json.error.code, 'not_found');
  });

  test('nothing is half-written: a refused ticket leaves no trace', async () => {
    const user = asUser(`half-${Math.random()}`);
    await w.call(T, { method: 'POST', body: newTicket({ category: '彩票' }), headers: user });
    const list = await w.call(T, { headers: user });
    assert.deepEqual(list.json.tickets, []);
  });
});

describe('retried writes (the widget outbox)', () => {
  test('a message retried with its Idempotency-Key is written once, concurrent retries too', async () => {
    const { ticket, headers } = await fileAnonymously();
    const keyed = { ...headers, 'idempotency-key': `m-${Math.random()}` };
    const body = { text: '补充：换了网络也一样' };
    const answers = await Promise.all([1, 2, 3].map(() => w.call(at(ticket.id, '/messages'), { method: 'POST', body, headers: keyed })));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    const read = await w.call(at(ticket.id), { headers });
    assert.equal(read.json.events.filter((e) => e.type === 'message' && e.text === body.text).length, 1);
  });

  test('a key reused for another request or another route is a conflict', async () => {
    const { ticket, headers } = await fileAnonymously();
    const keyed = { ...headers, 'idempotency-key': `c-${Math.random()}` };
    assert.equal((await w.call(at(ticket.id, '/messages'), { method: 'POST', body: { text: 'one' }, headers: keyed })).status, 200);
    const other = await w.call(at(ticket.id, '/messages'), { method: 'POST', body: { text: 'two' }, headers: keyed });
    assert.equal(other.status, 409);
    const elsewhere = await w.call(at(ticket.id, '/reopen'), { method: 'POST', body: { text: 'one' }, headers: keyed });
    assert.equal(elsewhere.status, 409);
  });
});

