// The widget as a user meets it: through the demo page's script tag, found by role and name.
import assert from 'node:assert/strict';

/** Opens the demo page, watching for errors and CSP violations; returns the page and a log. */
export async function openDemo(browser, url, path = '/') {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} ${res.url()}`);
  });
  const response = await navigate(page, `${url}${path}`);
  assert.equal(response.status(), 200);
  return { page, problems };
}

/**
 * `page.goto`, naming the requests still open when the load event does not come. Once (CI,
 * stop 24) a page's static files stalled under `wrangler dev` for 30 s while the worker
 * answered other tests at once; the second try is logged, so a stall that repeats is a failure
 * with its requests named rather than a bare timeout.
 */
async function navigate(page, address) {
  const open = new Set();
  page.on('request', (req) => open.add(req));
  page.on('requestfinished', (req) => open.delete(req));
  page.on('requestfailed', (req) => open.delete(req));
  const stillOpen = () => [...open].map((req) => req.url()).join(', ') || 'none';
  try {
    return await page.goto(address);
  } catch (error) {
    if (error.name !== 'TimeoutError') throw error;
    console.error(`# ${address} did not load in time; requests still open: ${stillOpen()}; loading it again`);
    try {
      return await page.goto(address);
    } catch (again) {
      again.message += `\nrequests still open: ${stillOpen()}`;
      throw again;
    }
  }
}

/**
 * Empties the widget's Cache Storage from a page of the origin without the widget, before a
 * widget's page loads: its loader opens and lists the cache in idle time once its page has
 * loaded, and a cache deleted under it keeps nothing it is given, while a listing made before
 * the delete sends reads to the old entries.
 */
export async function emptyWidgetCache(browser, url) {
  const page = await browser.newPage();
  await page.goto(`${url}/api/v1/health`);
  await page.evaluate(() => caches.delete('help-widget-v1'));
  await page.close();
}

/** Clicks the launcher and waits for the dialog. */
export async function openWidget(page, launcherName = '帮助', dialogName = '帮助中心') {
  await page.getByRole('button', { name: launcherName, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await dialog.waitFor();
  return dialog;
}

/** Resolves once the index is loaded (the start screen lists popular questions). */
export async function waitForIndex(dialog, popular = '热门问题') {
  await dialog.getByRole('heading', { name: popular }).waitFor({ timeout: 20_000 });
}

/** The index files in the widget's Cache Storage, by name. */
export async function cachedIndex(page) {
  return page.evaluate(async () => {
    const cache = await caches.open('help-widget-v1');
    return (await cache.keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/index/')).map((p) => p.slice(7));
  });
}

/**
 * Resolves once `locale`'s current core and every part the edge's manifest lists for it are in
 * Cache Storage: the widget's background fetch is done, and search works offline. Returns the
 * cached names.
 */
export async function waitForWholeIndex(page, locale = 'zh-cn', manifest = null) {
  const m = manifest ?? await page.evaluate(async () => (await fetch('/index/manifest.json')).json());
  const want = [`${locale}.core`, ...m[locale].postings, ...m[locale].docs, m[locale].bodies];
  for (let i = 0; i < 300; i += 1) {
    const cached = await cachedIndex(page);
    if (want.every((name) => cached.includes(name))) return cached;
    await page.waitForTimeout(100);
  }
  const cached = await cachedIndex(page);
  throw new Error(`the background fetch did not cache ${want.filter((n) => !cached.includes(n))}`);
}

/** The titles a freshly opened demo page's widget lists for `query`, or [] when it finds nothing. */
export async function widgetFinds(browser, url, query) {
  const { page } = await openDemo(browser, url);
  try {
    const dialog = await openWidget(page);
    await waitForIndex(dialog);
    await dialog.getByRole('searchbox', { name: '搜索帮助文章' }).pressSequentially(query, { delay: 20 });
    const found = dialog.getByRole('status').filter({ hasText: /找到 \d+ 篇相关文章|没有找到/ });
    await found.waitFor();
    if (/没有找到/.test(await found.innerText())) return [];
    return await dialog.getByRole('list', { name: /找到/ }).getByRole('link').allInnerTexts();
  } finally {
    await page.close();
  }
}
