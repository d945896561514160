// The email channel in the console, against the real worker (`wrangler dev`): an admin sets the
// site's mail settings on the Mail screen (axe-clean in both languages, a refused field shown),
// and on a ticket filed by mail downloads its attachment with their own credentials and revokes
// the links of the mails sent about it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { startConsoleSuite, openConsole, signIn } from './support/console.mjs';
import { deliverMail } from '../../edge/tests/support/mailbox.mjs';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(300, 9)]);

let suite;
let edge;
let admin;
before(async () => {
  suite = await startConsoleSuite({ agents: [['王管理', 'general', ['admin']]], browser: { acceptDownloads: true } });
  ({ edge, agents: [admin] } = suite);
});
after(() => suite?.stop());

test('an admin sets the mail settings; a bad address is refused by name and nothing is stored', async () => {
  const { page, problems } = await openConsole(suite.browser, edge.url);
  await signIn(page, admin.token);
  await page.getByRole('link', { name: '邮件' }).click();
  await page.getByRole('heading', { name: '邮件设置', level: 1 }).waitFor();
  await page.getByText('留空则使用部署配置的地址：support@galaxy-video.test').waitFor();
  const found = { 'zh-CN': await audit(page) };
  await saveScreenshot(page, 'console-mail-settings-zh');

  await page.getByLabel('客服邮箱地址').fill('support+x@galaxy-video.test');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByRole('alert').filter({ hasText: /support_address|plain address/ }).waitFor();

  await page.getByLabel('客服邮箱地址').fill('');
  await page.getByLabel('发件人名称（留空则使用站点名称）').fill('星河客服中心');
  await page.getByRole('group', { name: '发送哪些邮件' }).getByLabel('已解决通知').uncheck();
  await page.getByRole('group', { name: '回复通知' }).getByLabel('主题 · 中文').fill('工单 {number} 有新消息');
  await page.getByRole('button', { name: '保存' }).click();
  await page.getByText('已保存。').waitFor();
  const stored = await (await fetch(`${edge.url}/api/v1/mail/settings`, { headers: { authorization: `Bearer ${admin.token}` } })).json();
  assert.deepEqual(stored.settings, {
    support_address: null, sender_name: '星河客服中心', events: ['reply', 'transcript', 'callback'],
    wording: [{ kind: 'reply', locale: 'zh-cn', subject: '工单 {number} 有新消息', intro: '' }],
  });

  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Mail settings', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('Sender name (empty uses the site\'s name)').inputValue(), '星河客服中心');
  found['en-US'] = await audit(page);
  await saveScreenshot(page, 'console-mail-settings-en');
  await page.getByRole('button', { name: '中文' }).click();
  for (const [lang, violations] of Object.entries(found)) assert.deepEqual(violations, [], lang);
  assert.deepEqual(problems.filter((p) => !p.includes('/api/v1/mail/settings')), [], 'only the refused save');
});

test('on a ticket filed by mail, the agent downloads its attachment and revokes the mails\' links', async () => {
  const raw = `From: Lin <lin.mail@example.com>\r\nTo: support@galaxy-video.test\r\nSubject: crash\r\nMessage-ID: <e2e-${Date.now()}@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n`
    + `--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe app crashes on start.\r\n`
    + `--b1\r\nContent-Type: image/png; name="crash.png"\r\nContent-Disposition: attachment; filename="crash.png"\r\nContent-Transfer-Encoding: base64\r\n\r\n${PNG.toString('base64')}\r\n--b1--\r\n`;
  const delivered = await deliverMail(edge.url, { from: 'lin.mail@example.com', to: 'support@galaxy-video.test', raw });
  assert.equal(delivered.status, 200, delivered.text);
  const auth = { authorization: `Bearer ${admin.token}` };
  const list = await (await fetch(`${edge.url}/api/v1/agent/tickets?channel=email`, { headers: auth })).json();
  const ticket = list.tickets.find((t) => t.subject === 'crash');
  assert.ok(ticket, 'filed on channel email');
  await fetch(`${edge.url}/api/v1/agent/tickets/${ticket.id}/replies`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ text: '请更新到最新版本' }) });

  const { page, problems } = await openConsole(suite.browser, edge.url);
  await signIn(page, admin.token);
  await page.goto(`${edge.url}/console/#/tickets/${ticket.id}`);
  const file = page.getByRole('button', { name: 'crash.png' });
  await file.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), file.click()]);
  assert.equal(download.suggestedFilename(), 'crash.png');
  assert.deepEqual(await readFile(await download.path()), PNG);

  await page.getByRole('listitem').filter({ hasText: /回复通知 · 已发送/ }).waitFor({ timeout: 15_000 }).catch(async () => {
    // The mail pass runs after the reply; the list reads again when the ticket changes.
    await page.reload();
    await page.getByRole('listitem').filter({ hasText: /回复通知/ }).waitFor();
  });
  await page.getByRole('button', { name: '撤销已发邮件中的链接' }).click();
  await page.getByText('已撤销：此前邮件中的链接不再可用。').waitFor();
  await saveScreenshot(page, 'console-ticket-attachments-zh');
  const audited = await (await fetch(`${edge.url}/api/v1/audit?action=mail_links_revoked`, { headers: auth })).json();
  assert.equal(audited.entries[0]?.target, ticket.id);
  assert.deepEqual(await audit(page), []);
  assert.deepEqual(problems, []);
});
