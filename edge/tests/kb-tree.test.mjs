// The knowledge base's tree under workerd: categories and sections renamed, a level reordered
// whole (every id once), and deleted only when empty — a section with an article (archived
// ones too) or a category with a section is 409 `conflict` and stays; every change audited.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startWorker } from './support/worker.mjs';

let w;
let admin;
let ed;
const as = (person) => ({ authorization: `Bearer ${person.token}` });
const kb = (path, init = {}) => w.call(`/api/v1/kb${path}`, { ...init, headers: as(ed) });

before(async () => {
  w = await startWorker({ rateLimitScale: 1000, agents: [['Ada Admin', 'general', ['admin']], ['Ed Editor', 'general', ['editor']]] });
  [admin, ed] = w.agents;
});
after(() => w?.dispose());

const names = (tree) => tree.categories.map((c) => `${c.name}[${c.sections.map((s) => s.name).join(',')}]`);

test('rename and reorder a level at a time; delete only what is empty', async () => {
  const make = async (path, body) => (await kb(path, { method: 'POST', body })).json;
  const pay = await make('/categories', { locale: 'en-us', name: 'Payments', position: 1 });
  const acc = await make('/categories', { locale: 'en-us', name: 'Account', position: 2 });
  const refunds = await make('/sections', { category_id: pay.id, name: 'Refunds', position: 1 });
  const cards = await make('/sections', { category_id: pay.id, name: 'Cards', position: 2 });

  const renamed = await kb(`/categories/${pay.id}`, { method: 'PATCH', body: { name: ' Billing ' } });
  assert.equal(renamed.status, 200, renamed.text);
  assert.deepEqual(names(renamed.json), ['Billing[Refunds,Cards]', 'Account[]']);
  assert.equal((await kb(`/sections/${cards.id}`, { method: 'PATCH', body: { name: '' } })).json.error.field, 'name');
  assert.equal((await kb('/sections/nope', { method: 'PATCH', body: { name: 'x' } })).status, 404);
  assert.deepEqual(names((await kb(`/sections/${cards.id}`, { method: 'PATCH', body: { name: 'Cards and wallets' } })).json), ['Billing[Refunds,Cards and wallets]', 'Account[]']);

  const moved = await kb('/categories/order', { method: 'PUT', body: { parent: 'en-us', ids: [acc.id, pay.id] } });
  assert.deepEqual(names(moved.json), ['Account[]', 'Billing[Refunds,Cards and wallets]']);
  assert.deepEqual(names((await kb('/sections/order', { method: 'PUT', body: { parent: pay.id, ids: [cards.id, refunds.id] } })).json), ['Account[]', 'Billing[Cards and wallets,Refunds]']);
  const partial = await kb('/categories/order', { method: 'PUT', body: { parent: 'en-us', ids: [acc.id] } });
  assert.deepEqual([partial.status, partial.json.error.field], [422, 'ids']);
  assert.equal((await kb('/sections/order', { method: 'PUT', body: { parent: pay.id, ids: [cards.id, cards.id] } })).status, 422);

  const article = (await kb('/articles', { method: 'POST', body: { locale: 'en-us', article: { title: 'Refund a charge', body: 'Open Me.', section_id: refunds.id } } })).json;
  await kb(`/articles/${article.id}/archive`, { method: 'POST', body: { base_revision: article.revision } });
  const full = await kb(`/sections/${refunds.id}`, { method: 'DELETE' });
  assert.deepEqual([full.status, full.json.error.code], [409, 'conflict'], full.text);
  assert.match(full.json.error.message, /articles/);
  const withSections = await kb(`/categories/${pay.id}`, { method: 'DELETE' });
  assert.deepEqual([withSections.status, withSections.json.error.code], [409, 'conflict']);
  assert.deepEqual(names((await kb('/categories?locale=en-us')).json), ['Account[]', 'Billing[Cards and wallets,Refunds]'], 'nothing deleted');

  assert.deepEqual(names((await kb(`/sections/${cards.id}`, { method: 'DELETE' })).json), ['Account[]', 'Billing[Refunds]']);
  assert.deepEqual(names((await kb(`/categories/${acc.id}`, { method: 'DELETE' })).json), ['Billing[Refunds]']);
  assert.equal((await kb(`/categories/${acc.id}`, { method: 'DELETE' })).status, 404);

  const log = (await w.call('/api/v1/audit', { headers: as(admin) })).json.entries;
  const count = (action) => log.filter((e) => e.action === action).length;
  assert.deepEqual([count('tree_changed'), count('section_deleted'), count('category_deleted')], [4, 1, 1], 'refused changes left no record');
});
