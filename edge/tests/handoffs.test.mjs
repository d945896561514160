// The cases lost between departments, in numbers, under workerd: a case handed security →
// billing → general and one never moved give the handoffs per case and the time each department
// held them; a linked task asked of billing and past its due time counts against billing; a lead
// of billing sees only what touched billing; a bad range is refused by its field.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newTicket, startWorker } from './support/worker.mjs';

let w;
const p = {};
before(async () => {
  w = await startWorker({ rateLimitScale: 1000, agents: [['Ada Admin', 'general', ['admin']], ['Lee Lead', 'billing', ['lead']]] });
  [p.admin, p.lee] = w.agents;
});
after(() => w?.dispose());

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const today = new Date().toISOString().slice(0, 10);
const report = (person, range = `from=${today}&to=${today}`) => w.call(`/api/v1/analytics/handoffs?${range}`, { headers: as(person) });

async function file(category) {
  const r = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket({ category }) });
  assert.equal(r.status, 201, r.text);
  return r.json.ticket;
}

async function transfer(ticket, department) {
  const current = await w.call(`/api/v1/agent/tickets/${ticket.id}`, { headers: as(p.admin) });
  const r = await w.call(`/api/v1/agent/tickets/${ticket.id}`, {
    method: 'PATCH', headers: as(p.admin), body: { version: current.json.ticket.version, department, note: `over to ${department}` },
  });
  assert.equal(r.status, 200, r.text);
}

test('handoffs per case, time per department and overdue tasks, for the admin and for a lead of one department', async () => {
  const lost = await file('账号安全');
  assert.equal(lost.department, 'security');
  await transfer(lost, 'billing');
  await transfer(lost, 'general');
  await file('视频播放');
  const task = await w.call(`/api/v1/agent/tickets/${lost.id}/tasks`, { method: 'POST', headers: as(p.admin), body: { department: 'billing', question: '这笔扣费能退吗？' } });
  assert.equal(task.status, 201, task.text);
  const db = await w.mf.getD1Database('DB');
  await db.prepare('UPDATE case_tasks SET due_at = ?1 WHERE id = ?2').bind(Date.now() - 60_000, task.json.id).run();

  const all = await report(p.admin);
  assert.equal(all.status, 200, all.text);
  assert.deepEqual([all.json.cases, all.json.handoffs, all.json.handoffs_mean], [2, [1, 0, 1, 0], 1]);
  const rows = Object.fromEntries(all.json.departments.map((d) => [d.department, d]));
  assert.deepEqual(Object.keys(rows).sort(), ['billing', 'general', 'security', 'technical']);
  assert.deepEqual([rows.security.cases, rows.general.cases, rows.billing.cases, rows.technical.cases], [1, 1, 1, 1]);
  assert.ok(all.json.departments.every((d) => d.hours >= 0 && d.hours < 1 && d.median_hours >= 0), JSON.stringify(all.json.departments));
  assert.deepEqual([rows.billing.tasks, rows.billing.tasks_overdue, rows.security.tasks], [1, 1, 0]);

  const lead = await report(p.lee);
  assert.equal(lead.status, 200, lead.text);
  assert.deepEqual([lead.json.cases, lead.json.handoffs], [1, [0, 0, 1, 0]], 'only the case that billing held');
  assert.deepEqual(lead.json.departments.map((d) => [d.department, d.tasks, d.tasks_overdue]), [['billing', 1, 1]]);
});

test('a range that is missing, reversed or too long is refused by its field', async () => {
  for (const [range, field] of [[`to=${today}`, 'from'], [`from=${today}&to=2020-01-01`, 'to'], ['from=2026-01-01&to=2026-12-31', 'to'], [`from=yesterday&to=${today}`, 'from']]) {
    const r = await report(p.admin, range);
    assert.deepEqual([r.status, r.json.error.field], [422, field], `${range}: ${r.text}`);
  }
});
