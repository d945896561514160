// Inbound mail under workerd, through the local endpoint Email Routing's handler has under
// `wrangler dev` and Miniflare (/cdn-cgi/handler/email): a new mail files a ticket on channel
// `email`; an answer to a notice threads into its ticket (by the signed reply address, or by
// In-Reply-To from the requester); history and signatures are cut; automatic mail, our own mail
// and a redelivery file nothing; a forged reply address files a ticket of its own.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Mailbox, deliverMail } from './support/mailbox.mjs';
import { startWorker } from './support/worker.mjs';

const A = '/api/v1/agent/tickets';
const SUPPORT = 'support@galaxy-video.test';

let w;
let wang;
let mailbox;
before(async () => {
  mailbox = new Mailbox();
  w = await startWorker({ rateLimitScale: 1000, agents: [['Wang Fang', ['general', 'technical', 'billing', 'security']]], log: mailbox });
  [wang] = w.agents;
});
after(() => w?.dispose());

const agent = (path, init = {}) => w.call(path, { ...init, headers: { authorization: `Bearer ${wang.token}`, ...init.headers } });

let sequence = 0;
/** An RFC 5322 message; `headers` adds or overrides lines. */
function message({ from = 'Lin <lin@example.com>', to = SUPPORT, subject = '视频一直缓冲', body = '昨晚开始所有视频都卡在 99%', headers = '' } = {}) {
  sequence += 1;
  return `From: ${from}\r\nTo: ${to}\r\nSubject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=\r\nMessage-ID: <in-${sequence}-${Date.now()}@example.com>\r\nDate: Mon, 7 Dec 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n${headers}\r\n${body}\r\n`;
}

const deliver = (raw, { from = 'lin@example.com', to = SUPPORT } = {}) =>
  deliverMail(w.base, { from, to, raw, dispatch: (url, init) => w.mf.dispatchFetch(url, init) });

async function rows(sql, ...binds) {
  const db = await w.mf.getD1Database('DB');
  return (await db.prepare(sql).bind(...binds).all()).results;
}

describe('a new mail', () => {
  test('files a ticket on channel email, triaged and routed, with the sender as requester', async () => {
    const raw = message({ from: '林 <new@example.com>', subject: '账号被盗了', body: '我的账号被别人登录了，绑定手机也被改了\r\n\r\n发自我的iPhone' });
    const r = await deliver(raw, { from: 'new@example.com' });
    assert.equal(r.status, 200, r.text);
    const [row] = await rows("SELECT id, channel, email, name, subject, description, department, locale FROM tickets WHERE email = 'new@example.com'");
    assert.deepEqual({ ...row, id: undefined }, {
      id: undefined, channel: 'email', email: 'new@example.com', name: '林', subject: '账号被盗了',
      description: '我的账号被别人登录了，绑定手机也被改了', department: 'security', locale: 'zh-cn',
    });
    // Delivered again (Email Routing retries): nothing filed twice.
    assert.equal((await deliver(raw, { from: 'new@example.com' })).status, 200);
    assert.equal((await rows("SELECT id FROM tickets WHERE email = 'new@example.com'")).length, 1);
  });

  test('automatic replies, lists, bounces and our own mail file nothing', async () => {
    const before = (await rows('SELECT COUNT(*) AS n FROM tickets'))[0].n;
    for (const headers of ['Auto-Submitted: auto-replied\r\n', 'Precedence: bulk\r\n', 'X-Autoreply: yes\r\n', 'List-Id: <news.example.com>\r\n']) {
      assert.equal((await deliver(message({ from: 'auto@example.com', headers }), { from: 'auto@example.com' })).status, 200);
    }
    // One of our own notices coming back (a requester's server forwards it): its Message-ID is ours.
    const ours = message({ from: 'forwarder@example.com' }).replace(/Message-ID: <[^>]+>/, `Message-ID: <m.${'a'.repeat(32)}@galaxy-video.test>`);
    assert.equal((await deliver(ours, { from: 'forwarder@example.com' })).status, 200);
    assert.equal((await deliver(message({ from: `Us <${SUPPORT}>` }), { from: SUPPORT })).status, 200);
    assert.equal((await rows('SELECT COUNT(*) AS n FROM tickets'))[0].n, before);
  });

  test('mail to another address is refused, and an oversized one too', async () => {
    const elsewhere = await deliver(message({ to: 'sales@galaxy-video.test' }), { to: 'sales@galaxy-video.test' });
    assert.equal(elsewhere.status, 400);
    assert.match(elsewhere.text, /Worker rejected email with the following reason: no such mailbox/);
    const big = message({ body: 'x'.repeat(1024 * 1024 - 2000) + '\r\n' + 'y'.repeat(3000) });
    const refused = await deliver(big);
    // Miniflare's own 1 MiB cap for local testing and ours agree: it never reaches the desk.
    assert.notEqual(refused.status, 200);
  });
});

