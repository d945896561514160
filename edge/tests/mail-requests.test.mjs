// Mails the requester asks for or a booking confirms, under workerd with Miniflare's send_email
// simulation: a chat's transcript at the end of the chat (once per chat, only for its requester,
// only once it ended), a booked callback's time on the requester's clock, the site's mail
// settings (which kinds go, its own wording, validated with JSON errors, admins only, audited),
// and an agent revoking a ticket's mail links.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Mailbox, linksIn } from './support/mailbox.mjs';
import { startWorker } from './support/worker.mjs';
import { chatClient } from './support/chat.mjs';

const HOUR = 60 * 60 * 1000;
let w;
let chat;
let li;
let admin;
let mailbox;
before(async () => {
  mailbox = new Mailbox();
  w = await startWorker({ rateLimitScale: 1000, agents: [['Li Wei', 'general'], ['Admin', 'billing', ['admin']]], log: mailbox });
  chat = chatClient(w);
  [li, admin] = w.agents;
});
after(() => w?.dispose());

const as = (agent) => ({ authorization: `Bearer ${agent.token}` });

/** Runs sweeps until `count` mails to `address` arrived (a transcript waits for the chat's log). */
async function mailsTo(address, count, timeoutMs = 8_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (mailbox.to(address).length >= count) return mailbox.to(address);
    await w.sweep(Date.now());
    await new Promise((r) => setTimeout(r, 100));
  }
  return mailbox.to(address);
}

const transcript = (chatId, email, headers) => w.call(`/api/v1/chats/${chatId}/transcript?site=demo`, { method: 'POST', body: { email }, headers });

