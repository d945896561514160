// Review of knowledge-base articles under workerd: an article put up for review is approved (by
// publishing it) or sent back with a comment only by another editor than the one who last wrote
// it — the author is refused with 403 `forbidden` and nothing is stored; a send-back needs a
// comment, reaches the author with the article, and is audited; a stale verdict is a 409.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startWorker } from './support/worker.mjs';

let w;
let admin;
let ed;
let eve;
let section;

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const kb = (path, person, init = {}) => w.call(`/api/v1/kb${path}`, { ...init, headers: as(person) });
const action = (article, name, person, extra = {}) =>
  kb(`/articles/${article.id}/${name}`, person, { method: 'POST', body: { base_revision: article.revision, ...extra } });

before(async () => {
  w = await startWorker({
    rateLimitScale: 1000,
    agents: [['Ada Admin', 'general', ['admin']], ['Ed Editor', 'general', ['editor']], ['Eve Editor', 'general', ['editor']]],
  });
  [admin, ed, eve] = w.agents;
  const category = await kb('/categories', ed, { method: 'POST', body: { locale: 'en-us', name: 'Payments', position: 1 } });
  section = (await kb('/sections', ed, { method: 'POST', body: { category_id: category.json.id, name: 'Refunds', position: 1 } })).json;
});
after(() => w?.dispose());

async function inReview(title) {
  const made = await kb('/articles', ed, {
    method: 'POST',
    body: { locale: 'en-us', article: { title, body: `**${title}**: open Me → Orders.`, section_id: section.id } },
  });
  assert.equal(made.status, 201, made.text);
  assert.equal(made.json.author_id, ed.id);
  const asked = await action(made.json, 'review', ed);
  assert.deepEqual([asked.status, asked.json.status], [200, 'in_review'], asked.text);
  return asked.json;
}

test('the last author may neither approve nor send back their own article', async () => {
  const article = await inReview('Refund a snorkwell charge');
  for (const [name, extra] of [['publish', {}], ['send-back', { comment: 'looks fine' }]]) {
    const refused = await action(article, name, ed, extra);
    assert.equal(refused.status, 403, `${name}: ${refused.text}`);
    assert.equal(refused.json.error.code, 'forbidden');
    assert.match(refused.json.error.message, /another editor/);
  }
  const stored = await kb(`/articles/${article.id}`, ed);
  assert.deepEqual([stored.json.status, stored.json.revision, stored.json.live_version], ['in_review', article.revision, null], 'nothing stored');
  const approved = await action(article, 'publish', eve);
  assert.deepEqual([approved.status, approved.json.article.status, approved.json.article.author_id], [200, 'published', ed.id], approved.text);
});

test('another editor sends it back with a comment, which the author reads until asking again', async () => {
  const article = await inReview('Refund a blorpwell charge');
  const blank = await action(article, 'send-back', eve, { comment: '  ' });
  assert.deepEqual([blank.status, blank.json.error.field], [422, 'comment'], blank.text);
  const long = await action(article, 'send-back', eve, { comment: 'x'.repeat(2001) });
  assert.deepEqual([long.status, long.json.error.field], [422, 'comment'], long.text);
  const back = await action(article, 'send-back', eve, { comment: ' Add the iOS steps. ' });
  assert.equal(back.status, 200, back.text);
  assert.equal(back.json.status, 'draft');
  assert.deepEqual([back.json.sent_back.by, back.json.sent_back.comment], ['Eve Editor', 'Add the iOS steps.']);
  const stale = await action(article, 'send-back', eve, { comment: 'again' });
  assert.equal(stale.status, 409, 'a verdict on an older revision');
  assert.equal(stale.json.current.revision, back.json.revision);
  const notInReview = await action(back.json, 'send-back', eve, { comment: 'again' });
  assert.equal(notInReview.status, 422, notInReview.text);
  const read = await kb(`/articles/${article.id}`, ed);
  assert.equal(read.json.sent_back.comment, 'Add the iOS steps.');
  const again = await action(read.json, 'review', ed);
  assert.equal(again.json.sent_back, null, 'asking again clears the comment');
  // Eve edits it herself while it is in review: now only someone else may approve it.
  const { id, locale, status, revision, live_version, updated_at, updated_by, author_id, sent_back, ...draft } = again.json;
  const saved = await kb(`/articles/${id}`, eve, { method: 'PUT', body: { base_revision: revision, article: { ...draft, body: `${draft.body}\n\nOn iOS: Settings.` } } });
  const asked = await action(saved.json, 'review', eve);
  assert.equal((await action(asked.json, 'publish', eve)).status, 403);
  assert.equal((await action(asked.json, 'publish', ed)).status, 200);
  const log = (await w.call('/api/v1/audit?action=article_sent_back', { headers: as(admin) })).json.entries;
  assert.deepEqual(log.map((e) => [e.actor_name, e.detail.comment]), [['Eve Editor', 'Add the iOS steps.']], 'the refused ones left no record');
  const blankBound = await w.call('/api/v1/audit?from=&action=article_sent_back', { headers: as(admin) });
  assert.deepEqual([blankBound.status, blankBound.json.error.field], [422, 'from'], 'a blank bound is refused, not read as none');
});
