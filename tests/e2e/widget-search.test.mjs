// The widget from its script tag: launcher, shadow root, local search, article, vote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite } from './support/suite.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { openDemo, openWidget, waitForIndex, waitForWholeIndex } from './support/widget.mjs';

let suite;
let edge;
let browser;
before(async () => {
  suite = await startSuite();
  ({ edge, browser } = suite);
});
after(() => suite?.stop());

test('the script tag mounts the widget in an open shadow root, under the strict CSP', async () => {
  const { page, problems } = await openDemo(browser, edge.url);
  const csp = (await page.request.get(`${edge.url}/`)).headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  await openWidget(page);
  const inShadow = await page.evaluate(() => {
    const host = document.querySelector('[data-help-widget]');
    return Boolean(host?.shadowRoot?.querySelector('[role=dialog]')) && !document.querySelector('[role=dialog]');
  });
  assert.ok(inShadow, 'the dialog lives in the shadow root, not in the page');
  assert.deepEqual(problems, []);
});

test('search runs locally: with the network gone, typing still finds articles', async () => {
  const { page, problems } = await openDemo(browser, edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await saveScreenshot(page, 'widget-home-zh');
  // The chunks a query needs come on demand, the rest in the background once the panel idles.
  await waitForWholeIndex(page);
  await page.context().setOffline(true);
  try {
    const box = dialog.getByRole('searchbox', { name: '搜索帮助文章' });
    await box.pressSequentially('自动续费', { delay: 30 });
    await dialog.getByRole('status').filter({ hasText: /找到 \d+ 篇相关文章/ }).waitFor();
    const first = dialog.getByRole('list', { name: /找到/ }).getByRole('link').first();
    assert.match(await first.innerText(), /自动续费/);
    await saveScreenshot(page, 'widget-results-zh');
    // Keyboard: ArrowDown from the box to the first result, Enter opens it.
    await box.press('ArrowDown');
    await page.keyboard.press('Enter');
    const heading = dialog.getByRole('heading', { level: 3 }).first();
    assert.match(await heading.innerText(), /续费/);
  } finally {
    await page.context().setOffline(false);
  }
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::/.test(p)), []);
});

test('an article shows its body, takes a vote and offers a person when it did not help', async () => {
  const { page } = await openDemo(browser, edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await dialog.getByRole('searchbox').fill('修改密码');
  await dialog.getByRole('list', { name: /找到/ }).getByRole('link').first().click();
  await dialog.locator('.content p').first().waitFor();
  const votes = dialog.getByRole('group', { name: '这篇文章有帮助吗？' });
  const sent = page.waitForRequest((r) => r.url().includes('/api/v1/events') && r.method() === 'POST');
  await votes.getByRole('button', { name: '否' }).click();
  const body = JSON.parse((await sent).postData());
  assert.ok(body.events.some((e) => e.type === 'helpful_vote' && e.helpful === false));
  await dialog.getByRole('button', { name: '没解决？联系人工客服' }).first().waitFor();
  await saveScreenshot(page, 'widget-article-zh');
});

test('Esc closes the panel and gives focus back to the launcher', async () => {
  const { page } = await openDemo(browser, edge.url);
  await openWidget(page);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  const focused = await page.evaluate(() => document.querySelector('[data-help-widget]').shadowRoot.activeElement?.textContent);
  assert.equal(focused, '帮助');
});

test('the host page API: queued calls before load, setLocale, search', async () => {
  const { page } = await openDemo(browser, edge.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: /打开帮助/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Help center' });
  await waitForIndex(dialog, 'Popular questions');
  await dialog.getByRole('searchbox', { name: 'Search help articles' }).fill('cancel auto renewal');
  await dialog.getByRole('status').filter({ hasText: /articles found/ }).waitFor();
  await saveScreenshot(page, 'widget-results-en');
});
