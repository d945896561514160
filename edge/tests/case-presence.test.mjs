// Who else is here, under workerd with real WebSockets: agents who have a case open see each
// other (viewing, replying) pushed live; typing lapses a few seconds after the last report; a
// closed socket leaves; someone who may not read the case cannot join, and someone who stops
// reaching it (a collaborator removed) is let go at the next change, never told.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Peer } from './support/chat.mjs';
import { conforms } from './support/openapi.mjs';
import { newTicket, startWorker, userHash } from './support/worker.mjs';

const A = '/api/v1/agent/tickets';
// wire::chat::TYPING_LASTS_MS: how long a typing report shows "replying".
const TYPING_LASTS_MS = 6000;

let w;
const p = {};
before(async () => {
  w = await startWorker({
    rateLimitScale: 1000,
    agents: [
      ['Sam Security', 'security'],
      ['Sid Security', 'security'],
      ['Bo Billing', 'billing'],
      ['Bea Billing', 'billing'],
      ['Gil General', 'general'],
      ['Ada Admin', 'general', ['admin']],
    ],
  });
  [p.sam, p.sid, p.bo, p.bea, p.gil, p.admin] = w.agents;
});
after(() => w?.dispose());

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const socketPath = (caseId, person) => `${A}/${caseId}/socket?agent_token=${person.token}`;
const open = (caseId, person) => Peer.open(`${w.base.replace(/^http/, 'ws')}${socketPath(caseId, person)}`);
/** The names and activities of a `here` frame, as the console shows them. */
const names = (frame) => frame.others.map((o) => `${o.name}:${o.activity}`);

