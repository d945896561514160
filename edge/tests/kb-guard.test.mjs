// The knowledge base's guard rail at the edge, over the demo content imported as the run command
// imports it (kb-import, its labelled queries included): regression queries listed, added and
// removed; a publish that makes a query worse refused with the figures and nothing switched, then
// published once confirmed; a search from analytics taken as a question of an article and found
// after the publish (the real `faq search` over the served bytes); the widget's "not helpful"
// votes and readers' comments listed for the article; analytics naming articles by title and
// queries by locale; `faq publish` of a folder the guard refuses, then confirmed.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KB_IMPORT, edgeDir, importDemoContent, startWorker } from './support/worker.mjs';
import { saveIndex } from './support/index-files.mjs';

const root = resolve(edgeDir, '..');
const FAQ = resolve(root, 'target/release/faq');
const labelled = readFileSync(resolve(root, 'faq-data/content/queries-dev.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
let w;
let ed;
let admin;
let scratch;

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const kb = (path, person, init = {}) => w.call(`/api/v1/kb${path}`, { ...init, headers: as(person) });

before(async () => {
  for (const path of [FAQ, KB_IMPORT]) assert.ok(existsSync(path), `${path} (scripts/build.sh)`);
  scratch = mkdtempSync(join(tmpdir(), 'kb-guard-'));
  w = await startWorker({ agents: [['Ed Editor', 'general', ['editor']], ['Ada Admin', 'general', ['admin']]], rateLimitScale: 1000 });
  [ed, admin] = w.agents;
  await importDemoContent(w);
});
after(async () => {
  await w?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

async function queries(locale, article) {
  const r = await kb(`/regression-queries?locale=${locale}${article ? `&article=${article}` : ''}`, ed);
  assert.equal(r.status, 200, r.text);
  return r.json.queries;
}

async function article(id) {
  const r = await kb(`/articles/${id}`, ed);
  assert.equal(r.status, 200, r.text);
  return r.json;
}

/** The top ids for `query` in the en-us index the manifest names now (the widget's search). */
async function found(query) {
  const entry = (await w.call('/index/manifest.json')).json['en-us'];
  const path = await saveIndex(w, 'en-us', entry, join(scratch, entry.core));
  const out = execFileSync(FAQ, ['search', '--index', path, '--jsonl'], { input: `${query}\n` }).toString();
  return JSON.parse(out.trim().split('\n')[0]).results.map((r) => r.id);
}

describe('regression queries', () => {
  test('the import seeds each locale with the content labelled queries that name articles', async () => {
    for (const locale of ['en-us', 'zh-cn']) {
      const seeded = await queries(locale);
      const expected = labelled.filter((q) => q.locale === locale && q.relevant.length > 0);
      assert.equal(seeded.length, expected.length, locale);
      assert.ok(seeded.every((q) => q.origin === 'content' && q.added_by === 'import'));
      const one = seeded.find((q) => q.id === expected[0].id);
      assert.deepEqual(one.articles, expected[0].relevant.map(String));
    }
  });

  test('an editor adds one for an article, lists it by article and removes it; each change audited', async () => {
    const target = (await kb('/articles?locale=en-us', ed)).json.articles[0];
    const added = await kb('/regression-queries', ed, { method: 'POST', body: { query: '  where is my invoice  ', article: target.id } });
    assert.equal(added.status, 201, added.text);
    assert.equal(added.json.query, 'where is my invoice');
    assert.equal(added.json.locale, 'en-us');
    assert.equal(added.json.origin, 'editor');
    assert.equal(added.json.added_by, 'Ed Editor');
    assert.ok((await queries('en-us', target.id)).some((q) => q.id === added.json.id));
    const removed = await kb(`/regression-queries/${added.json.id}`, ed, { method: 'DELETE' });
    assert.equal(removed.status, 200, removed.text);
    assert.ok(!(await queries('en-us', target.id)).some((q) => q.id === added.json.id));
    assert.equal((await kb(`/regression-queries/${added.json.id}`, ed, { method: 'DELETE' })).status, 404);
    const audit = await w.call('/api/v1/audit?limit=20', { headers: as(admin) });
    const actions = audit.json.entries.filter((e) => e.target === added.json.id).map((e) => e.action);
    assert.deepEqual(actions.sort(), ['regression_query_added', 'regression_query_removed']);
  });

  test('a blank or over-long query, an unknown article or locale: clear errors, nothing stored', async () => {
    const target = (await kb('/articles?locale=en-us', ed)).json.articles[0];
    const before = (await queries('en-us')).length;
    const blank = await kb('/regression-queries', ed, { method: 'POST', body: { query: '   ', article: target.id } });
    assert.equal(blank.status, 422);
    assert.equal(blank.json.error.field, 'query');
    assert.equal((await kb('/regression-queries', ed, { method: 'POST', body: { query: 'x'.repeat(201), article: target.id } })).status, 422);
    const unknown = await kb('/regression-queries', ed, { method: 'POST', body: { query: 'refund', article: 'nope' } });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.error.field, 'article');
    assert.equal((await kb('/regression-queries?locale=fr-fr', ed)).status, 422);
    const claimed = await kb('/regression-queries', ed, { method: 'POST', body: { query: 'refund', article: target.id, origin: 'content' } });
    assert.equal(claimed.status, 422);
    assert.equal(claimed.json.error.field, 'origin');
    assert.equal((await queries('en-us')).length, before);
  });
});

describe('the guarded publish', () => {
  test('a publish that changes nothing keeps MRR@5 and reports it', async () => {
    const r = await kb('/publications/en-us', ed, { method: 'POST' });
    assert.equal(r.status, 200, r.text);
    const a = await article(labelled.find((q) => q.locale === 'en-us' && q.relevant.length).relevant[0]);
    const published = await kb(`/articles/${a.id}/publish`, ed, { method: 'POST', body: { base_revision: a.revision } });
    assert.equal(published.status, 200, published.text);
    const guard = published.json.guard;
    assert.ok(guard.queries > 20, `${guard.queries} queries ran`);
    assert.equal(guard.mrr_after, guard.mrr_before);
    assert.deepEqual(guard.worse, []);
  });

  test('a publish that makes a query worse is refused with the figures, nothing switched; confirmed, it publishes', async () => {
    // A query the demo answers first today, and its article emptied of the words it needs.
    const q = (await queries('en-us')).find((q) => q.origin === 'content' && q.query === 'personalized ads off');
    assert.ok(q, 'the seeded query');
    const a = await article(q.articles[0]);
    assert.equal((await found(q.query))[0], a.id);
    const emptied = { ...a, title: 'Settings overview', questions: [], keywords: [], body: 'Open the settings page.' };
    const draft = { title: emptied.title, questions: [], keywords: [], body: emptied.body, format: 'markdown', section_id: a.section_id, promoted: a.promoted };
    const saved = await kb(`/articles/${a.id}`, ed, { method: 'PUT', body: { base_revision: a.revision, article: draft } });
    assert.equal(saved.status, 200, saved.text);
    const manifestBefore = (await w.call('/index/manifest.json')).json;
    const publicationsBefore = (await kb('/publications', ed)).json;

    const refused = await kb(`/articles/${a.id}/publish`, ed, { method: 'POST', body: { base_revision: saved.json.revision } });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json.error.code, 'regression');
    const guard = refused.json.guard;
    assert.ok(guard.mrr_after < guard.mrr_before, JSON.stringify(guard));
    const worse = guard.worse.find((x) => x.query === q.query);
    assert.deepEqual([worse.article, worse.before], [a.id, 1]);
    assert.ok(worse.after === null || worse.after > 1);
    // Nothing switched, nothing stored.
    assert.deepEqual((await w.call('/index/manifest.json')).json, manifestBefore);
    assert.deepEqual((await kb('/publications', ed)).json, publicationsBefore);
    const still = await article(a.id);
    assert.equal(still.revision, saved.json.revision);
    assert.equal(still.status, 'draft');
    assert.equal(still.live_version, a.live_version);
    assert.equal((await found(q.query))[0], a.id);
    // The whole locale's publish is guarded alike.
    const locale = await kb('/publications/en-us', ed, { method: 'POST', body: { confirm_regression: false } });
    assert.equal(locale.status, 200, 'the live versions did not change: nothing to lose');

    const confirmed = await kb(`/articles/${a.id}/publish`, ed, { method: 'POST', body: { base_revision: saved.json.revision, confirm_regression: true } });
    assert.equal(confirmed.status, 200, confirmed.text);
    assert.ok(confirmed.json.guard.mrr_after < confirmed.json.guard.mrr_before);
    assert.equal(confirmed.json.article.status, 'published');
    assert.notDeepEqual((await w.call('/index/manifest.json')).json['en-us'], manifestBefore['en-us']);
    assert.notEqual((await found(q.query))[0], a.id);
    // The audit record says the editor published a drop, and how large.
    const audit = await w.call('/api/v1/audit?limit=50', { headers: as(admin) });
    const record = audit.json.entries.find((e) => e.action === 'article_published' && e.target === a.id);
    assert.equal(Number(record.detail.worse) >= 1, true, JSON.stringify(record.detail));
    assert.ok(Number(record.detail.mrr_after) < Number(record.detail.mrr_before), JSON.stringify(record.detail));
    assert.equal(record.detail.mrr_before, confirmed.json.guard.mrr_before.toFixed(3));

    // Rolling back brings the article's words back: the guard lets that through.
    const rolled = await kb(`/articles/${a.id}/rollback`, ed, { method: 'POST', body: { base_revision: confirmed.json.article.revision, version: a.live_version } });
    assert.equal(rolled.status, 200, rolled.text);
    assert.ok(rolled.json.guard.mrr_after > rolled.json.guard.mrr_before);
    assert.equal((await found(q.query))[0], a.id);
  });
});

describe('the loop from analytics', () => {
  test('an unsure search becomes a question of an article and a regression query; published, it finds the article', async () => {
    const query = 'zorblax subscription gizmo';
    const target = (await kb('/articles?locale=en-us', ed)).json.articles.find((a) => a.status === 'published');
    const before = await found(query);
    assert.notEqual(before[0], target.id);
    const asked = await kb(`/articles/${target.id}/questions`, ed, { method: 'POST', body: { question: query } });
    assert.equal(asked.status, 200, asked.text);
    assert.ok(asked.json.questions.includes(query));
    assert.equal(asked.json.status, 'draft');
    assert.equal(asked.json.revision, target.revision + 1);
    const mine = (await queries('en-us', target.id)).filter((q) => q.query === query);
    assert.deepEqual(mine.map((q) => q.origin), ['analytics']);
    // Asked again: the question is there already; the draft keeps one copy.
    const again = await kb(`/articles/${target.id}/questions`, ed, { method: 'POST', body: { question: query.toUpperCase() } });
    assert.equal(again.json.questions.filter((x) => x.toLowerCase() === query).length, 1);
    assert.equal((await kb(`/articles/${target.id}/questions`, ed, { method: 'POST', body: { question: ' ' } })).status, 422);

    const published = await kb(`/articles/${target.id}/publish`, ed, { method: 'POST', body: { base_revision: again.json.revision } });
    assert.equal(published.status, 200, published.text);
    assert.ok(published.json.guard.mrr_after > published.json.guard.mrr_before, 'the new query finds its article now');
    assert.equal((await found(query))[0], target.id);
  });

  test('the widget\'s "not helpful" votes are listed for the article; analytics names articles by title and queries by locale', async () => {
    const target = (await kb('/articles?locale=zh-cn', ed)).json.articles[0];
    const now = Date.now();
    const events = [
      { at: now - 2000, locale: 'zh-cn', type: 'helpful_vote', article: target.id, helpful: false },
      { at: now - 1000, locale: 'zh-cn', type: 'helpful_vote', article: target.id, helpful: true },
      { at: now, locale: 'zh-cn', type: 'helpful_vote', article: target.id, helpful: false },
      { at: now + 1, locale: 'zh-cn', type: 'article_comment', article: target.id, comment: '  没说安卓怎么操作  ' },
      { at: now, locale: 'zh-cn', type: 'article_view', article: target.id },
      { at: now, locale: 'zh-cn', type: 'search', query: '星际传送门', verdict: 'unsure', results: 0 },
    ];
    const sent = await w.call('/api/v1/events?site=demo', { method: 'POST', body: { events } });
    assert.equal(sent.status, 202, sent.text);
    const feedback = await kb(`/articles/${target.id}/feedback`, ed);
    assert.equal(feedback.status, 200, feedback.text);
    assert.deepEqual(feedback.json.votes, [
      { at: now + 1, locale: 'zh-cn', comment: '没说安卓怎么操作' },
      { at: now, locale: 'zh-cn', comment: null },
      { at: now - 2000, locale: 'zh-cn', comment: null },
    ]);
    assert.equal((await kb('/articles/nope/feedback', ed)).status, 404);
    for (const comment of ['   ', '字'.repeat(501)]) {
      const bad = await w.call('/api/v1/events?site=demo', { method: 'POST', body: { events: [{ at: now, locale: 'zh-cn', type: 'article_comment', article: target.id, comment }] } });
      assert.deepEqual([bad.status, bad.json.error.field], [422, 'events.0.comment'], bad.text);
    }
    assert.equal((await kb(`/articles/${target.id}/feedback`, ed)).json.votes.length, 3, 'nothing stored');

    const day = new Date(now).toISOString().slice(0, 10);
    const report = await w.call(`/api/v1/analytics?from=${day}&to=${day}`, { headers: as(admin) });
    assert.equal(report.status, 200, report.text);
    const stats = report.json.days[0];
    assert.equal(stats.articles.find((a) => a.article === target.id).title, target.title);
    assert.deepEqual(stats.unsure_queries.find((q) => q.query === '星际传送门'), { query: '星际传送门', count: 1, locale: 'zh-cn' });
    const me = await w.call('/api/v1/agent/me', { headers: as(admin) });
    assert.equal(me.json.department_names.billing['zh-cn'], '会员与支付');
  });
});

describe('a guarded publish from the command line', () => {
  test('faq publish of a folder that makes a query worse stores it, is refused with the figures, then goes live confirmed', async () => {
    const dir = join(scratch, 'git');
    const exported = await w.mf.dispatchFetch(`${w.base}/api/v1/kb/export`, { headers: as(ed) });
    assert.equal(exported.status, 200);
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xf', '-', '-C', dir], { input: Buffer.from(await exported.arrayBuffer()) });
    // A seeded query the served index answers first with its article, and that article's words gone.
    let target;
    for (const q of (await queries('en-us')).filter((q) => q.origin === 'content')) {
      if ((await found(q.query))[0] === q.articles[0]) {
        target = q;
        break;
      }
    }
    assert.ok(target, 'a query answered first');
    const file = execFileSync('grep', ['-rl', `^id = "${target.articles[0]}"$`, join(dir, 'en-us')]).toString().trim();
    const [, front] = readFileSync(file, 'utf8').split('+++\n');
    const bare = front.split('\n').filter((l) => !/^(title|questions|keywords) =/.test(l)).join('\n');
    writeFileSync(file, `+++\ntitle = "Settings overview"\n${bare}+++\n<p>Open the settings page.</p>\n`);
    const manifest = (await w.call('/index/manifest.json')).json['en-us'];

    const refused = spawnSync(FAQ, ['publish', dir, '--edge', w.base, '--token', ed.token], { encoding: 'utf8' });
    assert.equal(refused.status, 1, refused.stderr);
    assert.ok(refused.stdout.includes(`\n  en-us ${target.articles[0]} Settings overview\n`), refused.stdout);
    assert.match(refused.stderr, /not published en-us: this publish lowers MRR@5/);
    assert.ok(refused.stderr.includes(`worse: ${target.query} (rank 1 → `), refused.stderr);
    assert.deepEqual((await w.call('/index/manifest.json')).json['en-us'], manifest, 'nothing switched');
    assert.equal((await found(target.query))[0], target.articles[0]);

    const confirmed = spawnSync(FAQ, ['publish', dir, '--edge', w.base, '--token', ed.token, '--confirm-regression'], { encoding: 'utf8' });
    assert.equal(confirmed.status, 0, confirmed.stderr);
    assert.match(confirmed.stdout, /published en-us: \d+ articles/);
    assert.notEqual((await found(target.query))[0], target.articles[0]);
  });
});
