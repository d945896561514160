// The way back into a ticket from a mail: an agent answers in the console, `wrangler dev`'s
// send_email simulation keeps the notification as an .eml file, and its link, opened in a fresh
// browser with no storage (another device), shows the ticket in the app's webview page and on
// the demo page, where the requester answers and the agent sees it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readMail, sentFiles } from '../../edge/tests/support/mailbox.mjs';
import { launchBrowser, saveScreenshot } from './support/browser.mjs';
import { fileTicket, openConsole, signIn, startConsoleSuite } from './support/console.mjs';

let suite;
let edge;
let browser;
let li;
before(async () => {
  suite = await startConsoleSuite({ agents: [['李伟', 'technical']] });
  ({ edge, browser, agents: [li] } = suite);
});
after(() => suite?.stop());

/** The mails `wrangler dev` has sent to `address` so far (read while it runs: they are temporary files). */
function mailsTo(address) {
  return sentFiles(edge.log.join('')).map((file) => readMail(readFileSync(file, 'utf8'))).filter((m) => m.header('to').includes(address));
}

async function waitForMail(address, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [mail] = mailsTo(address);
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail to ${address}:\n${edge.log.join('').slice(-2000)}`);
}

test('the agent\'s reply mails a link that opens the ticket in a fresh browser, where the requester answers', async () => {
  const marker = `缓存打不开 ${Date.now()}`;
  const { ticket } = await fileTicket(edge.url, { subject: marker, email: 'lin@example.com', name: '林' });

  // The agent answers in the console.
  const { page: desk, problems } = await openConsole(browser, edge.url);
  await signIn(desk, li.token);
  await desk.goto(`${edge.url}/console/#/tickets/${ticket.id}`);
  await desk.getByRole('heading', { name: `#${ticket.number} ${marker}` }).waitFor();
  await desk.getByRole('radio', { name: '公开回复' }).check();
  await desk.getByLabel('回复内容（用户可见）').fill('请先清除应用缓存，再重新下载。');
  await desk.getByRole('button', { name: '发送回复' }).click();
  await desk.getByRole('status').filter({ hasText: '回复已发送。' }).waitFor();

  const mail = await waitForMail('lin@example.com');
  assert.equal(mail.header('subject'), `[星河视频 Galaxy Video] 您的工单 #${ticket.number} 有新回复：${marker}`);
  assert.ok(mail.text.includes('请先清除应用缓存，再重新下载。'));
  const link = /(http:\/\/\S+\/app\?locale=zh-CN#hw-access=\S+)/.exec(mail.text)?.[1];
  assert.ok(link?.startsWith(`${edge.url}/app`), mail.text);

  // Another device: a browser that has never seen the widget opens the link.
  const phone = await launchBrowser({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  try {
    const page = await phone.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(link);
    const panel = page.getByRole('dialog');
    await panel.getByText('请先清除应用缓存，再重新下载。').waitFor({ timeout: 20_000 });
    assert.equal(new URL(page.url()).hash, '', 'the link leaves the address bar');
    await saveScreenshot(page, 'mail-link-app-zh');
    await panel.getByRole('textbox', { name: '补充说明' }).fill('清除缓存后可以了，谢谢！');
    await panel.getByRole('button', { name: '回复', exact: true }).click();
    await panel.getByText('清除缓存后可以了，谢谢！').waitFor();

    // The demo page opens the same link too (the loader handles it on any page).
    const other = await launchBrowser({ locale: 'zh-CN' });
    try {
      const demo = await other.newPage();
      await demo.goto(`${edge.url}/${new URL(link).hash}`);
      await demo.getByRole('dialog', { name: '帮助中心' }).getByText('清除缓存后可以了，谢谢！').waitFor({ timeout: 20_000 });
    } finally {
      await other.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }

  // The agent sees the answer in the timeline.
  await desk.reload();
  await desk.getByRole('listitem').filter({ hasText: '清除缓存后可以了，谢谢！' }).waitFor();
  assert.deepEqual(problems, []);
});
