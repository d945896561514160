// The agent console's side: authentication, filters and search, the full log with internal
// notes, replies, status/priority/department/assignee changes, bulk close.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newTicket, startWorker, userHash } from './support/worker.mjs';

let w;
let li;
let zhao;
before(async () => {
  // Li leads the departments these tickets pass through (leads hand cases to others); Zhao works
  // billing. Who sees what is tested route by route in access.test.mjs.
  w = await startWorker({ rateLimitScale: 1000, agents: [['Li Wei', ['technical', 'billing', 'privacy'], ['lead']], ['Zhao Min', 'billing']] });
  [li, zhao] = w.agents;
});
after(() => w?.dispose());

const as = (agent) => ({ authorization: `Bearer ${agent.token}` });
const A = '/api/v1/agent/tickets';

async function file(overrides = {}, user = `u-${Math.random()}`) {
  const headers = { 'x-user-id': user, 'x-user-hash': userHash(user) };
  const r = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket(overrides), headers });
  assert.equal(r.status, 201, r.text);
  return { id: r.json.ticket.id, headers };
}

describe('authentication', () => {
  test('agent routes refuse a missing, malformed or unknown token', async () => {
    for (const headers of [{}, { authorization: 'Basic abc' }, { authorization: 'Bearer nope' }]) {
      for (const [method, path, body] of [['GET', A], ['GET', `${A}/x`], ['POST', `${A}/bulk-close`, { ids: ['x'] }], ['GET', '/api/v1/analytics?from=2026-01-01&to=2026-01-02']]) {
        const r = await w.call(path, { method, headers, body });
        assert.equal(r.status, 401, `${method} ${path}`);
      }
    }
  });

  test('a requester token is no agent token', async () => {
    const r = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket() });
    const denied = await w.call(A, { headers: { authorization: `Bearer ${r.json.requester_token}` } });
    assert.equal(denied.status, 401);
  });
});

describe('signing in', () => {
  test('me names the agent, the site\'s departments and its agents', async () => {
    const r = await w.call('/api/v1/agent/me', { headers: as(li) });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.agent, { id: li.id, name: 'Li Wei', department: 'technical' });
    assert.equal(r.json.site, 'demo');
    assert.ok(r.json.departments.includes('billing') && r.json.departments.includes('security'));
    assert.deepEqual(r.json.agents.map((a) => a.name), ['Li Wei', 'Zhao Min']);
    assert.equal((await w.call('/api/v1/agent/me', { headers: { authorization: 'Bearer nope' } })).status, 401);
  });
});

