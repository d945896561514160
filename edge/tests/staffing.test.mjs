// Staffing under workerd: leads plan shifts (and are refused a stale or bad plan, with nothing
// written), the plan decides whether chat is offered, the chat line's waits, abandonment and
// handle times, agents' work time on tickets and the desk's occupancy are measured as they
// happen, and the forecast puts the agents Erlang C needs on both lines beside those planned.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chatClient, Peer } from './support/chat.mjs';
import { newTicket, startWorker, userHash } from './support/worker.mjs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: Monday-based weekday of a UTC instant (the demo site is UTC). */
const weekday = (ms) => (Math.floor(ms / DAY) + 3) % 7;
const today = (ms = Date.now()) => new Date(ms).toISOString().slice(0, 10);

let w;
let chat;
const people = {};
before(async () => {
  w = await startWorker({
    rateLimitScale: 1000,
    agents: [
      ['Ada Admin', 'general', ['admin']],
      ['Lee Lead', 'billing', ['lead']],
      ['Bo Billing', 'billing', ['agent']],
      ['Sam Security', 'security', ['agent']],
    ],
  });
  [people.admin, people.lead, people.bo, people.sam] = w.agents;
  chat = chatClient(w);
});
after(() => w?.dispose());

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const plan = (person = people.lead) => w.call('/api/v1/staffing/plan', { headers: as(person) });
const put = (agentId, body, person = people.lead) => w.call(`/api/v1/staffing/plan/${agentId}`, { method: 'PUT', headers: as(person), body });
const boPlan = async () => (await plan()).json.agents.find((a) => a.agent_id === people.bo.id);