describe('an answer to a notice', () => {
  async function notified(email) {
    const filed = await w.call('/api/v1/tickets?site=demo', {
      method: 'POST',
      body: { subject: 'Video keeps buffering', description: 'since last night', category: 'Video playback', channel: 'web', email, name: 'Lin', context: { locale: 'en-us' } },
    });
    assert.equal(filed.status, 201, filed.text);
    const id = filed.json.ticket.id;
    const reply = await agent(`${A}/${id}/replies`, { method: 'POST', body: { text: 'Please clear the cache.' } });
    assert.equal(reply.status, 200);
    const deadline = Date.now() + 5_000;
    while (mailbox.to(email).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const [mail] = mailbox.to(email);
    assert.ok(mail, 'the notice went out');
    return { id, mail };
  }

  const answer = (mail, { from, to, body, threading = true }) => message({
    from, to, subject: `Re: ${mail.header('subject')}`, body,
    headers: threading ? `In-Reply-To: ${mail.header('message-id')}\r\nReferences: ${mail.header('references')} ${mail.header('message-id')}\r\n` : '',
  });

  test('to the signed reply address threads into the ticket, history and signature cut', async () => {
    const { id, mail } = await notified('thread@example.com');
    const replyTo = /<?([^<>\s]+@galaxy-video\.test)>?/.exec(mail.header('reply-to'))[1];
    const body = 'Cleared it, still buffering.\r\n-- \r\nLin\r\n\r\nOn Mon, 7 Dec 2026, Galaxy Video wrote:\r\n> Please clear the cache.';
    const r = await deliver(answer(mail, { from: 'thread@example.com', to: replyTo, body, threading: false }), { from: 'thread@example.com', to: replyTo });
    assert.equal(r.status, 200, r.text);
    const t = await agent(`${A}/${id}`);
    const last = t.json.ticket.events.filter((e) => e.type === 'message').pop();
    assert.equal(last.text, 'Cleared it, still buffering.');
    assert.equal(last.actor.kind, 'requester');
    assert.equal((await rows("SELECT COUNT(*) AS n FROM tickets WHERE email = 'thread@example.com'"))[0].n, 1);
  });

  test('to the plain support address threads by In-Reply-To only from the requester', async () => {
    const { id, mail } = await notified('headers@example.com');
    const mine = await deliver(answer(mail, { from: 'headers@example.com', to: SUPPORT, body: 'Thanks, that fixed it.' }), { from: 'headers@example.com' });
    assert.equal(mine.status, 200);
    const t = await agent(`${A}/${id}`);
    assert.equal(t.json.ticket.events.filter((e) => e.type === 'message').pop().text, 'Thanks, that fixed it.');
    // A stranger who copies the headers files a request of their own.
    await deliver(answer(mail, { from: 'stranger@example.com', to: SUPPORT, body: 'Let me in.' }), { from: 'stranger@example.com' });
    assert.equal((await rows("SELECT COUNT(*) AS n FROM tickets WHERE email = 'stranger@example.com'"))[0].n, 1);
    const after = await agent(`${A}/${id}`);
    assert.ok(!after.json.ticket.events.some((e) => e.text === 'Let me in.'));
  });

  test('a forged reply address files a new ticket instead of writing into another', async () => {
    const { id, mail } = await notified('forged@example.com');
    const replyTo = /<?([^<>\s]+@galaxy-video\.test)>?/.exec(mail.header('reply-to'))[1];
    const forged = replyTo.replace(/\.([0-9a-f]{20})@/, (_, sig) => `.${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}@`);
    await deliver(answer(mail, { from: 'attacker@example.com', to: forged, body: 'Forged words.', threading: false }), { from: 'attacker@example.com', to: forged });
    const t = await agent(`${A}/${id}`);
    assert.ok(!t.json.ticket.events.some((e) => e.text === 'Forged words.'));
    const [own] = await rows("SELECT channel, description FROM tickets WHERE email = 'attacker@example.com'");
    assert.deepEqual(own, { channel: 'email', description: 'Forged words.' });
  });
});

describe('malformed mail', () => {
  test('never files or fails the worker', async () => {
    const before = (await rows('SELECT COUNT(*) AS n FROM tickets'))[0].n;
    for (const raw of [
      'Message-ID: <x1@example.com>\r\nFrom: Just A Name\r\n\r\nhello',
      'Message-ID: <x2@example.com>\r\nFrom: a@example.com\r\nContent-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\n--zz--',
      'Message-ID: <x3@example.com>\r\nFrom: a@example.com\r\nSubject: =?UTF-8?B?broken\r\n\r\n',
    ]) {
      const r = await deliver(raw, { from: 'a@example.com' });
      assert.ok(r.status === 200 || r.status === 400, `${r.status} ${r.text}`);
    }
    const health = await w.call('/api/v1/health');
    assert.equal(health.status, 200);
    assert.equal((await rows('SELECT COUNT(*) AS n FROM tickets'))[0].n, before);
  });
});
