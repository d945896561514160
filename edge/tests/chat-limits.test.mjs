// A conversation's limits under workerd: a side that writes faster than its per-minute budget is
// refused, a conversation at its length is refused, a retry of a stored message is still
// acknowledged, and a long chat reaches its ticket in bounded pieces, every message once, in
// order. The limits are the deployment's vars, set low here so a test can reach them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatWorker } from './support/chat.mjs';

const MAX_MESSAGES = 12;
const PER_MINUTE = 5;
const t = chatWorker({ li: ['Li Wei', 'general'] }, { CHAT_MAX_MESSAGES: String(MAX_MESSAGES), CHAT_MAX_MESSAGES_PER_MINUTE: String(PER_MINUTE) });
const long = chatWorker({ li: ['Li Wei', 'general'] }, { CHAT_MAX_MESSAGES: '1000', CHAT_MAX_MESSAGES_PER_MINUTE: '1000' });

/** A chat with Li in it; the opening counts as the user's first message. */
async function talking(c) {
  const desk = await c.chat.desk(c.li);
  const asked = await c.chat.ask({ message: '想问一下怎么修改昵称', client_id: 'open-1' });
  assert.equal(asked.status, 201, asked.text);
  const user = await c.chat.join(asked.json.chat_id, { token: asked.json.requester_token });
  const agent = await c.chat.enter(c.li, asked.json.chat_id);
  return { ...asked.json, desk, user: user.peer, agent: agent.peer };
}

/** Sends a message and resolves with the server's answer to it: its ack or its refusal (the
 * first `ack` for this client_id or `error` frame received after sending). */
async function say(peer, clientId, text = `消息 ${clientId}`) {
  const from = peer.frames.length;
  peer.send({ type: 'message', client_id: clientId, text });
  for (let waited = 0; waited < 5000; waited += 5) {
    const answer = peer.frames.slice(from).find((f) => (f.type === 'ack' && f.client_id === clientId) || f.type === 'error');
    if (answer) return answer;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no answer to ${clientId}`);
}

test('a side past its per-minute budget is refused, a full conversation too, and stored messages are still acknowledged', async () => {
  const c = await talking(t);
  // The opening was the user's first message this minute.
  for (let i = 2; i <= PER_MINUTE; i++) assert.equal((await say(c.user, `u-${i}`)).type, 'ack');
  const flood = await say(c.user, 'u-flood');
  assert.equal(flood.type, 'error');
  assert.equal(flood.code, 'too_fast');
  const retry = await say(c.user, 'u-2');
  assert.equal(retry.type, 'ack', 'a retry of a stored message is acknowledged, not refused');

  // The agent's budget is their own: the user's flood does not spend it.
  for (let i = 1; i <= PER_MINUTE; i++) assert.equal((await say(c.agent, `a-${i}`)).type, 'ack');
  assert.equal((await say(c.agent, 'a-flood')).code, 'too_fast');
  c.user.send({ type: 'end' });
  await c.user.next('ended');
  await Promise.all([c.user.close(), c.agent.close(), c.desk.close()]);
});

test('a conversation at its length refuses a new message, whoever sends it', async () => {
  const desk = await t.chat.desk(t.li);
  // The bot's lines count: eight of them, the opening and three more from the user make twelve.
  const bot = Array.from({ length: 8 }, (_, i) => ({ speaker: i % 2 ? 'user' : 'bot', text: `第 ${i} 句` }));
  const asked = await t.chat.ask({ message: '昵称改不了', client_id: 'open-2', context: { bot_transcript: bot } });
  assert.equal(asked.status, 201, asked.text);
  const user = (await t.chat.join(asked.json.chat_id, { token: asked.json.requester_token })).peer;
  const agent = (await t.chat.enter(t.li, asked.json.chat_id)).peer;
  assert.equal((await say(agent, 'a-1')).seq, 10);
  assert.equal((await say(agent, 'a-2')).seq, 11);
  assert.equal((await say(agent, 'a-3')).seq, MAX_MESSAGES);
  const full = await say(agent, 'a-4');
  assert.equal(full.code, 'chat_full');
  assert.equal((await say(user, 'u-late')).code, 'chat_full');
  assert.equal((await say(agent, 'a-3')).seq, MAX_MESSAGES, 'the last stored message is still acknowledged');
  user.send({ type: 'end' });
  await user.next('ended');
  await Promise.all([user.close(), agent.close(), desk.close()]);
});

test('a long chat reaches its ticket in bounded pieces, every message once and in order', async () => {
  const c = await talking(long);
  const sent = 449;
  for (let i = 1; i <= sent; i++) {
    const peer = i % 3 ? c.user : c.agent;
    const answer = await say(peer, `m-${i}`, `第 ${i} 条`);
    assert.equal(answer.type, 'ack', JSON.stringify(answer));
  }
  c.agent.send({ type: 'end' });
  await c.user.next('ended');
  const headers = { authorization: `Bearer ${long.li.token}` };
  let pieces = [];
  for (let tries = 0; tries < 50 && pieces.reduce((n, p) => n + p.messages.length, 0) < sent + 1; tries++) {
    const ticket = await long.w.call(`/api/v1/agent/tickets/${c.ticket_id}`, { headers });
    pieces = ticket.json.ticket.events.filter((e) => e.type === 'chat');
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.deepEqual(pieces.map((p) => p.messages.length), [200, 200, 50]);
  assert.ok(pieces.every((p) => p.chat_id === c.chat_id && p.ended_by === 'agent'));
  assert.deepEqual(pieces.flatMap((p) => p.messages.map((m) => m.seq)), Array.from({ length: sent + 1 }, (_, i) => i + 1));
  await Promise.all([c.user.close(), c.agent.close(), c.desk.close()]);
});