describe('planning shifts', () => {
  test('a lead sees the people of their departments and plans a week template with exceptions', async () => {
    const read = await plan();
    assert.equal(read.status, 200, read.text);
    assert.deepEqual(read.json.agents.map((a) => a.name).sort(), ['Bo Billing', 'Lee Lead']);
    assert.equal((await boPlan()).version, 0);
    const body = {
      version: 0,
      shifts: [{ department: 'billing', weekday: 0, start_minute: 540, end_minute: 1080 }, { department: 'billing', weekday: 6, start_minute: 1320, end_minute: 120 }],
      exceptions: [{ date: '2026-12-25' }, { date: '2026-12-26', department: 'billing', start_minute: 600, end_minute: 720 }],
    };
    const stored = await put(people.bo.id, body);
    assert.equal(stored.status, 200, stored.text);
    assert.equal(stored.json.version, 1);
    const again = await boPlan();
    assert.deepEqual(again.shifts, body.shifts);
    assert.deepEqual(again.exceptions, [{ date: '2026-12-25', department: null, start_minute: null, end_minute: null }, body.exceptions[1]]);
    const audit = await w.call('/api/v1/audit?action=shifts_planned', { headers: as(people.admin) });
    assert.equal(audit.json.entries[0].target, people.bo.id);
    assert.equal(audit.json.entries[0].actor_name, 'Lee Lead');
  });

  test('a write naming a version already replaced is refused, and the newer plan stays whole', async () => {
    const before = await boPlan();
    const first = await put(people.bo.id, { version: before.version, shifts: [{ department: 'billing', weekday: 1, start_minute: 480, end_minute: 960 }] });
    assert.equal(first.status, 200, first.text);
    // A second lead still holding the old version.
    const stale = await put(people.bo.id, { version: before.version, shifts: [], exceptions: [] });
    assert.equal(stale.status, 409, stale.text);
    assert.equal(stale.json.error.code, 'conflict');
    const after = await boPlan();
    assert.equal(after.version, before.version + 1);
    assert.deepEqual(after.shifts, [{ department: 'billing', weekday: 1, start_minute: 480, end_minute: 960 }]);
    // Two at once from the same version: exactly one wins.
    const racing = await Promise.all([0, 1].map((i) => put(people.bo.id, { version: after.version, shifts: [{ department: 'billing', weekday: i, start_minute: 60, end_minute: 120 }] })));
    assert.deepEqual(racing.map((r) => r.status).sort(), [200, 409]);
    assert.equal((await boPlan()).shifts.length, 1);
  });

  test('bad plans are refused with the field named, and nothing of them is written', async () => {
    const current = await boPlan();
    const cases = [
      [{ version: current.version, shifts: [{ department: 'billing', weekday: 7, start_minute: 0, end_minute: 60 }] }, 'shifts'],
      [{ version: current.version, shifts: [{ department: 'security', weekday: 0, start_minute: 0, end_minute: 60 }] }, 'shifts'],
      [{ version: current.version, shifts: [{ department: 'billing', weekday: 0, start_minute: 60, end_minute: 60 }] }, 'shifts'],
      [{ version: current.version, shifts: [], exceptions: [{ date: '2026-02-30' }] }, 'exceptions'],
      [{ version: current.version, shifts: [], exceptions: [{ date: '2026-03-01', department: 'billing' }] }, 'exceptions'],
    ];
    for (const [body, field] of cases) {
      const refused = await put(people.bo.id, body);
      assert.equal(refused.status, 422, `${JSON.stringify(body)}: ${refused.text}`);
      assert.equal(refused.json.error.field, field);
    }
    const wrongShape = await put(people.bo.id, { version: 'one', shifts: 'all day' });
    assert.equal(wrongShape.status, 422, wrongShape.text);
    assert.deepEqual(await boPlan(), current);
  });

  test("a lead cannot plan another department's people; an agent cannot plan at all", async () => {
    assert.equal((await put(people.sam.id, { version: 0, shifts: [] })).status, 404);
    assert.equal((await put(people.bo.id, { version: 0, shifts: [] }, people.bo)).status, 403);
    const admin = await plan(people.admin);
    assert.ok(admin.json.agents.some((a) => a.agent_id === people.sam.id), 'an admin plans everyone');
  });

  test('holidays are versioned like a plan and checked', async () => {
    const read = await plan();
    const set = await w.call('/api/v1/staffing/holidays', { method: 'PUT', headers: as(people.lead), body: { version: read.json.holidays_version, dates: ['2027-01-01', '2027-01-01', '2027-02-17'] } });
    assert.equal(set.status, 200, set.text);
    assert.deepEqual(set.json, { version: 1, dates: ['2027-01-01', '2027-02-17'] });
    assert.deepEqual((await plan()).json.holidays, ['2027-01-01', '2027-02-17']);
    const stale = await w.call('/api/v1/staffing/holidays', { method: 'PUT', headers: as(people.lead), body: { version: 0, dates: [] } });
    assert.equal(stale.status, 409);
    const bad = await w.call('/api/v1/staffing/holidays', { method: 'PUT', headers: as(people.lead), body: { version: 1, dates: ['tomorrow'] } });
    assert.equal(bad.json.error.field, 'dates');
    assert.deepEqual((await plan()).json.holidays, ['2027-01-01', '2027-02-17']);
  });
});

describe('the plan decides whether chat is offered', () => {
  test('with nobody planned now the user is offered a ticket, though an agent is online; planned, the chat queues', async () => {
    const desk = await chat.desk(people.bo);
    const now = Date.now();
    const current = await boPlan();
    // Bo works another day of the week only.
    const elsewhere = await put(people.bo.id, { version: current.version, shifts: [{ department: 'billing', weekday: (weekday(now) + 3) % 7, start_minute: 0, end_minute: 1440 }] });
    assert.equal(elsewhere.status, 200, elsewhere.text);
    const refused = await chat.ask({ message: '扣费两次', category: '支付问题' });
    assert.equal(refused.json.outcome, 'leave_ticket', refused.text);
    assert.equal(refused.json.reason, 'outside_hours');
    // A whole-day shift today.
    const todayShift = await put(people.bo.id, { version: elsewhere.json.version, shifts: [{ department: 'billing', weekday: weekday(now), start_minute: 0, end_minute: 1440 }] });
    assert.equal(todayShift.status, 200);
    const queued = await chat.ask({ message: '扣费两次', category: '支付问题' });
    assert.equal(queued.status, 201, queued.text);
    assert.equal(queued.json.state, 'with_agent');
    // Bo takes one chat at a time: the next user waits in line.
    const waiting = await chat.ask({ message: '还是扣费', category: '支付问题' });
    assert.equal(waiting.json.state, 'waiting', waiting.text);
    // A day off today by exception closes chat again.
    const off = await put(people.bo.id, { version: todayShift.json.version, shifts: todayShift.json.shifts, exceptions: [{ date: today(now) }] });
    assert.equal(off.status, 200);
    assert.equal((await chat.ask({ message: '扣费两次', category: '支付问题' })).json.reason, 'outside_hours');
    await put(people.bo.id, { version: off.json.version, shifts: todayShift.json.shifts });
    // The waiting user leaves the line (abandoned, below); the other ends their chat (handled).
    for (const opened of [waiting, queued]) {
      const user = await chat.join(opened.json.chat_id, { token: opened.json.requester_token });
      user.peer.send({ type: 'end' });
      await user.peer.next('ended');
      await user.peer.close();
    }
    await desk.close();
  });
});

