// The knowledge base's guard rail and the loop from analytics, in the console against the real
// worker with the demo content imported (its labelled queries as regression queries): a search
// the widget was unsure of, listed in analytics, becomes a question of an article in one click,
// the editor publishes it and a widget opened afterwards finds the article by that search; a
// zero-result search opens a new article titled with it, which takes it as its regression query;
// a publish that makes a regression query worse shows MRR@5 before and after and the query, and
// publishes only when confirmed; an import whose publish the guard refused is published anyway
// from its report. A reader's comment on an article that did not help reaches its editor. Review
// as a site setting: the admin requires it, a draft then waits for another editor's approval.
// Screens in both languages, screenshotted and axe-checked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { openConsole, signIn } from './support/console.mjs';
import { kbCall } from './support/edge.mjs';
import { startSuite } from './support/suite.mjs';
import { openDemo, openWidget, waitForIndex, widgetFinds } from './support/widget.mjs';

const UNSURE = '星尘投影仪怎么连';
const ZERO = 'stardust projector pairing';

let suite;
let ada;
let eve;
before(async () => {
  suite = await startSuite({
    agents: [['Ada Admin', 'general', ['admin']], ['Eve Editor', 'general', ['editor']]],
    knowledgeBase: true,
    browser: { locale: 'zh-CN', viewport: { width: 1280, height: 900 } },
  });
  [ada, eve] = suite.agents;
  const now = Date.now();
  const events = [
    { at: now, locale: 'zh-cn', type: 'search', query: UNSURE, verdict: 'unsure', results: 2 },
    { at: now, locale: 'zh-cn', type: 'search', query: UNSURE, verdict: 'unsure', results: 2 },
    { at: now, locale: 'en-us', type: 'search', query: ZERO, verdict: 'unsure', results: 0 },
  ];
  const posted = await fetch(`${suite.edge.url}/api/v1/events?site=demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  assert.equal(posted.status, 202, `${await posted.text()}\n${suite.edge.log.join('').slice(-2000)}`);
});
after(() => suite?.stop());

const kb = (path, method, body) => kbCall(suite.edge.url, ada.token, path, method, body);

/** The console signed in as `person`, at `hash`. */
async function consoleAt(person, hash, heading) {
  const opened = await openConsole(suite.browser, suite.edge.url);
  // An admin lands on the tickets, an editor alone on the knowledge base.
  await signIn(opened.page, person.token, { list: person === ada ? '工单' : '知识库' });
  await opened.page.goto(`${suite.edge.url}/console/${hash}`);
  await opened.page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  return opened;
}

async function analytics() {
  const opened = await openConsole(suite.browser, suite.edge.url);
  await signIn(opened.page, ada.token);
  await opened.page.getByRole('link', { name: '数据分析' }).click();
  await opened.page.getByRole('heading', { name: '数据分析', level: 1 }).waitFor();
  return opened;
}

const note = (page, text) => page.locator('p.kb-note[role="status"]', { hasText: text });

let articleId;
let articleTitle;

test('an unsure search from analytics becomes a question of an article in one click; published, a widget finds the article by it', async () => {
  const { page, problems } = await analytics();
  const searches = page.getByRole('region', { name: '待解决的搜索' });
  const row = searches.getByRole('listitem').filter({ hasText: UNSURE });
  assert.match(await row.innerText(), /zh-cn · 不确定 2/);
  await row.getByRole('button', { name: '加为文章的问法' }).click();
  // An article without pictures on other hosts (the demo's are blocked by the console's CSP).
  await row.getByLabel('查找文章').fill('搜索不到电视');
  const choice = row.getByRole('button', { name: new RegExp(`^把“${UNSURE}”加为这篇文章的问法 — `) }).first();
  articleTitle = (await choice.innerText()).trim();
  assert.notEqual((await widgetFinds(suite.browser, suite.edge.url, UNSURE))[0]?.split('\n')[0], articleTitle, 'not found first that way before');
  await saveScreenshot(page, 'console-analytics-failing-zh');
  assert.deepEqual(await audit(page), [], 'the searches to answer pass axe');
  await choice.click();
  await row.getByRole('status').filter({ hasText: `已加为“${articleTitle}”的问法，发布后生效` }).waitFor();

  const article = (await kb('/articles?locale=zh-cn')).articles.find((a) => a.title === articleTitle);
  articleId = article.id;
  assert.ok(article.questions.includes(UNSURE));
  assert.equal(article.status, 'draft');
  const queries = (await kb(`/regression-queries?locale=zh-cn&article=${articleId}`)).queries;
  assert.deepEqual(queries.filter((q) => q.query === UNSURE).map((q) => q.origin), ['analytics']);

  // The article list shows the failed search that led to it.
  await page.getByRole('link', { name: '知识库' }).click();
  const listed = page.getByRole('row').filter({ hasText: articleTitle });
  await listed.waitFor();
  assert.match(await listed.innerText(), new RegExp(UNSURE));

  // The editor lists it among the article's regression queries; the publish reports the guard.
  await listed.getByRole('link', { name: articleTitle }).click();
  await page.getByRole('heading', { name: '编辑文章', level: 1 }).waitFor();
  const panel = page.getByRole('region', { name: '回归查询' });
  await panel.getByText(UNSURE).waitFor();
  assert.match(await panel.innerText(), /来自数据分析/);
  assert.equal(await page.getByLabel('其他问法（每行一个）').inputValue().then((v) => v.split('\n').includes(UNSURE)), true);
  const started = Date.now();
  await page.getByRole('button', { name: '发布', exact: true }).click();
  await note(page, /已发布为第 \d+ 版/).waitFor();
  const figures = await page.locator('p.kb-guard-figures').innerText();
  const [, before, afterwards] = figures.match(/([\d.]+) → ([\d.]+)/);
  assert.ok(Number(afterwards) > Number(before), figures);
  const titles = await widgetFinds(suite.browser, suite.edge.url, UNSURE);
  console.log(`analytics question → published → found in a newly opened widget: ${Date.now() - started} ms`);
  assert.equal(titles[0]?.split('\n')[0], articleTitle, titles.join(' | '));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a zero-result search opens a new article titled with it, which takes it as its regression query', async () => {
  const { page, problems } = await analytics();
  const row = page.getByRole('region', { name: '待解决的搜索' }).getByRole('listitem').filter({ hasText: ZERO });
  assert.match(await row.innerText(), /en-us · 无结果 1、不确定 1/);
  await row.getByRole('button', { name: '写新文章' }).click();
  await page.getByRole('heading', { name: '写新文章', level: 1 }).waitFor();
  assert.equal(await page.getByLabel('标题').inputValue(), ZERO);
  assert.equal(await page.getByLabel('文章语言').inputValue(), 'en-US');
  await page.getByLabel('正文（Markdown）').fill('Open **Me → Devices → Projector** and pair it.');
  await page.getByLabel('栏目').selectOption({ index: 1 });
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByRole('heading', { name: '编辑文章', level: 1 }).waitFor();
  const id = new URL(page.url()).hash.split('/').pop();
  const queries = (await kb(`/regression-queries?locale=en-us&article=${id}`)).queries;
  assert.deepEqual(queries.map((q) => [q.query, q.origin]), [[ZERO, 'analytics']]);
  await page.getByRole('region', { name: '回归查询' }).getByText(ZERO).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test('a publish that makes a regression query worse shows the figures and waits; confirmed, it publishes', async () => {
  const { page, problems } = await analytics();
  // Bury the article: the search from analytics no longer finds it.
  const current = await kb(`/articles/${articleId}`);
  const { id, locale, status, revision, live_version, updated_at, updated_by, author_id, sent_back, ...draft } = current;
  await kb(`/articles/${articleId}`, 'PUT', { base_revision: revision, article: { ...draft, title: '其他设置', questions: [], keywords: [], body: '打开设置页。' } });
  await page.goto(`${suite.edge.url}/console/#/kb/articles/${articleId}`);
  await page.getByRole('heading', { name: '编辑文章', level: 1 }).waitFor();
  await page.getByRole('region', { name: '回归查询' }).getByText(UNSURE).waitFor();
  const manifest = await (await fetch(`${suite.edge.url}/index/manifest.json`)).json();

  await page.getByRole('button', { name: '发布', exact: true }).click();
  const guard = page.getByRole('alert').filter({ hasText: '回归查询变差了：尚未发布' });
  await guard.waitFor();
  assert.match(await guard.innerText(), /回归查询 MRR@5 [\d.]+ → [\d.]+/);
  const worse = guard.getByRole('row').filter({ hasText: UNSURE });
  assert.match(await worse.innerText(), /1\s+(前十名之外|\d+)/);
  assert.deepEqual(await (await fetch(`${suite.edge.url}/index/manifest.json`)).json(), manifest, 'nothing switched');
  await guard.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'console-kb-guard-zh');
  assert.deepEqual(await audit(page), [], 'the guard passes axe');

  await guard.getByRole('button', { name: '仍然发布' }).click();
  await note(page, /已发布为第 \d+ 版/).waitFor();
  assert.notDeepEqual((await (await fetch(`${suite.edge.url}/index/manifest.json`)).json())['zh-cn'], manifest['zh-cn']);
  assert.deepEqual(problems.filter((p) => !/^HTTP 409 .*\/publish$/.test(p)), []);
  await page.close();
});