describe('the chat transcript', () => {
  let liDesk;
  before(async () => { liDesk = await chat.desk(li, 5); });
  after(() => liDesk?.close());

  test('asked for at the end of a chat, it is mailed once, with every line, to the address given', async () => {
    const asked = await chat.ask({ message: '会员自动续费怎么关', name: '小明' });
    assert.equal(asked.status, 201, asked.text);
    const headers = { 'x-requester-token': asked.json.requester_token };
    const user = (await chat.join(asked.json.chat_id, { token: asked.json.requester_token })).peer;
    const agent = (await chat.enter(li, asked.json.chat_id)).peer;
    agent.send({ type: 'message', client_id: 'a-1', text: '在“我的-会员”里关闭即可 <b>' });
    await user.next('message', (m) => m.text.startsWith('在'));

    const early = await transcript(asked.json.chat_id, 'ming@example.com', headers);
    assert.equal(early.status, 409, 'a chat that goes on has no transcript yet');
    user.send({ type: 'end' });
    await user.next('ended');

    const bad = await transcript(asked.json.chat_id, 'not-an-address', headers);
    assert.equal(bad.status, 422);
    assert.deepEqual([bad.json.error.code, bad.json.error.field], ['invalid', 'email']);
    const stranger = await transcript(asked.json.chat_id, 'x@example.com', { 'x-requester-token': 'f'.repeat(64) });
    assert.ok([401, 403].includes(stranger.status), stranger.text);

    const queued = await transcript(asked.json.chat_id, ' ming@example.com ', headers);
    assert.equal(queued.status, 202, queued.text);
    assert.deepEqual(queued.json, { email: 'ming@example.com' });
    const again = await transcript(asked.json.chat_id, 'other@example.com', headers);
    assert.equal(again.status, 200, 'asking twice queues nothing more');

    const [mail, extra] = await mailsTo('ming@example.com', 1);
    assert.ok(mail, 'the transcript arrives');
    assert.equal(extra, undefined);
    assert.match(mail.header('subject'), /^\[星河视频 Galaxy Video\] 您与客服的聊天记录（工单 #\d+）$/);
    assert.ok(mail.text.includes('您:\n会员自动续费怎么关'), mail.text);
    assert.ok(mail.text.includes('Li Wei:\n在“我的-会员”里关闭即可 <b>'), mail.text);
    assert.ok(mail.html.includes('关闭即可 &lt;b&gt;'));
    assert.ok(linksIn(mail).some((l) => l.includes('#hw-access=a.')), 'it carries the link back into the ticket');
    assert.match(mail.header('list-unsubscribe'), /\/api\/v1\/mail\/unsubscribe\?link=u\./);

    await w.sweep(Date.now() + HOUR);
    assert.equal(mailbox.to('ming@example.com').length, 1, 'later passes send nothing twice');
    assert.equal(mailbox.to('other@example.com').length, 0);
    const log = await w.call(`/api/v1/agent/tickets/${asked.json.ticket_id}/mails`, { headers: as(li) });
    assert.deepEqual(log.json.mails.map((m) => [m.kind, m.status, m.recipient]), [['transcript', 'sent', 'ming@example.com']]);
    await agent.close();
    await user.close();
  });
});

describe('a booked callback', () => {
  test('is confirmed by mail in the requester\'s language, at the time their clock shows', async () => {
    // 15 minutes past a whole hour, a day ahead: 01:15 UTC is 09:15 at UTC+8.
    const at = Math.floor(Date.now() / HOUR) * HOUR + 24 * HOUR + 15 * 60_000;
    const local = new Date(at + 8 * HOUR);
    const pad = (n) => String(n).padStart(2, '0');
    const expected = `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${pad(local.getUTCHours())}:15（UTC+8）`;
    const body = { phone: '+86 138-0013-8000', at, utc_offset_minutes: 480, message: '请回电', category: '账号管理', email: 'call@example.com', context: { locale: 'zh-cn' } };
    const booked = await w.call('/api/v1/callbacks?site=demo', { method: 'POST', body, headers: { 'idempotency-key': 'cb-mail-1' } });
    assert.equal(booked.status, 201, booked.text);
    const retried = await w.call('/api/v1/callbacks?site=demo', { method: 'POST', body, headers: { 'idempotency-key': 'cb-mail-1' } });
    assert.equal(retried.status, 200);
    const [mail, extra] = await mailsTo('call@example.com', 1);
    assert.ok(mail, 'the confirmation arrives');
    assert.equal(extra, undefined, 'a retried booking confirms once');
    assert.equal(mail.header('subject'), `[星河视频 Galaxy Video] 已为您预约回电：${expected}`);
    assert.ok(mail.text.includes(`我们将于 ${expected} 致电 +86 138-0013-8000`), mail.text);

    const zone = await w.call('/api/v1/callbacks?site=demo', { method: 'POST', body: { ...body, utc_offset_minutes: 900 } });
    assert.equal(zone.status, 422);
    assert.equal(zone.json.error.field, 'utc_offset_minutes');
    const silent = await w.call('/api/v1/callbacks?site=demo', { method: 'POST', body: { ...body, email: null } });
    assert.equal(silent.status, 201, 'no address, no mail');
  });
});

describe('mail settings', () => {
  const settings = (body, agent = admin) => w.call('/api/v1/mail/settings', { method: body ? 'PUT' : 'GET', body, headers: as(agent) });

  test('an admin reads the defaults, and bad settings are refused by field, storing nothing', async () => {
    const defaults = await settings();
    assert.equal(defaults.status, 200, defaults.text);
    assert.deepEqual(defaults.json, {
      settings: { support_address: null, sender_name: null, events: ['reply', 'solved', 'transcript', 'callback'], wording: [] },
      configured_address: 'support@galaxy-video.test',
    });
    assert.equal((await settings(undefined, li)).status, 403, 'agents do not change mail settings');
    for (const [body, field] of [
      [{ support_address: 'support+x@galaxy-video.test', events: [] }, 'support_address'],
      [{ sender_name: 'a\nBcc: x@example.com', events: [] }, 'sender_name'],
      [{ events: ['reply', 'reply'] }, 'events.1'],
      [{ events: [], wording: [{ kind: 'reply', locale: 'fr-fr', subject: 'x' }] }, 'wording.0.locale'],
      [{ events: [], wording: [{ kind: 'reply', locale: 'en-us', subject: 'Re {tciket}' }] }, 'wording.0.subject'],
    ]) {
      const r = await settings(body);
      assert.equal(r.status, 422, JSON.stringify(body));
      assert.deepEqual([r.json.error.code, r.json.error.field], ['invalid', field]);
    }
    const notJson = await w.call('/api/v1/mail/settings', { method: 'PUT', raw: '{', headers: { ...as(admin), 'content-type': 'application/json' } });
    assert.equal(notJson.status, 400);
    assert.deepEqual((await settings()).json, defaults.json, 'nothing was stored');
  });

  test('the sender name, wording and events are used by the outbox; a kind turned off mails nothing', async () => {
    const saved = await settings({
      sender_name: '星河客服中心',
      events: ['reply', 'callback'],
      wording: [{ kind: 'reply', locale: 'zh-cn', subject: '工单 {number} 有新消息', intro: '{name}的工单「{subject}」有回复：' }],
    });
    assert.equal(saved.status, 200, saved.text);
    assert.equal(saved.json.settings.sender_name, '星河客服中心');
    const filed = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: { subject: '视频一直缓冲', description: '昨晚开始', category: '账号管理', channel: 'web', name: '林', email: 'worded@example.com' } });
    assert.equal(filed.status, 201, filed.text);
    const { id, number } = filed.json.ticket;
    const reply = await w.call(`/api/v1/agent/tickets/${id}/replies`, { method: 'POST', headers: as(admin), body: { text: '已处理' } });
    assert.equal(reply.status, 200, reply.text);
    const [mail] = await mailsTo('worded@example.com', 1);
    assert.equal(mail.header('subject'), `[星河客服中心] 工单 ${number} 有新消息`);
    assert.match(mail.header('from'), /星河客服中心.*support@galaxy-video\.test/);
    assert.ok(mail.text.includes('林的工单「视频一直缓冲」有回复：'), mail.text);
    const solved = await w.call(`/api/v1/agent/tickets/${id}`, { method: 'PATCH', headers: as(admin), body: { status: 'solved' } });
    assert.equal(solved.status, 200);
    await w.sweep(Date.now() + 2 * 60_000);
    assert.equal(mailbox.to('worded@example.com').length, 1, 'solved is off: no mail');
    const audit = await w.call('/api/v1/audit', { headers: as(admin) });
    assert.ok(audit.json.entries.some((e) => e.action === 'mail_settings_changed' && e.detail.events === 'reply, solved, transcript, callback → reply, callback'), JSON.stringify(audit.json.entries[0]));
    assert.equal((await settings({ events: ['reply', 'solved', 'transcript', 'callback'] })).status, 200);
  });
});

