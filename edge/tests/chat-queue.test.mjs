// The line under workerd: places and waits pushed to waiting users whenever agents come, go or
// free up, and the desk's view of the line for agents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chatWorker } from './support/chat.mjs';

const t = chatWorker({ li: ['Li Wei', 'general'], wang: ['Wang Fang', 'general'] });

/** Opens a chat as a new anonymous user and joins its socket. */
async function user(message, context = {}) {
  const asked = await t.chat.ask({ message, context });
  assert.equal(asked.status, 201, asked.text);
  const { peer, welcome } = await t.chat.join(asked.json.chat_id, { token: asked.json.requester_token });
  return { ...asked.json, peer, welcome };
}

test('two users and agents coming and going: every waiting user hears their new place', async () => {
  const liDesk = await t.chat.desk(t.li, 1);

  // Ana gets Li at once; Bo and Cai wait, Bo first.
  const ana = await user('我的会员没了');
  assert.equal(ana.state, 'with_agent');
  assert.equal(ana.position, null);
  assert.equal(ana.welcome.state, 'with_agent');
  assert.equal(ana.welcome.agent_name, 'Li Wei');
  const bo = await user('登录不上');
  assert.deepEqual([bo.state, bo.position, bo.agents_online], ['waiting', 1, 1]);
  assert.ok(bo.estimated_wait_secs > 0, 'the only agent is busy: the wait is a handle time');
  assert.equal(bo.welcome.state, 'waiting');
  const cai = await user('改不了手机号');
  assert.equal(cai.position, 2);
  assert.ok(cai.estimated_wait_secs > bo.estimated_wait_secs, 'further back waits longer');
  // A user joining mid-line hears their place right after the welcome.
  const caiPlace = await cai.peer.next('queue');
  assert.equal(caiPlace.position, 2);

  // Li steps away: nobody serves the line now, and both waiting users are told so.
  liDesk.send({ type: 'presence', status: 'away', capacity: 1 });
  const boAlone = await bo.peer.next('queue', (q) => q.agents_online === 0);
  assert.equal(boAlone.estimated_wait_secs, null);
  assert.equal(boAlone.position, 1);
  await cai.peer.next('queue', (q) => q.agents_online === 0 && q.position === 2);

  // Wang comes online with one free slot: Bo gets Wang, Cai moves up to first.
  const wangDesk = await t.chat.desk(t.wang, 1);
  const joined = await bo.peer.next('agent_joined');
  assert.equal(joined.name, 'Wang Fang');
  const caiFirst = await cai.peer.next('queue', (q) => q.position === 1 && q.agents_online === 1);
  assert.ok(caiFirst.estimated_wait_secs > 0, 'Wang is busy now');
  const wangView = await wangDesk.next('desk', (d) => d.mine.length === 1);
  assert.deepEqual(wangView.mine, [{ chat_id: bo.chat_id, ticket_id: bo.ticket_id }]);

  // Ana ends her chat: Li's slot frees, but Li is away, so Cai still waits ...
  ana.peer.send({ type: 'end' });
  await ana.peer.next('ended', (e) => e.by === 'user');
  assert.ok(await cai.peer.quietFor('agent_joined', 700));
  // ... until Li comes back.
  liDesk.send({ type: 'presence', status: 'online', capacity: 1 });
  const caiJoined = await cai.peer.next('agent_joined');
  assert.equal(caiJoined.name, 'Li Wei');

  // Nobody was told a place after getting an agent.
  const lastQueue = bo.peer.frames.findLastIndex((f) => f.type === 'queue');
  assert.ok(lastQueue < bo.peer.frames.findIndex((f) => f.type === 'agent_joined'));

  await ana.peer.close();
  await endAll(bo, cai);
  await liDesk.close();
  await wangDesk.close();
});

test('a chat the desk gives an agent at once is listed with its ticket, and only once the agent may join it', async () => {
  const liDesk = await t.chat.desk(t.li, 1);
  const gus = await user('会员到期了没提醒');
  assert.equal(gus.state, 'with_agent');
  // The console opens the chat's socket the moment the desk lists it: never refused.
  const listed = await liDesk.next('desk', (d) => d.mine.length === 1);
  assert.deepEqual(listed.mine, [{ chat_id: gus.chat_id, ticket_id: gus.ticket_id }]);
  const li = await t.chat.enter(t.li, gus.chat_id);
  assert.equal(li.welcome.state, 'with_agent');
  assert.ok(li.peer.all('message').some((m) => m.text === '会员到期了没提醒'));
  await endAll(gus);
  await li.peer.close();
  await liDesk.close();
});

test('an agent whose desk socket closes goes offline, and the line hears it', async () => {
  const liDesk = await t.chat.desk(t.li, 1);
  const wangDesk = await t.chat.desk(t.wang, 1);
  const dan = await user('我想注销账号');
  const fay = await user('绑定邮箱收不到验证码');
  assert.deepEqual([dan.state, fay.state], ['with_agent', 'with_agent']);
  const eve = await user('昵称改不了');
  assert.deepEqual([eve.state, eve.position, eve.agents_online], ['waiting', 1, 2]);
  await liDesk.close();
  const one = await eve.peer.next('queue', (q) => q.agents_online === 1);
  assert.equal(one.position, 1);
  await wangDesk.close();
  await eve.peer.next('queue', (q) => q.agents_online === 0 && q.estimated_wait_secs === null);
  // With nobody left, the next user is sent to the ticket form at once.
  const late = await t.chat.ask({ message: '还有人吗' });
  assert.equal(late.json.outcome, 'leave_ticket');
  assert.equal(late.json.reason, 'no_agent_online');
  await endAll(dan, fay, eve);
});

test('agents see each waiting chat with its ticket, triage reasons and first words; urgent cases first', async () => {
  const wangDesk = await t.chat.desk(t.wang, 1);
  const first = await user('头像上传失败');
  assert.equal(first.state, 'with_agent');
  const calm = await user('签名保存不了');
  // The reasons are the edge's own reading of the words, whatever the client claims.
  const angry = await user('第三次了还是登录不上，太气人了', { triage: ['account_stolen'] });
  const view = await wangDesk.next('desk', (d) => d.waiting.some((c) => c.chat_id === angry.chat_id));
  const ids = view.waiting.map((c) => c.chat_id);
  assert.deepEqual(ids, [angry.chat_id, calm.chat_id], 'the angry user goes first');
  const entry = view.waiting[0];
  assert.deepEqual(entry.reasons, ['anger', 'repeated_failure']);
  assert.equal(entry.first_message, '第三次了还是登录不上，太气人了');
  assert.equal(entry.ticket_id, angry.ticket_id);
  assert.equal(entry.priority, 'high');
  assert.equal(angry.position, 1, 'the answer to the request already says so');

  // Wang is full: accepting from the line is refused, with the desk's reason.
  wangDesk.send({ type: 'accept', chat_id: calm.chat_id });
  assert.equal((await wangDesk.next('error')).code, 'agent_full');
  // When his chat ends, the angry user is next.
  first.peer.send({ type: 'end' });
  assert.equal((await angry.peer.next('agent_joined')).name, 'Wang Fang');
  await calm.peer.next('queue', (q) => q.position === 1);
  await endAll(calm, angry);
  await wangDesk.close();
});

/** Ends each user's chat (waiting or not) and closes their socket, so the next test starts clean. */
async function endAll(...users) {
  for (const u of users) {
    u.peer.send({ type: 'end' });
    await u.peer.next('ended');
    await u.peer.close();
  }
}
