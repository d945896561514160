// Accessibility as assistive technology meets the widget: axe-core on every main state, and the
// whole flow by keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { audit } from './support/axe.mjs';
import { startSuite } from './support/suite.mjs';
import { openDemo, openWidget, waitForIndex } from './support/widget.mjs';

let suite;
let edge;
let browser;
before(async () => {
  suite = await startSuite();
  ({ edge, browser } = suite);
});
after(() => suite?.stop());

test('axe-core finds no serious or critical violation in the main states', async () => {
  const { page } = await openDemo(browser, edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  const found = { home: await audit(page) };
  await dialog.getByRole('searchbox').fill('下载的视频在哪里');
  await dialog.getByRole('status').filter({ hasText: /找到/ }).waitFor();
  found.results = await audit(page);
  await dialog.getByRole('list', { name: /找到/ }).getByRole('link').first().click();
  await dialog.locator('.content p').first().waitFor();
  found.article = await audit(page);
  await dialog.getByRole('button', { name: '提问' }).click();
  found.ask = await audit(page);
  await dialog.getByRole('button', { name: '联系人工客服' }).click();
  await dialog.getByRole('textbox', { name: '问题描述' }).waitFor();
  found.contact = await audit(page);
  assert.deepEqual(found, { home: [], results: [], article: [], ask: [], contact: [] });
});

test('keyboard only: reach the launcher, search, open a result, stay inside the dialog, leave with Esc', async () => {
  const { page } = await openDemo(browser, edge.url);
  const inWidget = () => page.evaluate(() => {
    const root = document.querySelector('[data-help-widget]').shadowRoot;
    const active = root.activeElement;
    return active ? { tag: active.tagName, text: active.textContent, inDialog: Boolean(active.closest('[role=dialog]')) } : null;
  });
  // Tab from the top of the page until the launcher has focus.
  let focused = null;
  for (let i = 0; i < 20 && focused?.text !== '帮助'; i += 1) {
    await page.keyboard.press('Tab');
    focused = await inWidget();
  }
  assert.equal(focused?.text, '帮助', 'the launcher is reachable by Tab');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: '帮助中心' });
  await waitForIndex(dialog);
  assert.equal((await inWidget()).tag, 'INPUT', 'focus starts in the search box');
  await page.keyboard.type('找回密码');
  await dialog.getByRole('status').filter({ hasText: /找到/ }).waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal((await inWidget()).tag, 'A');
  await page.keyboard.press('Enter');
  await dialog.locator('.content').waitFor();
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
    assert.ok((await inWidget())?.inDialog, `focus left the dialog after ${i + 1} presses`);
  }
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await inWidget()).text, '帮助', 'focus returns to the launcher');
});
