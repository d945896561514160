// The email channel's outbound side under workerd, with Miniflare's own send_email simulation
// (each sent message kept as an .eml file): a mail per agent reply and per solve, in the
// ticket's language, with signed links that restore the requester's access, answer "still
// solved?" and unsubscribe; a burst of replies as one mail; retries that never mail twice.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Mailbox, linksIn } from './support/mailbox.mjs';
import { newTicket, startWorker } from './support/worker.mjs';

const A = '/api/v1/agent/tickets';
const MINUTE = 60_000;

let w;
let zhao;
let admin;
let mailbox;
before(async () => {
  mailbox = new Mailbox();
  w = await startWorker({ rateLimitScale: 1000, agents: [['Zhao Min', ['technical', 'billing']], ['Admin', 'general', ['admin']]], log: mailbox });
  [zhao, admin] = w.agents;
});
after(() => w?.dispose());

const as = (agent) => ({ authorization: `Bearer ${agent.token}` });

/** Files an anonymous ticket with an email address; returns its id and the requester's token. */
async function file(email, overrides = {}) {
  const r = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket({ email, name: '林', ...overrides }) });
  assert.equal(r.status, 201, r.text);
  return { id: r.json.ticket.id, number: r.json.ticket.number, token: r.json.requester_token };
}

async function agentReply(id, text) {
  const r = await w.call(`${A}/${id}/replies`, { method: 'POST', headers: as(zhao), body: { text } });
  assert.equal(r.status, 200, r.text);
}

/** Waits until `count` mails to `address` arrived (the pass runs after the agent's answer). */
async function mailsTo(address, count, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (mailbox.to(address).length >= count) return mailbox.to(address);
    await new Promise((r) => setTimeout(r, 50));
  }
  return mailbox.to(address);
}

async function rows(sql, ...binds) {
  const db = await w.mf.getD1Database('DB');
  return (await db.prepare(sql).bind(...binds).all()).results;
}

