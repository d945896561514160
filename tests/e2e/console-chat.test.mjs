// Live chat in the agent console against the real worker: an agent goes online, sees a user of
// the demo page's widget waiting with the triage reasons and first words, is refused a chat
// beyond their capacity, ends one chat and is given the waiting one, talks with the user (typing,
// text that looks like markup stays text), and transfers it with a required note to another
// department, whose agent sees the note in the line and takes the chat by going online.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { openWidget, openDemo, waitForIndex } from './support/widget.mjs';
import { startConsoleSuite, openConsole, signIn } from './support/console.mjs';

let suite;
let edge;
let browser;
let li;
let zhang;
before(async () => {
  suite = await startConsoleSuite({ agents: [['Li Wei', 'billing'], ['Zhang Min', 'security']] });
  ({ edge, browser, agents: [li, zhang] } = suite);
});
after(() => suite?.stop());

/** Signs in and opens the queue and chats screen. */
async function openDesk(token) {
  const { page, problems } = await openConsole(browser, edge.url);
  await signIn(page, token);
  await page.getByRole('link', { name: '排队与会话' }).click();
  await page.getByRole('heading', { name: '排队与会话', level: 1 }).waitFor();
  return { page, problems };
}

test('queue, chat with the widget user, and a transfer with a note to another department', async () => {
  const { page: desk, problems } = await openDesk(li.token);
  await desk.getByLabel('同时接待会话数').fill('1');
  await desk.getByRole('button', { name: '上线' }).click();
  await desk.getByRole('status').filter({ hasText: '在线：接待新会话' }).waitFor();
  assert.equal(await desk.getByRole('button', { name: '上线' }).getAttribute('aria-pressed'), 'true');
  await desk.getByText('现在没有人排队。').waitFor();
  await saveScreenshot(desk, 'console-chat-online-zh');

  // A first chat fills Li's one slot: it opens in a tab at once.
  const first = await (await fetch(`${edge.url}/api/v1/chats?site=demo`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: '我想取消自动续费', category: '会员服务' }),
  })).json();
  assert.equal(first.state, 'with_agent');
  const tabs = desk.getByRole('tablist', { name: '我的会话' });
  await tabs.getByRole('tab', { name: '会话 1' }).waitFor();

  // A user of the demo page asks for a chat; they wait, and Li sees why and what they said.
  const { page: user, problems: userProblems } = await openDemo(browser, edge.url);
  const widget = await openWidget(user);
  await waitForIndex(widget);
  const words = '我这个月被扣了两次会员费，太气人了，钱必须退给我！';
  await widget.getByRole('searchbox').fill('重复扣费');
  await widget.getByRole('button', { name: '提问' }).click();
  await widget.getByRole('textbox', { name: '描述您遇到的问题' }).fill(words);
  await widget.getByRole('button', { name: '发送' }).click();
  // Money lost and anger: the bot offers a person at once, and the form keeps the words.
  await widget.getByRole('log').getByRole('button', { name: '联系人工客服' }).click();
  assert.equal(await widget.getByRole('textbox', { name: '问题描述' }).inputValue(), words);
  await widget.getByRole('combobox', { name: '问题分类' }).selectOption('会员服务');
  await widget.getByRole('button', { name: '在线咨询' }).click();
  await widget.locator('.chat .state').filter({ hasText: /正在排队/ }).waitFor();

  const queue = desk.getByRole('region', { name: '排队中（1）' });
  const waiting = queue.getByRole('listitem').filter({ hasText: words });
  await waiting.waitFor();
  const reasons = waiting.getByRole('list', { name: '分诊原因' });
  await reasons.getByRole('listitem').filter({ hasText: '资金损失' }).waitFor();
  await reasons.getByRole('listitem').filter({ hasText: '情绪激动' }).waitFor();
  assert.match(await waiting.innerText(), /已等待 \d+ 秒/);
  await saveScreenshot(desk, 'console-chat-queue-zh');

  // Li is full: accepting is refused, and the console says why.
  await waiting.getByRole('button', { name: '接入' }).click();
  await desk.getByRole('alert').filter({ hasText: '您的接待量已满' }).waitFor();

  // Ending the first chat frees the slot: the desk gives Li the waiting user.
  const firstPanel = desk.getByRole('tabpanel');
  // Given to Li at once, never seen in the line: its tab still has the chat's ticket.
  const firstSide = firstPanel.getByRole('complementary', { name: '工单属性与背景' });
  await firstSide.getByRole('link', { name: /^#\d+ / }).waitFor();
  await firstSide.getByRole('region', { name: '用户背景' }).waitFor();
  await firstPanel.getByRole('button', { name: '结束会话' }).click();
  await firstPanel.getByRole('status').filter({ hasText: '会话已结束' }).waitFor();
  const tab = tabs.getByRole('tab', { name: /^我这个月被扣了两次会员费/ });
  // The new chat's tab opens (and is shown) first: clicking back before it arrived raced it.
  await tab.waitFor();
  // The ended chat's tab stays as it was (its transcript), untouched by the new one.
  await tabs.getByRole('tab', { name: '会话 1' }).click();
  await firstPanel.getByRole('log', { name: '对话内容' }).getByText('我想取消自动续费').waitFor();
  await firstPanel.getByRole('status').filter({ hasText: '会话已结束' }).waitFor();
  await tab.click();
  await widget.locator('.chat .state').filter({ hasText: 'Li Wei 正在为您服务' }).waitFor();
  const panel = desk.getByRole('tabpanel');
  const log = panel.getByRole('log', { name: '对话内容' });
  // The words appear twice: to the bot, then in the chat request.
  await log.getByText(words).last().waitFor();
  // The context of the chat's ticket: triage, the bot conversation, the page.
  const context = panel.getByRole('region', { name: '用户背景' });
  await context.getByRole('heading', { name: '机器人对话' }).waitFor();
  assert.match(await context.innerText(), /资金损失/);
  assert.match(await context.innerText(), /http:\/\/127\.0\.0\.1:\d+\//);

  // Both ways: the user's typing, Li's answer in the widget, the user's words as plain text.
  await widget.getByRole('textbox', { name: '描述您遇到的问题' }).fill('<b>订单号</b><img src=x onerror="window.owned=1">');
  await panel.getByText('用户正在输入…').waitFor();
  await panel.getByRole('textbox', { name: /回复用户/ }).fill('您好，我是 Li Wei，重复扣的费用我来帮您查。');
  await panel.getByRole('button', { name: '发送', exact: true }).click();
  await widget.getByRole('log').getByText('您好，我是 Li Wei，重复扣的费用我来帮您查。').waitFor();
  await widget.getByRole('button', { name: '发送' }).click();
  await log.getByText('<b>订单号</b><img src=x onerror="window.owned=1">').waitFor();
  assert.equal(await log.locator('b, img').count(), 0, 'what the user wrote is text, never markup');
  assert.equal(await desk.evaluate(() => window.owned), undefined);
  await panel.getByText('已读').waitFor();

  // Li finds a help article with the widget's own search and sends its link; the user gets a
  // link that opens the article inside the widget, and Back returns to the chat.
  const articleSearch = panel.getByRole('searchbox', { name: '插入帮助文章链接（搜索文章）' });
  await articleSearch.fill('自动续费');
  await panel.getByRole('status').filter({ hasText: /找到 \d+ 篇文章/ }).waitFor();
  const results = panel.getByRole('list', { name: '帮助文章' }).getByRole('button');
  const chosen = await results.first().evaluate((b) => b.firstChild.textContent);
  assert.deepEqual(await audit(desk), [], 'the chat tab with its article search passes axe');
  await articleSearch.press('Enter');
  const reply = panel.getByRole('textbox', { name: /回复用户/ });
  // The agent goes on writing where the link landed.
  await desk.waitForFunction(() => document.activeElement?.matches('textarea[id^="chat-text-"]'));
  const inserted = await reply.inputValue();
  assert.ok(inserted.startsWith(`${chosen} `), inserted);
  const url = inserted.slice(chosen.length + 1);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/app\?locale=zh-CN&article=\S+$/);
  await reply.press('Enter');
  const articleLink = widget.getByRole('log').getByRole('link', { name: /\/app\?locale=zh-CN&article=/ });
  await articleLink.waitFor();
  assert.equal(await articleLink.getAttribute('href'), url);
  await articleLink.click();
  await widget.getByRole('heading', { name: chosen }).waitFor();
  await widget.getByRole('button', { name: '返回' }).click();
  await widget.getByRole('log').getByRole('link', { name: /\/app\?locale=zh-CN&article=/ }).waitFor();
  await saveScreenshot(desk, 'console-chat-article-link-zh');
  await saveScreenshot(desk, 'console-chat-talking-zh');

  // Zhang of security is there but away: a transfer lands in the line with its note.
  const { page: other, problems: otherProblems } = await openDesk(zhang.token);
  await other.getByRole('button', { name: '暂离' }).click();
  await other.getByRole('status').filter({ hasText: '离开：不接新会话' }).waitFor();

  await panel.getByRole('combobox', { name: '部门' }).selectOption('security');
  await panel.getByRole('button', { name: '转交', exact: true }).click();
  await panel.getByRole('alert').filter({ hasText: '转交到其他部门时请写明原因。' }).waitFor();
  await panel.getByLabel('转交说明（必填）').fill('用户怀疑账号被盗后被扣费，请安全组核实');
  await panel.getByRole('button', { name: '转交', exact: true }).click();
  await panel.getByRole('status').filter({ hasText: '会话已转交其他部门。' }).waitFor();
  await widget.locator('.chat .state').filter({ hasText: /正在排队|暂时没有客服在线/ }).waitFor();
  await saveScreenshot(desk, 'console-chat-transferred-zh');

  const handed = other.getByRole('region', { name: '排队中（1）' }).getByRole('listitem').filter({ hasText: words });
  await handed.getByText('用户怀疑账号被盗后被扣费，请安全组核实').waitFor();
  assert.match(await handed.innerText(), /security/);
  await saveScreenshot(other, 'console-chat-transfer-note-zh');

  // Going online, Zhang is given the chat, with everything said so far.
  await other.getByRole('button', { name: '上线' }).click();
  await other.getByRole('tab', { name: /^我这个月被扣了两次会员费/ }).waitFor();
  const zhangLog = other.getByRole('tabpanel').getByRole('log', { name: '对话内容' });
  await zhangLog.getByText('您好，我是 Li Wei，重复扣的费用我来帮您查。').waitFor();
  await widget.locator('.chat .state').filter({ hasText: 'Zhang Min 正在为您服务' }).waitFor();
  await other.getByRole('tabpanel').getByRole('textbox', { name: /回复用户/ }).fill('我是安全组的 Zhang Min，正在核实。');
  await other.getByRole('tabpanel').getByRole('textbox', { name: /回复用户/ }).press('Enter');
  await widget.getByRole('log').getByText('我是安全组的 Zhang Min，正在核实。').waitFor();
  await saveScreenshot(other, 'console-chat-taken-over-zh');
  await saveScreenshot(user, 'widget-chat-after-transfer-zh');

  assert.deepEqual(problems, []);
  assert.deepEqual(otherProblems, []);
  assert.deepEqual(userProblems, []);
});

test('the screen speaks English: presence, the line, the tabs', async () => {
  const { page, problems } = await openDesk(li.token);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Queue and chats', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Step away' }).click();
  await page.getByRole('status').filter({ hasText: 'Away: no new chats, yours stay yours' }).waitFor();
  await page.getByRole('heading', { name: 'My chats' }).waitFor();
  await saveScreenshot(page, 'console-chat-en');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('heading', { name: '排队与会话', level: 1 }).waitFor();
  assert.deepEqual(problems, []);
});
