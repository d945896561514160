// Who may call which route, for every route the worker has: the matrix below is written from the
// product's rules (issue "the team and its data"), not from the code, and the first test fails
// when the router (edge/src/lib.rs) has a route the matrix does not list, so a new route cannot
// be forgotten. Then department scoping on lists, reads, writes, sockets and analytics.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Peer } from './support/chat.mjs';
import { edgeDir, newTicket, startWorker, userHash } from './support/worker.mjs';

const ROLES = ['admin', 'lead', 'agent', 'editor'];
const EVERYONE = Object.fromEntries(ROLES.map((r) => [r, true]));
const CASE_WORKERS = { admin: true, lead: true, agent: true, editor: false };
const LEADS = { admin: true, lead: true, agent: false, editor: false };
const ADMINS = { admin: true, lead: false, agent: false, editor: false };
const EDITORS = { admin: true, lead: false, agent: false, editor: true };
const PUBLIC = 'public';

/** Method and path → who of the team may call it (PUBLIC: requesters and anyone, no team credential). */
const MATRIX = {
  'GET /api/v1/health': PUBLIC,
  'POST /api/v1/tickets': PUBLIC,
  'GET /api/v1/tickets': PUBLIC,
  'GET /api/v1/tickets/export': PUBLIC,
  'GET /api/v1/tickets/last-answer': PUBLIC,
  'GET /api/v1/tickets/:id': PUBLIC,
  'POST /api/v1/tickets/:id/messages': PUBLIC,
  'POST /api/v1/tickets/:id/reopen': PUBLIC,
  'POST /api/v1/tickets/:id/csat': PUBLIC,
  'POST /api/v1/tickets/:id/follow-up': PUBLIC,
  'POST /api/v1/chats': PUBLIC,
  'GET /api/v1/chats/:id/socket': PUBLIC,
  'POST /api/v1/chats/:id/csat': PUBLIC,
  'POST /api/v1/chats/:id/transcript': PUBLIC,
  'POST /api/v1/callbacks': PUBLIC,
  'POST /api/v1/events': PUBLIC,
  // A mail's signed links (the link is the credential).
  'POST /api/v1/mail/access': PUBLIC,
  'GET /api/v1/mail/unsubscribe': PUBLIC,
  'POST /api/v1/mail/unsubscribe': PUBLIC,
  'GET /api/v1/mail/follow-up': PUBLIC,
  'POST /api/v1/mail/follow-up': PUBLIC,
  'POST /api/v1/team/sign-in': PUBLIC,
  'POST /api/v1/team/invitations/accept': PUBLIC,
  'POST /api/v1/team/sign-out': EVERYONE,
  'GET /api/v1/agent/me': EVERYONE,
  'GET /api/v1/agent/tickets': CASE_WORKERS,
  'POST /api/v1/agent/tickets/bulk-close': CASE_WORKERS,
  'GET /api/v1/agent/tickets/:id': CASE_WORKERS,
  'PATCH /api/v1/agent/tickets/:id': CASE_WORKERS,
  'POST /api/v1/agent/tickets/:id/replies': CASE_WORKERS,
  'POST /api/v1/agent/tickets/:id/notes': CASE_WORKERS,
  'GET /api/v1/agent/tickets/:id/mails': CASE_WORKERS,
  'GET /api/v1/agent/tickets/:id/attachments': CASE_WORKERS,
  'GET /api/v1/agent/tickets/:id/attachments/:attachment': CASE_WORKERS,
  'POST /api/v1/agent/tickets/:id/mail-links/revoke': CASE_WORKERS,
  'POST /api/v1/agent/tickets/:id/tasks': CASE_WORKERS,
  'POST /api/v1/agent/tickets/:id/collaborators': CASE_WORKERS,
  'DELETE /api/v1/agent/tickets/:id/collaborators/:agent': CASE_WORKERS,
  'GET /api/v1/agent/tasks': CASE_WORKERS,
  'PATCH /api/v1/agent/tasks/:id': CASE_WORKERS,
  'POST /api/v1/agent/tasks/:id/messages': CASE_WORKERS,
  'POST /api/v1/agent/tasks/:id/answer': CASE_WORKERS,
  'POST /api/v1/agent/tasks/:id/cancel': CASE_WORKERS,
  'GET /api/v1/agent/desk/socket': CASE_WORKERS,
  'GET /api/v1/agent/chats/:id/socket': CASE_WORKERS,
  'GET /api/v1/agent/tickets/:id/socket': CASE_WORKERS,
  'GET /api/v1/analytics': LEADS,
  'GET /api/v1/analytics/handoffs': LEADS,
  'GET /api/v1/staffing/plan': LEADS,
  'PUT /api/v1/staffing/plan/:agent_id': LEADS,
  'PUT /api/v1/staffing/holidays': LEADS,
  'GET /api/v1/staffing/forecast': LEADS,
  'GET /api/v1/staffing/demand': LEADS,
  'GET /api/v1/team/people': ADMINS,
  'POST /api/v1/team/invitations': ADMINS,
  'PATCH /api/v1/team/people/:id': ADMINS,
  'POST /api/v1/team/people/:id/rotate': ADMINS,
  'GET /api/v1/team/tokens': ADMINS,
  'POST /api/v1/team/tokens': ADMINS,
  'DELETE /api/v1/team/tokens/:id': ADMINS,
  'GET /api/v1/team/settings': ADMINS,
  'PUT /api/v1/team/settings': ADMINS,
  'GET /api/v1/mail/settings': ADMINS,
  'PUT /api/v1/mail/settings': ADMINS,
  'GET /api/v1/audit': ADMINS,
  'GET /api/v1/requesters/export': ADMINS,
  'POST /api/v1/requesters/erase': ADMINS,
  'GET /api/v1/kb/articles': EDITORS,
  'POST /api/v1/kb/articles': EDITORS,
  'GET /api/v1/kb/articles/:id': EDITORS,
  'PUT /api/v1/kb/articles/:id': EDITORS,
  'POST /api/v1/kb/articles/:id/publish': EDITORS,
  'POST /api/v1/kb/articles/:id/review': EDITORS,
  'POST /api/v1/kb/articles/:id/send-back': EDITORS,
  'POST /api/v1/kb/articles/:id/archive': EDITORS,
  'GET /api/v1/kb/articles/:id/versions': EDITORS,
  'POST /api/v1/kb/articles/:id/rollback': EDITORS,
  'GET /api/v1/kb/settings': EDITORS,
  'PUT /api/v1/kb/settings': ADMINS,
  'GET /api/v1/kb/stats': EDITORS,
  'POST /api/v1/kb/articles/:id/questions': EDITORS,
  'GET /api/v1/kb/articles/:id/feedback': EDITORS,
  'GET /api/v1/kb/regression-queries': EDITORS,
  'POST /api/v1/kb/regression-queries': EDITORS,
  'DELETE /api/v1/kb/regression-queries/:id': EDITORS,
  'GET /api/v1/kb/categories': EDITORS,
  'PUT /api/v1/kb/categories/order': EDITORS,
  'PATCH /api/v1/kb/categories/:id': EDITORS,
  'DELETE /api/v1/kb/categories/:id': EDITORS,
  'PUT /api/v1/kb/sections/order': EDITORS,
  'PATCH /api/v1/kb/sections/:id': EDITORS,
  'DELETE /api/v1/kb/sections/:id': EDITORS,
  'POST /api/v1/kb/categories': EDITORS,
  'POST /api/v1/kb/sections': EDITORS,
  'GET /api/v1/kb/vocabulary/:locale': EDITORS,
  'PUT /api/v1/kb/vocabulary/:locale': EDITORS,
  'GET /api/v1/kb/publications': EDITORS,
  'POST /api/v1/kb/publications/:locale': EDITORS,
  'POST /api/v1/kb/imports': EDITORS,
  'GET /api/v1/kb/export': EDITORS,
  'POST /api/v1/kb/images': EDITORS,
  'GET /kb-images/:name': PUBLIC,
  'GET /index/manifest.json': PUBLIC,
  'GET /index/parts': PUBLIC,
  'GET /index/:name': PUBLIC,
};