describe('SLA clocks in business hours', () => {
  test("a department's tickets are due in its planned hours (the demo site pauses SLA clocks outside them)", async () => {
    const now = Date.now();
    const otherDay = (weekday(now) + 3) % 7;
    const current = await boPlan();
    const planned = await put(people.bo.id, { version: current.version, shifts: [{ department: 'billing', weekday: otherDay, start_minute: 0, end_minute: 1440 }] });
    assert.equal(planned.status, 200, planned.text);
    const filed = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: { subject: '发票', description: '请帮我开发票', category: '支付问题', channel: 'web', context: {} } });
    assert.equal(filed.status, 201, filed.text);
    const id = filed.json.ticket.id;
    const view = async () => (await w.call(`/api/v1/agent/tickets/${id}`, { headers: as(people.lead) })).json;
    // Billing is open only on that weekday, all day: a normal ticket's 8 hours end at 08:00 of
    // it, its 72 hours at the end of the third such day.
    const opens = Math.floor(now / DAY) * DAY + 3 * DAY;
    const ticket = await view();
    assert.equal(ticket.ticket.priority, 'normal');
    assert.deepEqual([ticket.first_response_due, ticket.resolution_due], [opens + 8 * HOUR, opens + 14 * DAY + DAY]);
    // Raised to urgent by an agent: one hour of open time.
    const raised = await w.call(`/api/v1/agent/tickets/${id}`, { method: 'PATCH', headers: as(people.lead), body: { priority: 'urgent' } });
    assert.equal(raised.status, 200, raised.text);
    assert.deepEqual([(await view()).first_response_due, (await view()).resolution_due], [opens + HOUR, opens + 4 * HOUR]);
    // A department nobody plans keeps calendar time.
    const general = await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: { subject: '改名', description: '怎么改昵称', category: '账号管理', channel: 'web', context: {} } });
    const due = (await w.call(`/api/v1/agent/tickets/${general.json.ticket.id}`, { headers: as(people.admin) })).json;
    assert.equal(due.first_response_due - general.json.ticket.created_at, 8 * HOUR);
    // Bo works today again for the tests that follow.
    const back = await put(people.bo.id, { version: planned.json.version, shifts: [{ department: 'billing', weekday: weekday(now), start_minute: 0, end_minute: 1440 }] });
    assert.equal(back.status, 200);
  });
});

