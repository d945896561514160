// The knowledge base in the console, against the real worker with the demo content imported: an
// editor alone lands on the tree and the article list, writes a new article (the live preview is
// the publish's own sanitised HTML: a script in the Markdown stays inert), which saves itself,
// publishes it, and a widget opened afterwards finds it; a second editor's change meanwhile
// shows as a conflict with both versions and nothing lost; the history shows what a version
// changed, and a rollback publishes the first version again; an article put up for review is sent
// back with a comment and approved by the other editor, never by its author. The list shows each
// article's views and helpful rate from the widget's events; the tree is renamed, reordered and
// pruned (only what is empty) from the keyboard. Screens in both languages,
// screenshotted and axe-checked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { openConsole, signIn } from './support/console.mjs';
import { kbCall } from './support/edge.mjs';
import { startSuite } from './support/suite.mjs';
import { widgetFinds } from './support/widget.mjs';

const TITLE = '如何开启星尘模式';
// The image loads (same origin, not an image), so an `onerror` that survived would run.
const XSS = '<img src="/index/manifest.json" alt="x" onerror="window.__xss = 1"><script>window.__xss = 2</script>\n\n[点这里](javascript:window.__xss=3)';

let suite;
let ed;
let fay;
before(async () => {
  suite = await startSuite({
    agents: [['Ed Editor', 'general', ['editor']], ['Fay Editor', 'general', ['editor']]],
    knowledgeBase: true,
    browser: { locale: 'zh-CN', viewport: { width: 1280, height: 900 } },
  });
  [ed, fay] = suite.agents;
});
after(() => suite?.stop());

const kb = (token, path, method, body) => kbCall(suite.edge.url, token, path, method, body);

async function editorConsole(token) {
  const opened = await openConsole(suite.browser, suite.edge.url);
  await signIn(opened.page, token, { list: '知识库' });
  return opened;
}

let articleId;

/** The editor's own status line (the console's announcer says the same for screen readers). */
const note = (page, text) => page.locator('p.kb-note[role="status"]', { hasText: text });

test('an editor writes a new article with a sanitised live preview, it saves itself, publishes, and a widget finds it', async () => {
  const { page, problems } = await editorConsole(ed.token);
  // The tree narrows the list to a section.
  const tree = page.getByRole('navigation', { name: '分类与栏目' });
  await tree.getByRole('button', { name: /^投屏 \(\d+\)$/ }).click();
  const rows = page.getByRole('table', { name: '文章' }).getByRole('row');
  await rows.nth(1).waitFor();
  for (const row of (await rows.allInnerTexts()).slice(1)) assert.match(row, /投屏/);
  assert.match(await rows.nth(1).innerText(), /已发布/);

  await page.getByRole('link', { name: '写新文章' }).click();
  await page.getByRole('heading', { name: '写新文章', level: 1 }).waitFor();
  await page.getByLabel('标题').fill(TITLE);
  await page.getByLabel('其他问法（每行一个）').fill('星尘模式在哪里\n怎么打开星尘');
  await page.getByLabel('关键词（每行一个）').fill('星尘');
  await page.getByLabel('正文（Markdown）').fill(`打开 **我的 → 设置 → 星尘模式**，即可开启。\n\n${XSS}`);
  const preview = page.locator('.kb-preview');
  await preview.locator('strong', { hasText: '我的 → 设置 → 星尘模式' }).waitFor();
  // Exactly what the publish keeps: the image without its handler, no script, no javascript: link.
  const html = await preview.innerHTML();
  assert.doesNotMatch(html, /onerror|<script|javascript:/, html);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'nothing ran');
  await page.getByLabel('栏目').selectOption({ label: '投屏' });
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.getByRole('heading', { name: '编辑文章', level: 1 }).waitFor();
  articleId = new URL(page.url()).hash.split('/').pop();
  await page.getByText('草稿 · 尚未上线').waitFor();

  // Typing saves by itself after a pause.
  await page.getByLabel('标题').fill(`${TITLE}（新）`);
  await note(page, '草稿已自动保存').waitFor();
  const stored = await kb(ed.token, `/articles/${articleId}`);
  assert.equal(stored.title, `${TITLE}（新）`);
  assert.deepEqual(stored.questions, ['星尘模式在哪里', '怎么打开星尘']);

  const started = Date.now();
  await page.getByRole('button', { name: '发布' }).click();
  await note(page, '已发布为第 1 版').waitFor();
  await page.getByText('已发布 · 线上版本：第 1 版').waitFor();
  const titles = await widgetFinds(suite.browser, suite.edge.url, '星尘模式');
  console.log(`console publish → found in a newly opened widget: ${Date.now() - started} ms`);
  assert.ok(titles[0]?.includes(TITLE), titles.join(' | '));
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'nothing ran');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a change by another editor meanwhile is a conflict showing both versions; keeping mine stores mine', async () => {
  const { page, problems } = await editorConsole(ed.token);
  await page.goto(`${suite.edge.url}/console/#/kb/articles/${articleId}`);
  await page.getByRole('heading', { name: '编辑文章', level: 1 }).waitFor();
  await page.locator('p.kb-state', { hasText: '线上版本' }).waitFor();
  // Fay saves from revision the page has too.
  const current = await kb(fay.token, `/articles/${articleId}`);
  const { id, locale, status, revision, live_version, updated_at, updated_by, author_id, sent_back, ...draft } = current;
  await kb(fay.token, `/articles/${articleId}`, 'PUT', { base_revision: revision, article: { ...draft, title: 'Fay 改的标题' } });

  await page.getByLabel('标题').fill('Ed 改的标题');
  const conflict = page.getByRole('alert').filter({ hasText: '这篇文章已被其他人修改' });
  await conflict.waitFor();
  const theirs = conflict.getByRole('region', { name: '现在保存的版本' });
  const yours = conflict.getByRole('region', { name: '你的版本' });
  assert.match(await theirs.innerText(), /Fay 改的标题[\s\S]*Fay Editor|Fay Editor[\s\S]*Fay 改的标题/);
  assert.match(await yours.innerText(), /Ed 改的标题/);
  assert.match(await conflict.locator('del').first().innerText(), /Fay 改的标题/);
  assert.match(await conflict.locator('ins').first().innerText(), /Ed 改的标题/);
  assert.equal((await kb(ed.token, `/articles/${articleId}`)).title, 'Fay 改的标题', 'nothing stored over theirs yet');
  await saveScreenshot(page, 'console-kb-conflict-zh');
  assert.deepEqual(await audit(page), [], 'the conflict passes axe');

  await conflict.getByRole('button', { name: '保留我的版本（覆盖）' }).click();
  await note(page, '草稿已自动保存').waitFor();
  const after = await kb(ed.token, `/articles/${articleId}`);
  assert.equal(after.title, 'Ed 改的标题');
  assert.equal(after.updated_by, 'Ed Editor');
  // The one refused save is the conflict itself.
  assert.deepEqual(problems.filter((p) => !/^HTTP 409 .*\/api\/v1\/kb\/articles\//.test(p)), []);
  await page.close();
});

