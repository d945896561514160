// Handing a chat to another department under workerd: the note is required and reaches the next
// team and the ticket, the user keeps their place in time, the old agent is out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatWorker } from './support/chat.mjs';

const t = chatWorker({ li: ['Li Wei', 'general'], zhao: ['Zhao Min', 'billing'] });

const asAgent = (agent) => ({ authorization: `Bearer ${agent.token}` });

async function userWithLi(message) {
  const asked = await t.chat.ask({ message });
  assert.equal(asked.json.state, 'with_agent', asked.text);
  const { peer } = await t.chat.join(asked.json.chat_id, { token: asked.json.requester_token });
  return { ...asked.json, token: asked.json.requester_token, peer };
}

test('a transfer to billing with a note: the user is told, Zhao takes over with the history, Li is out', async () => {
  const liDesk = await t.chat.desk(t.li, 2);
  const zhaoDesk = await t.chat.desk(t.zhao, 1);
  // A calm opener: the edge's triage would send lost money straight to billing.
  const user = await userWithLi('会员页面显示不对');
  const liChat = await t.chat.enter(t.li, user.chat_id);
  user.peer.send({ type: 'message', client_id: 'u-1', text: '扣了两次 25 元' });
  await liChat.peer.next('message', (m) => m.client_id === 'u-1');

  const refusals = [
    [{ department: 'billing', note: '   ' }, 'note_required'],
    [{ department: 'lottery', note: '退款' }, 'unknown_department'],
  ];
  for (const [frame, code] of refusals) {
    liDesk.send({ type: 'transfer', chat_id: user.chat_id, ...frame });
    assert.equal((await liDesk.next('error')).code, code);
  }
  zhaoDesk.send({ type: 'transfer', chat_id: user.chat_id, department: 'general', note: '抢单' });
  assert.equal((await zhaoDesk.next('error')).code, 'not_your_chat');

  liDesk.send({ type: 'transfer', chat_id: user.chat_id, department: 'billing', note: '重复扣费，需要退款' });
  assert.equal((await user.peer.next('transferred')).department, 'billing');
  assert.equal((await user.peer.next('agent_joined')).name, 'Zhao Min');
  const gone = await liChat.peer.closed;
  assert.equal(gone.reason, 'transferred');
  await zhaoDesk.next('desk', (d) => d.mine.some((c) => c.chat_id === user.chat_id));
  await liDesk.next('desk', (d) => !d.mine.some((c) => c.chat_id === user.chat_id));

  // Zhao reads everything said so far; Li cannot come back in.
  const zhaoChat = await t.chat.enter(t.zhao, user.chat_id);
  assert.equal(zhaoChat.welcome.agent_name, 'Zhao Min');
  assert.ok(zhaoChat.peer.all('message').some((m) => m.text === '扣了两次 25 元'));
  const refused = await t.chat.refused(`/api/v1/agent/chats/${user.chat_id}/socket?agent_token=${t.li.token}`);
  assert.equal(refused.status, 403);
  zhaoChat.peer.send({ type: 'message', client_id: 'z-1', text: '已为您退款' });
  assert.equal((await user.peer.next('message', (m) => m.client_id === 'z-1')).name, 'Zhao Min');

  // The ticket moved with the chat; the note is for agents only.
  const agentView = await t.w.call(`/api/v1/agent/tickets/${user.ticket_id}`, { headers: asAgent(t.zhao) });
  assert.equal(agentView.json.ticket.department, 'billing');
  const moved = agentView.json.ticket.events.find((e) => e.type === 'department');
  assert.deepEqual([moved.from, moved.to, moved.note, moved.actor.name], ['general', 'billing', '重复扣费，需要退款', 'Li Wei']);
  const userView = await t.w.call(`/api/v1/tickets/${user.ticket_id}?site=demo`, { headers: { 'x-requester-token': user.token } });
  assert.ok(!JSON.stringify(userView.json).includes('需要退款'));

  zhaoChat.peer.send({ type: 'end' });
  await user.peer.next('ended');
  for (const p of [user.peer, zhaoChat.peer, liDesk, zhaoDesk]) await p.close();
});

test('a chat transferred to a busy department waits there at its first place in time, with the note shown', async () => {
  const liDesk = await t.chat.desk(t.li, 2);
  const zhaoDesk = await t.chat.desk(t.zhao, 1);
  // Zhao is busy with a billing chat of his own.
  const busy = await t.chat.ask({ message: '发票怎么开', category: '支付问题' });
  assert.equal(busy.json.state, 'with_agent');
  const early = await userWithLi('开通后会员标识不显示');
  const joinedAt = Date.now();
  liDesk.send({ type: 'transfer', chat_id: early.chat_id, department: 'billing', note: '支付已成功但会员未开通' });
  await early.peer.next('transferred');
  const place = await early.peer.next('queue');
  assert.equal(place.position, 1);
  assert.equal(place.agents_online, 1);
  // A number, not null: someone serves billing (the first test's one-second chat taught the
  // estimate that billing chats are short, so it may well be 0).
  assert.equal(typeof place.estimated_wait_secs, 'number');
  const view = await zhaoDesk.next('desk', (d) => d.waiting.some((c) => c.chat_id === early.chat_id));
  const entry = view.waiting.find((c) => c.chat_id === early.chat_id);
  assert.equal(entry.department, 'billing');
  assert.equal(entry.transfer_note, '支付已成功但会员未开通');
  assert.ok(entry.waiting_since <= joinedAt, 'the user keeps the time they started waiting');
  assert.equal(entry.ticket_id, early.ticket_id);

  // A user who asks for billing now lines up behind the transferred chat.
  const later = await t.chat.ask({ message: '退款多久到账', category: '支付问题' });
  assert.equal(later.json.position, 2);
  for (const p of [early.peer, liDesk, zhaoDesk]) await p.close();
});
