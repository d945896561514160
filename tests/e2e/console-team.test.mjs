// The team in the console, against the real worker: an admin signs in with email and password,
// invites an agent to billing only by a one-time link; the agent sets a password through the
// link in a browser of their own, sees billing's tickets and not security's; the admin
// deactivates them and their open console stops working. The people, roles and audit screens
// are screenshotted and axe-checked in both languages; a requester's data is exported and erased.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { audit } from './support/axe.mjs';
import { launchBrowser, saveScreenshot } from './support/browser.mjs';
import { startConsoleSuite, fileTicket, openConsole, signInWithPassword } from './support/console.mjs';

const ADMIN = { email: 'wang.admin@example.test', password: 'admin-password-42' };
const AGENT = { name: '赵敏', email: 'zhao.min@example.test', password: 'billing-only-7788' };

let suite;
let edge;
let billing;
let security;
before(async () => {
  suite = await startConsoleSuite({ browser: { acceptDownloads: true } });
  edge = suite.edge;
  edge.createAgent('王管理', 'general', ['admin'], ['--email', ADMIN.email, '--password', ADMIN.password]);
  // Writing to the local database can make wrangler dev reload for a moment: wait it out.
  await healthy(edge.url);
  billing = (await fileTicket(edge.url, { subject: `会员扣费两次 ${Date.now()}`, category: '支付问题', name: '小李', email: 'xiaoli@example.test' })).ticket;
  security = (await fileTicket(edge.url, { subject: `登录提醒来自陌生设备 ${Date.now()}`, category: '账号安全' })).ticket;
  assert.equal(billing.department, 'billing');
  assert.equal(security.department, 'security');
});
after(() => suite?.stop());

