// Asking for a human and opening the chat sockets: the ticket fallback when nobody is online,
// bad requests, and who may open which socket.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { newTicket, userHash } from './support/worker.mjs';
import { chatWorker, Peer } from './support/chat.mjs';

// Socket URLs are built on the deployment's public origin: one unlike the test server's, so a
// URL taken from the request would show.
const PUBLIC_ORIGIN = 'https://help.example.com';
const t = chatWorker({ li: ['Li Wei', 'general'], zhao: ['Zhao Min', 'billing'] }, { PUBLIC_ORIGIN });

const verified = (user) => ({ 'x-user-id': user, 'x-user-hash': userHash(user) });

describe('the ticket fallback', () => {
  test('with no agent online the user is told to leave a ticket, and nothing is filed', async () => {
    const user = 'fallback-user';
    const asked = await t.chat.ask({ message: '会员扣费了但没到账', category: '会员服务' }, verified(user));
    assert.equal(asked.status, 200, asked.text);
    assert.equal(asked.json.outcome, 'leave_ticket');
    assert.equal(asked.json.reason, 'no_agent_online');
    assert.match(asked.json.hotline, /\d/);
    assert.ok(asked.json.business_hours.length > 0);
    const mine = await t.w.call('/api/v1/tickets?site=demo', { headers: verified(user) });
    assert.deepEqual(mine.json.tickets, [], 'the fallback files nothing: the user decides');
  });

  test('an agent online in another department does not help: the chat routes by category', async () => {
    const desk = await t.chat.desk(t.zhao);
    const asked = await t.chat.ask({ message: '账号被盗了', category: '账号管理' });
    assert.equal(asked.json.outcome, 'leave_ticket', 'zhao serves billing only');
    const billing = await t.chat.ask({ message: '重复扣费', category: '支付问题' });
    assert.equal(billing.status, 201, billing.text);
    assert.equal(billing.json.outcome, 'queued');
    await desk.close();
  });

  test('when the wait would pass 15 minutes the user is offered a ticket, with the wait they were spared', async () => {
    // Zhao (capacity 1) still has the billing chat above. No chat has ended in this worker, so
    // the desk assumes six-minute chats: 6, 12, then 18 minutes, past the 15-minute limit.
    const desk = await t.chat.desk(t.zhao, 1);
    const waits = [];
    for (const message of ['退款', '发票', '自动续费']) {
      const asked = await t.chat.ask({ message, category: '支付问题' });
      waits.push([asked.json.outcome, asked.json.position ?? null, asked.json.estimated_wait_secs]);
    }
    assert.deepEqual(waits, [['queued', 1, 360], ['queued', 2, 720], ['leave_ticket', null, 1080]]);
    const refused = await t.chat.ask({ message: '扣费', category: '支付问题' });
    assert.equal(refused.json.reason, 'wait_too_long');
    await desk.close();
  });
});

describe('bad requests', () => {
  test('each gets a status and a JSON error code', async () => {
    const cases = [
      [{ message: '   ' }, 422, 'message'],
      [{ message: '长'.repeat(4001) }, 422, 'message'],
      [{ message: 'hi', client_id: '<script>' }, 422, 'client_id'],
      [{ message: 'hi', category: 'Lottery' }, 422, 'category'],
      [{ category: '账号管理' }, 422, 'message'],
    ];
    for (const [body, status, field] of cases) {
      const r = await t.w.call('/api/v1/chats?site=demo', { method: 'POST', body: { category: '账号管理', ...body } });
      assert.equal(r.status, status, JSON.stringify(body));
      assert.equal(r.json.error.code, 'invalid');
      assert.equal(r.json.error.field, field, JSON.stringify(body));
    }
    const notJson = await t.w.call('/api/v1/chats?site=demo', { method: 'POST', raw: '{"message":', headers: { 'content-type': 'application/json' } });
    assert.equal(notJson.status, 400);
    const wrongType = await t.w.call('/api/v1/chats?site=demo', { method: 'POST', raw: 'message=hi', headers: { 'content-type': 'text/plain' } });
    assert.equal(wrongType.status, 415);
    const noSite = await t.w.call('/api/v1/chats?site=nope', { method: 'POST', body: { message: 'hi', category: '账号管理' } });
    assert.equal(noSite.status, 404);
    const badHash = await t.chat.ask({ message: 'hi' }, { 'x-user-id': 'u1', 'x-user-hash': 'ab' });
    assert.equal(badHash.status, 401);
  });
});