async function securityCase() {
  const user = { 'x-user-id': `u-${Math.random()}`, 'x-user-hash': '' };
  user['x-user-hash'] = userHash(user['x-user-id']);
  const r = await w.call('/api/v1/tickets?site=demo', { method: 'POST', headers: user, body: newTicket({ category: '账号安全', subject: '账号被盗' }) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.ticket.department, 'security');
  return r.json.ticket;
}

/** The refusal of a case socket's upgrade, checked against the contract. */
async function refused(path) {
  const error = await Peer.open(`${w.base.replace(/^http/, 'ws')}${path}`).then(
    async (peer) => { await peer.close(); throw new Error(`${path} accepted the socket`); },
    (e) => e,
  );
  assert.ok(error.status, String(error));
  conforms('GET', path, error.status, error.json);
  return error;
}

describe('two agents on one case', () => {
  let c;
  let sam;
  let sid;
  before(async () => {
    c = await securityCase();
    sam = await open(c.id, p.sam);
    assert.deepEqual(names(await sam.next('here')), [], 'alone on the case');
    sid = await open(c.id, p.sid);
  });
  after(async () => { await sam?.close(); });

  test('each sees the other viewing as soon as they open it', async () => {
    const toSid = await sid.next('here');
    assert.equal(toSid.ticket_id, c.id);
    assert.deepEqual(names(toSid), ['Sam Security:viewing']);
    assert.equal(toSid.others[0].agent_id, p.sam.id);
    assert.deepEqual(names(await sam.next('here')), ['Sid Security:viewing']);
  });

  test('typing shows replying at once, more keystrokes say nothing new, and it lapses on its own', async () => {
    sid.send({ type: 'typing', on: true });
    assert.deepEqual(names(await sam.next('here')), ['Sid Security:replying']);
    const sent = Date.now();
    sid.send({ type: 'typing', on: true });
    assert.ok(await sam.quietFor('here', 800), 'a report while already replying is no news');
    const lapsed = await sam.next('here', () => true, TYPING_LASTS_MS + 5000);
    assert.deepEqual(names(lapsed), ['Sid Security:viewing']);
    assert.ok(Date.now() - sent >= TYPING_LASTS_MS - 1500, `lapsed after ${Date.now() - sent} ms`);
    assert.deepEqual(names(await sid.next('here', (f) => f.others.length === 1)), ['Sam Security:viewing'], 'the typist is told the others, not themselves');
  });

  test('typing off clears replying at once', async () => {
    sid.send({ type: 'typing', on: true });
    assert.deepEqual(names(await sam.next('here')), ['Sid Security:replying']);
    sid.send({ type: 'typing', on: false });
    assert.deepEqual(names(await sam.next('here')), ['Sid Security:viewing']);
  });

  test('bad frames get an error frame and the socket stays open', async () => {
    const cases = [
      ['not json', 'bad_frame'],
      [JSON.stringify({ v: 1, type: 'typing' }), 'bad_frame'],
      [JSON.stringify({ v: 1, type: 'typing', on: 'yes' }), 'bad_frame'],
      [JSON.stringify({ v: 2, type: 'typing', on: true }), 'unsupported_version'],
      [JSON.stringify({ v: 1, type: 'message', client_id: 'x', text: 'hi' }), 'wrong_socket'],
      [JSON.stringify({ v: 1, type: 'hello', last_seq: 0 }), 'wrong_socket'],
      ['x'.repeat(17 * 1024), 'too_large'],
    ];
    for (const [raw, code] of cases) {
      sid.sendRaw(raw);
      assert.equal((await sid.next('error')).code, code, raw.slice(0, 60));
    }
    sid.sendRaw(Buffer.from([1, 2, 3]));
    assert.equal((await sid.next('error')).code, 'bad_frame');
    sid.send({ type: 'typing', on: true });
    assert.deepEqual(names(await sam.next('here')), ['Sid Security:replying'], 'still working after the refusals');
  });

  test('a closed socket leaves the case, replying or not', async () => {
    await sid.close();
    assert.deepEqual(names(await sam.next('here')), []);
  });
});

describe('only those who may read the case', () => {
  test('another department cannot join; bad credentials and plain HTTP are refused', async () => {
    const c = await securityCase();
    const sam = await open(c.id, p.sam);
    await sam.next('here');
    assert.equal((await refused(socketPath(c.id, p.bo))).status, 404);
    assert.equal((await refused(`${A}/${c.id}/socket?agent_token=nope`)).status, 401);
    assert.equal((await refused(socketPath('no-such-case', p.sam))).status, 404);
    const plain = await w.call(socketPath(c.id, p.sam), {});
    assert.equal(plain.status, 426);
    assert.ok(await sam.quietFor('here', 500), 'the refused never showed up');
    await sam.close();
  });

  test('an admin, a task helper and a collaborator join and are seen; a removed collaborator is let go', async () => {
    const c = await securityCase();
    const sam = await open(c.id, p.sam);
    await sam.next('here');
    const task = await w.call(`${A}/${c.id}/tasks`, { method: 'POST', headers: as(p.sam), body: { department: 'billing', question: '这笔扣费能退吗？' } });
    assert.equal(task.status, 201, task.text);
    const added = await w.call(`${A}/${c.id}/collaborators`, { method: 'POST', headers: as(p.sam), body: { agent_id: p.gil.id } });
    assert.equal(added.status, 200, added.text);

    const bea = await open(c.id, p.bea);
    assert.deepEqual(names(await bea.next('here')), ['Sam Security:viewing'], 'billing reaches the case through its task');
    const gil = await open(c.id, p.gil);
    assert.deepEqual(names(await gil.next('here')), ['Bea Billing:viewing', 'Sam Security:viewing']);
    const admin = await open(c.id, p.admin);
    assert.deepEqual(names(await admin.next('here')), ['Bea Billing:viewing', 'Gil General:viewing', 'Sam Security:viewing']);
    await sam.seen('here', (f) => f.others.length === 3);

    const removed = await w.call(`${A}/${c.id}/collaborators/${p.gil.id}`, { method: 'DELETE', headers: as(p.sam) });
    assert.equal(removed.status, 200, removed.text);
    gil.frames.length = 0;
    sam.send({ type: 'typing', on: true });
    // The close frame comes at once; the connection itself ends when workerd lets it go.
    const gone = await gil.closed;
    assert.equal(gone.code, 4003);
    assert.ok(!gil.frames.some((f) => f.type === 'here'), 'told nothing of the change');
    const shown = await bea.next('here', (f) => names(f).includes('Sam Security:replying'));
    assert.deepEqual(names(shown), ['Ada Admin:viewing', 'Sam Security:replying']);
    for (const peer of [sam, bea, admin]) await peer.close();
  });

  test('the case sockets of someone deactivated close, and the others see them go', async () => {
    const c = await securityCase();
    const sam = await open(c.id, p.sam);
    await sam.next('here');
    const sid = await open(c.id, p.sid);
    assert.deepEqual(names(await sam.next('here')), ['Sid Security:viewing']);
    const off = await w.call(`/api/v1/team/people/${p.sid.id}`, { method: 'PATCH', headers: as(p.admin), body: { active: false } });
    assert.equal(off.status, 200, off.text);
    assert.deepEqual(names(await sam.next('here')), [], 'Sid is gone from the case');
    assert.equal((await sid.closed).code, 4001);
    await sam.close();
  });
});