test('the searches to answer, the article finder, regression queries and feedback in English, axe clean', async () => {
  const { page, problems } = await analytics();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
  const row = page.getByRole('region', { name: 'Searches to answer' }).getByRole('listitem').filter({ hasText: ZERO });
  await row.getByRole('button', { name: 'Add as a question to an article' }).click();
  await row.getByLabel('Find an article').fill('a');
  await row.getByRole('button', { name: /^Add “stardust projector pairing” as a question to this article — / }).first().waitFor();
  await saveScreenshot(page, 'console-analytics-failing-en');
  const found = { 'en analytics': await audit(page) };
  await page.goto(`${suite.edge.url}/console/#/kb/articles/${articleId}`);
  await page.getByRole('heading', { name: 'Edit article', level: 1 }).waitFor();
  await page.getByRole('region', { name: 'Regression queries' }).getByText(UNSURE).waitFor();
  await page.getByRole('region', { name: 'What users said (last 30 days)' }).waitFor();
  await saveScreenshot(page, 'console-kb-queries-en');
  found['en editor'] = await audit(page);
  await page.getByRole('button', { name: '中文' }).click();
  for (const [screen, violations] of Object.entries(found)) assert.deepEqual(violations, [], screen);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a reader's comment on an article that did not help reaches its editor", async () => {
  const article = (await kb('/articles?locale=zh-cn')).articles.find((a) => a.status === 'published' && a.id !== articleId);
  const { page, problems } = await openDemo(suite.browser, suite.edge.url);
  const dialog = await openWidget(page);
  await waitForIndex(dialog);
  await dialog.getByRole('searchbox', { name: '搜索帮助文章' }).fill(article.title);
  await dialog.getByRole('list', { name: /找到/ }).getByRole('link', { name: article.title }).first().click();
  await dialog.getByRole('group', { name: '这篇文章有帮助吗？' }).getByRole('button', { name: '否' }).click();
  const comment = dialog.getByLabel('文章缺了什么？（请勿填写个人信息）');
  await comment.fill('没说安卓手机怎么操作');
  await saveScreenshot(page, 'widget-article-comment-zh');
  assert.deepEqual(await audit(page), [], 'the comment form passes axe');
  const sent = page.waitForRequest((r) => r.url().includes('/api/v1/events') && r.postData()?.includes('article_comment'));
  await dialog.getByRole('button', { name: '发送' }).click();
  const event = JSON.parse((await sent).postData()).events.find((e) => e.type === 'article_comment');
  assert.deepEqual([event.article, event.comment], [article.id, '没说安卓手机怎么操作']);
  await comment.waitFor({ state: 'detached' });
  // axe's own probes set inline styles, which the demo page's CSP (style-src 'self') reports.
  assert.deepEqual(problems.filter((p) => !/Applying inline style violates/.test(p)), []);
  await page.close();

  const editor = await consoleAt(ada, `#/kb/articles/${article.id}`, '编辑文章');
  const feedback = editor.page.getByRole('region', { name: '用户反馈（近 30 天）' });
  await feedback.getByText('没说安卓手机怎么操作').waitFor();
  assert.match(await feedback.innerText(), /没有帮助 · /, 'the vote is listed too');
  assert.deepEqual(editor.problems, []);
  await editor.page.close();
});

