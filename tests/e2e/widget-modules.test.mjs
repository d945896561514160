// The widget in two modules (issue 13): a host page that nobody opens Help on never downloads the
// desk module (ticket form, requests, chat); a first answer does not wait for it; after one it
// comes in idle time; and My requests, opened first thing, loads it on first use.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSuite } from './support/suite.mjs';
import { openDemo, openWidget, waitForIndex } from './support/widget.mjs';

let suite;
before(async () => {
  suite = await startSuite();
});
after(() => suite?.stop());

const DESK = '/widget/desk/widget_desk_bg.wasm';

/** The URLs the page requested, in order, as they are requested. */
function watchRequests(page) {
  const urls = [];
  page.on('request', (request) => urls.push(new URL(request.url()).pathname));
  return urls;
}

test('the desk module loads only after a first answer, in idle time', async () => {
  const { page, problems } = await openDemo(suite.browser, suite.edge.url);
  const urls = watchRequests(page);
  // The loader brings the search-first module on idle; give it the time to.
  await page.waitForRequest((r) => r.url().endsWith('/widget/widget_bg.wasm'));
  await page.waitForTimeout(1500);
  assert.ok(!urls.includes(DESK), 'nobody opened Help: no desk module');

  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await page.waitForTimeout(1000);
  assert.ok(!urls.includes(DESK), 'the panel is open but nothing answered yet: no desk module');

  const desk = page.waitForRequest((r) => r.url().endsWith(DESK));
  await dialog.getByRole('searchbox').fill('自动续费怎么取消');
  await dialog.getByRole('list', { name: /找到 \d+ 篇相关文章/ }).waitFor();
  await desk;
  assert.deepEqual(problems, []);
});

test('My requests, opened first thing, loads the desk module on first use', async () => {
  const { page, problems } = await openDemo(suite.browser, suite.edge.url);
  const dialog = await openWidget(page);
  await dialog.getByRole('button', { name: '我的请求' }).click();
  await dialog.getByText('您还没有提交过请求。').waitFor();
  assert.deepEqual(problems, []);
});
