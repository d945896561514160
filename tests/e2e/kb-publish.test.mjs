// An editor publishes at the edge (through the API; `console-kb` does it from the screens) and a
// widget opened afterwards finds the new article by a query typed in it, and the rest of the help
// center as before; after the article is archived, a widget opened afterwards no longer finds it.
// A widget left open through a publish and a rollback finds the article at its next search, then
// no longer, without a reload. The worker under `wrangler dev` with the demo content imported as
// the run command's seed imports it, the widget in Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { kbCall } from './support/edge.mjs';
import { startSuite } from './support/suite.mjs';
import { openDemo, openWidget, waitForIndex, widgetFinds } from './support/widget.mjs';

let suite;
let editor;
before(async () => {
  suite = await startSuite({ agents: [['Ed Editor', 'general', ['editor']]], knowledgeBase: true });
  [editor] = suite.agents;
});
after(() => suite?.stop());

const kb = (path, method, body) => kbCall(suite.edge.url, editor.token, path, method, body);

test('a published article is found by a widget opened after the publish, and gone after its archive', async () => {
  const TITLE = '如何开启星尘模式';
  assert.ok(!(await widgetFinds(suite.browser, suite.edge.url, '星尘模式')).some((t) => t.includes(TITLE)), 'not there before');
  const category = await kb('/categories', 'POST', { locale: 'zh-cn', name: '新功能', position: 99 });
  const section = await kb('/sections', 'POST', { category_id: category.id, name: '星尘模式', position: 1 });
  const draft = await kb('/articles', 'POST', {
    locale: 'zh-cn', article: { title: TITLE, body: '打开 **我的 → 设置 → 星尘模式**，即可开启。', section_id: section.id, keywords: ['星尘'] },
  });
  const published = Date.now();
  const { article } = await kb(`/articles/${draft.id}/publish`, 'POST', { base_revision: draft.revision });
  const titles = await widgetFinds(suite.browser, suite.edge.url, '星尘模式');
  console.log(`publish → found in a newly opened widget: ${Date.now() - published} ms`);
  assert.ok(titles[0].includes(TITLE), titles.join(' | '));
  const others = await widgetFinds(suite.browser, suite.edge.url, '自动续费');
  assert.ok(others.length > 0 && others[0].includes('自动续费'), `the imported articles are still there: ${others.join(' | ')}`);
  await kb(`/articles/${draft.id}/archive`, 'POST', { base_revision: article.revision });
  // A browser may keep the current core, like the manifest, for five seconds.
  await new Promise((done) => setTimeout(done, 5_500));
  assert.ok(!(await widgetFinds(suite.browser, suite.edge.url, '星尘模式')).some((t) => t.includes(TITLE)), 'archived: gone');
});

test('a widget left open finds an article published meanwhile at its next search, and loses it after a rollback', async () => {
  const QUERY = '睡眠定时';
  const TITLE = '如何设置睡眠定时';
  // Version 1 says nothing of the query; version 2, published while the panel is open, does.
  const category = await kb('/categories', 'POST', { locale: 'zh-cn', name: '播放设置', position: 98 });
  const section = await kb('/sections', 'POST', { category_id: category.id, name: '播放页', position: 1 });
  const first = { title: '播放页的按钮说明', body: '播放页下方依次是暂停、快进和音量。', section_id: section.id, keywords: ['播放页'] };
  const draft = await kb('/articles', 'POST', { locale: 'zh-cn', article: first });
  const v1 = await kb(`/articles/${draft.id}/publish`, 'POST', { base_revision: draft.revision });

  const { page, problems } = await openDemo(suite.browser, suite.edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  const box = dialog.getByRole('searchbox', { name: '搜索帮助文章' });
  const firstTitle = async () => {
    await box.fill('');
    await box.pressSequentially(QUERY, { delay: 20 });
    const status = dialog.getByRole('status').filter({ hasText: /找到 \d+ 篇相关文章|没有找到/ });
    await status.waitFor();
    return /没有找到/.test(await status.innerText()) ? '' : dialog.getByRole('list', { name: /找到/ }).getByRole('link').first().innerText();
  };
  /** Searches again, as a user would, until the first result is (or is not) the article; the time it took. */
  const until = async (shown) => {
    const started = Date.now();
    for (;;) {
      const title = await firstTitle();
      if (title.includes(TITLE) === shown) return Date.now() - started;
      assert.ok(Date.now() - started < 20_000, `first result still: ${title}`);
      await page.waitForTimeout(500);
    }
  };
  assert.ok(!(await firstTitle()).includes(TITLE), 'not there before');

  const saved = await kb(`/articles/${draft.id}`, 'PUT', { base_revision: v1.article.revision, article: { ...first, title: TITLE, body: '在播放页点 **定时**，选好时长，到点自动停止播放。', keywords: ['定时'] } });
  const v2 = await kb(`/articles/${draft.id}/publish`, 'POST', { base_revision: saved.revision });
  console.log(`publish → found by a widget left open: ${await until(true)} ms`);
  await kb(`/articles/${draft.id}/rollback`, 'POST', { version: 1, base_revision: v2.article.revision });
  console.log(`rollback → gone from a widget left open: ${await until(false)} ms`);
  assert.deepEqual(problems, []);
  await page.close();
});
