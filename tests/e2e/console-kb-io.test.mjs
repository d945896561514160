// The knowledge base in and out from the console, against the real worker: an editor uploads a
// Zendesk Help Center export and publishes it (the report lists what was created and each item
// skipped with its reason, the list shows the articles), downloads the whole knowledge base as a
// content folder (.tar, unpacked here by tar itself), uploads it again (nothing changes), and a
// folder with a broken file is refused with the file named and nothing stored. In both languages,
// screenshotted and axe-checked.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { audit } from './support/axe.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { openConsole, signIn } from './support/console.mjs';
import { startSuite } from './support/suite.mjs';

const EXPORT = {
  categories: [{ id: 8001, name: '星尘功能', locale: 'zh-CN', position: 9 }],
  sections: [{ id: 8101, category_id: 8001, name: '星尘模式', position: 1 }],
  articles: [
    { id: 8201, section_id: 8101, locale: 'zh-CN', title: '如何开启星尘模式', body: '<p>打开 <strong>我的 → 设置 → 星尘模式</strong>。</p>' },
    { id: 8202, section_id: 8101, locale: 'zh-CN', title: '星尘模式耗电吗', body: '<p>几乎不耗电。</p>' },
    { id: 8203, section_id: 8101, locale: 'zh-CN', title: '草稿', body: '<p>未完成</p>', draft: true },
  ],
};

