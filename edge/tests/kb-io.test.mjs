// The knowledge base in and out as a whole: a Zendesk Help Center export imported through the
// console's route (what was stored, what was skipped and why; drafts or published), the whole
// knowledge base exported as the content folder `faq build` reads and imported again unchanged,
// into a fresh edge too, and `faq publish` sending a folder from the command line to a real
// worker over HTTP with an editor's token — refused clearly for a wrong token, a person who is
// not an editor, or a folder with problems (each by file), with nothing stored.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:http';
import { after, before, test } from 'node:test';
import { edgeDir, startWorker } from './support/worker.mjs';

const FAQ = resolve(edgeDir, '../target/release/faq');
let w;
let ed;
let agent;
let admin;
let scratch;

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const kb = (path, person, init = {}) => w.call(`/api/v1/kb${path}`, { ...init, headers: { ...as(person), ...init.headers } });
const upload = (edge, query, person, bytes, type) =>
  edge.call(`/api/v1/kb/imports?${query}`, { method: 'POST', raw: bytes, headers: { ...as(person), 'content-type': type } });

/** A small Help Center export with one of everything an import leaves out. */
const EXPORT = {
  categories: [
    { id: 7001, name: 'Billing', locale: 'en-us', position: 1 },
    { id: 7002, name: 'Facturation', locale: 'fr-fr', position: 2 },
  ],
  sections: [
    { id: 7101, category_id: 7001, name: 'Refunds', position: 1 },
    { id: 7102, category_id: 7999, name: 'Lost section' },
    { id: 7103, category_id: 7002, name: 'Remboursements' },
  ],
  articles: [
    { id: 7201, section_id: 7101, locale: 'en-us', title: 'Refund within 7 days', body: '<p>Ask for a refund in <strong>Me → Orders</strong>.</p>', label_names: ['refund'], vote_sum: 9 },
    { id: 7202, section_id: 7101, locale: 'en-us', title: 'Refund for a gift card', body: '<p>Gift cards are refunded to the giver.</p>' },
    { id: 7203, section_id: 7101, locale: 'en-us', title: 'Unfinished', body: '<p>todo</p>', draft: true },
    { id: 7204, section_id: 7102, locale: 'en-us', title: 'Orphan', body: '<p>x</p>' },
    { id: 7205, section_id: 7101, locale: 'en-us', title: 'No body', body: '' },
    { id: 7206, section_id: 7103, locale: 'fr-fr', title: 'Remboursement', body: '<p>Sous 7 jours.</p>' },
  ],
};

