// From the bot to a person and back: the user's message, the ticket it becomes (with the
// journey as context), the agent's answer in "My requests", the rating; and a ticket written
// offline that is delivered exactly once when the connection returns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startSuite } from './support/suite.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { emptyWidgetCache, openDemo, openWidget, waitForIndex, waitForWholeIndex } from './support/widget.mjs';
import { partNames } from './support/index-parts.mjs';

let suite;
let edge;
let browser;
let agent;
before(async () => {
  // The offline ticket (a video cache question) lands in technical: Wang Fang works both.
  suite = await startSuite({ agents: [['Wang Fang', ['billing', 'technical']]] });
  ({ edge, browser, agents: [agent] } = suite);
});
after(() => suite?.stop());

async function asAgent(method, path, body) {
  const response = await fetch(`${edge.url}/api/v1/agent${path}`, {
    method,
    headers: { authorization: `Bearer ${agent.token}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.json();
}

test('an upset message goes from the bot to a ticket, the agent answers, the user rates it', async () => {
  const { page, problems } = await openDemo(browser, edge.url);
  const filed = [];
  page.on('console', (m) => { if (m.text().startsWith('help widget: ticket filed')) filed.push(m.text()); });
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await dialog.getByRole('searchbox').fill('重复扣费');
  // The journey records a search with what it showed: its chunks come first.
  await dialog.getByRole('status').filter({ hasText: /找到 \d+ 篇相关文章/ }).waitFor();
  await dialog.getByRole('button', { name: '提问' }).click();
  const message = '我这个月被扣了两次会员费，太气人了，钱必须退给我！';
  await dialog.getByRole('textbox', { name: '描述您遇到的问题' }).fill(message);
  await dialog.getByRole('button', { name: '发送' }).click();
  const log = dialog.getByRole('log');
  await log.getByText(message).waitFor();
  await saveScreenshot(page, 'widget-ask-zh');
  // Money lost and anger: a person is offered at once, in the bot's first answer.
  await log.getByRole('button', { name: '联系人工客服' }).click();
  const description = dialog.getByRole('textbox', { name: '问题描述' });
  assert.equal(await description.inputValue(), message);
  await dialog.getByText('这些文章也许能直接解决：').waitFor();
  await saveScreenshot(page, 'widget-ticket-form-zh');
  await dialog.getByRole('button', { name: '提交' }).click();
  const done = await dialog.getByRole('status').filter({ hasText: /工单已提交，编号 #\d+/ }).innerText();
  const number = Number(done.match(/#(\d+)/)[1]);
  await saveScreenshot(page, 'widget-ticket-filed-zh');
  assert.deepEqual(filed, [`help widget: ticket filed ${number}`]);

  // The agent sees the whole journey and the urgency, in the right department.
  const { tickets } = await asAgent('GET', '/tickets?site=demo');
  const summary = tickets.find((t) => t.number === number);
  assert.equal(summary.department, 'billing');
  assert.equal(summary.priority, 'urgent');
  const seen = await asAgent('GET', `/tickets/${summary.id}`);
  assert.deepEqual(seen.context.searches, ['重复扣费']);
  assert.ok(seen.context.bot_transcript.some((l) => l.speaker === 'user' && l.text === message));
  assert.ok(seen.context.bot_transcript.some((l) => l.speaker === 'bot'));
  assert.ok(seen.context.triage.includes('money_lost'));
  assert.match(seen.context.page_url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  await asAgent('POST', `/tickets/${summary.id}/replies`, { text: '已为您退回重复扣除的费用，请查收。' });
  await asAgent('PATCH', `/tickets/${summary.id}`, { status: 'solved' });

  // The user finds the answer in My requests and rates it.
  await dialog.getByRole('status').getByRole('button', { name: '我的请求' }).click();
  await dialog.getByRole('link', { name: new RegExp(`#${number}`) }).click();
  await dialog.getByText('已为您退回重复扣除的费用，请查收。').waitFor();
  await dialog.getByText('已解决').first().waitFor();
  const rating = dialog.getByRole('group', { name: '为本次服务评分' });
  await rating.getByRole('radio', { name: '5' }).check();
  await dialog.getByRole('textbox', { name: '还有什么想说的？（可选）' }).fill('很快，谢谢');
  await dialog.getByRole('button', { name: '提交评分' }).click();
  await dialog.getByText('您的评分：5 / 5').waitFor();
  await saveScreenshot(page, 'widget-request-rated-zh');
  const rated = await asAgent('GET', `/tickets/${summary.id}`);
  assert.equal(rated.ticket.csat.score, 5);

  // The user downloads their data from My requests: the ticket, its answer and the rating.
  await dialog.getByRole('button', { name: '我的请求' }).click();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '下载我的数据' }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), 'my-help-requests.json');
  const mine = JSON.parse(await readFile(await file.path(), 'utf8'));
  const exported = mine.tickets.find((t) => t.number === number);
  assert.ok(exported, `ticket #${number} is in the download`);
  assert.ok(JSON.stringify(exported).includes('已为您退回重复扣除的费用，请查收。'));
  assert.deepEqual(problems, []);
});