async function healthy(url, deadline = Date.now() + 20_000) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/v1/health`)).ok) return;
    } catch {
      // reloading
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the worker did not come back');
}

async function adminConsole() {
  const opened = await openConsole(suite.browser, edge.url);
  await signInWithPassword(opened.page, ADMIN.email, ADMIN.password);
  return opened;
}

test('an invited agent sees only billing, and a deactivation ends their open console', async () => {
  const { page: admin, problems } = await adminConsole();
  await admin.getByRole('link', { name: '团队' }).click();
  await admin.getByRole('heading', { name: '团队', level: 1 }).waitFor();
  assert.match(await admin.getByRole('row').filter({ hasText: '王管理' }).innerText(), /管理员[\s\S]*已启用/);

  // The invitation: name, email, the agent role (ticked by default), billing only.
  await admin.getByLabel('姓名').fill(AGENT.name);
  await admin.getByLabel('邮箱').fill(AGENT.email);
  await admin.getByRole('group', { name: '所属部门' }).first().getByLabel('billing').check();
  await admin.getByRole('button', { name: '创建邀请链接' }).click();
  const link = await admin.getByLabel(`${AGENT.name} 的一次性链接（只显示这一次，请复制给对方）`).inputValue();
  assert.match(link, new RegExp(`^${edge.url}/console/#/accept/[0-9a-f]{64}$`));
  const row = admin.getByRole('row').filter({ hasText: AGENT.email });
  await row.filter({ hasText: '已邀请，未接受' }).waitFor();
  assert.match(await row.innerText(), /坐席[\s\S]*billing/);

  // The agent, in a browser of their own: the link sets the password and signs in.
  const own = await launchBrowser({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  try {
    const agent = await own.newPage();
    const agentProblems = [];
    agent.on('pageerror', (error) => agentProblems.push(error.message));
    await agent.goto(link);
    await agent.getByRole('heading', { name: '设置密码，加入团队' }).waitFor();
    assert.deepEqual(await audit(agent), [], 'the invitation page passes axe');
    await agent.getByLabel('密码', { exact: true }).fill(AGENT.password);
    await agent.getByLabel('再次输入密码').fill(`${AGENT.password}x`);
    await agent.getByRole('button', { name: '设置密码并登录' }).click();
    await agent.getByRole('alert').filter({ hasText: '两次输入的密码不一致。' }).waitFor();
    await agent.getByLabel('再次输入密码').fill(AGENT.password);
    await agent.getByRole('button', { name: '设置密码并登录' }).click();
    await agent.getByRole('heading', { name: '工单', level: 1 }).waitFor();
    assert.doesNotMatch(agent.url(), /accept/, 'the one-time token leaves the address');

    // Signing out ends the session; the password signs in again.
    await agent.getByRole('button', { name: '退出登录' }).click();
    await signInWithPassword(agent, AGENT.email, AGENT.password);
    await agent.getByRole('link', { name: billing.subject }).waitFor();
    assert.equal(await agent.getByRole('link', { name: security.subject }).count(), 0, "security's ticket is not listed");
    const nav = await agent.getByRole('navigation').innerText();
    assert.doesNotMatch(nav, /数据分析|团队|审计日志/, 'a plain agent has no analytics, team or audit');
    // Asked by address, security's ticket is refused by the worker, not only hidden.
    await agent.goto(`${edge.url}/console/#/tickets/${security.id}`);
    await agent.getByRole('heading', { name: '加载失败：' }).waitFor();

    // Their desk socket is open on the queue screen when the admin deactivates them.
    const opened = agent.waitForEvent('websocket', (ws) => ws.url().includes('/agent/desk/socket'));
    await agent.goto(`${edge.url}/console/#/chats`);
    const socket = await opened;
    await agent.getByRole('button', { name: '上线' }).waitFor();
    // The admin's list, read again, shows them active since they accepted.
    await admin.reload();
    await row.filter({ hasText: '已启用' }).waitFor();
    const closed = new Promise((done) => socket.on('close', done));
    await row.getByRole('button', { name: '停用' }).click();
    await row.filter({ hasText: '已停用' }).waitFor();
    await closed;
    // Their next action meets the signed-out state.
    await agent.getByRole('link', { name: '工单' }).click();
    await agent.getByRole('heading', { name: '客服登录' }).waitFor();
    assert.match(await agent.locator('.announcer').innerText(), /您的登录已失效/);
    assert.equal(await agent.evaluate(() => sessionStorage.getItem('help-console.agent-token')), null);
    // And the password no longer works.
    await agent.getByLabel('邮箱').fill(AGENT.email);
    await agent.getByLabel('密码').fill(AGENT.password);
    await agent.getByRole('button', { name: '登录', exact: true }).click();
    await agent.getByRole('alert').filter({ hasText: '邮箱或密码不正确。' }).waitFor();
    assert.deepEqual(agentProblems, []);
  } finally {
    await own.close();
  }

  // Rotating their credentials gives a new one-time link.
  await row.getByRole('button', { name: '重置凭据' }).click();
  const rotated = await admin.getByLabel(`${AGENT.name} 的一次性链接（只显示这一次，请复制给对方）`).inputValue();
  assert.match(rotated, /#\/accept\/[0-9a-f]{64}$/);
  assert.notEqual(rotated, link);

  // The audit log tells it all, filters it, and downloads it.
  await admin.getByRole('link', { name: '审计日志' }).click();
  await admin.getByRole('heading', { name: '审计日志', level: 1 }).waitFor();
  const log = admin.locator('table.audit-log');
  await log.waitFor();
  for (const action of ['发出邀请', '接受邀请', '停用成员', '重置凭据', '登录成功', '登录失败']) assert.match(await log.innerText(), new RegExp(action));
  await admin.getByLabel('操作类型').selectOption('deactivated');
  await admin.getByRole('button', { name: '查看' }).click();
  await admin.locator('table.audit-log tbody tr').first().filter({ hasText: '停用成员' }).waitFor();
  assert.equal(await admin.locator('table.audit-log tbody tr').count(), 1);
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('button', { name: '导出已加载的记录 (CSV)' }).click()]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /^\uFEFFat,actor_id,actor_name,action,target,detail,ip\r\n/);
  assert.match(csv, /王管理,deactivated,/);
  assert.equal(csv.trim().split('\r\n').length, 2);
  assert.deepEqual(problems, []);
});

