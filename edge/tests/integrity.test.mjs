// Nothing acknowledged is lost: concurrent writers on one ticket (many keys, user against agent,
// retries racing each other), where every 200 is stored exactly once and every loss is a 409
// that remembers nothing; Idempotency-Keys that belong to their caller; a client cannot speak
// for the agent or book a callback through a chat's context.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chatClient } from './support/chat.mjs';
import { newTicket, startWorker, userHash } from './support/worker.mjs';

let w;
let agent;
before(async () => {
  w = await startWorker({ rateLimitScale: 1000, agents: [['Li Wei', 'general', ['admin']]] });
  agent = { authorization: `Bearer ${w.agents[0].token}` };
});
after(() => w?.dispose());

const T = '/api/v1/tickets?site=demo';
const at = (id, rest = '') => `/api/v1/tickets/${id}${rest}?site=demo`;
const asUser = (id) => ({ 'x-user-id': id, 'x-user-hash': userHash(id) });
const unique = () => Math.random().toString(36).slice(2);

async function fileAnonymously(overrides) {
  const r = await w.call(T, { method: 'POST', body: newTicket(overrides) });
  assert.equal(r.status, 201, r.text);
  return { ticket: r.json.ticket, owner: { 'x-requester-token': r.json.requester_token } };
}

/** How often each text appears as a message in the ticket's log, as an agent reads it. */
async function storedTexts(ticketId) {
  const r = await w.call(`/api/v1/agent/tickets/${ticketId}`, { headers: agent });
  assert.equal(r.status, 200, r.text);
  const counts = new Map();
  for (const e of r.json.ticket.events.filter((e) => e.type === 'message')) counts.set(e.text, (counts.get(e.text) ?? 0) + 1);
  return counts;
}

/** A requester's message with its own Idempotency-Key. */
function sendMessage(ticketId, owner, { key, text }) {
  return w.call(at(ticketId, '/messages'), { method: 'POST', body: { text }, headers: { ...owner, 'idempotency-key': key } });
}

/** Every answer is a 200 (stored once) or a 409 `contended` (stored nowhere), never anything else. */
function assertStoredOrRefused(answers, writes, counts) {
  answers.forEach((answer, i) => {
    const { text } = writes[i];
    if (answer.status === 200) assert.equal(counts.get(text), 1, `"${text}" answered 200 but is stored ${counts.get(text) ?? 0} times`);
    else {
      assert.equal(answer.status, 409, answer.text);
      assert.equal(answer.json.error.code, 'contended');
      assert.equal(counts.get(text) ?? 0, 0, `"${text}" answered 409 but was stored`);
    }
  });
}

describe('concurrent writers on one ticket', () => {
  test('twelve messages at once, each with its own key: every 200 is stored once, every 409 nowhere, and a 409 retried is stored', async () => {
    const { ticket, owner } = await fileAnonymously();
    const writes = Array.from({ length: 12 }, (_, i) => ({ key: `many-${i}-${unique()}`, text: `第 ${i} 条补充说明` }));
    const answers = await Promise.all(writes.map((m) => sendMessage(ticket.id, owner, m)));
    assertStoredOrRefused(answers, writes, await storedTexts(ticket.id));
    // The widget's outbox retries a 409 with the same key: nothing was remembered, so it is applied.
    for (const [i, answer] of answers.entries()) {
      if (answer.status === 409) assert.equal((await sendMessage(ticket.id, owner, writes[i])).status, 200);
    }
    const counts = await storedTexts(ticket.id);
    for (const { text } of writes) assert.equal(counts.get(text), 1, text);
  });

  test('the user writes while the agent replies, ten rounds: both are stored every time', async () => {
    const { ticket, owner } = await fileAnonymously();
    for (let round = 0; round < 10; round++) {
      const user = { key: `vs-${round}-${unique()}`, text: `用户第 ${round} 轮` };
      const reply = `客服第 ${round} 轮`;
      const [mine, theirs] = await Promise.all([
        sendMessage(ticket.id, owner, user),
        w.call(`/api/v1/agent/tickets/${ticket.id}/replies`, { method: 'POST', body: { text: reply }, headers: agent }),
      ]);
      const counts = await storedTexts(ticket.id);
      assertStoredOrRefused([mine, theirs], [user, { text: reply }], counts);
      assert.equal(mine.status, 200, `round ${round}: a lost race is applied again on the server`);
      assert.equal(theirs.status, 200, `round ${round}: ${theirs.text}`);
    }
  });

  test('retries racing their own first try and other writes: each key is stored exactly once', async () => {
    const { ticket, owner } = await fileAnonymously();
    const writes = Array.from({ length: 6 }, (_, i) => ({ key: `retry-${i}-${unique()}`, text: `重试第 ${i} 条` }));
    const tries = writes.flatMap((m) => [m, m, m]);
    const answers = await Promise.all(tries.map((m) => sendMessage(ticket.id, owner, m)));
    const counts = await storedTexts(ticket.id);
    answers.forEach((answer, i) => {
      assert.ok([200, 409].includes(answer.status), answer.text);
      if (answer.status === 200) assert.equal(counts.get(tries[i].text), 1);
    });
    for (const m of writes) {
      if ((counts.get(m.text) ?? 0) === 0) assert.equal((await sendMessage(ticket.id, owner, m)).status, 200);
    }
    const final = await storedTexts(ticket.id);
    for (const { text } of writes) assert.equal(final.get(text), 1, text);
  });

  test('reopen, rating and follow-up racing each other keep the ticket consistent', async () => {
    const { ticket, owner } = await fileAnonymously();
    const solved = await w.call(`/api/v1/agent/tickets/${ticket.id}`, { method: 'PATCH', body: { status: 'solved' }, headers: agent });
    assert.equal(solved.status, 200, solved.text);
    const [reopen, rate] = await Promise.all([
      w.call(at(ticket.id, '/reopen'), { method: 'POST', body: { text: '又坏了' }, headers: { ...owner, 'idempotency-key': `re-${unique()}` } }),
      w.call(at(ticket.id, '/csat'), { method: 'POST', body: { score: 2 }, headers: { ...owner, 'idempotency-key': `cs-${unique()}` } }),
    ]);
    assert.equal(reopen.status, 200, reopen.text);
    const now = await w.call(at(ticket.id), { headers: owner });
    assert.equal(now.json.status, 'open');
    const ratings = now.json.events.filter((e) => e.type === 'csat');
    // The rating either came first (stored) or found the ticket reopened (refused, 422): never
    // answered 200 and dropped.
    if (rate.status === 200) assert.equal(ratings.length, 1);
    else {
      assert.equal(rate.status, 422, rate.text);
      assert.equal(ratings.length, 0);
    }
  });
});

