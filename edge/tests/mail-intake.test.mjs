// What inbound mail may bring, under workerd through the local email endpoint: senders the site
// does not know file at most MAIL_UNKNOWN_SENDER_TICKETS new tickets an hour (the rest bounce
// with the reason, known senders are never limited); a real multipart mail's files are kept in
// the private R2 bucket when their bytes are an allowed type within the caps, dropped with a
// note to the agents otherwise, and downloaded only with an agent's credentials.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Mailbox, deliverMail } from './support/mailbox.mjs';
import { startWorker } from './support/worker.mjs';

const SUPPORT = 'support@galaxy-video.test';
const LIMIT = 4;

let w;
let wang;
let outsider;
let admin;
before(async () => {
  w = await startWorker({
    rateLimitScale: 1000,
    vars: { MAIL_UNKNOWN_SENDER_TICKETS: String(LIMIT) },
    agents: [['Wang Fang', ['general', 'technical', 'billing', 'security']], ['Qian', 'billing'], ['Admin', 'general', ['admin']]],
    log: new Mailbox(),
  });
  [wang, outsider, admin] = w.agents;
});
after(() => w?.dispose());

const as = (agent) => ({ authorization: `Bearer ${agent.token}` });
let sequence = 0;
const id = () => `<intake-${(sequence += 1)}-${Date.now()}@example.com>`;

function plain(from, body = '视频一直缓冲，怎么办') {
  return `From: ${from}\r\nTo: ${SUPPORT}\r\nSubject: help\r\nMessage-ID: ${id()}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`;
}

/** A multipart/mixed mail with a text part and `files` ([name, type, bytes]), base64 as clients send. */
function multipart(from, files) {
  const parts = files.map(([name, type, bytes]) =>
    `--b1\r\nContent-Type: ${type}; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n`);
  return `From: ${from}\r\nTo: ${SUPPORT}\r\nSubject: screenshot\r\nMessage-ID: ${id()}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n`
    + `--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe app crashes, screenshots attached.\r\n${parts.join('')}--b1--\r\n`;
}

const deliver = (raw, from) => deliverMail(w.base, { from, to: SUPPORT, raw, dispatch: (url, init) => w.mf.dispatchFetch(url, init) });

async function rows(sql, ...binds) {
  const db = await w.mf.getD1Database('DB');
  return (await db.prepare(sql).bind(...binds).all()).results;
}

