// Rating a chat in the chat once it has ended: the rating becomes the chat's ticket's CSAT (in the
// agent's timeline and the analytics), written once per Idempotency-Key; a live chat, a bad
// score or comment and someone else's chat are refused with JSON errors.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { userHash } from './support/worker.mjs';
import { chatWorker } from './support/chat.mjs';

// An admin: the test reads the rating in the site's analytics too.
const t = chatWorker({ li: ['Li Wei', 'general', ['admin']] });
const verified = (user) => ({ 'x-user-id': user, 'x-user-hash': userHash(user) });
let liDesk;

/** A chat with Li (online on the desk), the user's socket joined, and the user's credentials. */
async function chatWithLi(credentials = {}) {
  liDesk ??= await t.chat.desk(t.li, 5);
  const asked = await t.chat.ask({ message: '会员自动续费怎么关', name: '小明' }, credentials);
  assert.equal(asked.status, 201, asked.text);
  const token = asked.json.requester_token;
  const headers = token ? { 'x-requester-token': token } : credentials;
  const query = token ? { token } : { userId: credentials['x-user-id'], userHash: credentials['x-user-hash'] };
  const user = (await t.chat.join(asked.json.chat_id, query)).peer;
  return { ...asked.json, headers, user };
}

const rate = (chatId, body, headers, key) =>
  t.w.call(`/api/v1/chats/${chatId}/csat?site=demo`, { method: 'POST', body, headers: key ? { ...headers, 'idempotency-key': key } : headers });
const agentTicket = (id) => t.w.call(`/api/v1/agent/tickets/${id}`, { headers: { authorization: `Bearer ${t.li.token}` } });

test('a chat the user ended is rated once per key; the rating is the ticket CSAT the agent and the analytics see', async () => {
  const c = await chatWithLi();
  const early = await rate(c.chat_id, { score: 5 }, c.headers);
  assert.equal(early.status, 422, 'a chat that goes on cannot be rated yet');
  assert.match(early.json.error.message, /ended/);

  c.user.send({ type: 'end' });
  await c.user.next('ended');
  const rated = await rate(c.chat_id, { score: 4, comment: '  很耐心  ' }, c.headers, 'rate-1');
  assert.equal(rated.status, 200, rated.text);
  assert.equal(rated.json.id, c.ticket_id);
  assert.deepEqual(rated.json.csat, { score: 4, comment: '很耐心' });
  const again = await rate(c.chat_id, { score: 4, comment: '  很耐心  ' }, c.headers, 'rate-1');
  assert.equal(again.status, 200, 'a retry with the same key answers as the first did');
  const reused = await rate(c.chat_id, { score: 1 }, c.headers, 'rate-1');
  assert.equal(reused.status, 409, 'the same key for another rating is a conflict');

  const seen = await agentTicket(c.ticket_id);
  assert.deepEqual(seen.json.ticket.csat, { score: 4, comment: '很耐心' });
  const ratings = seen.json.ticket.events.filter((e) => e.type === 'csat');
  assert.deepEqual(ratings.map((e) => [e.score, e.actor.kind]), [[4, 'requester']], 'stored once');

  const today = new Date().toISOString().slice(0, 10);
  const report = await t.w.call(`/api/v1/analytics?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${t.li.token}` } });
  const day = report.json.days.find((d) => d.day === today);
  assert.equal(day.csat_count, 1, 'a rated chat counts although its ticket is not solved');
  assert.equal(day.csat_average, 4);
});

test('a chat the agent ended is rated by its verified user; bad scores, long comments and strangers are refused', async () => {
  const c = await chatWithLi(verified('rating-user'));
  const agent = (await t.chat.enter(t.li, c.chat_id)).peer;
  agent.send({ type: 'end' });
  await c.user.next('ended');

  for (const [body, field] of [[{ score: 0 }, 'score'], [{ score: 6 }, 'score'], [{ score: 3, comment: 'x'.repeat(2001) }, 'comment']]) {
    const bad = await rate(c.chat_id, body, c.headers);
    assert.equal(bad.status, 422, JSON.stringify(body));
    assert.equal(bad.json.error.field, field);
  }
  const notJson = await t.w.call(`/api/v1/chats/${c.chat_id}/csat?site=demo`, { method: 'POST', raw: '{"score":', headers: { ...c.headers, 'content-type': 'application/json' } });
  assert.equal(notJson.status, 400);
  const stranger = await rate(c.chat_id, { score: 1 }, verified('someone-else'));
  assert.equal(stranger.status, 403);
  assert.equal(stranger.json.error.code, 'forbidden');
  assert.equal((await rate(c.chat_id, { score: 1 }, {})).status, 401);
  assert.equal((await rate('0'.repeat(32), { score: 1 }, c.headers)).status, 404);
  assert.equal((await agentTicket(c.ticket_id)).json.ticket.csat, null, 'no refused request wrote anything');

  const rated = await rate(c.chat_id, { score: 2 }, c.headers);
  assert.equal(rated.status, 200, rated.text);
  assert.deepEqual(rated.json.csat, { score: 2, comment: null });
  await agent.close();
});
