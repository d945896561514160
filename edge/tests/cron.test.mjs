// The scheduled sweep, run "later" by giving the cron event a future time: the follow-up
// question a day after solving, closing after four days, SLA breach flags.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newTicket, startWorker } from './support/worker.mjs';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
let w;
let agent;
before(async () => {
  w = await startWorker({ rateLimitScale: 1000, agents: [['Li Wei', 'technical', ['admin']]] });
  [agent] = w.agents;
});
after(() => w?.dispose());

const auth = () => ({ authorization: `Bearer ${agent.token}` });

async function solvedTicket() {
  const r = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket() });
  const { id } = r.json.ticket;
  await w.call(`/api/v1/agent/tickets/${id}/replies`, { method: 'POST', headers: auth(), body: { text: '请更新到最新版本' } });
  const solved = await w.call(`/api/v1/agent/tickets/${id}`, { method: 'PATCH', headers: auth(), body: { status: 'solved' } });
  return { id, solvedAt: solved.json.ticket.solved_at, headers: { 'x-requester-token': r.json.requester_token } };
}

const view = async (t) => (await w.call(`/api/v1/tickets/${t.id}?site=demo`, { headers: t.headers })).json;

test('a day after solving the requester is asked; "no" reopens the ticket', async () => {
  const t = await solvedTicket();
  await w.sweep(t.solvedAt + DAY - 60_000);
  assert.equal((await view(t)).follow_up_pending, false);
  await w.sweep(t.solvedAt + DAY + 60_000);
  const asked = await view(t);
  assert.equal(asked.follow_up_pending, true);
  assert.equal(asked.events.at(-1).type, 'follow_up_asked');
  const answer = await w.call(`/api/v1/tickets/${t.id}/follow-up?site=demo`, { method: 'POST', headers: t.headers, body: { still_solved: false, comment: '还是卡' } });
  assert.equal(answer.status, 200);
  assert.equal(answer.json.status, 'open');
  assert.equal(answer.json.follow_up_pending, false);
});

test('"yes" keeps it solved, and four days after solving it closes', async () => {
  const t = await solvedTicket();
  await w.sweep(t.solvedAt + DAY + 60_000);
  const yes = await w.call(`/api/v1/tickets/${t.id}/follow-up?site=demo`, { method: 'POST', headers: t.headers, body: { still_solved: true } });
  assert.equal(yes.json.status, 'solved');
  await w.sweep(t.solvedAt + 4 * DAY + 60_000);
  const closed = await view(t);
  assert.equal(closed.summary?.status ?? closed.status, 'closed');
  const reopen = await w.call(`/api/v1/tickets/${t.id}/reopen?site=demo`, { method: 'POST', headers: t.headers, body: { text: 'again' } });
  assert.equal(reopen.status, 422);
});

test('an unanswered ticket is flagged once for first response and once for resolution', async () => {
  const r = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket({ description: '我的账号被盗了，密码被人改了' }) });
  const { id, created_at: created } = r.json.ticket;
  const breaches = async () => (await w.call(`/api/v1/agent/tickets/${id}`, { headers: auth() })).json.ticket.events.filter((e) => e.type === 'sla_breached').map((e) => e.target);
  await w.sweep(created + HOUR - 1000);
  assert.deepEqual(await breaches(), []);
  await w.sweep(created + HOUR + 60_000);
  await w.sweep(created + 2 * HOUR);
  assert.deepEqual(await breaches(), ['first_response']);
  await w.sweep(created + 4 * HOUR + 60_000);
  assert.deepEqual(await breaches(), ['first_response', 'resolution']);
  const agentView = await w.call(`/api/v1/agent/tickets/${id}`, { headers: auth() });
  assert.equal(agentView.json.sla_breached, true);
  const requesterView = await w.call(`/api/v1/tickets/${id}?site=demo`, { headers: { 'x-requester-token': r.json.requester_token } });
  assert.ok(!requesterView.json.events.some((e) => e.type === 'sla_breached'));
});
