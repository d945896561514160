// The team under workerd: signing in with a password (and being slowed down when guessing),
// invitations that work once, a deactivation that cuts a live socket, credential rotation, the
// last admin kept, and an audit entry for each audited action in an append-only log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Peer } from './support/chat.mjs';
import { newTicket, startWorker, userHash } from './support/worker.mjs';

const ADMIN_PASSWORD = 'correct horse battery';
let w;
let admin;
before(async () => {
  w = await startWorker({
    rateLimitScale: 1000,
    agents: [['Ada Admin', 'general', ['admin'], ['--email', 'ada@example.com', '--password', ADMIN_PASSWORD]]],
  });
  [admin] = w.agents;
});
after(() => w?.dispose());

const as = (token) => ({ authorization: `Bearer ${token}` });
const signIn = (email, password) => w.call('/api/v1/team/sign-in', { method: 'POST', body: { site: 'demo', email, password } });

async function invite(name, email, roles, departments) {
  const r = await w.call('/api/v1/team/invitations', { method: 'POST', headers: as(admin.token), body: { name, email, roles, departments } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

/** The audit log's entries of one action, newest first. */
async function audited(action) {
  const r = await w.call(`/api/v1/audit?action=${action}`, { headers: as(admin.token) });
  assert.equal(r.status, 200, r.text);
  return r.json.entries;
}

describe('signing in', () => {
  test('the right password gives a session that works; a wrong one or an unknown email are refused alike', async () => {
    const session = await signIn('ADA@example.com ', ADMIN_PASSWORD);
    assert.equal(session.status, 201, session.text);
    assert.ok(session.json.expires_at > Date.now() + 11 * 3600_000);
    const me = await w.call('/api/v1/agent/me', { headers: as(session.json.token) });
    assert.deepEqual([me.json.agent.name, me.json.roles], ['Ada Admin', ['admin']]);
    const wrong = await signIn('ada@example.com', 'not the password');
    const unknown = await signIn('nobody@example.com', ADMIN_PASSWORD);
    assert.deepEqual([wrong.status, unknown.status], [401, 401]);
    assert.equal(wrong.json.error.message, unknown.json.error.message);
    assert.ok((await audited('sign_in')).some((e) => e.actor_id === admin.id));
    assert.ok((await audited('sign_in_failed')).some((e) => e.detail.email === 'nobody@example.com'));
    const out = await w.call('/api/v1/team/sign-out', { method: 'POST', headers: as(session.json.token) });
    assert.equal(out.status, 204);
    assert.equal((await w.call('/api/v1/agent/me', { headers: as(session.json.token) })).status, 401);
  });

  test('five wrong passwords in a row lock the account: even the right one waits', async () => {
    const { token } = await invite('Gu Guess', 'guess@example.com', ['agent'], ['billing']);
    assert.equal((await w.call('/api/v1/team/invitations/accept', { method: 'POST', body: { token, password: 'first password here' } })).status, 201);
    for (let i = 0; i < 5; i++) assert.equal((await signIn('guess@example.com', `guess ${i} wrong`)).status, 401);
    const locked = await signIn('guess@example.com', 'first password here');
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.headers.get('retry-after')) >= 1);
  });
});

describe('people', () => {
  test('an invitation works once, within its week, and signs the person in', async () => {
    const invited = await invite('Bo Billing', 'bo@example.com', ['agent'], ['billing']);
    assert.deepEqual([invited.person.active, invited.person.invited, invited.person.departments], [false, true, ['billing']]);
    assert.equal((await signIn('bo@example.com', 'anything at all')).status, 401, 'not before accepting');
    const short = await w.call('/api/v1/team/invitations/accept', { method: 'POST', body: { token: invited.token, password: 'short' } });
    assert.equal(short.status, 422);
    const accepts = await Promise.all([1, 2].map(() => w.call('/api/v1/team/invitations/accept', { method: 'POST', body: { token: invited.token, password: 'bo chooses this one' } })));
    assert.deepEqual(accepts.map((a) => a.status).sort(), [201, 404], 'two accepts at once: one wins');
    assert.equal((await signIn('bo@example.com', 'bo chooses this one')).status, 201);
    const again = await w.call('/api/v1/team/invitations', { method: 'POST', headers: as(admin.token), body: { name: 'Bo Again', email: 'BO@example.com', roles: ['agent'], departments: ['billing'] } });
    assert.equal(again.status, 409, 'an email is one person');
    assert.ok((await audited('invited')).some((e) => e.target === invited.person.id && e.detail.email === 'bo@example.com'));
    assert.ok((await audited('invitation_accepted')).some((e) => e.target === invited.person.id));
  });

  test('deactivating someone closes their open desk socket and refuses their next request', async () => {
    const invited = await invite('Di Desk', 'di@example.com', ['agent'], ['general']);
    const session = (await w.call('/api/v1/team/invitations/accept', { method: 'POST', body: { token: invited.token, password: 'di has a password' } })).json;
    const desk = await Peer.open(`${w.base.replace(/^http/, 'ws')}/api/v1/agent/desk/socket?agent_token=${session.token}`);
    desk.send({ type: 'presence', status: 'online', capacity: 2 });
    await desk.seen('desk', (d) => d.status === 'online');
    const off = await w.call(`/api/v1/team/people/${invited.person.id}`, { method: 'PATCH', headers: as(admin.token), body: { active: false } });
    assert.equal(off.status, 200, off.text);
    const closed = await Promise.race([desk.closed, new Promise((r) => setTimeout(() => r('still open'), 2000))]);
    assert.equal(closed.code, 4001, 'the socket closed when the answer came');
    assert.equal((await w.call('/api/v1/agent/tickets', { headers: as(session.token) })).status, 401);
    assert.equal((await signIn('di@example.com', 'di has a password')).status, 401);
    const entry = (await audited('deactivated')).find((e) => e.target === invited.person.id);
    assert.equal(entry.detail.active, 'true → false');
  });

  test('roles and departments change, the last admin stays, and rotation ends every credential', async () => {
    const invited = await invite('Ro Rotate', 'ro@example.com', ['agent'], ['billing']);
    const session = (await w.call('/api/v1/team/invitations/accept', { method: 'POST', body: { token: invited.token, password: 'ro password one' } })).json;
    const changed = await w.call(`/api/v1/team/people/${invited.person.id}`, { method: 'PATCH', headers: as(admin.token), body: { roles: ['lead', 'editor'], departments: ['security', 'billing'] } });
    assert.deepEqual([changed.json.roles, changed.json.departments], [['lead', 'editor'], ['billing', 'security']]);
    assert.ok((await audited('person_changed')).some((e) => e.target === invited.person.id && e.detail.roles === 'agent → lead, editor'));
    const bad = await w.call(`/api/v1/team/people/${invited.person.id}`, { method: 'PATCH', headers: as(admin.token), body: { departments: ['lottery'] } });
    assert.equal(bad.status, 422);
    const lastAdmin = await w.call(`/api/v1/team/people/${admin.id}`, { method: 'PATCH', headers: as(admin.token), body: { roles: ['agent'] } });
    assert.equal(lastAdmin.status, 422);

    const rotated = await w.call(`/api/v1/team/people/${invited.person.id}/rotate`, { method: 'POST', headers: as(admin.token) });
    assert.equal(rotated.status, 201, rotated.text);
    assert.equal((await w.call('/api/v1/agent/me', { headers: as(session.token) })).status, 401);
    assert.equal((await signIn('ro@example.com', 'ro password one')).status, 401, 'the old password is gone');
    assert.equal((await w.call('/api/v1/team/invitations/accept', { method: 'POST', body: { token: invited.token, password: 'ro password two' } })).status, 404, 'so is the old link');
    assert.equal((await w.call('/api/v1/team/invitations/accept', { method: 'POST', body: { token: rotated.json.token, password: 'ro password two' } })).status, 201);
    assert.ok((await audited('credentials_rotated')).some((e) => e.target === invited.person.id));
  });
});

describe('the audit log', () => {
  test('reads of restricted cases, tokens and settings are recorded, with who and when', async () => {
    const user = { 'x-user-id': 'audited-user', 'x-user-hash': userHash('audited-user') };
    const ticket = (await w.call('/api/v1/tickets?site=demo', { method: 'POST', headers: user, body: newTicket({ category: '账号安全' }) })).json.ticket;
    assert.equal((await w.call(`/api/v1/agent/tickets/${ticket.id}`, { headers: as(admin.token) })).status, 200);
    const read = (await audited('restricted_case_read')).find((e) => e.target === ticket.id);
    assert.deepEqual([read.actor_id, read.actor_name, read.detail.department], [admin.id, 'Ada Admin', 'security']);
    assert.ok(Math.abs(read.at - Date.now()) < 60_000);

    const made = (await w.call('/api/v1/team/tokens', { method: 'POST', headers: as(admin.token), body: { label: 'crm', scopes: ['cases'] } })).json;
    await w.call(`/api/v1/team/tokens/${made.info.id}`, { method: 'DELETE', headers: as(admin.token) });
    assert.ok((await audited('token_created')).some((e) => e.target === made.info.id && e.detail.scopes === 'cases'));
    assert.ok((await audited('token_revoked')).some((e) => e.target === made.info.id));
    const set = await w.call('/api/v1/team/settings', { method: 'PUT', headers: as(admin.token), body: { retention_days: 365 } });
    assert.equal(set.status, 200);
    assert.equal((await audited('settings_changed'))[0].detail.retention, 'kept → 365 days');
    assert.equal((await w.call('/api/v1/team/settings', { method: 'PUT', headers: as(admin.token), body: { retention_days: 3 } })).status, 422);
  });

  test('pages come newest first and the log refuses to be changed, even by the database', async () => {
    const first = await w.call('/api/v1/audit', { headers: as(admin.token) });
    const seqs = first.json.entries.map((e) => e.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
    const db = await w.mf.getD1Database('DB');
    await assert.rejects(db.prepare('UPDATE audit_log SET actor_name = ?').bind('someone else').run(), /append-only/);
    await assert.rejects(db.prepare('DELETE FROM audit_log').run(), /append-only/);
    assert.equal((await w.call('/api/v1/audit?action=nonsense', { headers: as(admin.token) })).status, 422);
  });
});