describe('attachments', () => {
  const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(2000, 7)]);
  const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(500, 1)]);
  const BIG_PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(600 * 1024, 32)]);

  test('allowed files are kept, the rest noted for the agent; downloads need an agent who sees the ticket', async () => {
    const raw = multipart('Lin <files@example.com>', [['screen.png', 'image/png', PNG], ['photo.png', 'image/png', EXE], ['report.pdf', 'application/pdf', BIG_PDF]]);
    assert.ok(raw.length < 1024 * 1024, 'within the 1 MiB a mail may have');
    const r = await deliver(raw, 'files@example.com');
    assert.equal(r.status, 200, r.text);
    const [ticket] = await rows("SELECT id FROM tickets WHERE email = 'files@example.com'");

    const list = await w.call(`/api/v1/agent/tickets/${ticket.id}/attachments`, { headers: as(wang) });
    assert.equal(list.status, 200, list.text);
    assert.deepEqual(list.json.attachments.map((a) => [a.filename, a.content_type, a.size]), [['screen.png', 'image/png', PNG.length]]);

    const detail = await w.call(`/api/v1/agent/tickets/${ticket.id}`, { headers: as(wang) });
    const note = detail.json.ticket.events.find((e) => e.type === 'note' && e.text.startsWith('Attachments of this mail not kept'));
    assert.ok(note, JSON.stringify(detail.json.ticket.events.map((e) => e.type)));
    assert.match(note.text, /- photo\.png: not a kept type/);
    assert.match(note.text, /- report\.pdf: 601 KiB, over the 512 KiB a file may have/);
    assert.equal(note.actor.kind, 'system');

    const file = list.json.attachments[0];
    const path = `/api/v1/agent/tickets/${ticket.id}/attachments/${file.id}`;
    const download = await w.mf.dispatchFetch(`${w.base}${path}`, { headers: as(wang) });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'image/png');
    assert.equal(download.headers.get('content-disposition'), "attachment; filename*=UTF-8''screen.png");
    assert.equal(download.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), PNG);

    assert.equal((await w.call(path, {})).status, 401, 'no credentials, no file');
    assert.equal((await w.call(path, { headers: as(outsider) })).status, 404, 'an agent who does not see the ticket gets nothing');
    assert.equal((await w.call(`/api/v1/agent/tickets/${ticket.id}/attachments/${'0'.repeat(32)}`, { headers: as(wang) })).status, 404);
    const helpCenter = await w.mf.getR2Bucket('HELP_CENTER');
    assert.equal((await helpCenter.list({ prefix: ticket.id })).objects.length, 0, 'nothing lands in the public help-center bucket');

    // Erasing the requester's words takes their files too.
    const files = await w.mf.getR2Bucket('ATTACHMENTS');
    assert.equal((await files.list({ prefix: ticket.id })).objects.length, 1);
    const erased = await w.call('/api/v1/requesters/erase', { method: 'POST', headers: as(admin), body: { requester: { kind: 'of_ticket', ticket_id: ticket.id }, messages: true } });
    assert.equal(erased.status, 200, erased.text);
    assert.equal((await files.list({ prefix: ticket.id })).objects.length, 0);
    assert.deepEqual((await w.call(`/api/v1/agent/tickets/${ticket.id}/attachments`, { headers: as(wang) })).json.attachments, []);
    assert.equal((await w.call(path, { headers: as(wang) })).status, 404);
  });

  test('an answer to a notice keeps its files on the ticket it threads into', async () => {
    const first = await deliver(plain('thread@example.com', '第一封'), 'thread@example.com');
    assert.equal(first.status, 200);
    const [ticket] = await rows("SELECT id FROM tickets WHERE email = 'thread@example.com'");
    const reply = await w.call(`/api/v1/agent/tickets/${ticket.id}/replies`, { method: 'POST', headers: as(wang), body: { text: '请发截图' } });
    assert.equal(reply.status, 200);
    const [mail] = await rows('SELECT id FROM mails WHERE ticket_id = ?', ticket.id);
    const answer = multipart('thread@example.com', [['crash.png', 'image/png', PNG]]).replace('Subject: screenshot', `Subject: Re: help\r\nIn-Reply-To: <m.${mail.id}@galaxy-video.test>`);
    assert.equal((await deliver(answer, 'thread@example.com')).status, 200);
    const list = await w.call(`/api/v1/agent/tickets/${ticket.id}/attachments`, { headers: as(wang) });
    assert.deepEqual(list.json.attachments.map((a) => a.filename), ['crash.png']);
    assert.equal((await rows("SELECT COUNT(*) AS n FROM tickets WHERE email = 'thread@example.com'"))[0].n, 1, 'threaded, not filed');
  });
});

describe('unknown senders', () => {
  test('file at most the hour\'s limit between them; the rest bounce with the reason; known senders still file', async () => {
    // The attachments' tests (before) filed mail of unknown senders too: the hour's budget is shared.
    const [{ n: filedBefore }] = await rows("SELECT COUNT(*) AS n FROM inbound_mails WHERE unknown_sender = 1 AND outcome = 'filed'");
    assert.ok(filedBefore < LIMIT - 1);
    for (let i = 0; i < LIMIT - filedBefore; i++) {
      const r = await deliver(plain(`stranger${i}@spam.test`), `stranger${i}@spam.test`);
      assert.equal(r.status, 200, r.text);
    }
    const refused = await deliver(plain('stranger9@spam.test'), 'stranger9@spam.test');
    assert.equal(refused.status, 400);
    assert.match(refused.text, /no more new requests by mail from new senders/);
    assert.equal((await rows("SELECT COUNT(*) AS n FROM tickets WHERE email LIKE '%@spam.test'"))[0].n, LIMIT - filedBefore);
    // A sender with a ticket already is known: their new request is filed past the limit.
    const again = await deliver(plain('stranger0@spam.test', '还有一个问题'), 'stranger0@spam.test');
    assert.equal(again.status, 200, again.text);
    assert.equal((await rows("SELECT COUNT(*) AS n FROM tickets WHERE email = 'stranger0@spam.test'"))[0].n, 2);
    const counted = await rows("SELECT unknown_sender FROM inbound_mails WHERE sender LIKE '%@spam.test' ORDER BY rowid");
    assert.deepEqual(counted.map((r) => r.unknown_sender), [...Array(LIMIT - filedBefore).fill(1), 0], 'the known sender\'s mail does not count');
  });
});
