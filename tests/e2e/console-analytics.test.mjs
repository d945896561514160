// The support lead's analytics against the real worker: searches made in the widget on the demo
// page show up in the console's charts (top, zero-result, unsure), with votes and deflection,
// and the tables download as CSV; a case handed to another department shows in the handoff
// charts (the cases lost between departments), with CSV, in both languages, axe clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { saveScreenshot } from './support/browser.mjs';
import { openDemo, openWidget, waitForIndex } from './support/widget.mjs';
import { startConsoleSuite, openConsole, signIn, fileTicket } from './support/console.mjs';
import { audit } from './support/axe.mjs';

let suite;
let edge;
let browser;
let lead;
before(async () => {
  suite = await startConsoleSuite({ agents: [['Chen Jing', 'general', ['lead']]], browser: { viewport: { width: 1280, height: 1000 }, acceptDownloads: true } });
  ({ edge, browser, agents: [lead] } = suite);
});
after(() => suite?.stop());

/** Types a query into the widget and waits until the widget counts it as a search. */
async function search(widget, query) {
  await widget.getByRole('searchbox').fill(query);
  await widget.getByRole('status').filter({ hasText: /找到|没有找到/ }).waitFor();
  // The widget records a query once typing has paused for 1.2 s.
  await new Promise((r) => setTimeout(r, 1600));
}

test('the searches a user made in the widget appear in the analytics, and download as CSV', async () => {
  const { page: site } = await openDemo(browser, edge.url);
  const widget = await openWidget(site);
  await waitForIndex(widget);
  await search(widget, '火星签证办理');
  await search(widget, 'xyzzyplugh');
  await search(widget, '修改密码');
  await widget.getByRole('list', { name: /找到/ }).getByRole('link').first().click();
  const sent = site.waitForResponse((r) => r.url().includes('/api/v1/events') && r.request().method() === 'POST');
  await widget.getByRole('group', { name: '这篇文章有帮助吗？' }).getByRole('button', { name: '是' }).click();
  assert.equal((await sent).status(), 202);
  const events = JSON.parse((await sent).request().postData()).events;
  const searched = events.filter((e) => e.type === 'search').map((e) => e.query);
  assert.deepEqual(searched, ['火星签证办理', 'xyzzyplugh', '修改密码']);

  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, lead.token);
  await page.getByRole('link', { name: '数据分析' }).click();
  await page.getByRole('heading', { name: '数据分析', level: 1 }).waitFor();
  const figure = (id) => page.locator(`figure#${id}`);
  await figure('top-queries').locator('svg').waitFor();
  const top = await figure('top-queries').innerText();
  for (const query of searched) assert.match(top, new RegExp(query));
  assert.match(await figure('zero-result-queries').innerText(), /xyzzyplugh/);
  assert.doesNotMatch(await figure('zero-result-queries').innerText(), /修改密码/);
  assert.match(await figure('unsure-queries').innerText(), /火星签证办理/);
  const headline = await page.locator('section.analytics > .headline').innerText();
  assert.match(headline, /搜索次数\s*3/);
  // The vote said the article helped: one deflection, no contact.
  assert.match(headline, /自助解决率\s*100%/);
  assert.match(await figure('helpful-rate').innerText(), /100%/);
  // Each chart names its SVG by its caption, and its numbers sit in a table.
  assert.equal(await figure('top-queries').getByRole('img', { name: '热门搜索词' }).count(), 1);
  await saveScreenshot(page, 'console-analytics-zh');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出搜索词 (CSV)' }).click();
  const file = await download;
  assert.match(file.suggestedFilename(), /^queries-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  assert.match(csv, /^\uFEFFkind,query,count\r\n/);
  assert.match(csv, /\r\nzero_result,xyzzyplugh,1\r\n/);
  assert.match(csv, /\r\nunsure,火星签证办理,1\r\n/);

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
  await page.locator('figure#top-queries svg').waitFor();
  await saveScreenshot(page, 'console-analytics-en');
  // The language is a preference kept for the next visit: back to Chinese for the next test.
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '数据分析', level: 1 }).waitFor();
  assert.deepEqual(problems, []);
});

test('a range the edge refuses is said, not hidden', async () => {
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, lead.token);
  await page.goto(`${edge.url}/console/#/analytics`);
  await page.getByRole('heading', { name: '数据分析', level: 1 }).waitFor();
  await page.getByLabel('开始日期').fill('2025-01-01');
  await page.getByLabel('结束日期').fill('2025-12-31');
  await page.getByRole('button', { name: '查看' }).click();
  await page.getByRole('alert').filter({ hasText: /加载失败/ }).waitFor();
  assert.deepEqual(problems.filter((p) => !p.includes('422')), []);
});

test('a case handed to another department shows in the handoff charts, and downloads as CSV', async () => {
  const filed = await fileTicket(edge.url, { category: '账号管理' });
  assert.equal(filed.ticket.department, 'general');
  const auth = { authorization: `Bearer ${lead.token}`, 'content-type': 'application/json' };
  const url = `${edge.url}/api/v1/agent/tickets/${filed.ticket.id}`;
  const { ticket } = await (await fetch(url, { headers: auth })).json();
  const moved = await fetch(url, { method: 'PATCH', headers: auth, body: JSON.stringify({ version: ticket.version, department: 'billing', note: '扣费问题，请账务处理' }) });
  assert.equal(moved.status, 200, await moved.text());

  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, lead.token);
  await page.goto(`${edge.url}/console/#/analytics`);
  const section = page.getByRole('region', { name: '跨部门流转的工单' });
  await section.locator('figure#handoffs-per-case svg').waitFor();
  assert.match(await section.locator('.headline').innerText(), /期间新建的工单\s*1\s*平均每单转交次数\s*1\.00/);
  assert.match(await section.locator('figure#handoffs-per-case').innerText(), /转交 1 次\s*1/);
  await section.locator('figure#hours-per-department svg').waitFor();
  await section.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'console-handoffs-zh');
  assert.deepEqual(await audit(page), [], 'the handoff charts pass axe');

  const download = page.waitForEvent('download');
  await section.getByRole('button', { name: '导出跨部门流转 (CSV)' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  assert.match(csv, /^\uFEFFgroup,name,cases,hours,median_hours,tasks,tasks_overdue\r\n/);
  assert.match(csv, /\r\nhandoffs,1,1,/);
  assert.match(csv, /\r\ndepartment,general,1,/, 'the lead sees their own department');

  await page.getByRole('button', { name: 'English' }).click();
  const english = page.getByRole('region', { name: 'Cases across departments' });
  await english.locator('figure#handoffs-per-case svg').waitFor();
  assert.match(await english.locator('figure#handoffs-per-case').innerText(), /1 handoffs\s*1/);
  await english.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'console-handoffs-en');
  assert.deepEqual(await audit(page), [], 'in English too');
  await page.getByRole('button', { name: '中文' }).click();
  assert.deepEqual(problems, []);
});