describe('working a ticket', () => {
  test('reply, note, transfer and solve: the requester sees replies but never notes or transfers', async () => {
    const { id, headers } = await file({ subject: '扣了两次费', category: '视频播放' });
    const note = await w.call(`${A}/${id}/notes`, { method: 'POST', headers: as(li), body: { text: '用户可能是重复扣款' } });
    assert.equal(note.status, 200);
    const noNote = await w.call(`${A}/${id}`, { method: 'PATCH', headers: as(li), body: { department: 'billing' } });
    assert.equal(noNote.status, 422);
    assert.equal(noNote.json.error.field, 'note');
    const moved = await w.call(`${A}/${id}`, { method: 'PATCH', headers: as(li), body: { department: 'billing', note: '计费问题', assignee: zhao.id, priority: 'high' } });
    assert.equal(moved.status, 200);
    assert.deepEqual([moved.json.ticket.department, moved.json.assignee, moved.json.ticket.priority], ['billing', zhao.id, 'high']);
    const reply = await w.call(`${A}/${id}/replies`, { method: 'POST', headers: as(zhao), body: { text: '已为您退款' } });
    assert.equal(reply.json.ticket.status, 'open');
    assert.ok(reply.json.first_response_at > 0);
    const solved = await w.call(`${A}/${id}`, { method: 'PATCH', headers: as(zhao), body: { status: 'solved' } });
    assert.equal(solved.json.ticket.status, 'solved');
    const full = solved.json.ticket.events.map((e) => e.type);
    for (const type of ['note', 'department', 'assignee', 'priority', 'message', 'status']) assert.ok(full.includes(type), type);

    const seen = await w.call(`/api/v1/tickets/${id}?site=demo`, { headers });
    const types = seen.json.events.map((e) => e.type);
    assert.ok(!types.includes('note') && !types.includes('department'));
    assert.ok(!JSON.stringify(seen.json).includes('用户可能是重复扣款'));
    assert.equal(seen.json.events.find((e) => e.type === 'message').text, '已为您退款');

    const rated = await w.call(`/api/v1/tickets/${id}/csat?site=demo`, { method: 'POST', headers, body: { score: 4, comment: '快' } });
    assert.deepEqual(rated.json.csat, { score: 4, comment: '快' });
    const reopened = await w.call(`/api/v1/tickets/${id}/reopen?site=demo`, { method: 'POST', headers, body: { text: '又扣了一次' } });
    assert.equal(reopened.json.status, 'open');
  });

  test('refused changes: unknown department or assignee, back to new, anything on a closed ticket', async () => {
    const { id } = await file();
    const cases = [
      [{ department: 'lottery', note: 'n' }, 'department'],
      [{ assignee: 'agent-nobody' }, 'assignee'],
      [{ status: 'new' }, 'status'],
      [{}, 'status'],
    ];
    for (const [body, field] of cases) {
      const r = await w.call(`${A}/${id}`, { method: 'PATCH', headers: as(li), body });
      assert.equal(r.status, 422, JSON.stringify(body));
      assert.equal(r.json.error.field, field);
    }
    await w.call(`${A}/${id}`, { method: 'PATCH', headers: as(li), body: { status: 'closed' } });
    const late = await w.call(`${A}/${id}/replies`, { method: 'POST', headers: as(li), body: { text: 'hello?' } });
    assert.equal(late.status, 422);
    const missing = await w.call(`${A}/${'f'.repeat(32)}`, { headers: as(li) });
    assert.equal(missing.status, 404);
  });

  test('the agent view carries the widget context and the requester\'s other tickets', async () => {
    const user = `ctx-${Math.random()}`;
    await file({ channel: 'app' }, user);
    const { id } = await file({}, user);
    const r = await w.call(`${A}/${id}`, { headers: as(li) });
    assert.deepEqual(r.json.context.searches, ['视频卡顿']);
    assert.equal(r.json.user_id, user);
    assert.equal(r.json.other_tickets.length, 1);
    assert.equal(r.json.other_tickets[0].channel, 'app');
  });
});

