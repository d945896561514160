// The index in chunks, as a visitor's browser fetches it: nothing of it before intent, only the
// core and the chunks a query needs before the first results, the rest in the background so a
// later visit searches offline, and a new core's parts replacing the old ones in Cache Storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { startSuite } from './support/suite.mjs';
import { emptyWidgetCache, openDemo, openWidget, waitForIndex, waitForWholeIndex } from './support/widget.mjs';
import { startHost } from './support/host.mjs';
import { partNames, partsBody } from './support/index-parts.mjs';

const repo = resolve(import.meta.dirname, '../..');
const site = join(repo, 'build/site');
const manifest = JSON.parse(readFileSync(join(site, 'index/manifest.json'), 'utf8'));
// What a widget caches of the zh-CN index: the current core (by the name that always serves it)
// and the parts it names.
const zhParts = (m) => ['zh-cn.core', ...m['zh-cn'].postings, ...m['zh-cn'].docs, m['zh-cn'].bodies];

let suite;
let edge;
let browser;
before(async () => {
  suite = await startSuite();
  ({ edge, browser } = suite);
});
after(() => suite?.stop());

/** Brotli -q 11 of what the site serves at a URL (a file, or index parts in one request). */
function brotli(url, root = site) {
  const { pathname } = new URL(url);
  const body = pathname === '/index/parts' ? partsBody(join(root, 'index'), partNames(url)) : readFileSync(join(root, pathname));
  return brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}