test("an admin exports a requester's data as JSON and erases it, messages too", async () => {
  const { page, problems } = await adminConsole();
  await page.goto(`${edge.url}/console/#/tickets/${billing.id}`);
  const context = page.getByRole('region', { name: '用户背景' });
  await context.getByRole('heading', { name: '用户数据' }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), context.getByRole('button', { name: '导出该用户的数据 (JSON)' }).click()]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(exported.requester, { kind: 'of_ticket', ticket_id: billing.id });
  assert.equal(exported.tickets[0].email, 'xiaoli@example.test');
  await context.getByRole('button', { name: '删除该用户的数据' }).click();
  const confirm = context.getByRole('group', { name: '删除该用户的数据' });
  await confirm.getByLabel('同时删除其消息内容').check();
  const erased = page.waitForResponse((r) => r.url().endsWith('/api/v1/requesters/erase'));
  await confirm.getByRole('button', { name: '确认删除' }).click();
  const sent = JSON.parse((await erased).request().postData());
  assert.deepEqual(sent, { requester: { kind: 'of_ticket', ticket_id: billing.id }, messages: true });
  assert.equal((await erased).status(), 200);
  await page.locator('.announcer').filter({ hasText: '已删除 1 个工单中的个人信息。' }).waitFor();
  const requester = page.locator('dl.requester');
  await requester.filter({ hasText: '匿名用户' }).waitFor();
  assert.doesNotMatch(await requester.innerText(), /xiaoli@example\.test|小李/);
  assert.deepEqual(problems, []);
});

test('an integration token is shown once, works, and stops when revoked; the retention is kept', async () => {
  const { page, problems } = await adminConsole();
  await page.getByRole('link', { name: '团队' }).click();
  const tokens = page.getByRole('region', { name: '集成令牌' });
  await tokens.getByLabel('用途').fill('工单同步');
  await tokens.getByRole('button', { name: '创建令牌' }).click();
  const token = await tokens.getByLabel('新令牌「工单同步」（只显示这一次，请立即保存）').inputValue();
  const me = () => fetch(`${edge.url}/api/v1/agent/me`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal((await me()).status, 200);
  const listed = tokens.getByRole('row').filter({ hasText: '工单同步' });
  assert.match(await listed.innerText(), /工单与会话/);
  await listed.getByRole('button', { name: '撤销' }).click();
  await listed.filter({ hasText: '已于' }).waitFor();
  assert.equal((await me()).status, 401);

  const retention = page.getByRole('region', { name: '数据保留' });
  await retention.getByLabel(/保留天数/).fill('90');
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/team/settings') && r.request().method() === 'PUT');
  await retention.getByRole('button', { name: '保存' }).click();
  assert.equal((await saved).status(), 200);
  await page.reload();
  await page.getByRole('region', { name: '数据保留' }).getByLabel(/保留天数/).waitFor();
  await page.waitForFunction(() => document.getElementById('retention-days').value === '90');
  assert.deepEqual(problems, []);
});

test('the people, roles and audit screens in both languages: screenshots, axe clean', async () => {
  const { page, problems } = await adminConsole();
  const found = {};
  for (const [lang, names] of [
    ['zh', { team: '团队', edit: '编辑', audit: '审计日志', form: `编辑 ${AGENT.name}` }],
    ['en', { team: 'Team', edit: 'Edit', audit: 'Audit log', form: `Edit ${AGENT.name}` }],
  ]) {
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: names.team }).click();
    await page.getByRole('heading', { name: names.team, level: 1 }).waitFor();
    const row = page.getByRole('row').filter({ hasText: AGENT.email });
    await row.waitFor();
    await saveScreenshot(page, `console-team-people-${lang}`);
    found[`${lang} people`] = await audit(page);
    await row.getByRole('button', { name: names.edit }).click();
    await page.getByRole('form', { name: names.form }).waitFor();
    await saveScreenshot(page, `console-team-roles-${lang}`);
    found[`${lang} roles`] = await audit(page);
    await page.getByRole('link', { name: names.audit }).click();
    await page.locator('table.audit-log').waitFor();
    await saveScreenshot(page, `console-audit-${lang}`);
    found[`${lang} audit`] = await audit(page);
  }
  await page.getByRole('button', { name: '中文' }).click();
  for (const [screen, violations] of Object.entries(found)) assert.deepEqual(violations, [], screen);
  assert.deepEqual(problems, []);
});