/** The worker's routes as its router declares them, one per line of edge/src/lib.rs. */
function routerRoutes() {
  const source = readFileSync(join(edgeDir, 'src/lib.rs'), 'utf8');
  return [...source.matchAll(/\.(get|post|patch|put|delete)_async\("([^"]+)"/g)].map(([, method, path]) => `${method.toUpperCase()} ${path}`);
}

let w;
const people = {};
before(async () => {
  w = await startWorker({
    rateLimitScale: 1000,
    agents: [
      ['Ada Admin', 'general', ['admin']],
      ['Lee Lead', 'billing', ['lead']],
      ['Bo Billing', 'billing', ['agent']],
      ['Ed Editor', 'billing', ['editor']],
      ['Sam Security', 'security', ['agent']],
    ],
  });
  [people.admin, people.lead, people.agent, people.editor, people.security] = w.agents;
});
after(() => w?.dispose());

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const concrete = (path) => path.replace(/:id/g, 'no-such-id');

/** Calls a route the way the role matrix needs: a harmless body, and for sockets no upgrade. */
function callRoute(key, headers) {
  const [method, path] = key.split(' ');
  const body = ['POST', 'PATCH', 'PUT'].includes(method) ? {} : undefined;
  const query = path.startsWith('/api/v1/analytics') ? '?from=2026-01-01&to=2026-01-02' : '';
  return w.call(`${concrete(path)}${query}`, { method, headers, body, contract: false });
}

describe('department scoping', () => {
  const T = '/api/v1/tickets?site=demo';
  const A = '/api/v1/agent/tickets';
  let billing;
  let security;
  before(async () => {
    const user = { 'x-user-id': 'scoped-user', 'x-user-hash': userHash('scoped-user') };
    billing = (await w.call(T, { method: 'POST', headers: user, body: newTicket({ category: '支付问题', subject: '扣费两次' }) })).json.ticket;
    security = (await w.call(T, { method: 'POST', headers: user, body: newTicket({ category: '账号安全', subject: '账号被盗' }) })).json.ticket;
    assert.deepEqual([billing.department, security.department], ['billing', 'security']);
  });

  test("an agent lists, reads and writes their department's cases, and another department's not at all", async () => {
    const listed = (await w.call(A, { headers: as(people.agent) })).json.tickets.map((t) => t.id);
    assert.ok(listed.includes(billing.id) && !listed.includes(security.id));
    assert.ok(!(await w.call(`${A}?department=security`, { headers: as(people.agent) })).json.tickets.length);
    assert.equal((await w.call(`${A}/${security.id}`, { headers: as(people.agent) })).status, 404);
    assert.equal((await w.call(`${A}/${security.id}/notes`, { method: 'POST', headers: as(people.agent), body: { text: '偷看' } })).status, 404);
    assert.equal((await w.call(`${A}/${security.id}`, { method: 'PATCH', headers: as(people.agent), body: { priority: 'low' } })).status, 404);
    const closed = await w.call(`${A}/bulk-close`, { method: 'POST', headers: as(people.agent), body: { ids: [security.id] } });
    assert.deepEqual(closed.json.closed, []);
    const read = await w.call(`${A}/${billing.id}`, { headers: as(people.agent) });
    assert.equal(read.status, 200);
    assert.ok(!read.json.other_tickets.some((t) => t.id === security.id), "the requester's other tickets are scoped too");
    const all = (await w.call(A, { headers: as(people.admin) })).json.tickets.map((t) => t.id);
    assert.ok(all.includes(billing.id) && all.includes(security.id), 'an admin sees every department');
  });

  test('a transfer may go to another department; reading the case afterwards is not allowed', async () => {
    const user = { 'x-user-id': 'moved-user', 'x-user-hash': userHash('moved-user') };
    const moved = (await w.call(T, { method: 'POST', headers: user, body: newTicket({ category: '支付问题' }) })).json.ticket;
    const transfer = await w.call(`${A}/${moved.id}`, { method: 'PATCH', headers: as(people.agent), body: { department: 'security', note: '疑似盗号' } });
    assert.equal(transfer.status, 200, transfer.text);
    assert.equal((await w.call(`${A}/${moved.id}`, { headers: as(people.agent) })).status, 404);
    assert.equal((await w.call(`${A}/${moved.id}`, { headers: as(people.security) })).status, 200);
  });

  test('only a lead hands a case to someone else, and only to someone of its department', async () => {
    const hand = (by, to) => w.call(`${A}/${billing.id}`, { method: 'PATCH', headers: as(by), body: { assignee: to.id } });
    assert.equal((await hand(people.agent, people.lead)).status, 422, 'an agent only takes cases');
    assert.equal((await hand(people.agent, people.agent)).status, 200);
    assert.equal((await hand(people.lead, people.security)).status, 422, 'security does not work billing');
    assert.equal((await hand(people.lead, people.agent)).status, 200);
  });

  test("a lead's analytics count their departments' tickets only", async () => {
    const day = new Date().toISOString().slice(0, 10);
    const report = async (person) => {
      const r = await w.call(`/api/v1/analytics?from=${day}&to=${day}`, { headers: as(person) });
      assert.equal(r.status, 200, r.text);
      return new Set(r.json.days.flatMap((d) => d.tickets_by_department.map((n) => n.name)));
    };
    assert.deepEqual([...await report(people.lead)], ['billing']);
    const everything = await report(people.admin);
    assert.ok(everything.has('billing') && everything.has('security'));
  });

  test("the live queue shows an agent their departments' waiting chats only", async () => {
    const ws = w.base.replace(/^http/, 'ws');
    const open = async (person) => {
      const peer = await Peer.open(`${ws}/api/v1/agent/desk/socket?agent_token=${person.token}`);
      peer.send({ type: 'presence', status: 'away', capacity: 1 });
      await peer.seen('desk', (d) => d.status === 'away');
      return peer;
    };
    const [billingDesk, securityDesk] = [await open(people.agent), await open(people.security)];
    // The admin serves every department and is busy with a first chat, so the next ones wait in
    // line instead of falling back to a ticket.
    const online = await Peer.open(`${ws}/api/v1/agent/desk/socket?agent_token=${people.admin.token}`);
    online.send({ type: 'presence', status: 'online', capacity: 1 });
    await online.seen('desk', (d) => d.status === 'online');
    const ask = (category) => w.call('/api/v1/chats?site=demo', { method: 'POST', body: { message: '在吗', category } });
    assert.equal((await ask('账号管理')).json.state, 'with_agent');
    const chats = [await ask('支付问题'), await ask('账号安全')];
    assert.ok(chats.every((c) => c.status === 201), chats.map((c) => c.text).join('\n'));
    const [billingChat, securityChat] = chats.map((c) => c.json.chat_id);
    const billingView = await billingDesk.seen('desk', (d) => d.waiting.some((c) => c.chat_id === billingChat));
    assert.ok(!billingView.waiting.some((c) => c.chat_id === securityChat));
    const securityView = await securityDesk.seen('desk', (d) => d.waiting.some((c) => c.chat_id === securityChat));
    assert.ok(!securityView.waiting.some((c) => c.chat_id === billingChat));
    await Promise.all([billingDesk.close(), securityDesk.close(), online.close()]);
  });
});

// Last: signing out revokes the credentials the other tests use.
describe('the role matrix', () => {
  test('an integration token is limited to its scopes, whatever its admin may do', async () => {
    const made = await w.call('/api/v1/team/tokens', { method: 'POST', headers: as(people.admin), body: { label: 'crm', scopes: ['reports'] } });
    assert.equal(made.status, 201, made.text);
    const token = { authorization: `Bearer ${made.json.token}` };
    assert.equal((await w.call('/api/v1/analytics?from=2026-01-01&to=2026-01-02', { headers: token })).status, 200);
    assert.equal((await w.call('/api/v1/agent/tickets', { headers: token })).status, 403);
    assert.equal((await w.call('/api/v1/team/people', { headers: token })).status, 403);
    const revoked = await w.call(`/api/v1/team/tokens/${made.json.info.id}`, { method: 'DELETE', headers: as(people.admin) });
    assert.equal(revoked.status, 204);
    assert.equal((await w.call('/api/v1/analytics?from=2026-01-01&to=2026-01-02', { headers: token })).status, 401);
    const listed = await w.call('/api/v1/team/tokens', { headers: as(people.admin) });
    assert.ok(listed.json.tokens.find((t) => t.id === made.json.info.id).revoked_at > 0);
  });

  test('every route of the router is in the matrix, and every route of the matrix in the router', () => {
    const routes = routerRoutes();
    assert.ok(routes.length >= 30, `read ${routes.length} routes from lib.rs`);
    assert.deepEqual(routes.filter((r) => !(r in MATRIX)), [], 'routes with no entry in the role matrix');
    assert.deepEqual(Object.keys(MATRIX).filter((r) => !routes.includes(r)), [], 'matrix entries with no route');
  });

  test('each role gets what the matrix says on every team route: 403 where denied, 401 with no or a bad token', async () => {
    // Signing out revokes the credential used: it goes last.
    const keys = Object.keys(MATRIX).filter((k) => MATRIX[k] !== PUBLIC).sort((a, b) => a.includes('sign-out') - b.includes('sign-out'));
    for (const key of keys) {
      for (const headers of [{}, { authorization: 'Bearer not-a-token' }]) {
        assert.equal((await callRoute(key, headers)).status, 401, `${key} without a valid token`);
      }
      for (const role of ROLES) {
        const r = await callRoute(key, as(people[role]));
        if (MATRIX[key][role]) assert.ok(![401, 403].includes(r.status), `${role} may ${key}, got ${r.status} ${r.text}`);
        else {
          assert.equal(r.status, 403, `${role} may not ${key}: ${r.text}`);
          assert.equal(r.json.error.code, 'forbidden');
        }
      }
    }
  });

});
