// One requester's data under workerd: an admin's export holds every ticket with its whole log
// (chat transcripts, ratings, internal notes) and the journey; the requester's own export the same
// without notes; an erasure leaves none of their personal data in the database (every table is
// read back and searched) or the chat's storage; closed tickets past the retention are redacted
// by the sweep.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chatClient } from './support/chat.mjs';
import { newTicket, startWorker, userHash } from './support/worker.mjs';

const PII = {
  name: '林小明PII',
  email: 'lin.pii@example.com',
  phone: '13800138077',
  search: '林小明的搜索PII',
  page: 'https://example.com/u/lin-pii',
  message: '我的身份证号PII-110101',
  chat: '聊天里说的PII-秘密',
  comment: '评价PII-很满意',
};

let w;
let admin;
before(async () => {
  w = await startWorker({ rateLimitScale: 1000, agents: [['Ada Admin', 'general', ['admin']]] });
  [admin] = w.agents;
});
after(() => w?.dispose());

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const user = (id) => ({ 'x-user-id': id, 'x-user-hash': userHash(id) });

/** Everything the worker has stored that anyone could read back: every row of every D1 table,
 * and the chat's own copy of its messages as its conversation replays them. (SQLite's
 * write-ahead log and D1's Time Travel keep older page versions until the platform overwrites
 * them: ARCHITECTURE.md says so.) */