test('the history shows what a version changed, and a rollback publishes the first version again', async () => {
  const { page, problems } = await editorConsole(ed.token);
  await page.goto(`${suite.edge.url}/console/#/kb/articles/${articleId}`);
  await page.getByRole('heading', { name: '编辑文章', level: 1 }).waitFor();
  await page.getByLabel('正文（Markdown）').fill('打开 **我的 → 设置 → 星尘模式 2.0**。');
  await note(page, '草稿已自动保存').waitFor();
  await page.getByRole('button', { name: '发布' }).click();
  await note(page, '已发布为第 2 版').waitFor();

  const history = page.getByRole('region', { name: '版本历史' });
  const second = history.getByRole('listitem').filter({ hasText: '第 2 版' });
  await second.getByRole('button', { name: '查看改动' }).click();
  assert.match(await second.locator('ins').allInnerTexts().then((t) => t.join('\n')), /星尘模式 2\.0/);
  assert.match(await second.locator('del').allInnerTexts().then((t) => t.join('\n')), /即可开启/);
  await saveScreenshot(page, 'console-kb-history-zh');

  await history.getByRole('button', { name: '回滚到第 1 版' }).click();
  await note(page, '已发布为第 3 版').waitFor();
  await page.getByText('已发布 · 线上版本：第 3 版').waitFor();
  const back = await kb(ed.token, `/articles/${articleId}`);
  assert.equal(back.title, `${TITLE}（新）`);
  assert.match(back.body, /即可开启/);
  assert.equal(await page.getByLabel('标题').inputValue(), `${TITLE}（新）`, 'the editor shows the rolled-back copy');
  assert.deepEqual(problems, []);
  await page.close();
});

test('review: the author asks, waits; another editor sends it back with a comment, then approves', async () => {
  const { page: edPage, problems } = await editorConsole(ed.token);
  await edPage.goto(`${suite.edge.url}/console/#/kb/articles/${articleId}`);
  await edPage.getByLabel('正文（Markdown）').fill('打开 **我的 → 设置 → 星尘模式**，即可开启。安卓和 iOS 相同。');
  await note(edPage, '草稿已自动保存').waitFor();
  await edPage.getByRole('button', { name: '提交审核' }).click();
  await note(edPage, '已提交审核').waitFor();
  await edPage.getByText('等待另一位编辑审核').waitFor();
  assert.equal(await edPage.getByRole('button', { name: '发布' }).count(), 0, 'the author cannot approve their own change');

  const { page: fayPage, problems: fayProblems } = await editorConsole(fay.token);
  await fayPage.goto(`${suite.edge.url}/console/#/kb/articles/${articleId}`);
  const review = fayPage.getByRole('group', { name: '审核' });
  await review.waitFor();
  await review.getByLabel('退回意见').fill('请分别写出安卓和 iOS 的步骤。');
  await review.getByRole('button', { name: '退回修改' }).click();
  await note(fayPage, '已退回给作者').waitFor();
  await fayPage.getByText('草稿 · 线上版本：第 3 版').waitFor();

  await edPage.reload();
  await edPage.getByText('退回意见（Fay Editor）： 请分别写出安卓和 iOS 的步骤。').waitFor();
  await saveScreenshot(edPage, 'console-kb-sent-back-zh');
  await edPage.getByRole('button', { name: '提交审核' }).click();
  await note(edPage, '已提交审核').waitFor();

  await fayPage.reload();
  await fayPage.getByRole('group', { name: '审核' }).getByRole('button', { name: '批准并发布' }).click();
  await note(fayPage, '已发布为第 4 版').waitFor();
  const approved = await kb(fay.token, `/articles/${articleId}`);
  assert.deepEqual([approved.status, approved.live_version, approved.sent_back], ['published', 4, null]);
  assert.deepEqual([...problems, ...fayProblems], []);
  await edPage.close();
  await fayPage.close();
});

