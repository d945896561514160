// An editor publishes at the edge (through the API; the console's knowledge-base screens are not
// built yet) and a widget opened afterwards finds the new article by a query typed in it, and the
// rest of the help center as before; after the article is archived, a widget opened afterwards no
// longer finds it. The worker under `wrangler dev` with the demo content imported as the run
// command's seed imports it, the widget in Chromium.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSuite } from './support/suite.mjs';
import { widgetFinds } from './support/widget.mjs';

let suite;
let editor;
before(async () => {
  suite = await startSuite({ agents: [['Ed Editor', 'general', ['editor']]], knowledgeBase: true });
  [editor] = suite.agents;
});
after(() => suite?.stop());

async function kb(path, method = 'GET', body) {
  const r = await fetch(`${suite.edge.url}/api/v1/kb${path}`, {
    method,
    headers: { authorization: `Bearer ${editor.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await r.json();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

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
  // The manifest may be kept for five seconds.
  await new Promise((done) => setTimeout(done, 5_500));
  assert.ok(!(await widgetFinds(suite.browser, suite.edge.url, '星尘模式')).some((t) => t.includes(TITLE)), 'archived: gone');
});
