// One case, several departments, in the console against the real worker: security's agent opens
// a billing task on a stolen-account case, billing's agent finds it in their task queue, reads
// the case through it and answers inside it; the owner sees the answer, is asked what becomes of
// a second, still open task when solving, and solves the case. A colleague of a third department
// added as a collaborator finds the case in their list and writes a note on it. Screens in both
// languages, screenshotted and axe-checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { startConsoleSuite, fileTicket, openConsole, signIn } from './support/console.mjs';

let suite;
let edge;
let browser;
let sam;
let bo;
let gil;
before(async () => {
  suite = await startConsoleSuite({ agents: [['Sam 安全', 'security'], ['Bo 账务', 'billing'], ['Gil 综合', 'general']] });
  ({ edge, browser, agents: [sam, bo, gil] } = suite);
});
after(() => suite?.stop());

test('the owner opens a billing task on a security case, billing answers it, the owner solves the case', async () => {
  const subject = `账号被盗，还被扣了 30 元 ${Date.now()}`;
  const security = (await fileTicket(edge.url, { subject, category: '账号安全' })).ticket;
  assert.equal(security.department, 'security');

  // Security, the case's owner, asks billing.
  const { page: owner, problems } = await openConsole(browser, edge.url);
  await signIn(owner, sam.token);
  await owner.goto(`${edge.url}/console/#/tickets/${security.id}`);
  await owner.getByRole('heading', { name: subject, level: 1 }).waitFor();
  const ask = owner.getByRole('form', { name: '请其他部门协助' });
  await ask.getByLabel('部门').selectOption('billing');
  await ask.getByLabel('问题').fill('用户说被扣了 30 元，能退吗？');
  await ask.getByRole('button', { name: '发起任务' }).click();
  const task = owner.getByRole('article', { name: /会员与支付/ });
  await task.getByText('待答复').waitFor();
  assert.match(await task.innerText(), /用户说被扣了 30 元，能退吗？[\s\S]*发起人：Sam 安全/);
  await saveScreenshot(owner, 'console-case-task-zh');
  assert.deepEqual(await audit(owner), [], 'the case with its task passes axe');

  // Billing finds it in the task queue, reads the case through it and answers inside it.
  const { page: helper, problems: helperProblems } = await openConsole(browser, edge.url);
  await signIn(helper, bo.token);
  await helper.getByRole('navigation').getByRole('link', { name: '协办任务' }).click();
  await helper.getByRole('heading', { name: '协办任务', level: 1 }).waitFor();
  const row = helper.getByRole('row').filter({ hasText: subject });
  assert.match(await row.innerText(), /会员与支付[\s\S]*用户说被扣了 30 元[\s\S]*待答复/);
  await saveScreenshot(helper, 'console-task-queue-zh');
  assert.deepEqual(await audit(helper), [], 'the task queue passes axe');
  await row.getByRole('link', { name: subject }).click();
  await helper.getByRole('heading', { name: subject, level: 1 }).waitFor();
  await helper.getByText('您通过本部门的协办任务查看此工单').waitFor();
  assert.equal(await helper.getByRole('form', { name: '工单属性' }).count(), 0, 'the case is changed by its own department only');
  assert.equal(await helper.getByLabel('回复用户').count(), 0);
  const theirs = helper.getByRole('article', { name: /会员与支付/ });
  await theirs.getByRole('button', { name: '由我处理' }).click();
  await theirs.getByText('Bo 账务', { exact: false }).first().waitFor();
  await theirs.getByLabel('答复或留言（仅内部可见）').fill('已核实，30 元已原路退回，三个工作日到账。');
  await theirs.getByRole('button', { name: '答复并完成任务' }).click();
  await theirs.getByText('已答复').waitFor();
  await saveScreenshot(helper, 'console-task-answered-zh');
  assert.deepEqual(await audit(helper), [], 'the case read through a task passes axe');

  // The owner sees the answer; a second task is still open when solving, so the console asks.
  await owner.reload();
  await owner.getByRole('heading', { name: subject, level: 1 }).waitFor();
  assert.match(await task.innerText(), /已答复[\s\S]*已核实，30 元已原路退回/);
  await ask.getByLabel('部门').selectOption('general');
  await ask.getByLabel('问题').fill('用户还问到会员能否延期');
  await ask.getByRole('button', { name: '发起任务' }).click();
  await owner.getByRole('article', { name: /综合服务/ }).getByText('待答复').waitFor();
  const properties = owner.getByRole('form', { name: '工单属性' });
  await properties.getByLabel('状态').selectOption('solved');
  await properties.getByRole('button', { name: '保存修改' }).click();
  const question = owner.getByRole('group', { name: /此工单还有未完成的协办任务（综合服务）/ });
  await question.waitFor();
  await saveScreenshot(owner, 'console-solve-open-tasks-zh');
  assert.deepEqual(await audit(owner), [], 'the question about open tasks passes axe');
  await question.getByRole('button', { name: '取消这些任务并保存' }).click();
  await owner.locator('.facts .badge.solved').waitFor();
  await owner.getByRole('article', { name: /综合服务/ }).getByText('已取消').waitFor();
  assert.match(await owner.getByRole('article', { name: /会员与支付/ }).innerText(), /已答复/);

  // A colleague of general support, added as a collaborator, lists the case and notes on it.
  const people = owner.getByRole('region', { name: '协作者' });
  await people.getByLabel('其他部门的同事').selectOption({ label: 'Gil 综合 · 综合服务' });
  await people.getByRole('button', { name: '添加协作者' }).click();
  await people.getByRole('button', { name: '移除 Gil 综合' }).waitFor();
  const { page: colleague, problems: colleagueProblems } = await openConsole(browser, edge.url);
  await signIn(colleague, gil.token);
  await colleague.getByRole('link', { name: subject }).click();
  await colleague.getByText('您是此工单的协作者').waitFor();
  assert.equal(await colleague.getByLabel('公开回复').count(), 0, 'a collaborator writes notes only');
  await colleague.getByLabel('备注内容（仅客服可见）').fill('该用户上月也报告过盗号，已关联。');
  await colleague.getByRole('button', { name: '保存备注' }).click();
  await colleague.getByText('该用户上月也报告过盗号，已关联。').waitFor();
  await saveScreenshot(colleague, 'console-collaborator-zh');
  assert.deepEqual(await audit(colleague), [], 'the collaborator view passes axe');

  // The same screens in English.
  await owner.getByRole('button', { name: 'English' }).click();
  await owner.getByRole('heading', { name: 'Tasks for other departments' }).waitFor();
  assert.match(await owner.getByRole('article', { name: /Billing/ }).innerText(), /Answered/);
  await saveScreenshot(owner, 'console-case-task-en');
  assert.deepEqual(await audit(owner), [], 'the English case passes axe');
  await helper.getByRole('button', { name: 'English' }).click();
  await helper.getByRole('navigation').getByRole('link', { name: 'Tasks' }).click();
  await helper.getByRole('heading', { name: 'Tasks', level: 1 }).waitFor();
  await helper.getByLabel('Show').selectOption({ label: 'Answered' });
  await helper.getByRole('row').filter({ hasText: subject }).getByText('Answered').waitFor();
  await saveScreenshot(helper, 'console-task-queue-en');
  assert.deepEqual(await audit(helper), [], 'the English task queue passes axe');
  // The one refusal on the way: the solve that asked about the open task.
  assert.deepEqual(problems, [`HTTP 409 ${edge.url}/api/v1/agent/tickets/${security.id}`]);
  assert.deepEqual([...helperProblems, ...colleagueProblems], []);
});
