// Asking to be called back when nobody can chat: the request is filed as a hotline ticket routed
// like any other, carrying the number, the time and the journey (bot transcript included), once
// per Idempotency-Key; bad numbers, times and fields are refused with JSON errors and file nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newTicket } from './support/worker.mjs';
import { chatWorker } from './support/chat.mjs';

const t = chatWorker({ zhao: ['Zhao Min', 'billing', ['admin']] });
const HOUR = 60 * 60 * 1000;
const BOT = [{ speaker: 'bot', text: '这篇文章可能有帮助' }, { speaker: 'user', text: '没用，扣了两次钱' }];

function callback(overrides = {}) {
  return {
    phone: '+86 138-0013-8000', at: Date.now() + HOUR, message: '会员扣了两次钱，请回电', category: '支付问题', name: '小明',
    context: { searches: ['重复扣费'], bot_transcript: BOT, page_url: 'https://example.com/vip', locale: 'zh-cn' },
    ...overrides,
  };
}
const ask = (body, headers = {}) => t.w.call('/api/v1/callbacks?site=demo', { method: 'POST', body, headers });
const agent = (path) => t.w.call(`/api/v1/agent${path}`, { headers: { authorization: `Bearer ${t.zhao.token}` } });

test('with nobody to chat, a callback is filed as a hotline ticket of the right department with the journey', async () => {
  const fallback = await t.chat.ask({ message: '会员扣了两次钱', category: '支付问题' });
  assert.equal(fallback.json.outcome, 'leave_ticket');
  const wanted = callback();
  const filed = await ask(wanted, { 'idempotency-key': 'callback-1' });
  assert.equal(filed.status, 201, filed.text);
  const ticket = filed.json.ticket;
  assert.equal(ticket.channel, 'hotline');
  assert.equal(ticket.department, 'billing');
  assert.equal(ticket.subject, '会员扣了两次钱，请回电');
  assert.ok(filed.json.requester_token, 'an anonymous caller gets a token to follow the request');

  const retried = await ask(wanted, { 'idempotency-key': 'callback-1' });
  assert.equal(retried.status, 200, 'a retry with the same key files nothing new');
  assert.equal(retried.json.ticket.number, ticket.number);
  assert.equal(retried.json.requester_token, filed.json.requester_token);

  const hotline = await agent('/tickets?channel=hotline');
  assert.deepEqual(hotline.json.tickets.map((x) => x.id), [ticket.id], 'the console finds it by channel, once');
  const seen = await agent(`/tickets/${ticket.id}`);
  assert.deepEqual(seen.json.context.callback, { phone: '+86 138-0013-8000', at: wanted.at });
  assert.deepEqual(seen.json.context.bot_transcript, BOT);
  assert.deepEqual(seen.json.context.searches, ['重复扣费']);
  const mine = await t.w.call('/api/v1/tickets?site=demo', { headers: { 'x-requester-token': filed.json.requester_token } });
  assert.deepEqual(mine.json.tickets.map((x) => x.channel), ['hotline'], 'the requester sees it in My requests');
});

test('bad numbers, times and fields are refused by name and file nothing', async () => {
  const before = (await agent('/tickets?channel=hotline')).json.tickets.length;
  const cases = [
    [{ phone: 'call me' }, 'phone'],
    [{ phone: '12345' }, 'phone'],
    [{ phone: '1'.repeat(21) }, 'phone'],
    [{ at: Date.now() - 2 * HOUR }, 'at'],
    [{ at: Date.now() + 15 * 24 * HOUR }, 'at'],
    [{ message: '   ' }, 'message'],
    [{ category: '彩票' }, 'category'],
    [{ name: 'x'.repeat(101) }, 'name'],
  ];
  for (const [overrides, field] of cases) {
    const refused = await ask(callback(overrides));
    assert.equal(refused.status, 422, `${JSON.stringify(overrides)}: ${refused.text}`);
    assert.equal(refused.json.error.field, field);
  }
  const { phone, ...noPhone } = callback();
  const missing = await ask(noPhone);
  assert.equal(missing.status, 422);
  assert.equal(missing.json.error.field, 'phone');
  const notANumber = await ask(callback({ at: 'tomorrow' }));
  assert.equal(notANumber.status, 422);
  assert.equal(notANumber.json.error.code, 'invalid');
  assert.equal((await agent('/tickets?channel=hotline')).json.tickets.length, before);
});

test('the ticket form cannot book a call by putting one in its context', async () => {
  const sneaky = newTicket({ context: { callback: { phone: '13800138000', at: Date.now() + HOUR } } });
  const filed = await t.w.call('/api/v1/tickets?site=demo', { method: 'POST', body: sneaky });
  assert.equal(filed.status, 201, filed.text);
  const seen = await agent(`/tickets/${filed.json.ticket.id}`);
  assert.equal(seen.json.context.callback, undefined);
});