describe('the queue', () => {
  test('filters by status, department, priority, assignee and text', async () => {
    const marker = `needle${Math.floor(Math.random() * 1e9)}`;
    const { id } = await file({ category: '隐私与反馈', subject: `删除我的数据 ${marker}` });
    await w.call(`${A}/${id}`, { method: 'PATCH', headers: as(li), body: { assignee: li.id, status: 'pending' } });
    const ids = async (query) => (await w.call(`${A}?${query}`, { headers: as(li) })).json.tickets.map((t) => t.id);
    assert.deepEqual(await ids(`q=${marker}`), [id]);
    assert.ok((await ids('department=privacy&status=pending')).includes(id));
    assert.ok((await ids('assignee=me')).includes(id));
    assert.ok(!(await ids('status=new')).includes(id));
    assert.deepEqual(await ids('q=%25%25%25nothing'), []);
    // A search as long as allowed (200 characters), in either case, finds the words anywhere.
    const sentence = `${marker} ${'视频在播放到一半的时候突然卡住然后黑屏 '.repeat(5)}AND THEN IT STOPS`.slice(0, 200);
    const { id: long } = await file({ description: `前情：${sentence}。` });
    assert.deepEqual(await ids(`q=${encodeURIComponent(sentence.toLowerCase())}`), [long]);
    assert.equal((await w.call(`${A}?q=${'x'.repeat(201)}`, { headers: as(li) })).status, 422);
    const bad = await w.call(`${A}?limit=0`, { headers: as(li) });
    assert.equal(bad.status, 422);
  });

  test('filters by channel and by SLA breach, and each line says who asked and who works it', async () => {
    const marker = `chan${Math.floor(Math.random() * 1e9)}`;
    const app = await file({ channel: 'app', subject: `应用里 ${marker}`, name: '小王' });
    const web = await file({ channel: 'web', subject: `网页上 ${marker}` });
    await w.call(`${A}/${app.id}`, { method: 'PATCH', headers: as(li), body: { assignee: li.id } });
    const list = async (query) => (await w.call(`${A}?q=${marker}&${query}`, { headers: as(li) })).json.tickets;
    const [line] = await list('channel=app');
    assert.deepEqual([line.id, line.name, line.assignee, line.sla_breached], [app.id, '小王', li.id, false]);
    assert.deepEqual((await list('channel=web')).map((t) => t.id), [web.id]);
    assert.deepEqual(await list('sla_breached=true'), []);
    // A week later the sweep has flagged both as late.
    await w.sweep(Date.now() + 7 * 24 * 3600_000);
    assert.deepEqual((await list('sla_breached=true')).map((t) => t.id).sort(), [app.id, web.id].sort());
    assert.ok((await list('')).every((t) => t.sla_breached));
    assert.deepEqual(await list('sla_breached=false'), []);
    const bad = await w.call(`${A}?sla_breached=maybe`, { headers: as(li) });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.field, 'sla_breached');
    for (const [field, value] of [['status', 'done'], ['priority', 'URGENT'], ['channel', 'fax'], ['status', ''], ['limit', ''], ['sla_breached', '']]) {
      const unknown = await w.call(`${A}?${field}=${value}`, { headers: as(li) });
      assert.equal(unknown.status, 422, `${field}=${value}`);
      assert.equal(unknown.json.error.field, field);
    }
  });

  test('bulk close closes what it can and reports the rest', async () => {
    const a = await file();
    const b = await file();
    const r = await w.call(`${A}/bulk-close`, { method: 'POST', headers: as(li), body: { ids: [a.id, b.id, 'unknown'] } });
    assert.deepEqual(r.json, { closed: [a.id, b.id], skipped: ['unknown'] });
    const again = await w.call(`${A}/bulk-close`, { method: 'POST', headers: as(li), body: { ids: [a.id] } });
    assert.deepEqual(again.json, { closed: [], skipped: [a.id] });
    const tooMany = await w.call(`${A}/bulk-close`, { method: 'POST', headers: as(li), body: { ids: Array(101).fill('x') } });
    assert.equal(tooMany.status, 422);
    const closed = await w.call(`/api/v1/tickets/${a.id}/messages?site=demo`, { method: 'POST', headers: a.headers, body: { text: 'still there?' } });
    assert.equal(closed.status, 422);
  });

  test('bulk close counts an id listed twice once', async () => {
    const a = await file();
    const r = await w.call(`${A}/bulk-close`, { method: 'POST', headers: as(li), body: { ids: [a.id, a.id, 'unknown', 'unknown'] } });
    assert.deepEqual(r.json, { closed: [a.id], skipped: ['unknown'] });
    const ticket = await w.call(`${A}/${a.id}`, { headers: as(li) });
    const closings = ticket.json.ticket.events.filter((e) => e.type === 'status' && e.to === 'closed');
    assert.equal(closings.length, 1);
  });

  test('two agents closing the same tickets at once: each ticket is reported closed once', async () => {
    const ids = [];
    for (let i = 0; i < 12; i += 1) ids.push((await file()).id);
    const close = (agent, order) => w.call(`${A}/bulk-close`, { method: 'POST', headers: as(agent), body: { ids: order } });
    const rounds = await Promise.all([close(li, ids), close(zhao, [...ids].reverse()), close(li, ids)]);
    const closedBy = rounds.flatMap((r) => r.json.closed);
    assert.deepEqual([...closedBy].sort(), [...ids].sort(), 'every ticket closed, none reported twice');
    for (const r of rounds) {
      assert.deepEqual([...r.json.closed, ...r.json.skipped].sort(), [...ids].sort(), 'each id is closed or skipped');
    }
    for (const id of ids) {
      const ticket = await w.call(`${A}/${id}`, { headers: as(li) });
      assert.equal(ticket.json.ticket.events.filter((e) => e.type === 'status' && e.to === 'closed').length, 1, id);
    }
  });
});