describe('measured demand', () => {
  test("chats' waits, handle times and abandonment, tickets by channel, and the desk's occupancy per 15 minutes", async () => {
    const desk = await chat.desk(people.bo, 2);
    // Answered at once (Bo has room), talked, ended.
    const talked = await chat.ask({ message: '发票怎么开', category: '支付问题' });
    assert.equal(talked.json.state, 'with_agent', talked.text);
    const user = await chat.join(talked.json.chat_id, { token: talked.json.requester_token });
    await new Promise((r) => setTimeout(r, 300));
    user.peer.send({ type: 'end' });
    await user.peer.next('ended');
    await user.peer.close();
    // A ticket from the form and a callback: arrivals of their own channels.
    await w.call('/api/v1/tickets?site=demo', { method: 'POST', body: { subject: '退款', description: '请退款', category: '支付问题', channel: 'web', context: {} } });
    await w.sweep(Date.now());

    const day = today();
    const demand = await w.call(`/api/v1/staffing/demand?from=${day}&to=${day}`, { headers: as(people.lead) });
    assert.equal(demand.status, 200, demand.text);
    const chats = demand.json.slots.filter((s) => s.channel === 'chat' && s.department === 'billing');
    const sum = (key) => chats.reduce((n, s) => n + s[key], 0);
    // Three joined the line (those offered a ticket never did): two answered at once and
    // talked to the end, one left while waiting.
    assert.equal(sum('arrivals'), 3);
    assert.equal(sum('answered'), 2);
    assert.equal(sum('abandoned'), 1, 'the chat whose user left before an agent took it');
    assert.equal(sum('handled'), 2);
    for (const slot of chats.filter((s) => s.handled > 0)) {
      assert.ok(slot.mean_handle_secs > 0 && slot.mean_handle_secs < 60, JSON.stringify(slot));
      assert.ok(slot.mean_wait_secs >= 0 && slot.mean_wait_secs < 5, JSON.stringify(slot));
    }
    assert.ok(demand.json.slots.some((s) => s.channel === 'ticket' && s.arrivals >= 1));
    // One minute sampled with Bo online and nothing in progress.
    const occupancy = demand.json.occupancy.find((o) => o.department === 'billing');
    assert.ok(occupancy, JSON.stringify(demand.json.occupancy));
    assert.equal(occupancy.agents_online, 1 / 15);
    assert.equal(occupancy.occupancy, 0);
    // The lead sees billing only.
    assert.ok(demand.json.slots.every((s) => s.department === 'billing'));
    const bad = await w.call(`/api/v1/staffing/demand?from=${day}&to=2020-01-01`, { headers: as(people.lead) });
    assert.equal(bad.status, 422);
    await desk.close();
  });
});