async function storedData(chatId, userId) {
  const db = await w.mf.getD1Database('DB');
  const tables = (await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'").all()).results;
  const rows = [];
  for (const { name } of tables) rows.push(...(await db.prepare(`SELECT * FROM "${name}"`).all()).results);
  const replay = await chatClient(w).join(chatId, { userId, userHash: userHash(userId) });
  await replay.peer.close();
  return JSON.stringify(rows) + JSON.stringify(replay.peer.all('message'));
}

/** A requester with a ticket (replied to, noted, solved and rated), a callback and a chat. */
async function busyRequester(userId) {
  const ticket = (await w.call('/api/v1/tickets?site=demo', {
    method: 'POST',
    headers: user(userId),
    body: newTicket({ name: PII.name, email: PII.email, description: PII.message, context: { searches: [PII.search], page_url: PII.page, locale: 'zh-cn' } }),
  })).json.ticket;
  const A = `/api/v1/agent/tickets/${ticket.id}`;
  await w.call(`${A}/replies`, { method: 'POST', headers: as(admin), body: { text: '请提供订单号' } });
  await w.call(`${A}/notes`, { method: 'POST', headers: as(admin), body: { text: '内部备注：核实中' } });
  await w.call(`/api/v1/tickets/${ticket.id}/messages?site=demo`, { method: 'POST', headers: user(userId), body: { text: PII.message } });
  await w.call(A, { method: 'PATCH', headers: as(admin), body: { status: 'solved' } });
  await w.call(`/api/v1/tickets/${ticket.id}/csat?site=demo`, { method: 'POST', headers: user(userId), body: { score: 5, comment: PII.comment } });
  const callback = await w.call('/api/v1/callbacks?site=demo', {
    method: 'POST', headers: user(userId), body: { phone: PII.phone, at: Date.now() + 3600_000, message: '请回电', category: '账号管理', name: PII.name },
  });
  assert.equal(callback.status, 201, callback.text);

  const chat = chatClient(w);
  const desk = await chat.desk(admin);
  const asked = await chat.ask({ message: '人工客服', name: PII.name }, user(userId));
  assert.equal(asked.status, 201, asked.text);
  const mine = await chat.join(asked.json.chat_id, { userId, userHash: userHash(userId) });
  mine.peer.send({ type: 'message', client_id: 'pii-1', text: PII.chat });
  await mine.peer.next('ack');
  mine.peer.send({ type: 'end' });
  await mine.peer.next('ended');
  // The transcript reaches the ticket just after the end.
  for (let i = 0; i < 50; i++) {
    const t = await w.call(`/api/v1/agent/tickets/${asked.json.ticket_id}`, { headers: as(admin) });
    if (t.json.ticket.events.some((e) => e.type === 'chat')) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all([mine.peer.close(), desk.close()]);
  return { ticket, chatTicket: asked.json.ticket_id, chatId: asked.json.chat_id };
}

describe("a requester's data", () => {
  let filed;
  before(async () => { filed = await busyRequester('pii-user'); });

  test("an admin's export has every ticket with its whole log and journey; the requester's own has no notes", async () => {
    const exported = await w.call('/api/v1/requesters/export?user_id=pii-user', { headers: as(admin) });
    assert.equal(exported.status, 200, exported.text);
    assert.deepEqual(exported.json.requester, { kind: 'user', user_id: 'pii-user' });
    const tickets = exported.json.tickets;
    assert.equal(tickets.length, 3, 'the form, the callback and the chat');
    const form = tickets.find((t) => t.id === filed.ticket.id);
    assert.deepEqual([form.name, form.email, form.context.searches, form.context.page_url], [PII.name, PII.email, [PII.search], PII.page]);
    const types = form.events.map((e) => e.type);
    for (const type of ['message', 'note', 'status', 'csat']) assert.ok(types.includes(type), type);
    assert.equal(tickets.find((t) => t.channel === 'hotline').context.callback.phone, PII.phone);
    const transcript = tickets.find((t) => t.id === filed.chatTicket).events.find((e) => e.type === 'chat');
    assert.ok(transcript.messages.some((m) => m.text === PII.chat));
    assert.ok((await w.call('/api/v1/audit?action=requester_exported', { headers: as(admin) })).json.entries.some((e) => e.target === 'user:pii-user'));

    const own = await w.call('/api/v1/tickets/export?site=demo', { headers: user('pii-user') });
    assert.equal(own.status, 200, own.text);
    assert.equal(own.json.tickets.length, 3);
    assert.ok(!JSON.stringify(own.json).includes('内部备注'), "an agent's note is not the requester's to see");
    assert.equal((await w.call('/api/v1/tickets/export?site=demo')).status, 401);
  });

  test('an erasure leaves none of their personal data in any table or the chat, and the cases stay countable', async () => {
    const before = await storedData(filed.chatId, 'pii-user');
    for (const [what, value] of Object.entries(PII)) assert.ok(before.includes(value), `${what} is stored before`);
    const erased = await w.call('/api/v1/requesters/erase', { method: 'POST', headers: as(admin), body: { requester: { kind: 'user', user_id: 'pii-user' }, messages: true } });
    assert.equal(erased.status, 200, erased.text);
    assert.deepEqual([erased.json.tickets.length, erased.json.chats], [3, 1]);
    const left = await storedData(filed.chatId, 'pii-user');
    for (const [what, value] of Object.entries(PII)) assert.ok(!left.includes(value), `${what} (${value}) is still stored`);
    const ticket = await w.call(`/api/v1/agent/tickets/${filed.ticket.id}`, { headers: as(admin) });
    assert.deepEqual([ticket.json.ticket.status, ticket.json.ticket.csat.score, ticket.json.ticket.department], ['solved', 5, 'technical']);
    assert.ok(ticket.json.ticket.events.some((e) => e.text === '请提供订单号'), "the agents' words stay");
    const audit = (await w.call('/api/v1/audit?action=requester_erased', { headers: as(admin) })).json.entries[0];
    assert.deepEqual([audit.target, audit.detail.tickets, audit.detail.messages], ['user:pii-user', '3', 'true']);
  });

  test('the sweep redacts closed tickets past the retention, and only those', async () => {
    const set = await w.call('/api/v1/team/settings', { method: 'PUT', headers: as(admin), body: { retention_days: 30 } });
    assert.equal(set.status, 200);
    const file = async (name) => (await w.call('/api/v1/tickets?site=demo', { method: 'POST', headers: user(`kept-${name.length}`), body: newTicket({ name }) })).json.ticket;
    const [old, recent] = [await file('旧客户PII'), await file('新客户')];
    await w.call(`/api/v1/agent/tickets/${old.id}`, { method: 'PATCH', headers: as(admin), body: { status: 'closed' } });
    await w.call(`/api/v1/agent/tickets/${recent.id}`, { method: 'PATCH', headers: as(admin), body: { status: 'closed' } });
    await w.sweep(Date.now() + 20 * 86_400_000);
    const still = await w.call(`/api/v1/agent/tickets/${old.id}`, { headers: as(admin) });
    assert.equal(still.json.ticket.name, '旧客户PII', 'twenty days are within the retention');
    await w.sweep(Date.now() + 31 * 86_400_000);
    const redacted = await w.call(`/api/v1/agent/tickets/${old.id}`, { headers: as(admin) });
    assert.equal(redacted.json.ticket.name ?? null, null);
    assert.equal(redacted.json.ticket.description, old.description, 'the words of the case stay');
  });
});
