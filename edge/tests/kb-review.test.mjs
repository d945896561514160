// Review of knowledge-base articles under workerd: an article put up for review is approved (by
// publishing it) or sent back with a comment only by another editor than the one who last wrote
// it — the author is refused with 403 `forbidden` and nothing is stored; a send-back needs a
// comment, reaches the author with the article, and is audited; a stale verdict is a 409. Review
// as a site setting: an admin requires it, and then a draft goes live only through another
// editor's approval (409 `review_required` otherwise) and an import stores drafts only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
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

describe('review as a site setting', () => {
  const setting = (person, review_required) => kb('/settings', person, { method: 'PUT', body: { review_required } });
  const upload = (query, body) =>
    w.call(`/api/v1/kb/imports?${query}`, { method: 'POST', raw: JSON.stringify(body), headers: { ...as(ed), 'content-type': 'application/json' } });
  const zendesk = (id, title) => ({
    categories: [{ id: 8001, name: 'Imported', locale: 'en-us', position: 2 }],
    sections: [{ id: 8101, category_id: 8001, name: 'Imported', position: 1 }],
    articles: [{ id, section_id: 8101, locale: 'en-us', title, body: `<p>${title}: open Me → Orders.</p>` }],
  });

  test('editors read it, only an admin changes it, a bad body is refused, and the change is audited', async () => {
    assert.deepEqual((await kb('/settings', ed)).json, { review_required: false });
    const refused = await setting(ed, true);
    assert.deepEqual([refused.status, refused.json.error.code], [403, 'forbidden'], refused.text);
    for (const body of [{ review_required: 'yes' }, {}, { review_required: true, extra: 1 }]) {
      const bad = await kb('/settings', admin, { method: 'PUT', body });
      assert.ok([400, 422].includes(bad.status), `${JSON.stringify(body)}: ${bad.text}`);
    }
    assert.deepEqual((await kb('/settings', ed)).json, { review_required: false }, 'nothing stored');
    const set = await setting(admin, true);
    assert.deepEqual([set.status, set.json], [200, { review_required: true }], set.text);
    assert.deepEqual((await kb('/settings', eve)).json, { review_required: true });
    // The retention setting shares the row and is not touched by it, nor it by retention.
    const retention = await w.call('/api/v1/team/settings', { method: 'PUT', headers: as(admin), body: { retention_days: 90 } });
    assert.equal(retention.status, 200, retention.text);
    assert.deepEqual((await kb('/settings', ed)).json, { review_required: true });
    const log = (await w.call('/api/v1/audit?action=settings_changed', { headers: as(admin) })).json.entries;
    assert.ok(log.some((e) => e.actor_name === 'Ada Admin' && e.detail.kb_review === 'optional → required'), JSON.stringify(log));
  });

  test('required, a draft goes live only through another editor: its own publish is 409 review_required, nothing stored', async () => {
    const made = await kb('/articles', ed, { method: 'POST', body: { locale: 'en-us', article: { title: 'Refund a quibbly charge', body: 'Open Me → Orders.', section_id: section.id } } });
    const direct = await action(made.json, 'publish', ed);
    assert.deepEqual([direct.status, direct.json.error.code], [409, 'review_required'], direct.text);
    assert.match(direct.json.error.message, /request review/);
    const byOther = await action(made.json, 'publish', eve);
    assert.equal(byOther.json.error.code, 'review_required', 'a draft is not approved by publishing it');
    const stored = (await kb(`/articles/${made.json.id}`, ed)).json;
    assert.deepEqual([stored.status, stored.revision, stored.live_version], ['draft', made.json.revision, null]);
    const asked = await action(stored, 'review', ed);
    assert.equal((await action(asked.json, 'publish', ed)).status, 403, 'not by its author');
    const approved = await action(asked.json, 'publish', eve);
    assert.deepEqual([approved.status, approved.json.article.status, approved.json.article.live_version], [200, 'published', 1], approved.text);
    // Published as it stands, it may be built again; edited, it waits for review again.
    const again = await action(approved.json.article, 'publish', ed);
    assert.equal(again.status, 200, again.text);
    const { id, locale, status, revision, live_version, updated_at, updated_by, author_id, sent_back, ...draft } = again.json.article;
    const edited = await kb(`/articles/${id}`, ed, { method: 'PUT', body: { base_revision: revision, article: { ...draft, body: 'Open Me → Orders → Refund.' } } });
    assert.equal((await action(edited.json, 'publish', eve)).json.error.code, 'review_required');
    // A rollback puts back what was live before, reviewed then: it is not held back.
    const rolled = await kb(`/articles/${id}/rollback`, ed, { method: 'POST', body: { base_revision: edited.json.revision, version: 1 } });
    assert.equal(rolled.status, 200, rolled.text);
  });

  test('required, an import cannot publish (409, nothing stored) but stores drafts for review', async () => {
    const before = (await kb('/articles?locale=en-us', ed)).json.articles.length;
    const publishing = await upload('source=zendesk&publish=true', zendesk(8201, 'Refund a wibbly charge'));
    assert.deepEqual([publishing.status, publishing.json.error.code], [409, 'review_required'], publishing.text);
    assert.equal((await kb('/articles?locale=en-us', ed)).json.articles.length, before, 'nothing stored');
    const drafts = await upload('source=zendesk', zendesk(8201, 'Refund a wibbly charge'));
    assert.equal(drafts.status, 200, drafts.text);
    assert.deepEqual(drafts.json.created.map((a) => a.id), ['8201']);
    assert.equal((await kb('/articles/8201', ed)).json.status, 'draft');
    assert.deepEqual(drafts.json.published, []);
    // Optional again: the same import publishes.
    assert.equal((await setting(admin, false)).status, 200);
    const published = await upload('source=zendesk&publish=true', zendesk(8201, 'Refund a wibbly charge'));
    assert.equal(published.status, 200, published.text);
    assert.deepEqual(published.json.published.map((p) => p.locale), ['en-us']);
    assert.equal((await kb('/articles/8201', ed)).json.status, 'published');
  });
});
