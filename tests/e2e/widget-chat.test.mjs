// Live chat from the widget against the real worker: the fallback when nobody is online and the
// callback booked instead, then a queue whose place and wait update live, an agent (over a real
// WebSocket) and the user talking with typing and read state, a reload that loses and doubles
// nothing, the end, the user's rating of the chat and its transcript mailed to them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Peer } from '../../edge/tests/support/chat.mjs';
import { readMail, sentFiles } from '../../edge/tests/support/mailbox.mjs';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { startSuite } from './support/suite.mjs';
import { openDemo, openWidget, waitForIndex } from './support/widget.mjs';

let suite;
let edge;
let browser;
let li;
before(async () => {
  // The callback (charged twice) lands in billing: Li Wei works it besides general.
  suite = await startSuite({ agents: [['Li Wei', ['general', 'billing']]] });
  ({ edge, browser, agents: [li] } = suite);
});
after(() => suite?.stop());

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

/** The first mail `wrangler dev` sent to `address` (its .eml files are read while it runs). */
async function waitForMail(address, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [mail] = sentFiles(edge.log.join('')).map((file) => readMail(readFileSync(file, 'utf8'))).filter((m) => m.header('to').includes(address));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${address}:\n${edge.log.join('').slice(-2000)}`);
}

/** axe's violations on the page; what axe's own probes trip (inline styles under the page's CSP)
 * is taken out of `problems`, which stay the widget's. */
async function auditAlone(page, problems) {
  const before = problems.length;
  const violations = await audit(page);
  problems.splice(before);
  return violations;
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

test('with nobody online the user books a callback, by keyboard; agents find it on the hotline channel', async () => {
  const { page, problems } = await openDemo(browser, edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await askForChat(dialog, '会员扣了两次钱，请给我回电话');
  await dialog.getByRole('alert').filter({ hasText: '现在没有客服在线' }).waitFor();
  const form = dialog.getByRole('form', { name: '预约回电' });
  await form.waitFor();
  assert.deepEqual(await auditAlone(page, problems), [], 'the callback form is axe-clean');

  // Two hours from now, as the browser's own clock and zone write a datetime-local value.
  const later = await page.evaluate(() => {
    const d = new Date(Date.now() + 2 * 60 * 60 * 1000);
    const two = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
  });
  const phone = form.getByRole('textbox', { name: '电话号码' });
  await phone.focus();
  await page.keyboard.type('12345');
  await form.getByLabel('希望回电的时间').fill(later);
  const send = form.getByRole('button', { name: '预约回电' });
  await send.focus();
  await page.keyboard.press('Enter');
  await form.getByRole('alert').filter({ hasText: '请检查电话号码和回电时间：must be a phone number of 6 to 20 digits' }).waitFor();
  await saveScreenshot(page, 'widget-chat-callback-form-zh');

  await phone.fill('');
  await phone.focus();
  await page.keyboard.type('138 0013 8000');
  await send.focus();
  await page.keyboard.press('Enter');
  const booked = dialog.getByRole('status').filter({ hasText: /已预约回电（工单 #\d+）/ });
  await booked.waitFor();
  await saveScreenshot(page, 'widget-chat-callback-booked-zh');
  const number = Number((await booked.innerText()).match(/#(\d+)/)[1]);

  const auth = { authorization: `Bearer ${li.token}` };
  const hotline = await (await fetch(`${edge.url}/api/v1/agent/tickets?channel=hotline`, { headers: auth })).json();
  const filed = hotline.tickets.find((t) => t.number === number);
  assert.ok(filed, 'the console lists it under the hotline channel');
  const detail = await (await fetch(`${edge.url}/api/v1/agent/tickets/${filed.id}`, { headers: auth })).json();
  assert.equal(detail.ticket.description, '会员扣了两次钱，请给我回电话');
  assert.equal(detail.context.callback.phone, '138 0013 8000');
  assert.equal(detail.context.callback.at, await page.evaluate((value) => new Date(value).getTime(), later));
  assert.deepEqual(problems, [`HTTP 422 ${edge.url}/api/v1/callbacks?site=demo`], 'only the refused number');
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

  // The agent ended it: the user rates the chat right there, and the ticket carries the rating.
  const rating = again.getByRole('group', { name: '为本次服务评分' });
  await rating.getByRole('radio', { name: '4' }).check();
  await again.getByRole('textbox', { name: '还有什么想说的？（可选）' }).fill('回复很快');
  assert.deepEqual(await auditAlone(page, problems), [], 'the rating and transcript forms in the chat are axe-clean');
  await again.getByRole('button', { name: '提交评分' }).click();
  await again.getByRole('status').filter({ hasText: '您的评分：4 / 5' }).waitFor();

  // The user has the transcript mailed: one address field under the rating; it arrives with
  // every line of the chat.
  await again.getByRole('textbox', { name: '邮箱' }).fill('chat-user@example.com');
  await again.getByRole('button', { name: '把聊天记录发到我的邮箱' }).click();
  await again.getByRole('status').filter({ hasText: '聊天记录将发送到您的邮箱。' }).waitFor();
  await saveScreenshot(page, 'widget-chat-transcript-asked-zh');
  const transcript = await waitForMail('chat-user@example.com');
  assert.match(transcript.header('subject'), /您与客服的聊天记录（工单 #\d+）/);
  assert.ok(transcript.text.includes('您:\n新号码是 138 0000 0000') && transcript.text.includes('Li Wei:\n您好，请问新号码是多少？'), transcript.text);
  const ticketId = await page.evaluate(() => JSON.parse(sessionStorage.getItem('help-widget.demo.chat')).ticket_id);
  const rated = await (await fetch(`${edge.url}/api/v1/agent/tickets/${ticketId}`, { headers: { authorization: `Bearer ${li.token}` } })).json();
  assert.deepEqual(rated.ticket.csat, { score: 4, comment: '回复很快' });
  assert.ok(rated.ticket.events.some((e) => e.type === 'csat' && e.score === 4), 'the rating is in the timeline');
  // A reload shows the rating given, not the form again.
  await page.reload();
  const reloaded = await openWidget(page);
  await reloaded.getByRole('status').filter({ hasText: '您的评分：4 / 5' }).waitFor();
  assert.equal(await reloaded.getByRole('group', { name: '为本次服务评分' }).count(), 0, 'no second rating form');
  await reloaded.getByRole('button', { name: '查看工单' }).click();
  await reloaded.getByRole('log').getByText('您好，请问新号码是多少？').waitFor();
  for (const peer of [agent, firstChat, desk]) await peer.close();
  assert.deepEqual(problems, []);
});
