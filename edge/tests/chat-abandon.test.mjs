// A user who leaves the line without saying so (page closed, never connected) is taken out of it
// after CHAT_ABANDON_SECS, so no agent is handed an empty chat; users still connected keep waiting.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatWorker } from './support/chat.mjs';

const ABANDON_SECS = 2;
const t = chatWorker({ li: ['Li Wei', 'general'], wang: ['Wang Fang', 'general'] }, { CHAT_ABANDON_SECS: String(ABANDON_SECS) });

test('waiting users gone for a while leave the line; the chat ends by system and its ticket keeps the words', async () => {
  // Two agents, both busy: three users can wait without the line growing past 15 minutes.
  const desk = await t.chat.desk(t.li, 1);
  const wangDesk = await t.chat.desk(t.wang, 1);
  const busy = await t.chat.ask({ message: '第一个' });
  const alsoBusy = await t.chat.ask({ message: '第二个' });
  assert.deepEqual([busy.json.state, alsoBusy.json.state], ['with_agent', 'with_agent']);
  const { peer: busyPeer } = await t.chat.join(busy.json.chat_id, { token: busy.json.requester_token });

  const left = await t.chat.ask({ message: '我先走了' });
  assert.equal(left.json.state, 'waiting', left.text);
  const { peer: leftPeer } = await t.chat.join(left.json.chat_id, { token: left.json.requester_token });
  const never = await t.chat.ask({ message: '打开就关了' });
  const stays = await t.chat.ask({ message: '我一直在等' });
  const { peer: staysPeer } = await t.chat.join(stays.json.chat_id, { token: stays.json.requester_token });
  assert.deepEqual([left.json.position, never.json.position, stays.json.position], [1, 2, 3]);
  await leftPeer.close();

  // Within a few seconds the two absent users are gone and the one still here moves up to first.
  const first = await staysPeer.next('queue', (q) => q.position === 1, (ABANDON_SECS + 6) * 1000);
  assert.equal(first.agents_online, 2);
  // The agents see a line of one: the user still here.
  const onlyStays = (d) => d.waiting.length === 1 && d.waiting[0].chat_id === stays.json.chat_id;
  await desk.seen('desk', (d) => onlyStays(d) && d.agents_online === 2);
  assert.ok(await busyPeer.quietFor('ended', 200), 'a chat with an agent is never abandoned this way');

  const ticket = await t.w.call(`/api/v1/tickets/${never.json.ticket_id}?site=demo`, { headers: { 'x-requester-token': never.json.requester_token } });
  const chat = ticket.json.events.find((e) => e.type === 'chat');
  assert.equal(chat.ended_by, 'system');
  assert.deepEqual(chat.messages.map((m) => m.text), ['打开就关了']);
  const back = await t.chat.join(left.json.chat_id, { token: left.json.requester_token });
  assert.equal(back.welcome.state, 'ended');

  for (const p of [back.peer, busyPeer, staysPeer, desk, wangDesk]) await p.close();
});