describe('who may open which socket', () => {
  let opened;
  let token;
  before(async () => {
    const desk = await t.chat.desk(t.li);
    const asked = await t.chat.ask({ message: '我的账号登录不上' });
    assert.equal(asked.status, 201, asked.text);
    opened = asked.json;
    token = opened.requester_token;
    assert.ok(token, 'an anonymous caller gets a requester token');
    await desk.close();
  });

  test('the owner joins; another requester gets 403, no or a wrong credential 401, an unknown chat 404', async () => {
    const { peer, welcome } = await t.chat.join(opened.chat_id, { token });
    assert.equal(welcome.chat_id, opened.chat_id);
    await peer.close();

    const stranger = (await t.w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket() })).json.requester_token;
    const base = `/api/v1/chats/${opened.chat_id}/socket?site=demo`;
    const forbidden = await t.chat.refused(`${base}&token=${stranger}`);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.json.error.code, 'forbidden');
    const someone = await t.chat.refused(`${base}&userId=u-7&userHash=${userHash('u-7')}`);
    assert.equal(someone.status, 403, 'a verified user who did not open the chat');
    assert.equal((await t.chat.refused(base)).status, 401);
    assert.equal((await t.chat.refused(`${base}&token=not-a-token`)).status, 401);
    assert.equal((await t.chat.refused(`/api/v1/chats/${'0'.repeat(32)}/socket?site=demo&token=${token}`)).status, 404);
  });

  test('a verified user joins with userId and userHash', async () => {
    const desk = await t.chat.desk(t.li, 3);
    const asked = await t.chat.ask({ message: '视频播放不了' }, verified('u-42'));
    assert.equal(asked.status, 201, asked.text);
    assert.equal(asked.json.requester_token, undefined, 'verified users need no token');
    const { welcome, peer } = await t.chat.join(asked.json.chat_id, { userId: 'u-42', userHash: userHash('u-42') });
    assert.equal(welcome.chat_id, asked.json.chat_id);
    await peer.close();
    await desk.close();
  });

  test('agents: a bad token is 401, a chat not assigned to them 403, another site\'s or no chat 404', async () => {
    assert.equal((await t.chat.refused('/api/v1/agent/desk/socket?agent_token=nope')).status, 401);
    assert.equal((await t.chat.refused('/api/v1/agent/desk/socket')).status, 401);
    const notMine = await t.chat.refused(`/api/v1/agent/chats/${opened.chat_id}/socket?agent_token=${t.zhao.token}`);
    assert.equal(notMine.status, 403);
    assert.equal(notMine.json.error.code, 'forbidden');
    assert.equal((await t.chat.refused(`/api/v1/agent/chats/${'f'.repeat(32)}/socket?agent_token=${t.li.token}`)).status, 404);
  });

  test('plain HTTP to a socket route: parameters and caller are checked first, 426 only for a request the route would take', async () => {
    const user = `/api/v1/chats/${opened.chat_id}/socket`;
    const desk = '/api/v1/agent/desk/socket';
    const refusals = [
      [`${user}?token=${token}`, 400, 'bad_request'],
      [`${user}?site=nope&token=${token}`, 404, 'not_found'],
      [`${user}?site=demo`, 401, 'unauthorized'],
      [`${user}?site=demo&token=not-a-token`, 401, 'unauthorized'],
      [`${user}?site=demo&userId=${'u'.repeat(201)}&userHash=ab`, 422, 'invalid'],
      [`/api/v1/chats/${'0'.repeat(32)}/socket?site=demo&token=${token}`, 404, 'not_found'],
      [desk, 401, 'unauthorized'],
      [`${desk}?agent_token=nope`, 401, 'unauthorized'],
      [`/api/v1/agent/chats/${opened.chat_id}/socket`, 401, 'unauthorized'],
      [`/api/v1/agent/chats/${'f'.repeat(32)}/socket?agent_token=${t.li.token}`, 404, 'not_found'],
      [`/api/v1/agent/chats/${opened.chat_id}/socket?agent_token=${t.zhao.token}`, 403, 'forbidden'],
      [`${user}?site=demo&token=${token}`, 426, 'upgrade_required'],
      [`${desk}?agent_token=${t.li.token}`, 426, 'upgrade_required'],
    ];
    for (const [path, status, code] of refusals) {
      const r = await t.w.call(path);
      assert.equal(r.status, status, path);
      assert.equal(r.json.error.code, code, path);
    }
    const long = await t.w.call(`${user}?site=demo&userId=${'u'.repeat(201)}&userHash=ab`);
    assert.equal(long.json.error.field, 'userId');
  });

  test('the socket URL is on the configured public origin, whatever Host the request named', async () => {
    const desk = await t.chat.desk(t.li, 3);
    const response = await t.w.mf.dispatchFetch('http://evil.example:8080/api/v1/chats?site=demo', {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: 'evil.example:8080', 'x-forwarded-host': 'evil.example' },
      body: JSON.stringify({ message: '能帮我看看订单吗', category: '账号管理' }),
    });
    const asked = await response.json();
    assert.equal(response.status, 201, JSON.stringify(asked));
    assert.equal(asked.socket_url, `wss://help.example.com/api/v1/chats/${asked.chat_id}/socket?site=demo`);
    await desk.close();
  });

  test('a page on another site cannot open a chat socket', async () => {
    const path = `/api/v1/chats/${opened.chat_id}/socket?site=demo&token=${token}`;
    try {
      await Peer.open(`${t.w.base.replace(/^http/, 'ws')}${path}`, { origin: 'https://evil.example' });
      assert.fail('the socket opened');
    } catch (error) {
      assert.equal(error.status, 403);
      assert.equal(error.json.error.code, 'forbidden');
    }
  });
});