describe('the forecast', () => {
  test('from the last weeks of chats, the agents needed per hour of the week beside those planned, with what-ifs', async () => {
    // Four past weeks of synthetic billing chats: 20 on Monday 10:00–11:00, 3 minutes each
    // (1 erlang). Erlang C for 80 % in 20 s at most 85 % busy: 2 agents answer 70 %, 3 answer
    // 93 %, so 3 are needed.
    const db = await w.mf.getD1Database('DB');
    const now = Date.now();
    const thisMonday = Math.floor(now / DAY) * DAY - weekday(now) * DAY;
    const statements = [];
    for (let week = 1; week <= 4; week++) {
      for (let i = 0; i < 20; i++) {
        const at = thisMonday - week * WEEK + 10 * HOUR + i * 3 * 60_000;
        const id = `synthetic-${week}-${i}`;
        statements.push(db.prepare(`INSERT INTO tickets (id, site, number, channel, category, department, priority, status, subject, description, locale, context,
          created_at, updated_at, first_response_due, resolution_due, version) VALUES (?1, 'demo', ?2, 'chat', '支付问题', 'billing', 'normal', 'closed', 's', 'd', 'zh-cn', '{}', ?3, ?3, ?3, ?3, 1)`)
          .bind(id, 100000 + week * 100 + i, at));
        statements.push(db.prepare(`INSERT INTO chats (id, site, ticket_id, department, created_at, answered_at, ended_at) VALUES (?1, 'demo', ?1, 'billing', ?2, ?3, ?4)`)
          .bind(id, at, at + 5000, at + 5000 + 180_000));
      }
    }
    // And tickets: 30 web tickets on Monday 14:00–15:00, each worked by two agents for 3 minutes
    // (6 minutes of work, 3 erlangs). The first response is due within hours, so only the
    // ceiling on occupancy binds: 3 / 0.85 → 4 agents.
    for (let week = 1; week <= 4; week++) {
      for (let i = 0; i < 30; i++) {
        const at = thisMonday - week * WEEK + 14 * HOUR + i * 2 * 60_000;
        const id = `synthetic-ticket-${week}-${i}`;
        statements.push(db.prepare(`INSERT INTO tickets (id, site, number, channel, category, department, priority, status, subject, description, locale, context,
          created_at, updated_at, first_response_due, resolution_due, version) VALUES (?1, 'demo', ?2, 'web', '支付问题', 'billing', 'normal', 'solved', 's', 'd', 'zh-cn', '{}', ?3, ?3, ?3, ?3, 1)`)
          .bind(id, 200000 + week * 100 + i, at));
        for (const agent of [people.bo.id, people.lead.id]) {
          statements.push(db.prepare(`INSERT INTO ticket_work (site, ticket_id, agent_id, started_at, ended_at, worked_ms) VALUES ('demo', ?1, ?2, ?3, ?4, 180000)`)
            .bind(id, agent, at + 60_000, at + 60_000 + 240_000));
        }
      }
    }
    // Security's line, where users give up: on Tuesday 10:00 each week, 10 chats left the line
    // after a minute and 10 were answered after 30 s. 40 who left are enough to measure their
    // patience: (40 × 60 s + 40 × 30 s) in line over 40 who left, 90 s.
    for (let week = 1; week <= 4; week++) {
      for (let i = 0; i < 20; i++) {
        const at = thisMonday - week * WEEK + DAY + 10 * HOUR + i * 3 * 60_000;
        const id = `synthetic-security-${week}-${i}`;
        statements.push(db.prepare(`INSERT INTO tickets (id, site, number, channel, category, department, priority, status, subject, description, locale, context,
          created_at, updated_at, first_response_due, resolution_due, version) VALUES (?1, 'demo', ?2, 'chat', '账号安全', 'security', 'normal', 'closed', 's', 'd', 'zh-cn', '{}', ?3, ?3, ?3, ?3, 1)`)
          .bind(id, 300000 + week * 100 + i, at));
        const [answered, ended] = i % 2 === 0 ? [null, at + 60_000] : [at + 30_000, at + 30_000 + 180_000];
        statements.push(db.prepare(`INSERT INTO chats (id, site, ticket_id, department, created_at, answered_at, ended_at) VALUES (?1, 'demo', ?1, 'security', ?2, ?3, ?4)`)
          .bind(id, at, answered, ended));
      }
    }
    await db.batch(statements);
    const current = await boPlan();
    await put(people.bo.id, { version: current.version, shifts: [{ department: 'billing', weekday: 0, start_minute: 600, end_minute: 660 }] });

    const forecast = await w.call('/api/v1/staffing/forecast?weeks=4&share=0.8&within=20&occupancy=0.85', { headers: as(people.lead) });
    assert.equal(forecast.status, 200, forecast.text);
    const billing = forecast.json.hours.filter((h) => h.department === 'billing');
    assert.equal(billing.length, 168);
    const ten = billing.find((h) => h.hour === 10);
    assert.deepEqual([ten.arrivals_per_hour, ten.handle_secs, ten.needed, ten.planned], [20, 180, 3, 1]);
    assert.deepEqual([ten.chat_needed, ten.ticket_arrivals_per_hour, ten.ticket_needed], [3, 0, 0]);
    assert.equal(billing.find((h) => h.hour === 11).needed, 0);
    const two = billing.find((h) => h.hour === 14);
    assert.deepEqual([two.ticket_arrivals_per_hour, two.ticket_handle_secs, two.ticket_needed, two.chat_needed, two.needed], [30, 360, 4, 0, 4]);
    assert.ok(forecast.json.hours.every((h) => h.department === 'billing'), "a lead's forecast is their departments'");
    assert.deepEqual(forecast.json.chat_models, [{ department: 'billing', model: 'erlang_c', waited: 80, abandoned: 0, patience_secs: null, fallback: 'nobody_left' }],
      'nobody left billing\'s line: Erlang C, and why');

    // The same load on both lines (20 chats an hour of 3 minutes, one erlang), 75 % within 20 s:
    // Erlang C's 2 agents answer 70 %, so billing needs 3; security's users who give up lighten
    // its line, and Erlang A's 2 answer 79 %.
    const all = await w.call('/api/v1/staffing/forecast?weeks=4&share=0.75&within=20&occupancy=0.85', { headers: as(people.admin) });
    assert.equal(all.status, 200, all.text);
    const security = all.json.chat_models.find((m) => m.department === 'security');
    assert.deepEqual(security, { department: 'security', model: 'erlang_a', waited: 80, abandoned: 40, patience_secs: 90, fallback: null });
    assert.equal(all.json.chat_models.find((m) => m.department === 'billing').model, 'erlang_c');
    const tuesday = all.json.hours.find((h) => h.department === 'security' && h.hour === 34);
    const monday = all.json.hours.find((h) => h.department === 'billing' && h.hour === 10);
    assert.deepEqual([tuesday.arrivals_per_hour, tuesday.handle_secs, tuesday.chat_needed], [20, 180, 2]);
    assert.deepEqual([monday.arrivals_per_hour, monday.handle_secs, monday.chat_needed], [20, 180, 3]);

    const grown = await w.call('/api/v1/staffing/forecast?weeks=4&growth=3', { headers: as(people.lead) });
    assert.ok(grown.json.hours.find((h) => h.department === 'billing' && h.hour === 10).needed > 3);
    const twoAtOnce = await w.call('/api/v1/staffing/forecast?weeks=4&concurrency=2', { headers: as(people.lead) });
    assert.equal(twoAtOnce.json.hours.find((h) => h.department === 'billing' && h.hour === 10).needed, 2);
    for (const query of ['share=1.5', 'weeks=0', 'growth=x', 'within=-1']) {
      const refused = await w.call(`/api/v1/staffing/forecast?${query}`, { headers: as(people.lead) });
      assert.equal(refused.status, 422, query);
      assert.equal(refused.json.error.field, query.split('=')[0]);
    }
  });
});

