// The Ask bot as a conversation (issue 16): a vague message gets one clarifying question whose
// choice narrows the search; "that didn't help" after an article hands over to a person, and
// the person reads the whole conversation, the clarification included.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite } from './support/suite.mjs';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { openDemo, openWidget, waitForIndex } from './support/widget.mjs';

let suite;
let agent;
before(async () => {
  suite = await startSuite({ agents: [['Zhou Min', ['general', 'technical', 'billing', 'security', 'privacy']]] });
  [agent] = suite.agents;
});
after(() => suite?.stop());

async function say(dialog, words) {
  await dialog.getByRole('textbox', { name: '描述您遇到的问题' }).fill(words);
  await dialog.getByRole('button', { name: '发送' }).click();
}

test('a vague message gets a clarifying question; the choice narrows the answer; "没用" then hands over with the transcript', async () => {
  const { page, problems } = await openDemo(suite.browser, suite.edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await dialog.getByRole('button', { name: '提问' }).click();
  await say(dialog, '不能用了');
  const log = dialog.getByRole('log');
  const question = log.getByRole('group', { name: '想先确认一下，您的问题是关于：' });
  await question.waitFor();
  const choices = await question.getByRole('button').allInnerTexts();
  assert.ok(choices.length >= 2 && choices.length <= 4, `2–4 choices: ${choices}`);
  assert.ok(choices.includes('下载与缓存'), `${choices}`);
  const before = problems.length;
  assert.deepEqual(await audit(page), []);
  problems.splice(before); // what axe's own probes trip under the page's CSP is not the widget's
  await saveScreenshot(page, 'widget-ask-clarify-zh');

  await question.getByRole('button', { name: '下载与缓存' }).click();
  await log.getByRole('link', { name: /为什么有些视频不能下载/ }).waitFor();
  assert.equal(await log.getByRole('group').count(), 0, 'an answered question offers its choices no more');

  // The article did not help: a person at once, with the conversation.
  await say(dialog, '没用');
  await log.getByText('抱歉没能帮上忙。为您转人工客服，刚才的对话会一起转给客服。').waitFor();
  await log.getByRole('button', { name: '联系人工客服' }).last().click();
  await dialog.getByRole('button', { name: '提交' }).click();
  const done = await dialog.getByRole('status').filter({ hasText: /工单已提交，编号 #\d+/ }).innerText();
  const number = Number(done.match(/#(\d+)/)[1]);

  const headers = { authorization: `Bearer ${agent.token}` };
  const { tickets } = await (await fetch(`${suite.edge.url}/api/v1/agent/tickets?site=demo`, { headers })).json();
  const summary = tickets.find((t) => t.number === number);
  const { context } = await (await fetch(`${suite.edge.url}/api/v1/agent/tickets/${summary.id}`, { headers })).json();
  const lines = context.bot_transcript.map((l) => `${l.speaker}: ${l.text}`);
  assert.deepEqual(lines.slice(0, 2), ['user: 不能用了', lines[1]]);
  assert.match(lines[1], /^bot: 想先确认一下，您的问题是关于： .*下载与缓存/);
  assert.equal(lines[2], 'user: 下载与缓存');
  assert.match(lines[3], /^bot: .*为什么有些视频不能下载/);
  assert.equal(lines[4], 'user: 没用');
  assert.match(lines[5], /^bot: 抱歉没能帮上忙/);
  assert.deepEqual(problems, []);
});