test('a ticket written offline waits in the outbox and is delivered once, back online', async () => {
  const { page } = await openDemo(browser, edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  // The form guesses the category by searching the description: offline, that needs the whole
  // index cached (the background fetch after a first visit), as the user's next visit would have.
  await waitForWholeIndex(page);
  await dialog.getByRole('button', { name: '提问' }).click();
  await dialog.getByRole('button', { name: '联系人工客服' }).click();
  const subject = `离线提交 ${Date.now()}`;
  // The connection drops while the user writes: the form is on screen, then the network goes.
  await dialog.getByRole('textbox', { name: '问题描述' }).waitFor();
  await page.context().setOffline(true);
  await dialog.getByRole('textbox', { name: '问题描述' }).fill('地铁里没有网络，视频缓存也打不开。');
  await dialog.getByRole('textbox', { name: '主题' }).fill(subject);
  await dialog.getByRole('button', { name: '提交' }).click();
  await dialog.getByText('您已离线，网络恢复后将自动发送。').waitFor();
  await saveScreenshot(page, 'widget-offline-queued-zh');
  await page.context().setOffline(false);
  await dialog.getByRole('status').filter({ hasText: /工单已提交，编号 #\d+/ }).waitFor({ timeout: 15_000 });
  // A second online event (a flaky connection) sends nothing twice.
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await page.waitForTimeout(1000);
  const { tickets } = await asAgent('GET', `/tickets?site=demo&q=${encodeURIComponent(subject)}`);
  assert.equal(tickets.filter((t) => t.subject === subject).length, 1);
});

test('the form sends the category the user sees: it waits for its guess, and asks when there is none', async () => {
  // The offline test cached the whole index; from an empty cache, chunks come over the network.
  await emptyWidgetCache(browser, edge.url);
  const { page, problems } = await openDemo(browser, edge.url);
  // Once the start screen shows, the index chunks are held: the guess (a search of the
  // description) must wait. The route is in place before the panel opens, so that not even the
  // background fetch (1.5 s after the start screen) gets a chunk past it on a slow machine.
  const manifest = await (await fetch(`${edge.url}/index/manifest.json`)).json();
  const chunks = [...manifest['zh-cn'].postings, ...manifest['zh-cn'].docs];
  let holding = false;
  let release;
  const released = new Promise((resolve) => { release = resolve; });
  await page.route(`${edge.url}/index/**`, async (route) => {
    if (holding && partNames(route.request().url()).some((name) => chunks.includes(name))) await released;
    await route.continue();
  });
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  holding = true;
  await dialog.getByRole('button', { name: '提问' }).click();
  await dialog.getByRole('button', { name: '联系人工客服' }).click();
  await dialog.getByRole('textbox', { name: '问题描述' }).fill('退款申请以后钱多久能回到原来的支付账户');
  const submit = dialog.getByRole('button', { name: '提交' });
  const category = dialog.getByRole('combobox', { name: '问题分类' });
  await dialog.getByText('正在根据描述匹配分类…').waitFor();
  assert.equal(await submit.isDisabled(), true, 'nothing is sent before the guess');
  assert.equal(await category.inputValue(), '');

  release();
  await dialog.getByText('正在根据描述匹配分类…').waitFor({ state: 'detached' });
  assert.equal(await submit.isEnabled(), true);
  const guessed = await category.inputValue();
  assert.ok(guessed !== '', 'the best suggestion names the category');

  // Nothing in the help center matches: no category is made up, the user picks one.
  await dialog.getByRole('textbox', { name: '问题描述' }).fill('qzxv wkjq');
  await category.getByRole('option', { name: '请选择分类', selected: true }).waitFor({ state: 'attached' });
  assert.equal(await category.evaluate((select) => select.validity.valueMissing), true);
  await category.selectOption(guessed);
  assert.equal(await category.evaluate((select) => select.validity.valid), true);
  assert.deepEqual(problems, []);
});