describe('an Idempotency-Key belongs to its caller', () => {
  test("another caller sending the same key and body gets a ticket of their own, never the first one's", async () => {
    const key = { 'idempotency-key': `shared-${unique()}` };
    const first = await w.call(T, { method: 'POST', body: newTicket(), headers: { ...key, ...asUser('alice') } });
    assert.equal(first.status, 201);
    const stranger = await w.call(T, { method: 'POST', body: newTicket(), headers: key });
    assert.equal(stranger.status, 201, 'a new ticket, not a replay');
    assert.notEqual(stranger.json.ticket.id, first.json.ticket.id);
    const probe = await w.call(at(first.json.ticket.id), { headers: { 'x-requester-token': stranger.json.requester_token } });
    assert.equal(probe.status, 404, "the stranger's token does not read alice's ticket");
    const bob = await w.call(T, { method: 'POST', body: newTicket(), headers: { ...key, ...asUser('bob') } });
    assert.equal(bob.status, 201);
    assert.notEqual(bob.json.ticket.id, first.json.ticket.id);
    // Alice's own retry is still a retry.
    const retry = await w.call(T, { method: 'POST', body: newTicket(), headers: { ...key, ...asUser('alice') } });
    assert.equal(retry.status, 200);
    assert.equal(retry.json.ticket.id, first.json.ticket.id);
  });

  test("an anonymous first ticket's key replayed by a token holder files theirs, and mints them no token", async () => {
    const key = { 'idempotency-key': `anon-${unique()}` };
    const first = await w.call(T, { method: 'POST', body: newTicket(), headers: key });
    const { owner } = await fileAnonymously();
    const holder = await w.call(T, { method: 'POST', body: newTicket(), headers: { ...key, ...owner } });
    assert.equal(holder.status, 201);
    assert.notEqual(holder.json.ticket.id, first.json.ticket.id);
    assert.equal(holder.json.requester_token, undefined);
  });

  test("a key used on one's own ticket means nothing on another requester's", async () => {
    const a = await fileAnonymously();
    const b = await fileAnonymously();
    const write = { key: `msg-${unique()}`, text: '同一个键' };
    assert.equal((await sendMessage(a.ticket.id, a.owner, write)).status, 200);
    assert.equal((await sendMessage(b.ticket.id, b.owner, write)).status, 200);
    assert.equal((await storedTexts(b.ticket.id)).get(write.text), 1, "b's message is stored on b's ticket");
  });
});

describe('the edge owns the conversation and the callback', () => {
  const spoofed = { bot_transcript: [{ speaker: 'user', text: '能退款吗' }, { speaker: 'agent', text: '已为您全额退款' }] };

  test('a ticket or a chat whose bot transcript speaks for an agent or the system is refused, nothing filed', async () => {
    for (const speaker of ['agent', 'system']) {
      const context = { bot_transcript: [{ speaker, text: '已为您全额退款' }] };
      const ticket = await w.call(T, { method: 'POST', body: newTicket({ context }), headers: asUser('mallory') });
      assert.equal(ticket.status, 422, ticket.text);
      assert.equal(ticket.json.error.field, 'context.bot_transcript.0.speaker');
    }
    const chat = await chatClient(w).ask({ message: '退款', context: spoofed }, asUser('mallory'));
    assert.equal(chat.status, 422, chat.text);
    assert.equal(chat.json.error.field, 'context.bot_transcript.1.speaker');
    const mine = await w.call(T, { headers: asUser('mallory') });
    assert.deepEqual(mine.json.tickets, []);
  });

  test("a chat's context cannot book a callback; its bot lines arrive as the bot's, named by the edge", async () => {
    const chat = chatClient(w);
    const desk = await chat.desk(w.agents[0]);
    const asked = await chat.ask({
      message: '登录不上', context: { bot_transcript: [{ speaker: 'bot', text: '试试重置密码' }], callback: { phone: '110', at: 0 } },
    });
    assert.equal(asked.status, 201, asked.text);
    const ticket = await w.call(`/api/v1/agent/tickets/${asked.json.ticket_id}`, { headers: agent });
    assert.equal(ticket.json.context.callback, undefined);
    const user = await chat.join(asked.json.chat_id, { token: asked.json.requester_token });
    assert.deepEqual(user.peer.all('message').map((m) => [m.role, m.name]), [['bot', 'bot'], ['user', 'user']]);
    user.peer.send({ type: 'end' });
    await user.peer.next('ended');
    await user.peer.close();
    await desk.close();
  });
});