let suite;
let ed;
let scratch;
before(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'console-kb-io-'));
  suite = await startSuite({ agents: [['Ed Editor', 'general', ['editor']]], browser: { locale: 'zh-CN', viewport: { width: 1280, height: 900 } } });
  [ed] = suite.agents;
});
after(async () => {
  await suite?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const upload = (page, name, mimeType, buffer) => page.getByLabel('要导入的文件（.json 或 .tar）').setInputFiles({ name, mimeType, buffer });

test('an editor imports a Zendesk export, exports the knowledge base and imports it back; a broken folder is refused by file', async () => {
  const { page, problems } = await openConsole(suite.browser, suite.edge.url);
  await signIn(page, ed.token, { list: '知识库' });
  const transfer = page.getByRole('region', { name: '导入与导出' });
  await transfer.waitFor();

  await upload(page, 'zendesk-export.json', 'application/json', Buffer.from(JSON.stringify(EXPORT)));
  await transfer.getByLabel('导入后立即发布').check();
  await transfer.getByRole('button', { name: '导入', exact: true }).click();
  const report = transfer.getByRole('table', { name: '导入结果' });
  await report.waitFor();
  assert.match(await report.getByRole('row', { name: /^新建/ }).innerText(), /2[\s\S]*如何开启星尘模式 \(8201\)/);
  assert.match(await report.getByRole('row', { name: /^已发布的语言/ }).innerText(), /zh-cn/);
  const skipped = transfer.getByRole('table', { name: '跳过' });
  assert.match(await skipped.innerText(), /article 8203 · 草稿[\s\S]*draft/);
  // The list is read again: the imported articles are there, published.
  const row = page.getByRole('table', { name: '文章' }).getByRole('row').filter({ hasText: '星尘模式耗电吗' });
  await row.waitFor();
  assert.match(await row.innerText(), /已发布/);

  const shots = {};
  await saveScreenshot(page, 'console-kb-import-zh');
  shots['zh report'] = await audit(page);

  const [download] = await Promise.all([page.waitForEvent('download'), transfer.getByRole('button', { name: '导出整个知识库' }).click()]);
  assert.equal(download.suggestedFilename(), 'help-center.tar');
  const archive = join(scratch, 'help-center.tar');
  await download.saveAs(archive);
  const listed = execFileSync('tar', ['-tf', archive]).toString().split('\n');
  assert.ok(listed.includes('zh-cn/09-xing-chen-gong-neng/01-xing-chen-mo-shi/8201.md'), listed.join('\n'));
  execFileSync('tar', ['-xf', archive, '-C', scratch]);
  assert.match(readFileSync(join(scratch, 'zh-cn/09-xing-chen-gong-neng/01-xing-chen-mo-shi/8202.md'), 'utf8'), /title = "星尘模式耗电吗"/);

  await upload(page, 'help-center.tar', 'application/x-tar', readFileSync(archive));
  await transfer.getByLabel('导入后立即发布').uncheck();
  await transfer.getByRole('button', { name: '导入', exact: true }).click();
  await transfer.getByRole('row', { name: /^未变\s+2/ }).waitFor();
  assert.match(await report.getByRole('row', { name: /^新建/ }).innerText(), /^新建\s+0/);

  // A folder with a file that is not an article: refused whole, the file named.
  execFileSync('sh', ['-c', `printf 'no front matter\\n' > zh-cn/09-xing-chen-gong-neng/01-xing-chen-mo-shi/bad.md && tar -cf broken.tar zh-cn`], { cwd: scratch });
  await upload(page, 'broken.tar', 'application/x-tar', readFileSync(join(scratch, 'broken.tar')));
  await transfer.getByRole('button', { name: '导入', exact: true }).click();
  const refusal = transfer.getByRole('alert');
  await refusal.waitFor();
  assert.match(await refusal.innerText(), /文件夹有问题，未导入任何内容[\s\S]*zh-cn\/09-xing-chen-gong-neng\/01-xing-chen-mo-shi\/bad\.md:1[\s\S]*missing front matter/);
  await saveScreenshot(page, 'console-kb-import-refused-zh');
  shots['zh refused'] = await audit(page);

  await page.getByRole('button', { name: 'English' }).click();
  const english = page.getByRole('region', { name: 'Import and export' });
  await english.waitFor();
  await page.getByLabel('File to import (.json or .tar)').setInputFiles({ name: 'zendesk-export.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(EXPORT)) });
  await english.getByRole('button', { name: 'Import', exact: true }).click();
  await english.getByRole('table', { name: 'What the import did' }).getByRole('row', { name: /^Unchanged\s+2/ }).waitFor();
  await saveScreenshot(page, 'console-kb-import-en');
  shots['en report'] = await audit(page);
  await page.getByRole('button', { name: '中文' }).click();

  for (const [screen, violations] of Object.entries(shots)) assert.deepEqual(violations, [], screen);
  // The broken folder's refusal is the one failed request.
  assert.deepEqual(problems.filter((p) => !/^HTTP 422 .*\/api\/v1\/kb\/imports\?source=folder/.test(p)), []);
  await page.close();
});

/** A real PNG of `width` × `height` grey pixels. */
function png(width, height) {
  const crc = (bytes) => {
    let c = ~0;
    for (const b of bytes) {
      c ^= b;
      for (let k = 0; k < 8; k += 1) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width + 1) * height, 0x80);
  for (let y = 0; y < height; y += 1) rows[y * (width + 1)] = 0;
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

test('the editor flags an image on another host, and uploads one (a large one shrunk first) served from the help host', async () => {
  const external = 'https://help.galaxy.example/images/zh-cn/cast-icon.png';
  const withImage = {
    categories: EXPORT.categories,
    sections: EXPORT.sections,
    articles: [{ id: 8301, section_id: 8101, locale: 'zh-CN', title: '投屏图标在哪里', body: `<p>点这个图标：</p><img src="${external}" alt="投屏">` }],
  };
  const imported = await fetch(`${suite.edge.url}/api/v1/kb/imports?source=zendesk`, { method: 'POST', headers: { authorization: `Bearer ${ed.token}`, 'content-type': 'application/json' }, body: JSON.stringify(withImage) });
  const report = await imported.json();
  assert.equal(report.images[0].url, external);
  assert.match(report.images[0].reason, /could not be fetched/);

  const { page, problems } = await openConsole(suite.browser, suite.edge.url);
  await signIn(page, ed.token, { list: '知识库' });
  await page.goto(`${suite.edge.url}/console/#/kb/articles/8301`);
  await page.getByRole('heading', { name: '编辑文章', level: 1 }).waitFor();
  const flagged = page.getByRole('note');
  await flagged.waitFor();
  assert.match(await flagged.innerText(), /来自其他网站[\s\S]*cast-icon\.png/);

  const shots = {};
  await page.getByLabel(/^插入图片/).setInputFiles({ name: 'cast-icon-big.png', mimeType: 'image/png', buffer: png(3000, 600) });
  await page.getByRole('status').filter({ hasText: '图片已上传并插入正文' }).waitFor();
  const body = await page.getByLabel('正文（导入的 HTML）').inputValue();
  const [, src] = body.match(/<img src="(http:\/\/127\.0\.0\.1:\d+\/kb-images\/[0-9a-f]{16}\.png)" alt="cast-icon-big">/) ?? [];
  assert.ok(src, body);
  // Served from the help host, shrunk in the browser to the edge's 2048 pixels.
  const served = Buffer.from(await (await fetch(src.replace(/^http:\/\/127\.0\.0\.1:\d+/, suite.edge.url))).arrayBuffer());
  assert.deepEqual([served.readUInt32BE(16), served.readUInt32BE(20)], [2048, 410]);
  await page.locator(`.kb-preview img[src="${src}"]`).waitFor();
  assert.doesNotMatch(await flagged.innerText(), /kb-images/, 'the help host\'s own image is not flagged');
  await saveScreenshot(page, 'console-kb-image-zh');
  shots.zh = await audit(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('note').filter({ hasText: 'These images come from other hosts' }).waitFor();
  await page.getByLabel(/^Insert an image/).waitFor();
  await saveScreenshot(page, 'console-kb-image-en');
  shots.en = await audit(page);
  await page.getByRole('button', { name: '中文' }).click();
  for (const [screen, violations] of Object.entries(shots)) assert.deepEqual(violations, [], screen);
  // The external image itself is blocked by the console's CSP: that is what the flag is about.
  assert.deepEqual(problems.filter((p) => !p.includes('help.galaxy.example')), []);
  await page.close();
});

test('a section is dragged onto another of its category to reorder the tree', async () => {
  const api = (path, method = 'GET', body) => fetch(`${suite.edge.url}/api/v1/kb${path}`, {
    method, headers: { authorization: `Bearer ${ed.token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body && JSON.stringify(body),
  }).then((r) => r.json());
  for (const [name, position] of [['星尘常见问题', 2], ['星尘与耗电', 3]]) await api('/sections', 'POST', { category_id: '8001', name, position });
  const order = async () => (await api('/categories?locale=zh-cn')).categories.find((c) => c.id === '8001').sections.map((s) => s.name);
  assert.deepEqual(await order(), ['星尘模式', '星尘常见问题', '星尘与耗电']);
  const { page, problems } = await openConsole(suite.browser, suite.edge.url);
  await signIn(page, ed.token, { list: '知识库' });
  const organise = page.getByRole('region', { name: '整理分类与栏目' });
  const row = (name) => organise.locator('li li').filter({ has: page.getByRole('textbox', { name: `栏目名称：${name}` }) });
  await row('星尘与耗电').dragTo(row('星尘模式'));
  await page.getByRole('textbox', { name: '栏目名称：星尘与耗电' }).waitFor();
  for (let i = 0; i < 50 && (await order())[0] !== '星尘与耗电'; i += 1) await page.waitForTimeout(100);
  assert.deepEqual(await order(), ['星尘与耗电', '星尘模式', '星尘常见问题']);
  const shown = await organise.getByRole('textbox', { name: /^栏目名称：星尘/ }).evaluateAll((inputs) => inputs.map((i) => i.value));
  assert.deepEqual(shown, ['星尘与耗电', '星尘模式', '星尘常见问题']);
  // The keyboard's way is still there.
  await organise.getByRole('button', { name: '上移：星尘模式' }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
