// Staffing in the console against the real worker: from four past weeks of billing chats the
// lead sees the hours short of agents in the week heatmap, plans a shift for an agent and sees
// the plan beside the need, downloads the forecast as CSV, in both languages, axe-clean; and with
// a plan that puts nobody on duty now, the widget offers no chat though an agent is online.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Peer } from '../../edge/tests/support/chat.mjs';
import { edgeDir } from '../../edge/tests/support/worker.mjs';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { startConsoleSuite, openConsole, signIn } from './support/console.mjs';
import { openDemo, openWidget, waitForIndex } from './support/widget.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const weekday = (ms) => (Math.floor(ms / DAY) + 3) % 7;
/** A table's body rows as text, cells joined by tabs. */
const rows = (table) => table.locator('tbody tr').allInnerTexts();
/** Waits until `read()` satisfies `ok`, for what the screen redraws after an answer. */
async function until(read, ok, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let suite;
let edge;
let browser;
let lead;
let bo;
before(async () => {
  suite = await startConsoleSuite({ agents: [['Chen Jing', 'billing', ['lead']], ['Bo Bai', 'billing']], browser: { viewport: { width: 1280, height: 1100 }, acceptDownloads: true } });
  ({ edge, browser, agents: [lead, bo] } = suite);
  // Four past weeks of billing chats: 20 on Monday 10:00–11:00 (the demo site keeps UTC), three
  // minutes each: one erlang, which needs three agents for 80 % answered in 20 s.
  const now = Date.now();
  const monday = Math.floor(now / DAY) * DAY - weekday(now) * DAY;
  const lines = [];
  for (let week = 1; week <= 4; week++) {
    for (let i = 0; i < 20; i++) {
      const at = monday - week * WEEK + 10 * HOUR + i * 3 * 60_000;
      const id = `past-${week}-${i}`;
      lines.push(`INSERT INTO tickets (id, site, number, channel, category, department, priority, status, subject, description, locale, context, created_at, updated_at, first_response_due, resolution_due, version) VALUES ('${id}', 'demo', ${90000 + week * 100 + i}, 'chat', '支付问题', 'billing', 'normal', 'closed', 's', 'd', 'zh-cn', '{}', ${at}, ${at}, ${at}, ${at}, 1);`);
      lines.push(`INSERT INTO chats (id, site, ticket_id, department, created_at, answered_at, ended_at) VALUES ('${id}', 'demo', '${id}', 'billing', ${at}, ${at + 5000}, ${at + 185_000});`);
    }
  }
  const file = join(tmpdir(), `staffing-seed-${process.pid}.sql`);
  await writeFile(file, lines.join('\n'));
  execFileSync('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', edge.persistTo, '--file', file], { cwd: edgeDir, env: { ...process.env, CI: 'true' }, stdio: 'ignore' });
});
after(() => suite?.stop());

test('a lead sees the hours short of agents, plans a shift, and sees it beside the need', async () => {
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, lead.token);
  await page.getByRole('link', { name: '排班' }).click();
  await page.getByRole('heading', { name: '排班', level: 1 }).waitFor();
  const billing = page.locator('figure.heatmap', { has: page.locator('svg#heatmap-billing') });
  await billing.waitFor();
  assert.equal(await billing.getByRole('img', { name: '会员与支付：每小时所需人数与已排班人数（典型一周）' }).count(), 1);
  await billing.getByText('会话按 Erlang C 预测：这几周没有人离开队列，测不出用户的耐心。').waitFor();
  const shortfalls = billing.getByRole('table', { name: '会员与支付：人手不足的时段' });
  assert.deepEqual(await rows(shortfalls), ['周一\t10:00\t3\t0']);

  // Bo's week: one shift, Monday 09:00–18:00 in billing (the new row's defaults), saved.
  await page.getByLabel('人员').selectOption({ label: 'Bo Bai' });
  await page.getByRole('button', { name: '添加班次' }).click();
  await page.getByLabel('开始 1').fill('09:00');
  await page.getByLabel('结束 1').fill('18:00');
  const saved = page.waitForResponse((r) => r.url().includes('/api/v1/staffing/plan/') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: '保存班次' }).click();
  assert.equal((await saved).status(), 200);
  await until(() => rows(shortfalls), (r) => r[0] === '周一\t10:00\t3\t1');
  assert.equal(await billing.locator('g.cell.idle').count(), 8, 'Bo is planned 09–18 and work is forecast 10–11 only');
  await page.getByRole('heading', { name: '今日实时（UTC 日）' }).waitFor();
  await saveScreenshot(page, 'console-staffing-zh');
  assert.deepEqual(await audit(page), [], 'zh-CN is axe-clean');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出排班预测 (CSV)' }).click();
  const csv = await readFile(await (await download).path(), 'utf8');
  assert.match(csv, /department,weekday,hour,chats_per_hour,handle_secs,chat_agents,tickets_per_hour,ticket_work_secs,ticket_agents,agents_needed,agents_planned\r\n/);
  assert.match(csv, /\r\nbilling,0,10:00,20,180,3,0,0,0,3,1\r\n/);

  // A what-if: twice the chats need more agents at 10:00.
  await page.getByLabel('假设：会话量（%）').fill('200');
  await page.getByRole('button', { name: '查看' }).click();
  await until(() => rows(shortfalls), (r) => /^周一\t10:00\t[4-9]\t1$/.test(r[0]));

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Staffing', level: 1 }).waitFor();
  await page.getByRole('table', { name: 'Billing: hours short of agents' }).waitFor();
  await page.getByText('Chats forecast with Erlang C: nobody left the line in these weeks, so users\' patience cannot be measured.').waitFor();
  await saveScreenshot(page, 'console-staffing-en');
  assert.deepEqual(await audit(page), [], 'en-US is axe-clean');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '排班', level: 1 }).waitFor();
  assert.deepEqual(problems, []);
});