describe('ticket work time', () => {
  const worked = async (ticketId) => {
    const db = await w.mf.getD1Database('DB');
    return (await db.prepare('SELECT agent_id, started_at, ended_at, worked_ms FROM ticket_work WHERE ticket_id = ?1').bind(ticketId).all()).results;
  };
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  test("an agent's time on a ticket in the console is one session across their tabs, recorded when the last closes, and is the ticket line's handle time", async () => {
    const user = { 'x-user-id': `u-${Math.random()}`, 'x-user-hash': '' };
    user['x-user-hash'] = userHash(user['x-user-id']);
    const filed = await w.call('/api/v1/tickets?site=demo', { method: 'POST', headers: user, body: newTicket({ category: '支付问题', subject: '扣费两次' }) });
    assert.equal(filed.status, 201, filed.text);
    const ticket = filed.json.ticket;
    assert.equal(ticket.department, 'billing');
    const tab = () => Peer.open(`${w.base.replace(/^http/, 'ws')}/api/v1/agent/tickets/${ticket.id}/socket?agent_token=${people.bo.token}`);

    const opened = Date.now();
    const first = await tab();
    await first.next('here');
    await pause(400);
    const second = await tab();
    await second.next('here');
    second.send({ type: 'typing', on: true });
    await pause(400);
    await first.close();
    await pause(300);
    assert.deepEqual(await worked(ticket.id), [], 'nothing is recorded while a tab of the agent is still on the case');
    second.send({ type: 'typing', on: false });
    await pause(200);
    await second.close();
    const closed = Date.now();
    let rows = [];
    for (let i = 0; i < 50 && rows.length === 0; i++) {
      rows = await worked(ticket.id);
      if (rows.length === 0) await pause(100);
    }
    assert.equal(rows.length, 1, 'two tabs, one session');
    const [row] = rows;
    assert.equal(row.agent_id, people.bo.id);
    assert.ok(row.started_at >= opened - 1000 && row.started_at <= opened + 1000, `started ${row.started_at - opened} ms after opening`);
    // The tabs overlapped: the session is the whole stretch from the first opening to the last
    // closing (about 1.3 s), counted once, not each tab's time added.
    assert.ok(row.worked_ms >= 1100 && row.worked_ms <= closed - opened + 500, `worked ${row.worked_ms} ms over ${closed - opened} ms`);
    assert.equal(row.worked_ms, row.ended_at - row.started_at, 'never idle past the bound: all of it counts');

    const day = today(ticket.created_at);
    const demand = await w.call(`/api/v1/staffing/demand?from=${day}&to=${day}`, { headers: as(people.lead) });
    assert.equal(demand.status, 200, demand.text);
    const slot = demand.json.slots.find((s) => s.channel === 'ticket' && s.department === 'billing' && s.slot <= ticket.created_at && ticket.created_at < s.slot + 15 * 60_000);
    assert.equal(slot.handled, 1);
    assert.equal(slot.mean_handle_secs, row.worked_ms / 1000);
  });
});
