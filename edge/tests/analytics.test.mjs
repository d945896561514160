// Widget events in, numbers per day out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newTicket, startWorker } from './support/worker.mjs';

let w;
let agent;
before(async () => {
  w = await startWorker({ rateLimitScale: 1000, agents: [['Li Wei', 'general', ['admin']]] });
  [agent] = w.agents;
});
after(() => w?.dispose());

// Two days of last week, 09:00 UTC: events must be recent (at most 30 days old) to count.
const DAY_MS = 24 * 60 * 60 * 1000;
const DAY1 = Math.floor(Date.now() / DAY_MS - 6) * DAY_MS + 9 * 60 * 60 * 1000;
const DAY2 = DAY1 + DAY_MS;
const dateOf = (at) => new Date(at).toISOString().slice(0, 10);
const search = (at, query, verdict, results) => ({ at, locale: 'zh-cn', type: 'search', query, verdict, results });

test('a batch is recorded and the report counts it per day', async () => {
  const events = [
    search(DAY1, '退款', 'answer', 3), search(DAY1, '退款', 'answer', 3), search(DAY1, '外星人', 'unsure', 0),
    search(DAY1, '会员 取消', 'unsure', 2),
    { at: DAY1, locale: 'zh-cn', type: 'article_view', article: '1001' },
    { at: DAY1, locale: 'zh-cn', type: 'helpful_vote', article: '1001', helpful: true },
    { at: DAY1, locale: 'zh-cn', type: 'helpful_vote', article: '1001', helpful: false },
    { at: DAY1, locale: 'zh-cn', type: 'helpful_vote', article: '1001', helpful: true },
    { at: DAY1, locale: 'zh-cn', type: 'deflected', article: '1001' },
    { at: DAY1, locale: 'zh-cn', type: 'deflected', article: '1001' },
    { at: DAY1, locale: 'zh-cn', type: 'contact_started', channel: 'web' },
    search(DAY2, 'refund', 'candidates', 2),
  ];
  const r = await w.call('/api/v1/events?site=demo', { method: 'POST', body: { events } });
  assert.equal(r.status, 202);
  const report = await w.call(`/api/v1/analytics?from=${dateOf(DAY1)}&to=${dateOf(DAY2)}`, { headers: { authorization: `Bearer ${agent.token}` } });
  assert.equal(report.status, 200);
  const [d1, d2] = report.json.days;
  assert.equal(d1.day, dateOf(DAY1));
  assert.equal(d1.searches, 4);
  assert.deepEqual(d1.top_queries[0], { query: '退款', count: 2, locale: 'zh-cn' });
  assert.deepEqual(d1.zero_result_queries, [{ query: '外星人', count: 1, locale: 'zh-cn' }]);
  assert.deepEqual(d1.unsure_queries.map((q) => q.query).sort(), ['会员 取消', '外星人']);
  // No knowledge base in this worker: the article has no title to show.
  assert.deepEqual(d1.articles, [{ article: '1001', title: null, views: 1, helpful: 2, not_helpful: 1, helpful_rate: 2 / 3 }]);
  assert.equal(d1.deflection_rate, 2 / 3);
  assert.equal(d2.searches, 1);
});

test('tickets, first responses, resolutions and CSAT are counted on the days they happened', async () => {
  const auth = { authorization: `Bearer ${agent.token}` };
  const t = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket({ category: '支付问题' }) });
  const id = t.json.ticket.id;
  await w.call(`/api/v1/agent/tickets/${id}/replies`, { method: 'POST', headers: auth, body: { text: '已处理' } });
  await w.call(`/api/v1/agent/tickets/${id}`, { method: 'PATCH', headers: auth, body: { status: 'solved' } });
  await w.call(`/api/v1/tickets/${id}/csat?site=demo`, { method: 'POST', headers: { 'x-requester-token': t.json.requester_token }, body: { score: 5 } });
  const today = new Date().toISOString().slice(0, 10);
  const r = await w.call(`/api/v1/analytics?from=${today}&to=${today}`, { headers: auth });
  const day = r.json.days.find((d) => d.day === today);
  assert.deepEqual(day.tickets_by_category, [{ name: '支付问题', count: 1 }]);
  assert.deepEqual(day.tickets_by_department, [{ name: 'billing', count: 1 }]);
  assert.ok(day.first_response_median_ms >= 0);
  assert.ok(day.resolution_median_ms >= day.first_response_median_ms);
  assert.equal(day.csat_average, 5);
  assert.equal(day.csat_count, 1);
});

test('bad batches and ranges are refused', async () => {
  const auth = { authorization: `Bearer ${agent.token}` };
  const bad = [
    [{ events: [] }, 'events'],
    [{ events: Array(101).fill(search(DAY1, 'q', 'unsure', 0)) }, 'events'],
    [{ events: [search(DAY1, 'q'.repeat(201), 'unsure', 0)] }, 'events.0.query'],
  ];
  for (const [body, field] of bad) {
    const r = await w.call('/api/v1/events?site=demo', { method: 'POST', body });
    assert.equal(r.status, 422);
    assert.equal(r.json.error.field, field);
  }
  // Times from a wrong clock or a forged batch: the whole batch is refused, nothing is stored.
  const now = Date.now();
  for (const [at, where] of [[0, '1970'], [now - 31 * DAY_MS, 'a month ago'], [now + 2 * 60 * 60 * 1000, 'two hours ahead'], [8.64e15, 'the year 275760']]) {
    const r = await w.call('/api/v1/events?site=demo', { method: 'POST', body: { events: [search(now, '此刻', 'unsure', 0), search(at, '别时', 'unsure', 0)] } });
    assert.equal(r.status, 422, where);
    assert.equal(r.json.error.code, 'invalid', where);
    assert.equal(r.json.error.field, 'events.1.at', where);
  }
  const today = dateOf(now);
  const report = await w.call(`/api/v1/analytics?from=${today}&to=${today}`, { headers: auth });
  assert.ok(!JSON.stringify(report.json).includes('此刻'), 'a refused batch stores none of its events');
  const unknownType = await w.call('/api/v1/events?site=demo', { method: 'POST', body: { events: [{ at: 1, locale: 'x', type: 'mystery' }] } });
  assert.equal(unknownType.status, 422);
  for (const q of ['from=2026-11-20', 'from=2026-02-30&to=2026-03-01', 'from=2026-11-21&to=2026-11-20', 'from=2026-01-01&to=2026-12-31']) {
    const r = await w.call(`/api/v1/analytics?${q}`, { headers: auth });
    assert.equal(r.status, 422, q);
  }
});