before(async () => {
  for (const path of [FAQ]) assert.ok(existsSync(path), `${path} (cargo build --release -p faq-data)`);
  scratch = mkdtempSync(join(tmpdir(), 'kb-io-'));
  w = await startWorker({ rateLimitScale: 1000, agents: [['Ed Editor', 'general', ['editor']], ['Bo Agent', 'billing', ['agent']], ['Ada Admin', 'general', ['admin']]] });
  [ed, agent, admin] = w.agents;
});
after(async () => {
  await w?.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

test('a Zendesk export is imported as drafts, with each item left out named with its reason', async () => {
  const r = await upload(w, 'source=zendesk', ed, JSON.stringify(EXPORT), 'application/json');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.created.map((a) => a.id), ['7201', '7202']);
  assert.deepEqual(r.json.published, []);
  const why = Object.fromEntries(r.json.skipped.map((s) => [`${s.kind} ${s.id}`, s.reason]));
  assert.match(why['section 7102'], /category 7999 is not in the export/);
  assert.match(why['article 7203'], /draft/);
  assert.match(why['article 7204'], /section 7102 is not in the export/);
  assert.match(why['article 7205'], /article\.body/);
  assert.match(why['article 7206'], /no locale `fr-fr`/);
  assert.equal(r.json.skipped.length, 5);
  const listed = (await kb('/articles?locale=en-us', ed)).json.articles;
  assert.deepEqual(listed.map((a) => [a.id, a.status, a.format, a.live_version]), [['7202', 'draft', 'html', null], ['7201', 'draft', 'html', null]]);
  const tree = (await kb('/categories?locale=en-us', ed)).json.categories;
  assert.deepEqual(tree.map((c) => [c.id, c.name, c.sections.map((s) => s.name)]), [['7001', 'Billing', ['Refunds']]]);
  const audit = await w.call('/api/v1/audit?action=knowledge_base_imported', { headers: as(admin) });
  assert.equal(audit.status, 200, audit.text);
  assert.deepEqual(audit.json.entries.map((e) => [e.actor_name, e.detail.source, e.detail.created, e.detail.skipped, e.detail.published]), [['Ed Editor', 'zendesk', '2', '5', 'false']]);
});

test('importing again publishes what changed and leaves the rest; the help center is built each time', async () => {
  const changed = structuredClone(EXPORT);
  changed.articles[1].title = 'Refunds for gift cards';
  const r = await upload(w, 'source=zendesk&publish=true', ed, JSON.stringify(changed), 'application/json');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.created, []);
  assert.deepEqual(r.json.updated.map((a) => [a.id, a.title]).sort(), [['7201', 'Refund within 7 days'], ['7202', 'Refunds for gift cards']]);
  assert.deepEqual(r.json.published.map((p) => [p.locale, p.articles]), [['en-us', 2]]);
  const manifest = (await w.call('/index/manifest.json')).json;
  assert.deepEqual(manifest['en-us'], r.json.published[0].files);
  const again = await upload(w, 'source=zendesk&publish=true', ed, JSON.stringify(changed), 'application/json');
  assert.deepEqual([again.json.updated.length, again.json.unchanged.length], [0, 2]);
  assert.deepEqual(again.json.published.map((p) => [p.locale, p.articles]), [['en-us', 2]], 'built again from what is live');
  const versions = (await kb('/articles/7202/versions', ed)).json.versions;
  assert.deepEqual(versions.map((v) => v.article.title), ['Refunds for gift cards']);
});

test('an upload that is not what it says, too big or without a source is refused and stores nothing', async () => {
  const before = (await kb('/articles?locale=en-us', ed)).json.articles.map((a) => a.revision);
  const notJson = await upload(w, 'source=zendesk', ed, 'categories: []', 'application/json');
  assert.equal(notJson.status, 400, notJson.text);
  assert.match(notJson.json.error.message, /not a Zendesk Help Center export/);
  const notTar = await upload(w, 'source=folder', ed, JSON.stringify(EXPORT), 'application/x-tar');
  assert.equal(notTar.status, 400, notTar.text);
  const huge = await upload(w, 'source=zendesk', ed, Buffer.alloc(8 * 1024 * 1024 + 1, 32), 'application/json');
  assert.equal(huge.status, 413, huge.text);
  assert.equal(huge.json.error.code, 'payload_too_large');
  const unsaid = await upload(w, '', ed, JSON.stringify(EXPORT), 'application/json');
  assert.equal(unsaid.status, 422);
  assert.equal(unsaid.json.error.field, 'source');
  const notEditor = await upload(w, 'source=zendesk', agent, JSON.stringify(EXPORT), 'application/json');
  assert.equal(notEditor.status, 403);
  assert.deepEqual((await kb('/articles?locale=en-us', ed)).json.articles.map((a) => a.revision), before);
});

/** The export as a folder on disk (unpacked by tar itself), and its bytes. */
async function exported(edge, person, dir) {
  const r = await edge.mf.dispatchFetch(`${edge.base}/api/v1/kb/export`, { headers: as(person) });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/x-tar');
  assert.match(r.headers.get('content-disposition'), /attachment; filename="help-center-demo\.tar"/);
  const bytes = Buffer.from(await r.arrayBuffer());
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-xf', '-', '-C', dir], { input: bytes });
  return bytes;
}

