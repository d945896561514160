// The knowledge base at the edge, as editors and widgets use it: the tree, drafts and their
// conflicts, publishing with faq-data's builder into R2, the manifest the widget reads switching
// to the new files (searched here with the real `faq search` over the served bytes), versions and
// rollback, archive, the edge's triage using published cues, racing publishes, and the audit log.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { edgeDir, newTicket, startWorker } from './support/worker.mjs';
import { entryFiles, saveIndex } from './support/index-files.mjs';

const FAQ = resolve(edgeDir, '../target/release/faq');
let w;
let admin;
let ed;
let eve;
let agent;
let scratch;
let section;

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const kb = (path, person, init = {}) => w.call(`/api/v1/kb${path}`, { ...init, headers: as(person) });

before(async () => {
  assert.ok(existsSync(FAQ), `${FAQ} (scripts/build.sh builds it)`);
  scratch = mkdtempSync(join(tmpdir(), 'kb-test-'));
  w = await startWorker({
    rateLimitScale: 1000,
    agents: [
      ['Ada Admin', 'general', ['admin']],
      ['Ed Editor', 'general', ['editor']],
      ['Eve Editor', 'general', ['editor']],
      ['Bo Agent', 'billing', ['agent']],
    ],
  });
  [admin, ed, eve, agent] = w.agents;
  const category = await kb('/categories', ed, { method: 'POST', body: { locale: 'en-us', name: 'Refunds and charges', position: 1 } });
  assert.equal(category.status, 201, category.text);
  const made = await kb('/sections', ed, { method: 'POST', body: { category_id: category.json.id, name: 'Double charges', position: 1 } });
  assert.equal(made.status, 201, made.text);
  section = made.json;
});
after(async () => {
  await w?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

function draft(title, overrides = {}) {
  return { title, questions: [], keywords: [], body: `**${title}**: open Me → Orders and follow the steps.`, section_id: section.id, ...overrides };
}

async function create(person, title, overrides) {
  const r = await kb('/articles', person, { method: 'POST', body: { locale: 'en-us', article: draft(title, overrides) } });
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function publish(person, article) {
  return kb(`/articles/${article.id}/publish`, person, { method: 'POST', body: { base_revision: article.revision } });
}

async function manifest() {
  const r = await w.call('/index/manifest.json');
  assert.equal(r.status, 200);
  return r;
}

/** `/index/en-us.core`, where a widget starts, serves the core named `name`, tagged with its
 * hash: short-lived, answered 304 to a widget that holds it. */
async function currentCoreIs(name) {
  const hash = name.split('.')[1];
  const current = await w.mf.dispatchFetch(`${w.base}/index/en-us.core?site=demo`);
  assert.equal(current.status, 200);
  const named = await w.mf.dispatchFetch(`${w.base}/index/${name}`);
  assert.deepEqual(Buffer.from(await current.arrayBuffer()), Buffer.from(await named.arrayBuffer()));
  assert.equal(current.headers.get('etag'), `"${hash}"`);
  assert.equal(current.headers.get('cache-control'), 'public, max-age=5');
  assert.equal(current.headers.get('access-control-expose-headers'), 'etag');
  // Binary, so a CDN would not compress it: the worker has the runtime do it (Miniflare hands the
  // body decoded and the header renamed).
  assert.equal(current.headers.get('mf-content-encoding'), 'br');
  assert.equal(current.headers.get('vary'), 'accept-encoding');
  const held = await w.mf.dispatchFetch(`${w.base}/index/en-us.core`, { headers: { 'if-none-match': `"${hash}"` } });
  assert.equal(held.status, 304);
  assert.equal((await held.arrayBuffer()).byteLength, 0);
  const stale = await w.mf.dispatchFetch(`${w.base}/index/en-us.core`, { headers: { 'if-none-match': '"0000000000000000"' } });
  assert.equal(stale.status, 200);
  await stale.arrayBuffer();
  for (const [path, status] of [['/index/xx-yy.core', 404], ['/index/en-us.core?site=nope', 404]]) {
    const r = await w.call(path);
    assert.equal(r.status, status, path);
    assert.equal(r.json.error.code, 'not_found', path);
  }
}

/** `/index/parts?names=…` answers the files `names` in one body, each after its length (u32,
 * little-endian) and byte for byte as served alone; it refuses what is not a part's published
 * name, more than 64 names, and (404, nothing sent) a name no file has. */
async function partsAre(names) {
  const r = await w.mf.dispatchFetch(`${w.base}/index/parts?names=${names.join(',')}`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(r.headers.get('mf-content-encoding'), 'br');
  const body = Buffer.from(await r.arrayBuffer());
  let at = 0;
  for (const name of names) {
    const alone = Buffer.from(await (await w.mf.dispatchFetch(`${w.base}/index/${name}`)).arrayBuffer());
    const length = body.readUInt32LE(at);
    assert.deepEqual(body.subarray(at + 4, at + 4 + length), alone, name);
    at += 4 + length;
  }
  assert.equal(at, body.length);
  const hash = names[0].split('.')[1];
  for (const [query, status, code] of [
    ['', 422, 'invalid'],
    [`names=${Array(65).fill(names[0]).join(',')}`, 422, 'invalid'],
    ['names=en-us.core', 422, 'invalid'],
    [`names=${names[0]},../${names[0]}`, 422, 'invalid'],
    [`names=en-us.${hash.toUpperCase()}.core`, 422, 'invalid'],
    [`names=${names[0]},en-us.0000000000000000.p0`, 404, 'not_found'],
  ]) {
    const refused = await w.call(`/index/parts?${query}`);
    assert.equal(refused.status, status, query);
    assert.equal(refused.json.error.code, code, query);
  }
}

/** What the widget would find for `query` in the en-us index the manifest names now: the real
 * search (`faq search`) over the bytes the worker serves. */
async function search(query) {
  const entry = (await manifest()).json['en-us'];
  const path = await saveIndex(w, 'en-us', entry, join(scratch, entry.core));
  const out = execFileSync(FAQ, ['search', '--index', path, '--jsonl'], { input: `${query}\n` }).toString();
  return JSON.parse(out.trim().split('\n')[0]).results.map((r) => r.title);
}

describe('the tree', () => {
  test('a section needs a category that exists, a category a locale of the site', async () => {
    const orphan = await kb('/sections', ed, { method: 'POST', body: { category_id: 'no-such-category', name: 'Lost', position: 1 } });
    assert.equal(orphan.status, 422);
    assert.equal(orphan.json.error.field, 'category_id');
    const foreign = await kb('/categories', ed, { method: 'POST', body: { locale: 'fr-fr', name: 'Aide', position: 1 } });
    assert.equal(foreign.json.error.field, 'locale');
    const tree = await kb('/categories?locale=en-us', ed);
    assert.deepEqual(tree.json.categories.map((c) => [c.name, c.sections.map((s) => s.name)]), [['Refunds and charges', ['Double charges']]]);
  });
});

describe('drafts', () => {
  test('a stale save is a conflict with both versions, and nothing of it is stored', async () => {
    const article = await create(ed, 'Refund a double charge');
    assert.deepEqual([article.status, article.revision, article.live_version], ['draft', 1, null]);
    const saved = await kb(`/articles/${article.id}`, ed, { method: 'PUT', body: { base_revision: 1, article: draft('Refund a double charge', { questions: ['charged twice'] }) } });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json.revision, 2);
    // Eve opened revision 1 too.
    const stale = await kb(`/articles/${article.id}`, eve, { method: 'PUT', body: { base_revision: 1, article: draft('Eve\'s title') } });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.json.error.code, 'conflict');
    assert.deepEqual([stale.json.current.revision, stale.json.current.questions, stale.json.current.updated_by], [2, ['charged twice'], 'Ed Editor']);
    assert.equal(stale.json.yours.title, 'Eve\'s title');
    const stored = await kb(`/articles/${article.id}`, ed);
    assert.deepEqual([stored.json.title, stored.json.revision], ['Refund a double charge', 2]);
  });

  test('a draft goes to review; another editor sends it back with a save or approves it with a publish', async () => {
    const article = await create(ed, 'Dispute a snorkwell charge');
    const review = (a, person = ed) => kb(`/articles/${a.id}/review`, person, { method: 'POST', body: { base_revision: a.revision } });
    const asked = await review(article);
    assert.deepEqual([asked.status, asked.json.status], [200, 'in_review'], asked.text);
    assert.equal((await review(asked.json)).status, 422, 'in review already');
    assert.equal((await review(article)).status, 409, 'a stale request');
    const back = await kb(`/articles/${article.id}`, eve, { method: 'PUT', body: { base_revision: asked.json.revision, article: draft('Dispute a snorkwell charge', { keywords: ['snorkwell'] }) } });
    assert.equal(back.json.status, 'draft');
    const again = await review(back.json);
    // Eve wrote the last change, so Ed (who asked) approves it (kb-review.test.mjs: the rule).
    const approved = await publish(ed, again.json);
    assert.deepEqual([approved.status, approved.json.article.status], [200, 'published']);
  });

  test('bad drafts are refused with the field at fault', async () => {
    const refused = async (overrides, field) => {
      const r = await kb('/articles', ed, { method: 'POST', body: { locale: 'en-us', article: draft('Bad', overrides) } });
      assert.equal(r.status, 422, r.text);
      assert.equal(r.json.error.field, field);
    };
    await refused({ body: 'x'.repeat(16_001) }, 'article.body');
    await refused({ title: '   ' }, 'article.title');
    await refused({ section_id: 'no-such-section' }, 'article.section_id');
    await refused({ translation_of: 'no-such-article' }, 'article.translation_of');
    const huge = await kb('/articles', ed, { method: 'POST', body: { locale: 'en-us', article: draft('Huge', { body: 'x'.repeat(70_000) }) } });
    assert.equal(huge.status, 413);
  });

  test('a translation links articles of different locales and never loops', async () => {
    const zhCategory = (await kb('/categories', ed, { method: 'POST', body: { locale: 'zh-cn', name: '退款', position: 1 } })).json;
    const zhSection = (await kb('/sections', ed, { method: 'POST', body: { category_id: zhCategory.id, name: '重复扣费', position: 1 } })).json;
    const en = await create(ed, 'Charged twice for one order');
    const zh = await kb('/articles', ed, { method: 'POST', body: { locale: 'zh-cn', article: { ...draft('一单扣了两次'), section_id: zhSection.id, translation_of: en.id } } });
    assert.equal(zh.status, 201, zh.text);
    const loop = await kb(`/articles/${en.id}`, ed, { method: 'PUT', body: { base_revision: en.revision, article: draft('Charged twice for one order', { translation_of: zh.json.id }) } });
    assert.equal(loop.status, 422);
    assert.match(loop.json.error.message, /loop/);
    const wrongSection = await kb('/articles', ed, { method: 'POST', body: { locale: 'zh-cn', article: draft('英文栏目') } });
    assert.equal(wrongSection.json.error.field, 'article.section_id', 'a section of another locale');
  });
});

describe('publishing', () => {
  test('a publish builds the locale into R2 and switches the manifest; the served index finds the article', async () => {
    const before = await manifest();
    assert.match(before.json['en-us'].core, /^en-us\.[0-9a-f]{16}\.core$/, 'the static build until a publish');
    await currentCoreIs(before.json['en-us'].core);
    assert.ok(!(await search('zorblax subscription')).includes('Stop a zorblax subscription'));
    const article = await create(ed, 'Stop a zorblax subscription', { keywords: ['zorblax'] });
    const r = await publish(ed, article);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.json.article.status, r.json.article.live_version], ['published', 1]);
    const { publication } = r.json;
    assert.equal(publication.locale, 'en-us');
    const after = await manifest();
    assert.deepEqual(after.json['en-us'], publication.files);
    await currentCoreIs(publication.files.core);
    assert.notEqual(after.json['en-us'].core, before.json['en-us'].core);
    assert.deepEqual(after.json['zh-cn'], before.json['zh-cn'], 'another locale keeps its files');
    assert.equal(after.headers.get('cache-control'), 'public, max-age=5');
    assert.equal(after.headers.get('access-control-allow-origin'), '*');
    for (const name of entryFiles(publication.files)) {
      const file = await w.mf.dispatchFetch(`${w.base}/index/${name}`);
      assert.equal(file.status, 200);
      assert.equal(file.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(file.headers.get('mf-content-encoding'), 'br');
      await file.arrayBuffer();
    }
    // Published parts (R2) and the static build's (assets) in one request, as a widget asks.
    await partsAre([...entryFiles(publication.files), before.json['zh-cn'].core]);
    assert.deepEqual((await search('zorblax subscription'))[0], 'Stop a zorblax subscription');
    // The bodies part opens it, Markdown rendered.
    const bodies = await w.mf.dispatchFetch(`${w.base}/index/${publication.files.bodies}`);
    assert.match(Buffer.from(await bodies.arrayBuffer()).toString(), /<strong>Stop a zorblax subscription<\/strong>/);
    // A draft is not published: only live versions are in the help center.
    assert.ok(!(await search('refund double charge')).includes('Refund a double charge'));
  });

  test('saving a published article changes nothing users see until it is published again; rollback publishes an old version as the newest', async () => {
    const article = await create(ed, 'Pause the quuxly plan');
    const v1 = (await publish(ed, article)).json.article;
    const edited = await kb(`/articles/${article.id}`, ed, { method: 'PUT', body: { base_revision: v1.revision, article: draft('Freeze the quuxly plan') } });
    assert.equal(edited.json.status, 'draft');
    assert.equal((await search('quuxly plan'))[0], 'Pause the quuxly plan');
    const v2 = await publish(eve, edited.json);
    assert.equal(v2.status, 200, v2.text);
    assert.equal((await search('quuxly plan'))[0], 'Freeze the quuxly plan');
    const back = await kb(`/articles/${article.id}/rollback`, ed, { method: 'POST', body: { base_revision: v2.json.article.revision, version: 1 } });
    assert.equal(back.status, 200, back.text);
    assert.deepEqual([back.json.article.title, back.json.article.live_version], ['Pause the quuxly plan', 3]);
    assert.equal((await search('quuxly plan'))[0], 'Pause the quuxly plan');
    const versions = (await kb(`/articles/${article.id}/versions`, ed)).json.versions;
    assert.deepEqual(versions.map((v) => [v.number, v.article.title, v.author_name]), [
      [3, 'Pause the quuxly plan', 'Ed Editor'], [2, 'Freeze the quuxly plan', 'Eve Editor'], [1, 'Pause the quuxly plan', 'Ed Editor'],
    ]);
    const missing = await kb(`/articles/${article.id}/rollback`, ed, { method: 'POST', body: { base_revision: back.json.article.revision, version: 9 } });
    assert.equal(missing.status, 404);
    const archived = await kb(`/articles/${article.id}/archive`, ed, { method: 'POST', body: { base_revision: back.json.article.revision } });
    assert.deepEqual([archived.status, archived.json.status, archived.json.live_version], [200, 'archived', null]);
    assert.ok(!(await search('quuxly plan')).includes('Pause the quuxly plan'), 'archived: out of the help center');
  });

  test("the edge's triage uses the cues of the latest publish", async () => {
    const file = async () => {
      const r = await w.call('/api/v1/tickets?site=demo', {
        method: 'POST', body: newTicket({ category: 'Video playback', subject: 'Flumox twice', description: 'I was flumoxed twice this week', context: { locale: 'en-us' } }),
      });
      assert.equal(r.status, 201, r.text);
      return [r.json.ticket.priority, r.json.ticket.department];
    };
    assert.deepEqual(await file(), ['normal', 'technical']);
    const cues = await kb('/vocabulary/en-us', ed, { method: 'PUT', body: { stop_words: ['how', 'my'], cues: { money_lost: ['flumox*twice'] } } });
    assert.equal(cues.status, 200, cues.text);
    const bad = await kb('/vocabulary/en-us', ed, { method: 'PUT', body: { cues: { grumpy: ['x'] } } });
    assert.equal(bad.json.error.field, 'cues');
    assert.deepEqual((await kb('/vocabulary/en-us', ed)).json.cues, { money_lost: ['flumox*twice'] });
    const published = await kb('/publications/en-us', ed, { method: 'POST' });
    assert.equal(published.status, 200, published.text);
    assert.deepEqual(await file(), ['urgent', 'billing']);
  });

  test('racing publishes leave one manifest that has every published article', async () => {
    const articles = await Promise.all(['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'].map((name) => create(ed, `Racing ${name} wibbleton`)));
    const generation = async () => (await kb('/publications', ed)).json.publications.find((p) => p.locale === 'en-us')?.generation ?? 0;
    const first = await generation();
    const results = await Promise.all([
      ...articles.map((a, i) => publish(i % 2 ? ed : eve, a)),
      kb('/publications/en-us', ed, { method: 'POST' }),
    ]);
    const won = results.filter((r) => r.status === 200);
    assert.ok(results.every((r) => r.status === 200 || (r.status === 409 && r.json.error.code === 'contended')), results.map((r) => r.text).join('\n'));
    assert.equal(await generation(), first + won.length, 'one switch per successful publish');
    const found = await search('racing wibbleton');
    for (const [i, r] of results.slice(0, articles.length).entries()) {
      if (r.status === 200) {
        assert.ok(found.includes(articles[i].title), `${articles[i].title} in ${found.join(', ')}`);
      } else {
        // A publish that lost every race stored nothing: no version, still a draft.
        const stored = (await kb(`/articles/${articles[i].id}`, ed)).json;
        assert.deepEqual([stored.status, stored.live_version, stored.revision], ['draft', null, 1]);
        assert.deepEqual((await kb(`/articles/${articles[i].id}/versions`, ed)).json.versions, []);
      }
    }
    const listed = (await kb('/publications', ed)).json.publications.find((p) => p.locale === 'en-us');
    assert.deepEqual((await manifest()).json['en-us'], listed.files);
  });

  test('a locale published in an earlier index format is served from the static build until the sweep builds it again', async () => {
    const publication = async () => (await kb('/publications', ed)).json.publications.find((p) => p.locale === 'en-us');
    const published = await publication();
    assert.deepEqual((await search('zorblax subscription'))[0], 'Stop a zorblax subscription');
    // As a worker before a deploy that changed the format left it: widgets of this deploy could
    // not read those files.
    const db = await w.mf.getD1Database('DB');
    await db.prepare("UPDATE kb_publications SET format_version = format_version - 1 WHERE locale = 'en-us'").run();
    const meanwhile = (await manifest()).json['en-us'];
    assert.notEqual(meanwhile.core, published.files.core, 'the static build meanwhile');
    await currentCoreIs(meanwhile.core);
    assert.ok(!(await search('zorblax subscription')).includes('Stop a zorblax subscription'));

    await w.sweep(Date.now());
    const rebuilt = await publication();
    assert.equal(rebuilt.generation, published.generation + 1);
    assert.equal(rebuilt.articles, published.articles);
    assert.deepEqual((await manifest()).json['en-us'], rebuilt.files);
    await currentCoreIs(rebuilt.files.core);
    assert.deepEqual((await search('zorblax subscription'))[0], 'Stop a zorblax subscription');
    const log = (await w.call('/api/v1/audit', { headers: as(admin) })).json.entries;
    const upgrade = log.find((e) => e.action === 'help_center_published' && e.actor_name === 'index format upgrade');
    assert.equal(upgrade?.detail.locale, 'en-us', JSON.stringify(log.slice(0, 3)));

    await w.sweep(Date.now());
    assert.equal((await publication()).generation, rebuilt.generation, 'built once');
  });
});

describe('who may', () => {
  test('agents and callers without a credential are refused; an admin may', async () => {
    assert.equal((await kb('/articles?locale=en-us', agent)).status, 403);
    assert.equal((await w.call('/api/v1/kb/articles?locale=en-us')).status, 401);
    assert.equal((await kb('/articles', agent, { method: 'POST', body: { locale: 'en-us', article: draft('Nope') } })).status, 403);
    assert.equal((await kb('/articles?locale=en-us', admin)).status, 200);
  });

  test('every change is in the audit log, a refused one is not', async () => {
    const log = (await w.call('/api/v1/audit', { headers: as(admin) })).json.entries;
    const count = (action) => log.filter((e) => e.action === action).length;
    assert.ok(count('article_created') >= 10);
    const saves = log.filter((e) => e.action === 'article_saved');
    assert.ok(saves.length >= 3 && !saves.some((e) => e.detail.title === 'Eve\'s title'), "Eve's stale save left no record");
    assert.ok(count('article_published') >= 3 && count('article_rolled_back') === 1 && count('article_archived') === 1);
    assert.equal(count('article_review_requested'), 2, 'the refused requests left no record');
    assert.ok(count('category_created') >= 2 && count('section_created') >= 2 && count('vocabulary_changed') === 1 && count('help_center_published') >= 1);
  });
});