test('the review setting cannot be changed before it is read: a late read does not put the box back', async () => {
  const setting = '文章须经另一位编辑审核后才能发布';
  const opened = await openConsole(suite.browser, suite.edge.url);
  await signIn(opened.page, ada.token, { list: '工单' });
  // The setting's read answers 1.5 s late; changes go through at once.
  await opened.page.route('**/kb/settings', async (route) => {
    if (route.request().method() === 'GET') await new Promise((r) => setTimeout(r, 1_500));
    await route.continue();
  });
  await opened.page.goto(`${suite.edge.url}/console/#/kb`);
  await opened.page.getByRole('heading', { name: '知识库', level: 1 }).waitFor();
  assert.equal(await opened.page.getByLabel(setting).isDisabled(), true, 'unread, the box cannot be changed');
  await opened.page.getByLabel(setting).check();
  await opened.page.locator('.announcer').filter({ hasText: '已保存。' }).waitFor();
  assert.equal((await kb('/settings')).review_required, true);
  await opened.page.getByLabel(setting).uncheck();
  for (let tries = 0; (await kb('/settings')).review_required && tries < 50; tries++) await new Promise((r) => setTimeout(r, 100));
  assert.equal((await kb('/settings')).review_required, false);
  await opened.page.close();
});

test('review as a site setting: the admin requires it, a draft waits for another editor, who approves it', async () => {
  const setting = '文章须经另一位编辑审核后才能发布';
  const admin = await consoleAt(ada, '#/kb', '知识库');
  await admin.page.getByLabel(setting).check();
  await admin.page.locator('.announcer').filter({ hasText: '已保存。' }).waitFor();
  assert.equal((await kb('/settings')).review_required, true);
  await admin.page.getByText('本站要求审核：导入的文章保存为草稿，经审核后发布。').waitFor();
  await saveScreenshot(admin.page, 'console-kb-review-setting-zh');
  assert.deepEqual(await audit(admin.page), [], 'the setting passes axe');

  const section = (await kb('/categories?locale=zh-cn')).categories[0].sections[0].id;
  const draft = await kb('/articles', 'POST', { locale: 'zh-cn', article: { title: '审核后才上线的文章', body: '打开**我的 → 设置**。', section_id: section } });
  await admin.page.goto(`${suite.edge.url}/console/#/kb/articles/${draft.id}`);
  await admin.page.getByRole('heading', { name: '编辑文章', level: 1 }).waitFor();
  await admin.page.getByText('本站要求审核：请先提交审核，由另一位编辑批准后发布。').waitFor();
  assert.equal(await admin.page.getByRole('button', { name: '发布', exact: true }).count(), 0, 'no publish of a draft');
  await saveScreenshot(admin.page, 'console-kb-review-required-zh');
  assert.deepEqual(await audit(admin.page), [], 'the editor under review passes axe');
  await admin.page.getByRole('button', { name: '提交审核' }).click();
  await admin.page.getByText('等待另一位编辑审核：作者不能批准自己的修改。').waitFor();

  const reviewer = await consoleAt(eve, `#/kb/articles/${draft.id}`, '编辑文章');
  await reviewer.page.getByRole('button', { name: '批准并发布' }).click();
  await note(reviewer.page, /已发布为第 1 版/).waitFor();
  assert.equal((await kb(`/articles/${draft.id}`)).status, 'published');
  assert.deepEqual(reviewer.problems, []);
  await reviewer.page.close();

  await admin.page.getByRole('button', { name: 'English' }).click();
  await admin.page.goto(`${suite.edge.url}/console/#/kb`);
  const english = admin.page.getByLabel("An article goes live only after another editor's review");
  // Checked once the screen has read the setting.
  await admin.page.locator('#kb-review-required:checked').waitFor();
  await saveScreenshot(admin.page, 'console-kb-review-setting-en');
  assert.deepEqual(await audit(admin.page), [], 'the setting in English passes axe');
  await english.uncheck();
  await admin.page.locator('.announcer').filter({ hasText: 'Saved.' }).waitFor();
  assert.equal((await kb('/settings')).review_required, false);
  await admin.page.getByRole('button', { name: '中文' }).click();
  assert.deepEqual(admin.problems, []);
  await admin.page.close();
});