test('the export is the content folder faq build reads, and importing it back changes nothing', async () => {
  const md = await kb('/articles', ed, { method: 'POST', body: { locale: 'en-us', article: { title: 'Written here', questions: ['Can I write Markdown?'], keywords: ['md'], body: '**Yes**, in *Markdown*.\n', section_id: '7101' } } });
  assert.equal(md.status, 201, md.text);
  const dir = join(scratch, 'export');
  const bytes = await exported(w, ed, dir);
  const file = readFileSync(join(dir, 'en-us/01-billing/01-refunds', `${md.json.id}.md`), 'utf8');
  assert.equal(file, `+++\nid = "${md.json.id}"\ntitle = "Written here"\nquestions = ["Can I write Markdown?"]\nkeywords = ["md"]\npromoted = false\nvotes = 0\n+++\n**Yes**, in *Markdown*.\n`);
  assert.match(readFileSync(join(dir, 'en-us/01-billing/01-refunds/7201.md'), 'utf8'), /votes = 9\nformat = "html"/);
  // faq build reads it as it is.
  execFileSync(FAQ, ['build', dir, '--out', join(scratch, 'built')], { stdio: 'pipe' });
  const back = await upload(w, 'source=folder', ed, bytes, 'application/x-tar');
  assert.equal(back.status, 200, back.text);
  assert.deepEqual([back.json.created.length, back.json.updated.length, back.json.skipped.length], [0, 0, 0]);
  assert.equal(back.json.unchanged.length, 3);
});

test('a fresh edge given the export holds the same articles, and exports the same bytes', async () => {
  const first = await exported(w, ed, join(scratch, 'a'));
  const fresh = await startWorker({ rateLimitScale: 1000, agents: [['Flo Editor', 'general', ['editor']]] });
  try {
    const r = await upload(fresh, 'source=folder', fresh.agents[0], first, 'application/x-tar');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.created.length, 3);
    const same = (edge, person) => edge.call('/api/v1/kb/articles?locale=en-us', { headers: as(person) }).then((l) => l.json.articles.map((a) => [a.id, a.title, a.questions, a.keywords, a.body, a.format, a.section_id, a.promoted]));
    const held = await same(w, ed);
    assert.equal(held.length, 3);
    assert.deepEqual(await same(fresh, fresh.agents[0]), held);
    const second = await exported(fresh, fresh.agents[0], join(scratch, 'b'));
    assert.ok(second.equals(first), 'the same archive');
  } finally {
    await fresh.dispose();
  }
});

/** `faq publish` as a team's CI would run it. */
function faqPublish(dir, token, ...more) {
  return spawnSync(FAQ, ['publish', dir, '--edge', w.base, '--token', token, ...more], { encoding: 'utf8' });
}

test('faq publish sends a folder with an editor token and the edge publishes it', async () => {
  const dir = join(scratch, 'git');
  await exported(w, ed, dir);
  const path = join(dir, 'en-us/01-billing/01-refunds/7201.md');
  writeFileSync(path, readFileSync(path, 'utf8').replace('Refund within 7 days', 'Refunds within 7 days'));
  const run = faqPublish(dir, ed.token);
  assert.equal(run.status, 0, run.stderr);
  // The edited article, and the Markdown one that was still a draft: a folder publishes all it holds.
  // (Listed in the folder's order: by file name, and the Markdown article's id is random.)
  assert.match(run.stdout, /updated: 2 article\(s\)\n/);
  assert.match(run.stdout, /\n {2}en-us 7201 Refunds within 7 days\n/);
  assert.match(run.stdout, /\n {2}en-us [0-9a-f]+ Written here\n/);
  assert.match(run.stdout, /unchanged: 1 article\(s\)/);
  assert.match(run.stdout, /published en-us: 3 articles/);
  const article = (await kb('/articles/7201', ed)).json;
  assert.equal(article.status, 'published');
  assert.equal(article.title, 'Refunds within 7 days');
  const exports = await w.call('/api/v1/audit?action=knowledge_base_exported', { headers: as(admin) });
  assert.ok(exports.json.entries.length >= 3 && exports.json.entries.every((e) => e.actor_name === 'Ed Editor' && e.detail.articles === '3'));
});