test('a second lead saving over a plan changed meanwhile is told, and the plan reloads', async () => {
  const { page } = await openConsole(browser, edge.url);
  await signIn(page, lead.token);
  await page.goto(`${edge.url}/console/#/staffing`);
  await page.getByLabel('人员').selectOption({ label: 'Bo Bai' });
  await page.getByLabel('开始 1').waitFor();
  // Someone else saves Bo's plan first.
  const plan = await (await fetch(`${edge.url}/api/v1/staffing/plan`, { headers: { authorization: `Bearer ${lead.token}` } })).json();
  const current = plan.agents.find((a) => a.agent_id === bo.id);
  const other = await fetch(`${edge.url}/api/v1/staffing/plan/${bo.id}`, {
    method: 'PUT', headers: { authorization: `Bearer ${lead.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ version: current.version, shifts: [...current.shifts, { department: 'billing', weekday: 2, start_minute: 480, end_minute: 960 }] }),
  });
  assert.equal(other.status, 200);
  await page.getByRole('button', { name: '删除班次' }).first().click();
  await page.getByRole('button', { name: '保存班次' }).click();
  await page.getByRole('alert').filter({ hasText: '其他人刚刚修改了这份班次' }).waitFor();
  // The reloaded plan is the other lead's, both shifts.
  await page.getByLabel('开始 2').waitFor();
});

test('a lead adds a holiday and saves it; removing it again saves the empty list', async () => {
  const { page } = await openConsole(browser, edge.url);
  await signIn(page, lead.token);
  await page.goto(`${edge.url}/console/#/staffing`);
  await page.getByText('还没有节假日。').waitFor();
  await page.getByLabel('日期', { exact: true }).fill('2027-02-17');
  await page.getByRole('button', { name: '添加节假日' }).click();
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/staffing/holidays') && r.request().method() === 'PUT');
  await page.getByRole('button', { name: '保存节假日' }).click();
  assert.equal((await saved).status(), 200);
  const stored = async () => (await (await fetch(`${edge.url}/api/v1/staffing/plan`, { headers: { authorization: `Bearer ${lead.token}` } })).json()).holidays;
  assert.deepEqual(await until(stored, (h) => h.length === 1), ['2027-02-17']);
  assert.deepEqual(await audit(page), [], 'axe-clean with a holiday listed');
  await page.getByRole('button', { name: '删除 2027-02-17' }).click();
  await page.getByRole('button', { name: '保存节假日' }).click();
  assert.deepEqual(await until(stored, (h) => h.length === 0), []);
});

test('a plan read again late, after a save, neither undoes the next edit nor makes its save a conflict', async () => {
  const { page } = await openConsole(browser, edge.url);
  await signIn(page, lead.token);
  await page.goto(`${edge.url}/console/#/staffing`);
  await page.getByText('还没有节假日。').waitFor();
  // From here on each read of the plan answers 1.5 s late, after the lead's next edit and save.
  await page.route('**/api/v1/staffing/plan', async (route) => {
    await new Promise((r) => setTimeout(r, 1_500));
    await route.continue();
  });
  await page.getByLabel('日期', { exact: true }).fill('2027-04-05');
  await page.getByRole('button', { name: '添加节假日' }).click();
  const put = () => page.waitForResponse((r) => r.url().endsWith('/api/v1/staffing/holidays') && r.request().method() === 'PUT');
  const first = put();
  await page.getByRole('button', { name: '保存节假日' }).click();
  assert.equal((await first).status(), 200);
  await page.getByRole('button', { name: '删除 2027-04-05' }).click();
  const second = put();
  await page.getByRole('button', { name: '保存节假日' }).click();
  assert.equal((await second).status(), 200, 'saved at the version the first save answered, not refused as a conflict');
  // Both late reads have landed: the list the lead left is the one shown and stored.
  await page.waitForTimeout(3_500);
  await page.getByText('还没有节假日。').waitFor({ timeout: 1_000 });
  const stored = await (await fetch(`${edge.url}/api/v1/staffing/plan`, { headers: { authorization: `Bearer ${lead.token}` } })).json();
  assert.deepEqual(stored.holidays, []);
});

test("a lead gives an agent a day off and other hours on another day; the plan keeps them beside the week's shifts", async () => {
  const { page } = await openConsole(browser, edge.url);
  await signIn(page, lead.token);
  await page.goto(`${edge.url}/console/#/staffing`);
  await page.getByLabel('人员').selectOption({ label: 'Bo Bai' });
  await page.getByLabel('休息日期').fill('2027-03-01');
  await page.getByRole('button', { name: '添加休息日' }).click();
  await page.getByText('2027-03-01: 休息').waitFor();
  // Other hours: on 2 March Bo works 10:00–14:00 in billing instead of the template.
  const otherHours = page.getByRole('group', { name: '调班：某天改为其他时段' });
  await otherHours.getByLabel('调班日期').fill('2027-03-02');
  await otherHours.getByLabel('开始', { exact: true }).fill('10:00');
  await otherHours.getByLabel('结束', { exact: true }).fill('14:00');
  await otherHours.getByLabel('部门', { exact: true }).selectOption({ label: '会员与支付' });
  await otherHours.getByRole('button', { name: '添加调班' }).click();
  await page.getByText('2027-03-02: 会员与支付 10:00–14:00').waitFor();
  assert.deepEqual(await audit(page), [], 'axe-clean with the exceptions listed');
  await page.getByRole('button', { name: '保存班次' }).click();
  const bos = async () => (await (await fetch(`${edge.url}/api/v1/staffing/plan`, { headers: { authorization: `Bearer ${lead.token}` } })).json()).agents.find((a) => a.agent_id === bo.id);
  const stored = await until(bos, (a) => a.exceptions.length === 2);
  assert.deepEqual(stored.exceptions, [
    { date: '2027-03-01', department: null, start_minute: null, end_minute: null },
    { date: '2027-03-02', department: 'billing', start_minute: 600, end_minute: 840 },
  ]);
  assert.ok(stored.shifts.length >= 1, 'the shifts stay');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('group', { name: 'Other hours on a date' }).getByRole('button', { name: 'Add other hours' }).waitFor();
  await page.getByText('2027-03-02: Billing 10:00–14:00').waitFor();
});

test('with a plan that puts nobody on duty now, the widget offers no chat though an agent is online', async () => {
  const otherDay = (weekday(Date.now()) + 3) % 7;
  const plan = await (await fetch(`${edge.url}/api/v1/staffing/plan`, { headers: { authorization: `Bearer ${lead.token}` } })).json();
  const current = plan.agents.find((a) => a.agent_id === bo.id);
  const put = await fetch(`${edge.url}/api/v1/staffing/plan/${bo.id}`, {
    method: 'PUT', headers: { authorization: `Bearer ${lead.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ version: current.version, shifts: [{ department: 'billing', weekday: otherDay, start_minute: 0, end_minute: 1440 }] }),
  });
  assert.equal(put.status, 200);
  const desk = await Peer.open(`${edge.url.replace(/^http/, 'ws')}/api/v1/agent/desk/socket?agent_token=${bo.token}`);
  desk.send({ type: 'presence', status: 'online', capacity: 2 });
  await desk.seen('desk', (d) => d.status === 'online');

  const { page } = await openDemo(browser, edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await dialog.getByRole('button', { name: '提问' }).click();
  await dialog.getByRole('button', { name: '联系人工客服' }).click();
  await dialog.getByRole('textbox', { name: '问题描述' }).fill('会员扣了两次钱');
  await dialog.getByRole('button', { name: '在线咨询' }).click();
  await dialog.getByRole('alert').filter({ hasText: '现在不在在线客服时间' }).waitFor();
  assert.equal(await dialog.getByRole('button', { name: '在线咨询' }).count(), 0);
  await saveScreenshot(page, 'widget-chat-nobody-planned-zh');
  await desk.close();
});