/** The path and query of a link, on the worker under test. */
const local = (link) => { const u = new URL(link); return `${u.pathname}${u.search}`; };
const accessOf = (mail) => decodeURIComponent(/#hw-access=([^\s]+)/.exec(mail.text)[1]);

describe('a reply mails the requester', () => {
  test('one mail in Chinese with the reply, threading headers and a link that opens the ticket anywhere', async () => {
    const t = await file('reply@example.com');
    await agentReply(t.id, '请清除缓存后重试');
    const [mail, extra] = await mailsTo('reply@example.com', 1);
    assert.equal(extra, undefined);
    assert.equal(mail.header('subject'), `[星河视频 Galaxy Video] 您的工单 #${t.number} 有新回复：视频一直缓冲`);
    assert.match(mail.header('from'), /support@galaxy-video\.test/);
    assert.match(mail.header('reply-to'), new RegExp(`support\\+${t.id}\\.[0-9a-f]{20}@galaxy-video\\.test`));
    assert.match(mail.header('message-id'), /^<m\.[0-9a-f]{32}@galaxy-video\.test>$/);
    assert.equal(mail.header('in-reply-to'), `<t.${t.id}@galaxy-video.test>`);
    assert.equal(mail.header('auto-submitted'), 'auto-generated');
    assert.match(mail.header('list-unsubscribe'), /^<http:\/\/127\.0\.0\.1:8787\/api\/v1\/mail\/unsubscribe\?link=u\./);
    assert.equal(mail.header('list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
    assert.ok(mail.text.includes('林，您好') && mail.text.includes('Zhao Min:\n请清除缓存后重试'), mail.text);
    assert.ok(mail.html.includes('请清除缓存后重试') && mail.html.includes('lang="zh-CN"'));
    assert.ok(linksIn(mail).some((l) => l.startsWith('http://127.0.0.1:8787/app?locale=zh-CN#hw-access=a.')));

    // A fresh browser has only the link: it trades it for the requester's token.
    const access = await w.call('/api/v1/mail/access', { method: 'POST', body: { link: accessOf(mail) } });
    assert.equal(access.status, 200, access.text);
    assert.deepEqual(access.json, { ticket_id: t.id, site: 'demo', locale: 'zh-cn', requester_token: t.token });
    const read = await w.call(`/api/v1/tickets/${t.id}?site=demo`, { headers: { 'x-requester-token': access.json.requester_token } });
    assert.equal(read.status, 200);
  });

  test('notes, the requester\'s own words and a ticket without an address mail nobody', async () => {
    const t = await file('quiet@example.com');
    const note = await w.call(`${A}/${t.id}/notes`, { method: 'POST', headers: as(zhao), body: { text: 'internal' } });
    assert.equal(note.status, 200);
    const own = await w.call(`/api/v1/tickets/${t.id}/messages?site=demo`, { method: 'POST', headers: { 'x-requester-token': t.token }, body: { text: 'any news?' } });
    assert.equal(own.status, 200);
    const silent = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket() });
    await agentReply(silent.json.ticket.id, 'hello');
    await w.sweep(Date.now());
    assert.equal(mailbox.to('quiet@example.com').length, 0);
    assert.equal((await rows('SELECT * FROM mail_events WHERE ticket_id = ?', silent.json.ticket.id)).length, 0);
  });

  test('a forged, altered or unknown link opens nothing', async () => {
    const t = await file('forged@example.com');
    await agentReply(t.id, 'hi');
    const [mail] = await mailsTo('forged@example.com', 1);
    const link = accessOf(mail);
    for (const bad of [link.slice(0, -1) + (link.endsWith('0') ? '1' : '0'), link.replace(/^a\./, 'u.'), 'a.ffffffffffffffffffffffffffffffff.0.99999999999999.00', 'nonsense']) {
      const r = await w.call('/api/v1/mail/access', { method: 'POST', body: { link: bad } });
      assert.equal(r.status, 403, bad);
      assert.equal(r.json.error.code, 'forbidden');
    }
    const unsubscribeAsAccess = linksIn(mail).find((l) => l.includes('/unsubscribe?'));
    const r = await w.call('/api/v1/mail/access', { method: 'POST', body: { link: new URL(unsubscribeAsAccess).searchParams.get('link') } });
    assert.equal(r.status, 403, 'an unsubscribe link opens no ticket');
  });
});

describe('the launcher\'s badge', () => {
  test('last-answer says when an agent last answered the caller\'s tickets, and only theirs', async () => {
    const t = await file('badge@example.com');
    const mine = { 'x-requester-token': t.token };
    const before = await w.call('/api/v1/tickets/last-answer?site=demo', { headers: mine });
    assert.equal(before.status, 200);
    assert.deepEqual(before.json, { last_answer_at: null });
    const note = await w.call(`${A}/${t.id}/notes`, { method: 'POST', headers: as(zhao), body: { text: 'internal' } });
    assert.equal(note.status, 200);
    assert.deepEqual((await w.call('/api/v1/tickets/last-answer?site=demo', { headers: mine })).json, { last_answer_at: null }, 'a note is no answer');
    const sent = Date.now();
    await agentReply(t.id, 'answered');
    const after = await w.call('/api/v1/tickets/last-answer?site=demo', { headers: mine });
    assert.ok(after.json.last_answer_at >= sent - 1000, JSON.stringify(after.json));
    const other = await file('other@example.com');
    assert.deepEqual((await w.call('/api/v1/tickets/last-answer?site=demo', { headers: { 'x-requester-token': other.token } })).json, { last_answer_at: null });
    assert.equal((await w.call('/api/v1/tickets/last-answer?site=demo')).status, 401);
  });
});

describe('a burst of replies', () => {
  test('replies within a minute of a mail wait for the minute and go as one; passes again send nothing twice', async () => {
    const t = await file('burst@example.com');
    await agentReply(t.id, 'first');
    assert.equal((await mailsTo('burst@example.com', 1)).length, 1);
    await agentReply(t.id, 'second');
    await agentReply(t.id, 'third');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(mailbox.to('burst@example.com').length, 1, 'held back by the throttle');
    const [held] = await rows('SELECT COUNT(*) AS n FROM mail_events WHERE ticket_id = ? AND mail_id IS NULL', t.id);
    assert.equal(held.n, 2);

    const later = Date.now() + MINUTE + 1_000;
    await w.sweep(later);
    await w.sweep(later);
    await w.sweep(later + 10 * MINUTE);
    const mails = await mailsTo('burst@example.com', 2);
    assert.equal(mails.length, 2);
    assert.ok(mails[1].text.includes('second') && mails[1].text.includes('third') && !mails[1].text.includes('first'), mails[1].text);
    const sent = await rows('SELECT status, attempts, mime FROM mails WHERE ticket_id = ?', t.id);
    assert.deepEqual(sent, [{ status: 'sent', attempts: 1, mime: null }, { status: 'sent', attempts: 1, mime: null }]);
    // What the console shows: both, newest first, sent.
    const log = await w.call(`${A}/${t.id}/mails`, { headers: as(zhao) });
    assert.equal(log.status, 200);
    assert.deepEqual(log.json.mails.map((m) => [m.kind, m.status, m.recipient, m.attempts]), [['reply', 'sent', 'burst@example.com', 1], ['reply', 'sent', 'burst@example.com', 1]]);
    assert.ok(log.json.mails[0].created_at >= log.json.mails[1].created_at);
  });
});

describe('an erased address', () => {
  test('replies held by the throttle mail nobody once the requester\'s data is erased, and the links sent stop working', async () => {
    const t = await file('erased@example.com');
    await agentReply(t.id, 'first');
    const [mail] = await mailsTo('erased@example.com', 1);
    assert.equal((await w.call('/api/v1/mail/access', { method: 'POST', body: { link: accessOf(mail) } })).status, 200);
    await agentReply(t.id, 'second');
    const erased = await w.call('/api/v1/requesters/erase', { method: 'POST', headers: as(admin), body: { requester: { kind: 'of_ticket', ticket_id: t.id }, messages: false } });
    assert.equal(erased.status, 200, erased.text);
    await w.sweep(Date.now() + 2 * MINUTE);
    assert.equal(mailbox.to('erased@example.com').length, 1);
    assert.deepEqual(await rows('SELECT event_seq FROM mail_events WHERE ticket_id = ? AND mail_id IS NULL', t.id), []);
    assert.equal((await w.call('/api/v1/mail/access', { method: 'POST', body: { link: accessOf(mail) } })).status, 403, 'erasure revokes the links');
    const [kept] = (await w.call(`${A}/${t.id}/mails`, { headers: as(zhao) })).json.mails;
    assert.deepEqual([kept.kind, kept.status, kept.recipient, kept.subject], ['reply', 'sent', '', '']);
  });
});

describe('solved', () => {
  test('an English ticket gets "still solved?" with two links; "no" reopens it on its own page', async () => {
    const t = await file('solved@example.com', { context: { ...newTicket().context, locale: 'en-us' }, subject: 'Video keeps buffering' });
    const solve = await w.call(`${A}/${t.id}`, { method: 'PATCH', headers: as(zhao), body: { status: 'solved' } });
    assert.equal(solve.status, 200, solve.text);
    const [mail] = await mailsTo('solved@example.com', 1);
    assert.equal(mail.header('subject'), `[星河视频 Galaxy Video] Your request #${t.number} is solved: Video keeps buffering`);
    assert.ok(mail.text.includes('Did that solve it?'), mail.text);
    const yes = linksIn(mail).find((l) => l.includes('/follow-up?link=y.'));
    const no = linksIn(mail).find((l) => l.includes('/follow-up?link=n.'));
    assert.ok(yes && no, mail.text);

    // Following the link changes nothing (mail scanners follow links); the button does.
    const page = await w.call(local(no), {});
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type'), /text\/html/);
    assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
    assert.ok(page.text.includes(`Request #${t.number} is not solved?`) && page.text.includes('<form method="post"'));
    const still = await w.call(`/api/v1/tickets/${t.id}?site=demo`, { headers: { 'x-requester-token': t.token } });
    assert.equal(still.json.status, 'solved');

    const reopen = await w.call(local(no), { method: 'POST', raw: 'comment=Still+buffering', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(reopen.status, 200, reopen.text);
    assert.ok(reopen.text.includes('is open again'));
    const now = await w.call(`/api/v1/tickets/${t.id}?site=demo`, { headers: { 'x-requester-token': t.token } });
    assert.equal(now.json.status, 'open');
    assert.ok(now.json.events.some((e) => e.type === 'message' && e.text === 'Still buffering'));
  });

  test('"yes" keeps it solved', async () => {
    const t = await file('yes@example.com');
    await w.call(`${A}/${t.id}`, { method: 'PATCH', headers: as(zhao), body: { status: 'solved' } });
    const [mail] = await mailsTo('yes@example.com', 1);
    assert.ok(mail.text.includes('问题解决了吗？'));
    const yes = linksIn(mail).find((l) => l.includes('/follow-up?link=y.'));
    const r = await w.call(local(yes), { method: 'POST', raw: '', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(r.status, 200);
    assert.ok(r.text.includes('保持已解决'));
    const now = await w.call(`/api/v1/tickets/${t.id}?site=demo`, { headers: { 'x-requester-token': t.token } });
    assert.equal(now.json.status, 'solved');
  });
});

describe('unsubscribe', () => {
  test('the page confirms, the one-click POST stops every later mail about the ticket', async () => {
    const t = await file('unsub@example.com');
    await agentReply(t.id, 'one');
    const [mail] = await mailsTo('unsub@example.com', 1);
    const link = new URL(mail.header('list-unsubscribe').replace(/^<|>$/g, ''));
    const page = await w.call(`${link.pathname}${link.search}`, {});
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`不再接收工单 #${t.number} 的邮件？`));
    const oneClick = await w.call(`${link.pathname}${link.search}`, { method: 'POST', raw: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(oneClick.status, 200);
    const again = await w.call(`${link.pathname}${link.search}`, { method: 'POST', raw: '' });
    assert.equal(again.status, 200, 'saying it twice is fine');
    await agentReply(t.id, 'two');
    await w.sweep(Date.now() + 2 * MINUTE);
    assert.equal(mailbox.to('unsub@example.com').length, 1);
    const broken = await w.call('/api/v1/mail/unsubscribe?link=u.x.0.1.00', {});
    assert.equal(broken.status, 403);
  });
});

describe('a failing send', () => {
  test('is retried with backoff, keeps its reason, and is given up after the last attempt', async () => {
    const failing = new Mailbox();
    // The binding refuses every recipient but one: Miniflare's simulation then throws, as the
    // platform does for an unverified destination.
    const f = await startWorker({ agents: [['Qian', 'technical']], log: failing, miniflare: { email: { send_email: [{ name: 'EMAIL', allowed_destination_addresses: ['only@example.com'] }] } } });
    try {
      const filed = await f.call('/api/v1/tickets?site=demo', { method: 'POST', body: newTicket({ email: 'bounce@example.com' }) });
      const id = filed.json.ticket.id;
      const reply = await f.call(`${A}/${id}/replies`, { method: 'POST', headers: { authorization: `Bearer ${f.agents[0].token}` }, body: { text: 'hi' } });
      assert.equal(reply.status, 200);
      const db = await f.mf.getD1Database('DB');
      const mail = async () => (await db.prepare('SELECT status, attempts, last_error, next_attempt_at FROM mails WHERE ticket_id = ?').bind(id).all()).results;
      let deadline = Date.now() + 5_000;
      while ((await mail()).length === 0 || (await mail())[0].attempts === 0) {
        assert.ok(Date.now() < deadline, 'the first attempt happens after the reply');
        await new Promise((r) => setTimeout(r, 50));
      }
      let [row] = await mail();
      assert.equal(row.status, 'queued');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error, /not allowed/);
      // Backoff: a pass before the next attempt is due sends nothing.
      await f.sweep(Date.now() + 30_000);
      assert.equal((await mail())[0].attempts, 1);
      let time = Date.now();
      for (let attempt = 2; attempt <= 6; attempt++) {
        time = (await mail())[0].next_attempt_at + 1;
        await f.sweep(time);
        assert.equal((await mail())[0].attempts, attempt);
      }
      [row] = await mail();
      assert.equal(row.status, 'failed');
      const log = await f.call(`${A}/${id}/mails`, { headers: { authorization: `Bearer ${f.agents[0].token}` } });
      assert.equal(log.json.mails[0].status, 'failed');
      assert.match(log.json.mails[0].last_error, /not allowed/);
      await f.sweep(time + 24 * 60 * MINUTE);
      assert.equal((await mail())[0].attempts, 6, 'a failed mail is not tried again');
      assert.equal(failing.sent.length, 0);
    } finally {
      await f.dispose();
    }
  });
});