test('faq publish says clearly why the edge refused, and nothing is stored', async () => {
  const dir = join(scratch, 'git');
  const revisions = async () => (await kb('/articles?locale=en-us', ed)).json.articles.map((a) => a.revision);
  const before = await revisions();
  const wrong = faqPublish(dir, 'not-a-token');
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /refused the token \(401\)/);
  const notEditor = faqPublish(dir, agent.token);
  assert.notEqual(notEditor.status, 0);
  assert.match(notEditor.stderr, /may not edit the knowledge base \(403/);
  const broken = join(dir, 'en-us/01-billing/01-refunds/9999.md');
  writeFileSync(broken, 'no front matter here\n');
  writeFileSync(join(dir, 'en-us/01-billing/stray.md'), '+++\nid = "1"\ntitle = "t"\n+++\nb\n');
  const refused = faqPublish(dir, ed.token);
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /en-us\/01-billing\/01-refunds\/9999\.md:1: missing front matter/);
  assert.match(refused.stderr, /en-us\/01-billing\/stray\.md:0: article outside a section folder/);
  assert.match(refused.stderr, /refused the folder \(422\): the folder has 2 problem\(s\); nothing was imported/);
  assert.deepEqual(await revisions(), before);
});

test('images on other hosts are copied to the help host when they can be fetched, and reported either way', async () => {
  // A real 1×1 PNG, served from a loopback "other host"; one address is missing, one is a page.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const host = createServer((req, res) => {
    if (req.url === '/a.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
    else if (req.url === '/page.png') res.writeHead(200, { 'content-type': 'image/png' }).end('<html>not an image</html>');
    else res.writeHead(404).end();
  });
  await new Promise((done) => host.listen(0, '127.0.0.1', done));
  const other = `http://127.0.0.1:${host.address().port}`;
  try {
    const withImages = {
      categories: [{ id: 7001, name: 'Billing', locale: 'en-us', position: 1 }],
      sections: [{ id: 7101, category_id: 7001, name: 'Refunds', position: 1 }],
      articles: [{ id: 7301, section_id: 7101, locale: 'en-us', title: 'Where the refund button is', body: `<p>Tap it:</p><img src="${other}/a.png" alt="button"><img src="${other}/gone.png" alt="gone"><img src="${other}/page.png" alt="page">` }],
    };
    const r = await upload(w, 'source=zendesk', ed, JSON.stringify(withImages), 'application/json');
    assert.equal(r.status, 200, r.text);
    const [copied, missing, page] = r.json.images;
    assert.deepEqual([copied.article, copied.url, copied.reason], ['7301', `${other}/a.png`, null]);
    assert.match(copied.copied_to, /^http:\/\/127\.0\.0\.1:8787\/kb-images\/[0-9a-f]{16}\.png$/);
    assert.deepEqual([missing.copied_to, missing.reason], [null, 'could not be fetched: HTTP 404']);
    assert.match(page.reason, /only PNG, JPEG, GIF or WebP/);
    const stored = (await kb('/articles/7301', ed)).json;
    assert.ok(stored.body.includes(copied.copied_to) && !stored.body.includes(`${other}/a.png`), stored.body);
    assert.ok(stored.body.includes(`${other}/gone.png`), 'what could not be copied stays as it was');
    const served = await w.mf.dispatchFetch(`${w.base}${new URL(copied.copied_to).pathname}`);
    assert.ok(Buffer.from(await served.arrayBuffer()).equals(png));
    // The same export again: the bodies compare equal, nothing changes.
    const again = await upload(w, 'source=zendesk', ed, JSON.stringify(withImages), 'application/json');
    assert.deepEqual(again.json.unchanged.map((a) => a.id), ['7301']);
  } finally {
    host.close();
  }
});
