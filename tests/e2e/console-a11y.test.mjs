// The console audited by axe-core (the npm package, injected into the page) on every screen, in
// both languages: no serious or critical violation. The keyboard-only paths are in
// console-tickets.test.mjs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { audit } from './support/axe.mjs';
import { startConsoleSuite, fileTicket, openConsole, signIn } from './support/console.mjs';

let suite;
let edge;
let agent;
let ticket;
before(async () => {
  suite = await startConsoleSuite({ agents: [['李伟', 'technical', ['lead']]] });
  ({ edge, agents: [agent] } = suite);
  ticket = (await fileTicket(edge.url, { name: '小王', context: { searches: ['视频卡顿'], bot_transcript: [{ speaker: 'user', text: '卡住了' }, { speaker: 'bot', text: '请试试清除缓存' }], triage: ['anger'] } })).ticket;
  await fetch(`${edge.url}/api/v1/agent/tickets/${ticket.id}/notes`, {
    method: 'POST', headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: '内部备注' }),
  });
  await fetch(`${edge.url}/api/v1/events?site=demo`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ events: [{ at: Date.now(), locale: 'zh-cn', type: 'search', query: '退款', verdict: 'answer', results: 3 }] }),
  });
});
after(() => suite?.stop());

test('every screen passes axe in zh-CN and en-US', async () => {
  const { page, problems } = await openConsole(suite.browser, edge.url);
  await page.getByRole('heading', { name: '客服登录' }).waitFor();
  const found = { 'sign-in': await audit(page) };
  await signIn(page, agent.token);
  for (const lang of ['zh-CN', 'en-US']) {
    if (lang === 'en-US') await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`${edge.url}/console/#/tickets`);
    await page.getByRole('table').waitFor();
    found[`${lang} list`] = await audit(page);
    await page.goto(`${edge.url}/console/#/tickets/${ticket.id}`);
    await page.locator('.timeline .note').waitFor();
    found[`${lang} ticket`] = await audit(page);
    await page.keyboard.press('?');
    await page.getByRole('dialog').waitFor();
    found[`${lang} shortcuts`] = await audit(page);
    await page.keyboard.press('Escape');
    await page.goto(`${edge.url}/console/#/analytics`);
    await page.locator('figure#top-queries svg').waitFor();
    found[`${lang} analytics`] = await audit(page);
    await page.goto(`${edge.url}/console/#/chats`);
    await page.locator('section.chats').waitFor();
    found[`${lang} chats`] = await audit(page);
  }
  await page.getByRole('button', { name: '中文' }).click();
  for (const [screen, violations] of Object.entries(found)) assert.deepEqual(violations, [], screen);
  assert.deepEqual(problems, []);
});

test('each screen names itself: the page language follows the choice and focus lands on the heading', async () => {
  const { page } = await openConsole(suite.browser, edge.url);
  await signIn(page, agent.token);
  await page.getByRole('link', { name: '数据分析' }).click();
  await page.getByRole('heading', { name: '数据分析', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '数据分析');
  assert.equal(await page.locator('.console').getAttribute('lang'), 'zh-CN');
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await page.locator('.console').getAttribute('lang'), 'en-US');
  await page.getByRole('button', { name: '中文' }).click();
});