test('the tree is organised from the keyboard: rename, move, delete only what is empty', async () => {
  const category = await kb(ed.token, '/categories', 'POST', { locale: 'zh-cn', name: '整理测试', position: 99 });
  for (const [name, position] of [['甲栏目', 1], ['乙栏目', 2]]) await kb(ed.token, '/sections', 'POST', { category_id: category.id, name, position });
  const { page, problems } = await editorConsole(ed.token);
  const organise = page.getByRole('region', { name: '整理分类与栏目' });
  await organise.getByLabel('栏目名称：乙栏目').waitFor();
  // Move 乙 above 甲 with the keyboard alone.
  await organise.getByRole('button', { name: '上移：乙栏目' }).focus();
  await page.keyboard.press('Enter');
  const tree = page.getByRole('navigation', { name: '分类与栏目' });
  await tree.getByRole('button', { name: /^乙栏目/ }).waitFor();
  const order = async () => (await kb(ed.token, '/categories?locale=zh-cn')).categories.find((c) => c.id === category.id).sections.map((s) => s.name);
  // The list re-renders after the save answers: wait for 乙 to show as first of its level
  // (its move-up disabled) rather than reading the button before the re-render.
  await organise.getByRole('button', { name: '上移：乙栏目', disabled: true }).waitFor();
  assert.deepEqual(await order(), ['乙栏目', '甲栏目']);

  await organise.getByLabel('栏目名称：甲栏目').fill('甲栏目（新名）');
  await page.keyboard.press('Enter');
  await organise.getByLabel('栏目名称：甲栏目（新名）').waitFor();
  await organise.getByRole('button', { name: '删除：甲栏目（新名）' }).click();
  await organise.getByLabel('栏目名称：甲栏目（新名）').waitFor({ state: 'detached' });
  assert.deepEqual(await order(), ['乙栏目']);

  // 投屏 holds articles: refused, and it stays.
  await organise.getByRole('button', { name: '删除：投屏' }).click();
  await organise.getByRole('alert').filter({ hasText: 'still has articles' }).waitFor();
  await organise.getByLabel('栏目名称：投屏').waitFor();
  await saveScreenshot(page, 'console-kb-organise-zh');
  assert.deepEqual(problems.filter((p) => !/^HTTP 409 .*\/api\/v1\/kb\/sections\//.test(p)), []);
  await page.close();
});

test('the knowledge base screens in both languages, with the widget\'s figures: screenshots, axe clean', async () => {
  const now = Date.now();
  const events = [
    { at: now, locale: 'zh-cn', type: 'article_view', article: articleId },
    { at: now, locale: 'zh-cn', type: 'article_view', article: articleId },
    { at: now, locale: 'zh-cn', type: 'helpful_vote', article: articleId, helpful: true },
  ];
  const posted = await fetch(`${suite.edge.url}/api/v1/events?site=demo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  assert.ok(posted.ok, await posted.text());
  const { page, problems } = await editorConsole(ed.token);
  const row = page.getByRole('row').filter({ hasText: TITLE });
  await row.waitFor();
  assert.match(await row.innerText(), /已发布[\s\S]*投屏[\s\S]*\b2\b[\s\S]*100%/);
  const found = {};
  for (const [lang, names] of [
    ['zh', { kb: '知识库', edit: '编辑文章', preview: '预览（与发布后一致）' }],
    ['en', { kb: 'Knowledge base', edit: 'Edit article', preview: 'Preview (as published)' }],
  ]) {
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: names.kb }).click();
    await page.getByRole('heading', { name: names.kb, level: 1 }).waitFor();
    await page.locator('table.kb-articles').waitFor();
    await saveScreenshot(page, `console-kb-list-${lang}`);
    found[`${lang} list`] = await audit(page);
    await page.goto(`${suite.edge.url}/console/#/kb/articles/${articleId}`);
    await page.getByRole('heading', { name: names.edit, level: 1 }).waitFor();
    await page.getByRole('heading', { name: names.preview }).waitFor();
    await page.locator('.kb-versions').waitFor();
    await saveScreenshot(page, `console-kb-editor-${lang}`);
    found[`${lang} editor`] = await audit(page);
  }
  await page.getByRole('button', { name: '中文' }).click();
  for (const [screen, violations] of Object.entries(found)) assert.deepEqual(violations, [], screen);
  assert.deepEqual(problems, []);
  await page.close();
});
