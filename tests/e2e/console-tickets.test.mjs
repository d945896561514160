// The agent console against the real worker: sign in (and staying signed in while offline), a
// ticket filed through the widget on the
// demo page appears, the agent replies and the user reads the reply in "My requests", a
// transfer needs a note, filters and keyboard shortcuts work, a callback request shows whom to
// call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { saveScreenshot } from './support/browser.mjs';
import { openDemo, openWidget, waitForIndex } from './support/widget.mjs';
import { startConsoleSuite, fileTicket, openConsole, signIn } from './support/console.mjs';

let suite;
let edge;
let browser;
let li;
let zhao;
before(async () => {
  // 李伟 leads the first line (a widget question about a password the widget files under account
  // security) and hands cases to billing's people; Zhao Min works billing only.
  suite = await startConsoleSuite({ agents: [['李伟', ['technical', 'security', 'billing'], ['lead']], ['Zhao Min', 'billing']] });
  ({ edge, browser, agents: [li, zhao] } = suite);
});
after(() => suite?.stop());

test('a wrong token is refused, a right one signs in, and signing out forgets it', async () => {
  const { page, problems } = await openConsole(browser, edge.url);
  const csp = (await page.request.get(`${edge.url}/console/`)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /frame-ancestors 'none'/);
  await page.getByRole('heading', { name: '客服登录' }).waitFor();
  await saveScreenshot(page, 'console-sign-in-zh');
  await page.getByLabel('客服令牌').fill('not-a-token');
  await page.getByRole('button', { name: '用令牌登录', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: '令牌无效' }).waitFor();
  await page.getByLabel('客服令牌').fill(li.token);
  await page.getByRole('button', { name: '用令牌登录', exact: true }).click();
  await page.getByRole('heading', { name: '工单', level: 1 }).waitFor();
  assert.match(await page.getByRole('banner').innerText(), /李伟 · technical/);
  // A reload keeps the tab signed in (sessionStorage); signing out forgets the token.
  await page.reload();
  await page.getByRole('heading', { name: '工单', level: 1 }).waitFor();
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByRole('heading', { name: '客服登录' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  // 401 from a wrong token is an expected answer, not a page problem.
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
});

test('a reload while the edge cannot be reached keeps the agent signed in; only a refused token signs out', async () => {
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, li.token);
  // Offline at a reload: the token stays in the tab and the console offers to try again.
  await page.route('**/api/v1/agent/me', (route) => route.abort('internetdisconnected'));
  await page.reload();
  await page.getByRole('alert').filter({ hasText: '无法连接服务' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('help-console.agent-token')), li.token);
  await page.unroute('**/api/v1/agent/me');
  await page.getByRole('button', { name: '重试' }).click();
  await page.getByRole('heading', { name: '工单', level: 1 }).waitFor();
  // A token the edge refuses (revoked, say) is forgotten at the next reload.
  await page.evaluate(() => sessionStorage.setItem('help-console.agent-token', 'revoked-token'));
  await page.reload();
  await page.getByRole('heading', { name: '客服登录' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  // The refused token's 401 is what this test asks for.
  assert.deepEqual(problems.filter((p) => !p.includes('401')), []);
});

test('a ticket filed in the widget appears; the agent replies and the user reads it in My requests', async () => {
  // The user: searches, reads an article, says it did not help, files a ticket.
  const { page: site } = await openDemo(browser, edge.url);
  const widget = await openWidget(site);
  await waitForIndex(widget);
  await widget.getByRole('searchbox').fill('修改密码');
  await widget.getByRole('list', { name: /找到/ }).getByRole('link').first().click();
  await widget.getByRole('group', { name: '这篇文章有帮助吗？' }).getByRole('button', { name: '否' }).click();
  await widget.getByRole('button', { name: '没解决？联系人工客服' }).first().click();
  const marker = `改不了密码 ${Date.now()}`;
  await widget.getByLabel('问题描述').fill(`${marker}：收不到验证码，试了三次`);
  await widget.getByLabel('主题').fill(marker);
  await widget.getByLabel('称呼').fill('小王');
  await widget.getByRole('button', { name: '提交' }).click();
  const filed = await widget.getByRole('status').filter({ hasText: /工单已提交，编号 #\d+/ }).innerText();
  const number = filed.match(/#(\d+)/)[1];

  // The agent: the ticket is in the list, with the requester's name.
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, li.token);
  const row = page.getByRole('row').filter({ hasText: marker });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(`#${number}[\\s\\S]*小王[\\s\\S]*新建`));
  await saveScreenshot(page, 'console-tickets-zh');
  await row.getByRole('link', { name: marker }).click();
  await page.getByRole('heading', { name: `#${number} ${marker}`, level: 1 }).waitFor();
  // The context the widget sent: the search and the article read.
  const context = page.getByRole('region', { name: '用户背景' });
  assert.match(await context.innerText(), /修改密码/);
  await saveScreenshot(page, 'console-ticket-zh');

  // A note first (agents only), then the public reply.
  await page.getByRole('radio', { name: '内部备注' }).check();
  await page.getByLabel('备注内容（仅客服可见）').fill('用户可能换了手机号');
  await page.getByRole('button', { name: '保存备注' }).click();
  await page.getByRole('listitem').filter({ hasText: '用户可能换了手机号' }).getByText('内部备注').waitFor();
  await page.getByRole('radio', { name: '公开回复' }).check();
  await page.getByLabel('回复内容（用户可见）').fill('您好，请在“账号安全”里先更换绑定手机号，再重设密码。');
  await page.getByRole('button', { name: '发送回复' }).click();
  await page.getByRole('listitem').filter({ hasText: '请在“账号安全”里先更换绑定手机号' }).waitFor();
  await page.getByRole('status').filter({ hasText: '回复已发送。' }).waitFor();
  assert.match(await page.locator('.facts').innerText(), /处理中/);

  // The user: My requests shows the reply, never the note.
  await widget.getByRole('navigation').getByRole('button', { name: '我的请求' }).click();
  await widget.getByRole('link', { name: new RegExp(marker) }).click();
  await widget.getByText('请在“账号安全”里先更换绑定手机号').waitFor();
  assert.doesNotMatch(await widget.innerText(), /用户可能换了手机号/);
  await saveScreenshot(site, 'widget-request-with-agent-reply-zh');
  assert.deepEqual(problems, []);
});

test('a transfer to another department needs a note, and the timeline shows both', async () => {
  // A calm request (the edge's triage would send lost money to billing by itself).
  const { ticket } = await fileTicket(edge.url, { subject: '会员权益没有生效', category: '视频播放' });
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, li.token);
  await page.goto(`${edge.url}/console/#/tickets/${ticket.id}`);
  await page.getByRole('heading', { name: `#${ticket.number} 会员权益没有生效` }).waitFor();
  const properties = page.getByRole('form', { name: '工单属性' });
  await properties.getByLabel('部门').selectOption('billing');
  await properties.getByLabel('处理人').selectOption({ label: 'Zhao Min' });
  await properties.getByRole('button', { name: '保存修改' }).click();
  await properties.getByRole('alert').filter({ hasText: '转交到其他部门时请写明原因。' }).waitFor();
  await properties.getByLabel('转交说明（必填）').fill('会员开通记录在计费系统，请计费组核对');
  await properties.getByRole('button', { name: '保存修改' }).click();
  const transfer = page.getByRole('listitem').filter({ hasText: '转交部门：technical → billing' });
  await transfer.waitFor();
  assert.match(await transfer.innerText(), /会员开通记录在计费系统，请计费组核对[\s\S]*|内部备注/);
  await page.getByRole('listitem').filter({ hasText: '处理人：未分配 → Zhao Min' }).waitFor();
  assert.match(await page.locator('.facts').innerText(), /billing/);
  await saveScreenshot(page, 'console-transfer-zh');

  // The worker agrees, and the requester never sees why.
  const seen = await (await fetch(`${edge.url}/api/v1/agent/tickets/${ticket.id}`, { headers: { authorization: `Bearer ${zhao.token}` } })).json();
  assert.equal(seen.ticket.department, 'billing');
  assert.equal(seen.assignee, zhao.id);
  assert.deepEqual(problems, []);
});

test('filters and search narrow the list; keyboard shortcuts move, open, reply and go back', async () => {
  const marker = `快捷键${Date.now()}`;
  await fileTicket(edge.url, { subject: `${marker} 网页`, channel: 'web' });
  const { ticket: app } = await fileTicket(edge.url, { subject: `${marker} 应用`, channel: 'app' });
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, li.token);
  await page.keyboard.press('/');
  await page.keyboard.type(marker);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: '共 2 个工单' }).waitFor();
  await page.getByLabel('渠道').selectOption('app');
  await page.getByRole('status').filter({ hasText: '共 1 个工单' }).waitFor();
  assert.match(await page.getByRole('table').innerText(), new RegExp(`${marker} 应用`));
  await page.getByLabel('服务时限').selectOption('true');
  await page.getByRole('status').filter({ hasText: '没有符合条件的工单。' }).waitFor();
  await page.getByLabel('服务时限').selectOption('');

  // The help lists the shortcuts; j focuses the first row, o opens it.
  await page.evaluate(() => document.activeElement.blur());
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: '键盘快捷键' });
  await help.waitFor();
  assert.match(await help.innerText(), /写内部备注/);
  await saveScreenshot(page, 'console-shortcuts-zh');
  await page.keyboard.press('Escape');
  await help.waitFor({ state: 'detached' });
  await page.keyboard.press('j');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), `${marker} 应用`);
  await page.keyboard.press('o');
  await page.getByRole('heading', { name: `#${app.number} ${marker} 应用` }).waitFor();
  await page.keyboard.press('r');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'composer-text');
  await page.keyboard.type('已收到，正在处理');
  await page.keyboard.press('Control+Enter');
  await page.getByRole('listitem').filter({ hasText: '已收到，正在处理' }).waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: '工单', level: 1 }).waitFor();
  assert.deepEqual(problems, []);
});

