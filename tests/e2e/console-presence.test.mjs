// Who else is here, in two consoles against the real worker: two security agents open the same
// case and each sees the other; one types a reply and the other sees "replying…", which ends when
// the reply is sent; closing the page leaves the case. An agent of another department cannot
// open the case and never shows up; a collaborator removed from it is told why and their console
// stops opening its socket. Both languages, screenshotted and axe-checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { startConsoleSuite, fileTicket, openConsole, signIn } from './support/console.mjs';

let suite;
let edge;
let browser;
let ada;
let bo;
let gil;
before(async () => {
  suite = await startConsoleSuite({ agents: [['Ada 安全', 'security'], ['Bo 安全', 'security'], ['Gil 账务', 'billing']] });
  ({ edge, browser, agents: [ada, bo, gil] } = suite);
});
after(() => suite?.stop());

/** A console page signed in as `agent`, on the case. */
async function onCase(agent, ticket) {
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, agent.token);
  await page.goto(`${edge.url}/console/#/tickets/${ticket.id}`);
  await page.getByRole('heading', { name: ticket.subject, level: 1 }).waitFor();
  return { page, problems, line: page.locator('p.also-here[role="status"][aria-live="polite"]') };
}

async function shows(line, text) {
  await line.filter({ hasText: text }).waitFor();
  return line.innerText();
}

test('two agents on one case see each other, and who is replying, in both languages', async () => {
  const subject = `账号被盗 ${Date.now()}`;
  const ticket = (await fileTicket(edge.url, { subject, category: '账号安全' })).ticket;
  assert.equal(ticket.department, 'security');

  const first = await onCase(ada, ticket);
  assert.equal((await first.line.innerText()).trim(), '', 'alone on the case: nobody else is shown');
  const second = await onCase(bo, ticket);
  assert.equal(await shows(first.line, 'Bo 安全'), '也在处理此工单：Bo 安全（正在查看）');
  assert.equal(await shows(second.line, 'Ada 安全'), '也在处理此工单：Ada 安全（正在查看）');

  // Bo starts a reply: Ada sees it before Bo sends anything.
  await second.page.getByLabel('回复内容（用户可见）').pressSequentially('您好，我们正在核实');
  assert.equal(await shows(first.line, '正在回复'), '也在处理此工单：Bo 安全（正在回复…）');
  await saveScreenshot(first.page, 'console-also-here-zh');
  assert.deepEqual(await audit(first.page), [], 'the case with someone replying passes axe');
  await second.page.getByRole('button', { name: '发送回复' }).click();
  assert.equal(await shows(first.line, '正在查看'), '也在处理此工单：Bo 安全（正在查看）', 'sent: no longer replying');

  // An agent of another department cannot open the case, and is never shown.
  const { page: outsider } = await openConsole(browser, edge.url);
  await signIn(outsider, gil.token);
  await outsider.goto(`${edge.url}/console/#/tickets/${ticket.id}`);
  await outsider.getByRole('heading', { name: /加载失败/, level: 1 }).waitFor();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await first.line.innerText(), '也在处理此工单：Bo 安全（正在查看）');

  // The same in English.
  for (const { page } of [first, second]) await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await shows(first.line, 'Also here'), 'Also here: Bo 安全 (viewing)');
  assert.equal(await shows(second.line, 'Also here'), 'Also here: Ada 安全 (viewing)');
  await second.page.getByLabel('Internal note').check();
  await second.page.getByLabel('Note (agents only)').pressSequentially('Checked the login history');
  assert.equal(await shows(first.line, 'replying'), 'Also here: Bo 安全 (replying…)');
  await saveScreenshot(first.page, 'console-also-here-en');
  assert.deepEqual(await audit(first.page), [], 'the English case passes axe');

  // Bo closes the page: Ada is alone again.
  await second.page.close();
  await first.page.waitForFunction(() => document.querySelector('p.also-here').textContent.trim() === '');
  assert.equal(await first.line.count(), 1, 'the live region stays, empty, for whoever comes next');
  assert.deepEqual([...first.problems, ...second.problems], []);
});

test('someone who stops reaching the case is told why, and their console stops knocking', async () => {
  const subject = `账号被盗了 ${Date.now()}`;
  const ticket = (await fileTicket(edge.url, { subject, category: '账号安全' })).ticket;
  assert.equal(ticket.department, 'security');
  const api = (path, method, agent, body) => fetch(`${edge.url}/api/v1/agent/tickets/${ticket.id}${path}`, {
    method, headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' }, body: body && JSON.stringify(body),
  });
  const added = await api('/collaborators', 'POST', ada, { agent_id: gil.id });
  assert.equal(added.status, 200, await added.text());

  // The test before left the console in English (a kept preference): back to the browser's.
  const { page: reset } = await openConsole(browser, edge.url);
  await reset.evaluate(() => localStorage.removeItem('help-console.locale'));
  await reset.close();
  const owner = await onCase(ada, ticket);
  const helper = await onCase(gil, ticket);
  await shows(owner.line, 'Gil 账务');
  const knocks = [];
  helper.page.on('websocket', (ws) => { if (ws.url().includes(`/tickets/${ticket.id}/socket`)) knocks.push(ws.url()); });

  assert.equal((await api(`/collaborators/${gil.id}`, 'DELETE', ada)).status, 200);
  // The next change on the case reads its access again: Gil's socket is closed with 4003.
  await owner.page.getByLabel('回复内容（用户可见）').pressSequentially('我们正在核实');
  await shows(helper.line, '无权处理此工单');
  assert.equal(await helper.line.innerText(), '您已无权处理此工单（已转给其他部门、协作已移除或任务已取消），不再显示谁在查看。');
  // A dropped socket comes back after 1 s, 2 s…; this one must not.
  await new Promise((r) => setTimeout(r, 3500));
  assert.deepEqual(knocks, [], 'no new socket to a case the agent no longer reaches');
  assert.deepEqual(await audit(helper.page), [], 'the notice passes axe');
  await helper.page.getByRole('button', { name: 'English' }).click();
  await shows(helper.line, 'no longer have access');
  await owner.page.close();
  await helper.page.close();
});
