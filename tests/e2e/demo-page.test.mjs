import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite } from './support/suite.mjs';
import { saveScreenshot } from './support/browser.mjs';

let suite;
let edge;
let browser;
before(async () => {
  suite = await startSuite();
  ({ edge, browser } = suite);
});
after(() => suite?.stop());

test('the worker serves the demo help center page to Chromium', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${edge.url}/`);
  assert.equal(response.status(), 200);
  await page.getByRole('heading', { name: '星河视频帮助中心' }).waitFor();
  await saveScreenshot(page, 'demo-page');
  const status = page.getByRole('link', { name: '/api/v1/health' });
  await status.click();
  const health = JSON.parse(await page.locator('body').innerText());
  assert.equal(health.d1, 'ok');
});