test('a callback request is listed under the hotline channel, its context saying whom to call and when', async () => {
  const marker = `请回电${Date.now()}`;
  const callback = await fetch(`${edge.url}/api/v1/callbacks?site=demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: '+86 138 0013 8000', at: Date.now() + 3 * 60 * 60 * 1000, message: `${marker}：会员扣了两次钱`, subject: marker, category: '支付问题' }),
  });
  assert.equal(callback.status, 201, await callback.text());
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, zhao.token);
  await page.getByLabel('渠道').selectOption('hotline');
  const row = page.getByRole('row').filter({ hasText: marker });
  await row.waitFor();
  await row.getByRole('link', { name: marker }).click();
  const context = page.getByRole('region', { name: '用户背景' });
  await context.getByRole('heading', { name: '请回电' }).waitFor();
  assert.match(await context.innerText(), /\+86 138 0013 8000/);
  await saveScreenshot(page, 'console-callback-zh');
  assert.deepEqual(problems, []);
});

test('the console speaks English too, the queue and chats screen included', async () => {
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, li.token);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Tickets', level: 1 }).waitFor();
  await saveScreenshot(page, 'console-tickets-en');
  await page.getByRole('link', { name: 'Queue and chats' }).click();
  await page.getByRole('heading', { name: 'Queue and chats', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Go online' }).waitFor();
  await page.getByText('Nobody is waiting.').waitFor();
  await saveScreenshot(page, 'console-chats-en');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '排队与会话', level: 1 }).waitFor();
  assert.deepEqual(problems, []);
});