/** Every URL the page requests, in order. */
function watch(page) {
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

const indexUrls = (urls) => urls.filter((u) => new URL(u).pathname.startsWith('/index/'));

test('nothing of the index loads before intent; the first results need the core and a few chunks', async (t) => {
  const { page, problems } = await openDemo(browser, edge.url);
  const urls = watch(page);
  // The loader fetches the app module when the browser is idle (at most 4 s after load).
  await page.waitForResponse((r) => r.url().endsWith('/widget/widget_bg.wasm'), { timeout: 10_000 });
  await page.waitForTimeout(1_500);
  assert.deepEqual(indexUrls(urls), [], 'no index file before intent');
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
  assert.deepEqual(indexUrls(loaded), []);
  const beforeIntent = loaded.filter((u) => new URL(u).pathname.startsWith('/widget/')).reduce((sum, u) => sum + brotli(u), 0);
  t.diagnostic(`before intent: ${beforeIntent} B brotli (loader, glue, styles, wasm; no index)`);

  const dialog = await openWidget(page);
  await dialog.getByRole('searchbox').fill('自动续费');
  await dialog.getByRole('status').filter({ hasText: /找到 \d+ 篇相关文章/ }).waitFor();
  const fetched = indexUrls(urls);
  const names = fetched.flatMap(partNames);
  assert.equal(names[0], 'zh-cn.core', `the current core first: ${names}`);
  // The chunks a screen asks for at once come in one request: the query's postings, then its
  // results' articles (and maybe, before the query was typed, the start screen's).
  assert.ok(fetched.length <= 4, `the core, then at most three requests of parts: ${fetched}`);
  assert.ok(!names.includes('manifest.json') && !names.includes(manifest['zh-cn'].core), `the core names the parts, no manifest: ${names}`);
  const chunks = names.filter((n) => /\.[pd]\d+$/.test(n));
  const all = manifest['zh-cn'].postings.length + manifest['zh-cn'].docs.length;
  assert.ok(chunks.length > 0 && chunks.length < all, `${chunks.length} of ${all} chunks before the first results`);
  assert.equal(new Set(names).size, names.length, `each part fetched once: ${names}`);
  const index = fetched.reduce((sum, u) => sum + brotli(u), 0);
  t.diagnostic(`first results: index ${index} B brotli in ${fetched.length} requests (${chunks.length} of ${all} chunks)`);
  // What came over the wire: the worker has each part compressed (a CDN would leave binary as is).
  const wire = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/index/'))
    .map((e) => [e.encodedBodySize, e.decodedBodySize]));
  assert.ok(wire.length > 0 && wire.every(([encoded, decoded]) => encoded < decoded), `compressed: ${JSON.stringify(wire)}`);
  const [encoded, decoded] = wire.reduce(([e, d], [a, b]) => [e + a, d + b], [0, 0]);
  t.diagnostic(`over the wire: ${encoded} B for ${decoded} B of index`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('after the background fetch, a later visit searches the whole help center offline', async () => {
  const first = await openDemo(browser, edge.url);
  const dialog = await openWidget(first.page);
  await waitForIndex(dialog);
  await waitForWholeIndex(first.page, 'zh-cn', manifest);
  await first.page.close();

  const { page } = await openDemo(browser, edge.url);
  await page.waitForResponse((r) => r.url().endsWith('/widget/widget_bg.wasm'), { timeout: 10_000 });
  await page.context().setOffline(true);
  try {
    const later = await openWidget(page);
    const box = later.getByRole('searchbox', { name: '搜索帮助文章' });
    // Queries from different categories, so their chunks are different ones.
    for (const [query, title] of [['修改密码', /密码/], ['发票', /发票/], ['投屏到电视', /投屏/], ['缓存视频', /缓存|下载/]]) {
      await box.fill(query);
      const first = later.getByRole('list', { name: /找到/ }).getByRole('link').first();
      await first.waitFor();
      assert.match(await first.innerText(), title, query);
    }
    await later.getByRole('list', { name: /找到/ }).getByRole('link').first().click();
    await later.locator('.content p').first().waitFor();
  } finally {
    await page.context().setOffline(false);
  }
  await page.close();
});

/** Counts the index files the page reads back from Cache Storage (the loader's `cache.match`). */
async function countCacheReads(page) {
  await page.addInitScript(() => {
    window.cacheReads = [];
    const match = Cache.prototype.match;
    Cache.prototype.match = function (request, options) {
      const url = String(request.url ?? request);
      if (url.includes('/index/')) window.cacheReads.push(url);
      return match.call(this, request, options);
    };
  });
}

/** Searches offline in an open panel; returns the index files read from the cache meanwhile. */
async function searchOffline(page, dialog) {
  await page.context().setOffline(true);
  try {
    await page.evaluate(() => { window.cacheReads.length = 0; });
    const box = dialog.getByRole('searchbox', { name: '搜索帮助文章' });
    for (const [query, title] of [['发票', /发票/], ['投屏到电视', /投屏/], ['缓存视频', /缓存|下载/]]) {
      await box.fill(query);
      const first = dialog.getByRole('list', { name: /找到/ }).getByRole('link').first();
      await first.waitFor();
      assert.match(await first.innerText(), title, query);
    }
    return page.evaluate(() => window.cacheReads.slice());
  } finally {
    await page.context().setOffline(false);
  }
}

test('a page that gives the index little memory: the background fetch leaves the rest in Cache Storage, and searches read it from there', async () => {
  // As the demo page has it: after the background fetch every part is in memory. (The cache
  // emptied first, as earlier tests filled it: "all cached" then means "all fetched".)
  await emptyWidgetCache(browser, edge.url);
  const roomy = await browser.newPage();
  await countCacheReads(roomy);
  await roomy.goto(edge.url);
  const roomyDialog = await openWidget(roomy);
  await waitForIndex(roomyDialog);
  await waitForWholeIndex(roomy, 'zh-cn', manifest);
  assert.deepEqual(await searchOffline(roomy, roomyDialog), [], 'nothing read back: all in memory');
  await roomy.close();

  // 0.1 MB, on a host of its own origin (so its own, empty, Cache Storage): the chunks the
  // first screen asked for fill it, and the background keeps the rest in the cache only.
  const host = await startHost(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>App</title>
    <link rel="icon" href="data:,"><script async src="${edge.url}/widget/embed.js" data-site="demo" data-locale="zh-CN"
      data-edge="${edge.url}" data-index-memory="0.1"></script></head><body><h1>A small app</h1></body></html>`);
  try {
    const tight = await browser.newPage();
    await countCacheReads(tight);
    await tight.goto(host.url);
    const dialog = await openWidget(tight);
    await waitForIndex(dialog);
    await waitForWholeIndex(tight, 'zh-cn', manifest);
    const read = await searchOffline(tight, dialog);
    assert.ok(read.length > 0, 'the chunks these searches needed came from Cache Storage');
    assert.ok(read.every((url) => zhParts(manifest).some((name) => url.endsWith(name))), `${read}`);
    await tight.close();
  } finally {
    await host.stop();
  }
});

test('a newly published index: its parts answer, and the old parts leave Cache Storage', async () => {
  const { page } = await openDemo(browser, edge.url);
  await waitForIndex(await openWidget(page));
  const before = await waitForWholeIndex(page, 'zh-cn', manifest);
  await page.close();

  // The edge publishes changed content: one article gets a new title.
  const work = mkdtempSync(join(tmpdir(), 'new-manifest-'));
  try {
    const content = join(work, 'content');
    cpSync(join(repo, 'faq-data/content'), content, { recursive: true });
    const article = execFileSync('grep', ['-rl', '^title = ".*密码', join(content, 'zh-cn')]).toString().split('\n')[0];
    writeFileSync(article, readFileSync(article, 'utf8').replace(/^title = ".*"$/m, 'title = "星河密码找回指南"'));
    execFileSync(join(repo, 'target/release/faq'), ['build', content, '--out', join(work, 'index')], { stdio: 'ignore' });
    execFileSync(join(repo, 'scripts/publish-index.sh'), [join(work, 'index'), join(work, 'site/index')]);
    const next = JSON.parse(readFileSync(join(work, 'site/index/manifest.json'), 'utf8'));
    const gone = zhParts(manifest).filter((n) => !zhParts(next).includes(n));
    assert.ok(gone.length > 0 && gone.every((n) => before.includes(n)), 'the old parts that change were cached');

    const later = await browser.newPage();
    await later.route(`${edge.url}/index/**`, (route) => {
      const url = route.request().url();
      const body = new URL(url).pathname === '/index/parts' ? partsBody(join(work, 'site/index'), partNames(url)) : readFileSync(join(work, 'site', new URL(url).pathname));
      return route.fulfill({ body, headers: { 'content-type': 'application/octet-stream' } });
    });
    // What a widget from before the core named the parts kept: the manifest goes too. Put there
    // before the widget's page loads, as the loader lists the cache once, in idle time.
    await later.goto(`${edge.url}/api/v1/health`);
    await later.evaluate(async () => (await caches.open('help-widget-v1')).put('/index/manifest.json', new Response('{}')));
    await later.goto(`${edge.url}/`);
    const dialog = await openWidget(later);
    await dialog.getByRole('searchbox').fill('星河密码');
    const first = dialog.getByRole('list', { name: /找到/ }).getByRole('link').first();
    await first.waitFor();
    assert.match(await first.innerText(), /星河密码找回指南/);
    const cached = await waitForWholeIndex(later, 'zh-cn', next);
    assert.deepEqual(gone.filter((n) => cached.includes(n)), [], 'no part of the old manifest is left');
    assert.ok(!cached.includes('manifest.json'), `no manifest kept: ${cached}`);
    await later.close();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
