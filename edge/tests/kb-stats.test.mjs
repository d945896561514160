// The knowledge base's article figures under workerd: views and helpful votes from the widget's
// events, per article of the locale asked, over the last 30 days; editors only.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startWorker } from './support/worker.mjs';

let w;
let ed;
let agent;
before(async () => {
  w = await startWorker({ rateLimitScale: 1000, agents: [['Ed Editor', 'general', ['editor']], ['Bo Agent', 'billing', ['agent']]] });
  [ed, agent] = w.agents;
});
after(() => w?.dispose());

const stats = (person, locale) => w.call(`/api/v1/kb/stats?locale=${locale}`, { headers: { authorization: `Bearer ${person.token}` } });

test("each article's views and helpful rate in its locale, recent events only", async () => {
  const now = Date.now();
  const events = [
    { at: now, locale: 'zh-cn', type: 'article_view', article: '1001' },
    { at: now, locale: 'zh-cn', type: 'article_view', article: '1001' },
    { at: now, locale: 'zh-cn', type: 'helpful_vote', article: '1001', helpful: true },
    { at: now, locale: 'zh-cn', type: 'helpful_vote', article: '1001', helpful: false },
    { at: now, locale: 'zh-cn', type: 'helpful_vote', article: '1001', helpful: true },
    { at: now, locale: 'zh-cn', type: 'article_view', article: '1002' },
    { at: now, locale: 'en-us', type: 'article_view', article: '2001' },
    { at: now, locale: 'zh-cn', type: 'search', query: '退款', results: 0, verdict: 'unsure' },
  ];
  const posted = await w.call('/api/v1/events?site=demo', { method: 'POST', body: { events } });
  assert.ok(posted.status < 300, posted.text);

  const r = await stats(ed, 'zh-cn');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.to, new Date(now).toISOString().slice(0, 10));
  assert.deepEqual(r.json.articles.map((a) => [a.article, a.views, a.helpful, a.not_helpful]), [['1001', 2, 2, 1], ['1002', 1, 0, 0]]);
  assert.equal(r.json.articles[0].helpful_rate, 2 / 3);
  assert.equal(r.json.articles[1].helpful_rate ?? null, null, 'no votes, no rate');
  assert.deepEqual((await stats(ed, 'en-us')).json.articles.map((a) => a.article), ['2001']);
  assert.equal((await stats(ed, 'fr-fr')).status, 422);
  const twice = await stats(ed, 'zh-cn&locale=en-us');
  assert.deepEqual([twice.status, twice.json.error.field], [422, 'locale'], 'a parameter given twice is refused, not half read');
  assert.equal((await stats(agent, 'zh-cn')).status, 403);
});