describe('revoking a ticket\'s mail links', () => {
  test('an agent revokes them: links sent before stop working, it is audited, later mails carry working ones', async () => {
    const filed = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: { subject: '登录不了', description: '密码不对', category: '账号管理', channel: 'web', email: 'revoke@example.com' } });
    const { id } = filed.json.ticket;
    await w.call(`/api/v1/agent/tickets/${id}/replies`, { method: 'POST', headers: as(li), body: { text: '第一次' } });
    const [first] = await mailsTo('revoke@example.com', 1);
    const linkOf = (mail) => decodeURIComponent(/#hw-access=([^\s]+)/.exec(mail.text)[1]);
    assert.equal((await w.call('/api/v1/mail/access', { method: 'POST', body: { link: linkOf(first) } })).status, 200);

    const revoked = await w.call(`/api/v1/agent/tickets/${id}/mail-links/revoke`, { method: 'POST', headers: as(li) });
    assert.equal(revoked.status, 200, revoked.text);
    assert.equal(revoked.json.mails.length, 1);
    assert.equal((await w.call('/api/v1/mail/access', { method: 'POST', body: { link: linkOf(first) } })).status, 403);
    assert.equal((await w.call(`/api/v1/agent/tickets/${'0'.repeat(32)}/mail-links/revoke`, { method: 'POST', headers: as(li) })).status, 404);

    await w.sweep(Date.now() + 2 * 60_000);
    await w.call(`/api/v1/agent/tickets/${id}/replies`, { method: 'POST', headers: as(li), body: { text: '第二次' } });
    await w.sweep(Date.now() + 4 * 60_000);
    const [, second] = await mailsTo('revoke@example.com', 2);
    assert.ok(second, 'a later mail goes');
    assert.equal((await w.call('/api/v1/mail/access', { method: 'POST', body: { link: linkOf(second) } })).status, 200);
    const audit = await w.call('/api/v1/audit', { headers: as(admin) });
    assert.ok(audit.json.entries.some((e) => e.action === 'mail_links_revoked' && e.target === id && e.actor_name === 'Li Wei'));
  });
});
