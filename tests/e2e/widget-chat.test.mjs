// Live chat from the widget against the real worker: the fallback when nobody is online, then a
// queue whose place and wait update live, an agent (over a real WebSocket) and the user talking
// with typing and read state, a reload that loses and doubles nothing, and the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Peer } from '../../edge/tests/support/chat.mjs';
import { startEdge } from './support/edge.mjs';
import { launchBrowser, saveScreenshot } from './support/browser.mjs';
import { openDemo, openWidget, waitForIndex } from './support/widget.mjs';

let edge;
let browser;
let li;
before(async () => {
  edge = await startEdge();
  browser = await launchBrowser();
  li = edge.createAgent('Li Wei', 'general');
});
after(async () => {
  await browser?.close();
  await edge?.stop();
});

const socketBase = () => edge.url.replace(/^http/, 'ws');

async function deskOnline(agent, capacity) {
  const peer = await Peer.open(`${socketBase()}/api/v1/agent/desk/socket?agent_token=${agent.token}`);
  peer.send({ type: 'presence', status: 'online', capacity });
  await peer.seen('desk', (d) => d.status === 'online');
  return peer;
}

async function agentEnters(agent, chatId) {
  const peer = await Peer.open(`${socketBase()}/api/v1/agent/chats/${chatId}/socket?agent_token=${agent.token}`);
  peer.send({ type: 'hello', last_seq: 0 });
  await peer.next('welcome');
  return peer;
}

/** Opens the contact form from the Ask tab and asks for a chat with `words`. */
async function askForChat(dialog, words) {
  await dialog.getByRole('button', { name: '提问' }).click();
  await dialog.getByRole('button', { name: '联系人工客服' }).click();
  await dialog.getByRole('textbox', { name: '问题描述' }).fill(words);
  await dialog.getByRole('button', { name: '在线咨询' }).click();
}

test('with nobody online the widget says so at once and the ticket form takes over', async () => {
  const { page } = await openDemo(browser, edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await askForChat(dialog, '我想把绑定的手机号改成新号码');
  await dialog.getByRole('alert').filter({ hasText: '现在没有客服在线' }).waitFor();
  assert.equal(await dialog.getByRole('button', { name: '在线咨询' }).count(), 0);
  await dialog.getByRole('button', { name: '提交' }).click();
  await dialog.getByRole('status').filter({ hasText: /工单已提交，编号 #\d+/ }).waitFor();
});

test('in line, then with an agent: live place and wait, both ways with read state, a reload, the end', async () => {
  const desk = await deskOnline(li, 1);
  // Someone else is with Li already, so our user waits.
  const first = await (await fetch(`${edge.url}/api/v1/chats?site=demo`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: '我想注销账号', category: '账号管理' }),
  })).json();
  assert.equal(first.state, 'with_agent');

  const { page, problems } = await openDemo(browser, edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await askForChat(dialog, '我想把绑定的手机号改成新号码');
  const state = dialog.locator('.chat .state');
  await state.filter({ hasText: /正在排队：您是第 1 位 预计等待约 \d+ 分钟/ }).waitFor();
  await saveScreenshot(page, 'widget-chat-queue-zh');

  // Li finishes the first chat; the desk hands ours to Li and the widget says so.
  const firstChat = await agentEnters(li, first.chat_id);
  firstChat.send({ type: 'end' });
  await state.filter({ hasText: 'Li Wei 正在为您服务' }).waitFor();
  const chatId = await page.evaluate(() => JSON.parse(sessionStorage.getItem('help-widget.demo.chat')).chat_id);
  const agent = await agentEnters(li, chatId);
  const opening = await agent.seen('message', (m) => m.role === 'user');
  assert.equal(opening.text, '我想把绑定的手机号改成新号码');

  agent.send({ type: 'typing', on: true });
  await dialog.getByText('客服正在输入…').waitFor();
  agent.send({ type: 'message', client_id: 'li-1', text: '您好，请问新号码是多少？' });
  const log = dialog.getByRole('log');
  await log.getByText('您好，请问新号码是多少？').waitFor();
  await dialog.getByText('客服正在输入…').waitFor({ state: 'detached' });
  await dialog.getByRole('textbox', { name: '描述您遇到的问题' }).fill('新号码是 138 0000 0000');
  await dialog.getByRole('button', { name: '发送' }).click();
  const reply = await agent.next('message', (m) => m.text === '新号码是 138 0000 0000');
  const mine = log.locator('li', { hasText: '新号码是 138 0000 0000' });
  await mine.getByText('已送达').waitFor();
  agent.send({ type: 'read', seq: reply.seq });
  await mine.getByText('已读').waitFor();
  const read = await agent.next('read');
  assert.ok(read.seq >= 2, 'the widget tells the agent their message was read');
  await saveScreenshot(page, 'widget-chat-agent-zh');

  // A reload rejoins the same chat: every message once, in order.
  await page.reload();
  const again = await openWidget(page);
  await again.getByText('Li Wei 正在为您服务').waitFor();
  const lines = await again.getByRole('log').locator('li').allInnerTexts();
  const count = (text) => lines.filter((l) => l.includes(text)).length;
  assert.deepEqual(
    [count('我想把绑定的手机号改成新号码'), count('您好，请问新号码是多少？'), count('新号码是 138 0000 0000')],
    [1, 1, 1],
  );

  agent.send({ type: 'end' });
  await again.getByText(/对话已结束，记录已保存在工单 #\d+ 中。/).waitFor();
  await saveScreenshot(page, 'widget-chat-ended-zh');
  await again.getByRole('button', { name: '查看工单' }).click();
  await again.getByRole('log').getByText('您好，请问新号码是多少？').waitFor();
  for (const peer of [agent, firstChat, desk]) await peer.close();
  assert.deepEqual(problems, []);
});
