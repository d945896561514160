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
      const dialog = demo.getByRole('dialog', { name: '帮助中心' });
      await dialog.getByText('清除缓存后可以了，谢谢！').waitFor({ timeout: 20_000 });

      // The agent answers again while the user is away: on their next visit the launcher says so
      // (one request at load), and the app's webview hears `notification` for a push.
      const again = await fetch(`${edge.url}/api/v1/agent/tickets/${ticket.id}/replies`, {
        method: 'POST', headers: { authorization: `Bearer ${li.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ text: '好的，有问题再联系我们。' }),
      });
      assert.equal(again.status, 200);
      await demo.goto(`${edge.url}/`);
      const launcher = demo.getByRole('button', { name: '帮助', exact: true });
      const badge = demo.getByText('新回复', { exact: true });
      await badge.waitFor();
      assert.equal(await launcher.getAttribute('aria-describedby'), 'unread', 'the badge describes the launcher');
      await saveScreenshot(demo, 'widget-unread-badge-zh');
      await launcher.click();
      await demo.getByRole('dialog', { name: '帮助中心' }).waitFor();
      assert.equal(await badge.isHidden(), true, 'opening the panel clears the badge');
      await demo.reload();
      await demo.getByRole('button', { name: '帮助', exact: true }).waitFor();
      assert.equal(await demo.getByText('新回复', { exact: true }).isHidden(), true, 'seen stays seen');

      const webview = await phone.newPage();
      await webview.addInitScript(() => {
        window.nativeMessages = [];
        window.HelpWidgetAndroid = { postMessage: (text) => window.nativeMessages.push(JSON.parse(text)) };
      });
      await webview.goto(`${edge.url}/app?locale=zh-CN`);
      await webview.waitForFunction(() => window.nativeMessages.some((m) => m.event === 'notification'));
      const [notification] = await webview.evaluate(() => window.nativeMessages.filter((m) => m.event === 'notification'));
      assert.ok(notification.detail.lastAnswerAt > Date.now() - 60_000, JSON.stringify(notification));
    } finally {
      await other.close();
    }
    assert.deepEqual(errors, []);
  } finally {
    await phone.close();
  }

  // The agent sees the answer in the timeline, and which mails went out.
  await desk.reload();
  await desk.getByRole('listitem').filter({ hasText: '清除缓存后可以了，谢谢！' }).waitFor();
  const mails = desk.getByRole('listitem').filter({ hasText: /回复通知 · 已发送/ });
  // (The second answer came within a minute of the first mail: the throttle holds it for the
  // next pass, so only the first is sure to be out.)
  await mails.first().waitFor();
  assert.match(await mails.first().innerText(), /lin@example\.com/);
  await saveScreenshot(desk, 'console-ticket-mails-zh');
  assert.deepEqual(problems, []);
});