test("an import whose publish the guard refused shows the figures in its report; published anyway, it goes live", async () => {
  // The zh-cn article most regression queries lead to, buried by a Help Center export.
  const counts = new Map();
  for (const q of (await kb('/regression-queries?locale=zh-cn')).queries) for (const a of q.articles) counts.set(a, (counts.get(a) ?? 0) + 1);
  const [target] = [...counts].sort((a, b) => b[1] - a[1])[0];
  const article = await kb(`/articles/${target}`);
  const category = (await kb('/categories?locale=zh-cn')).categories.find((c) => c.sections.some((x) => x.id === article.section_id));
  const section = category.sections.find((x) => x.id === article.section_id);
  const file = {
    categories: [{ id: category.id, name: category.name, locale: 'zh-cn', position: category.position }],
    sections: [{ id: section.id, category_id: category.id, name: section.name, position: section.position }],
    articles: [{ id: target, section_id: section.id, locale: 'zh-cn', title: '其他设置', body: '<p>打开设置页。</p>' }],
  };
  const manifest = await (await fetch(`${suite.edge.url}/index/manifest.json`)).json();
  // A failed run of the test before may have left review required.
  await kb('/settings', 'PUT', { review_required: false });
  const { page, problems } = await consoleAt(ada, '#/kb', '知识库');
  await page.getByLabel('要导入的文件（.json 或 .tar）').setInputFiles({ name: 'help-center.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await page.getByLabel('导入后立即发布').check();
  await page.getByRole('button', { name: '导入', exact: true }).click();
  const report = page.locator('.kb-import-report');
  const guard = report.getByRole('alert').filter({ hasText: '回归查询变差了：尚未发布' });
  await guard.waitFor();
  assert.match(await report.innerText(), /发布失败的语言（文章已保存，下次发布时生效）\s+1\s+zh-cn/);
  assert.match(await guard.innerText(), /回归查询 MRR@5 [\d.]+ → [\d.]+/);
  assert.deepEqual(await (await fetch(`${suite.edge.url}/index/manifest.json`)).json(), manifest, 'nothing switched');
  await guard.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'console-kb-import-guard-zh');
  assert.deepEqual(await audit(page), [], 'the import report with the guard passes axe');
  await guard.getByRole('button', { name: '仍然发布' }).click();
  await page.locator('.announcer').filter({ hasText: '帮助中心已发布' }).waitFor();
  await guard.waitFor({ state: 'detached' });
  assert.notDeepEqual((await (await fetch(`${suite.edge.url}/index/manifest.json`)).json())['zh-cn'], manifest['zh-cn']);
  assert.deepEqual(problems, []);
  await page.close();
});
