// One case, several departments under workerd. Linked tasks: security owns a stolen-account
// case and asks billing about the money; billing finds the task in its queue, reads the case
// through it and answers inside it; the requester never sees any of it; solving asks what becomes
// of open tasks; every action is audited; bad input writes nothing; concurrent writes are never
// acknowledged and lost. Collaborators: a person of another department added to the case reads
// it and writes notes. A task past its due time is told once to its department's leads, live on
// their desk sockets.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Peer } from './support/chat.mjs';
import { Mailbox } from './support/mailbox.mjs';
import { newTicket, startWorker, userHash } from './support/worker.mjs';

const A = '/api/v1/agent/tickets';
const K = '/api/v1/agent/tasks';
// The SLA policy's first-response targets (desk::sla), which a task's due time follows.
const FIRST_RESPONSE_HOURS = { urgent: 1, high: 4, normal: 8, low: 24 };

let w;
let mailbox;
const p = {};
before(async () => {
  mailbox = new Mailbox();
  w = await startWorker({
    rateLimitScale: 1000,
    log: mailbox,
    agents: [
      ['Sam Security', 'security'],
      ['Bo Billing', 'billing'],
      ['Bea Billing', 'billing'],
      ['Lee Lead', 'billing', ['lead']],
      ['Gil General', 'general'],
      ['Ada Admin', 'general', ['admin']],
    ],
  });
  [p.sam, p.bo, p.bea, p.lee, p.gil, p.admin] = w.agents;
});
after(() => w?.dispose());

const as = (person) => ({ authorization: `Bearer ${person.token}` });
const post = (path, person, body) => w.call(path, { method: 'POST', headers: as(person), body });
const patch = (path, person, body) => w.call(path, { method: 'PATCH', headers: as(person), body });

async function rows(sql, ...binds) {
  const db = await w.mf.getD1Database('DB');
  return (await db.prepare(sql).bind(...binds).all()).results;
}

/** A security case (a stolen account), filed by a verified user with an email address. */
async function securityCase(email = 'owner@example.com') {
  const user = { 'x-user-id': `u-${Math.random()}`, 'x-user-hash': '' };
  user['x-user-hash'] = userHash(user['x-user-id']);
  const r = await w.call('/api/v1/tickets?site=demo', { method: 'POST', headers: user, body: newTicket({ category: '账号安全', subject: '账号被盗，还被扣了钱', email }) });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.ticket.department, 'security');
  return { ...r.json.ticket, user };
}

async function openTask(caseId, body = { department: 'billing', question: '这笔 30 元扣费能退吗？' }, person = p.sam) {
  const r = await post(`${A}/${caseId}/tasks`, person, body);
  assert.equal(r.status, 201, r.text);
  return r.json;
}

async function audit(action) {
  const r = await w.call(`/api/v1/audit?action=${action}`, { headers: as(p.admin) });
  assert.equal(r.status, 200, r.text);
  return r.json.entries;
}

describe('a billing task on a security case', () => {
  let c;
  let task;
  before(async () => {
    c = await securityCase('lin@example.com');
    task = await openTask(c.id);
  });

  test('is due by the SLA for the case priority and shown on the case to its owner', async () => {
    const view = (await w.call(`${A}/${c.id}`, { headers: as(p.sam) })).json;
    assert.equal(task.status, 'open');
    assert.equal(task.opened_by, 'Sam Security');
    assert.equal(task.due_at - task.opened_at, FIRST_RESPONSE_HOURS[view.ticket.priority] * 3_600_000);
    assert.deepEqual(view.tasks.map((t) => [t.id, t.department, t.status, t.overdue]), [[task.id, 'billing', 'open', false]]);
    assert.equal(view.through_task, false);
    const opened = await audit('task_opened');
    assert.ok(opened.some((e) => e.target === task.id && e.detail.department === 'billing' && e.actor_name === 'Sam Security'));
  });

  test("is in billing's queue with the case, and billing reads the case through it (audited, as a restricted case)", async () => {
    const queue = await w.call(`${K}?status=open`, { headers: as(p.bo) });
    const mine = queue.json.tasks.find((q) => q.task.id === task.id);
    assert.deepEqual(mine.case, { id: c.id, number: c.number, subject: c.subject, department: 'security', priority: mine.case.priority, status: mine.case.status });
    const read = await w.call(`${A}/${c.id}`, { headers: as(p.bo) });
    assert.equal(read.status, 200, read.text);
    assert.equal(read.json.through_task, true);
    assert.ok((await audit('restricted_case_read')).some((e) => e.target === c.id && e.actor_name === 'Bo Billing'));
    assert.equal((await w.call(`${A}/${c.id}/attachments`, { headers: as(p.bo) })).status, 200, "the case's files are read with it");
    // Reading is all: the requester is answered (and mailed) and the case changed by its own department.
    assert.equal((await w.call(`${A}/${c.id}/mails`, { headers: as(p.bo) })).status, 404);
    assert.equal((await post(`${A}/${c.id}/replies`, p.bo, { text: '你好' })).status, 404);
    assert.equal((await patch(`${A}/${c.id}`, p.bo, { priority: 'low' })).status, 404);
    assert.equal((await post(`${A}/${c.id}/tasks`, p.bo, { department: 'general', question: '?' })).status, 404);
  });

  test('a department no task asks sees neither the case nor the task', async () => {
    assert.equal((await w.call(`${A}/${c.id}`, { headers: as(p.gil) })).status, 404);
    assert.ok(!(await w.call(K, { headers: as(p.gil) })).json.tasks.some((q) => q.task.id === task.id));
    assert.equal((await post(`${K}/${task.id}/messages`, p.gil, { text: '偷看' })).status, 404);
    assert.equal((await post(`${K}/${task.id}/answer`, p.gil, { text: '偷看' })).status, 404);
  });

  test('each side does its own part: billing answers and takes, security cancels', async () => {
    assert.equal((await post(`${K}/${task.id}/answer`, p.sam, { text: '我替他答' })).status, 403);
    assert.equal((await post(`${K}/${task.id}/cancel`, p.bo)).status, 403);
    assert.equal((await patch(`${K}/${task.id}`, p.sam, { assignee: p.sam.id })).status, 403);
    const handed = await patch(`${K}/${task.id}`, p.bo, { assignee: p.bea.id });
    assert.equal(handed.status, 422, 'an agent only takes a task');
    const taken = await patch(`${K}/${task.id}`, p.bo, { assignee: p.bo.id });
    assert.equal(taken.status, 200, taken.text);
    assert.equal(taken.json.assignee, p.bo.id);
    const led = await patch(`${K}/${task.id}`, p.lee, { assignee: p.bea.id });
    assert.equal(led.status, 200, 'a lead hands it to someone of the department');
    assert.equal(led.json.assignee, p.bea.id);
    assert.equal((await patch(`${K}/${task.id}`, p.lee, { assignee: p.sam.id })).status, 422, 'security does not work billing');
    assert.equal((await audit('task_assigned')).filter((e) => e.target === task.id).length, 2);
  });

  test('the thread and the answer; the owner sees the state on the case', async () => {
    const asked = await post(`${K}/${task.id}/messages`, p.bea, { text: '订单号是多少？' });
    assert.equal(asked.status, 200, asked.text);
    assert.equal((await post(`${K}/${task.id}/messages`, p.sam, { text: 'GV-20261206-7' })).status, 200);
    const answered = await post(`${K}/${task.id}/answer`, p.bea, { text: '已退款 30 元，三个工作日到账' });
    assert.equal(answered.status, 200, answered.text);
    assert.equal(answered.json.status, 'answered');
    assert.deepEqual(answered.json.thread.map((m) => [m.author, m.answer]), [['Bea Billing', false], ['Sam Security', false], ['Bea Billing', true]]);
    const again = await post(`${K}/${task.id}/answer`, p.bo, { text: '再答一次' });
    assert.equal(again.status, 422, 'an answered task takes no second answer');
    const view = (await w.call(`${A}/${c.id}`, { headers: as(p.sam) })).json;
    assert.equal(view.tasks[0].status, 'answered');
    assert.equal(view.tasks[0].thread.at(-1).text, '已退款 30 元，三个工作日到账');
    assert.ok((await audit('task_answered')).some((e) => e.target === task.id && e.actor_name === 'Bea Billing'));
    assert.equal((await audit('task_message_posted')).filter((e) => e.target === task.id).length, 2);
  });

  test('the requester sees one case and one voice: no task in their view, their export or their mail', async () => {
    const reply = await post(`${A}/${c.id}/replies`, p.sam, { text: '账号已找回，扣费已退' });
    assert.equal(reply.status, 200, reply.text);
    const theirs = await w.call(`/api/v1/tickets/${c.id}?site=demo`, { headers: c.user });
    assert.equal(theirs.status, 200, theirs.text);
    const exported = await w.call('/api/v1/tickets/export?site=demo', { headers: c.user });
    for (const text of [theirs.text, exported.text]) {
      assert.ok(!text.includes('30 元扣费') && !text.includes('GV-20261206-7') && !text.includes('已退款') && !text.includes('task'), text);
    }
    const deadline = Date.now() + 5000;
    while (mailbox.to('lin@example.com').length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const mails = mailbox.to('lin@example.com');
    assert.equal(mails.length, 1);
    assert.ok(mails[0].text.includes('账号已找回') && !mails[0].text.includes('已退款') && !mails[0].text.includes('30 元扣费'), mails[0].text);
  });
});

describe('solving a case with open tasks', () => {
  test('is refused with the open tasks until the request says what becomes of them; cancel cancels them with the solve', async () => {
    const c = await securityCase();
    const task = await openTask(c.id);
    const refused = await patch(`${A}/${c.id}`, p.sam, { status: 'solved' });
    assert.equal(refused.status, 409, refused.text);
    assert.equal(refused.json.error.code, 'conflict');
    assert.deepEqual(refused.json.open_tasks.map((t) => t.id), [task.id]);
    assert.equal((await rows('SELECT status FROM tickets WHERE id = ?', c.id))[0].status !== 'solved', true, 'nothing stored');
    const solved = await patch(`${A}/${c.id}`, p.sam, { status: 'solved', open_tasks: 'cancel' });
    assert.equal(solved.status, 200, solved.text);
    assert.equal(solved.json.ticket.status, 'solved');
    assert.deepEqual(solved.json.tasks.map((t) => t.status), ['cancelled']);
    const cancelled = (await audit('task_cancelled')).find((e) => e.target === task.id);
    assert.equal(cancelled.detail.with, 'solved');
    assert.equal((await post(`${K}/${task.id}/answer`, p.bo, { text: '晚了' })).status, 422);
  });

  test('keep leaves them open for the other department, and bulk close leaves such cases alone', async () => {
    const c = await securityCase();
    const task = await openTask(c.id);
    const closed = await post(`${A}/bulk-close`, p.sam, { ids: [c.id] });
    assert.deepEqual([closed.json.closed, closed.json.skipped], [[], [c.id]]);
    const solved = await patch(`${A}/${c.id}`, p.sam, { status: 'solved', open_tasks: 'keep' });
    assert.equal(solved.status, 200, solved.text);
    assert.deepEqual(solved.json.tasks.map((t) => t.status), ['open']);
    assert.equal((await post(`${K}/${task.id}/answer`, p.bo, { text: '已处理' })).status, 200);
    assert.equal((await post(`${A}/${c.id}/tasks`, p.sam, { department: 'billing', question: '再问一个' })).status, 422, 'a solved case takes no new task');
  });

  test('the sweep does not close a solved case while a task kept on it waits, and closes it after the answer', async () => {
    const c = await securityCase();
    const task = await openTask(c.id);
    const solved = await patch(`${A}/${c.id}`, p.sam, { status: 'solved', open_tasks: 'keep' });
    assert.equal(solved.status, 200, solved.text);
    const [{ solved_at: solvedAt }] = await rows('SELECT solved_at FROM tickets WHERE id = ?1', c.id);
    const status = async () => (await rows('SELECT status FROM tickets WHERE id = ?1', c.id))[0].status;
    await w.sweep(solvedAt + 5 * 86_400_000);
    assert.equal(await status(), 'solved', 'four days on, the kept task still waits: the case stays open to it');
    assert.equal((await post(`${K}/${task.id}/answer`, p.bo, { text: '已退款' })).status, 200);
    await w.sweep(solvedAt + 6 * 86_400_000);
    assert.equal(await status(), 'closed', 'answered: the next sweep closes it');
  });

  test('cancelling one task is the owner side; other status changes do not ask', async () => {
    const c = await securityCase();
    const task = await openTask(c.id);
    assert.equal((await patch(`${A}/${c.id}`, p.sam, { status: 'pending' })).status, 200);
    const cancelled = await post(`${K}/${task.id}/cancel`, p.sam);
    assert.equal(cancelled.status, 200, cancelled.text);
    assert.equal(cancelled.json.status, 'cancelled');
    assert.equal((await post(`${K}/${task.id}/messages`, p.bo, { text: '?' })).status, 422);
    // A cancelled task no longer opens the case to billing.
    assert.equal((await w.call(`${A}/${c.id}`, { headers: as(p.bo) })).status, 404);
    assert.equal((await patch(`${A}/${c.id}`, p.sam, { status: 'solved' })).status, 200);
  });
});

describe('overdue tasks', () => {
  test("a task past its due time is flagged on the case and first in the department's queue for its lead", async () => {
    const c = await securityCase();
    const late = await openTask(c.id, { department: 'billing', question: '逾期的问题' });
    const fresh = await openTask(c.id, { department: 'billing', question: '新问题' });
    const db = await w.mf.getD1Database('DB');
    // The clock cannot be moved inside workerd: the task is made an hour older than its due time.
    await db.prepare('UPDATE case_tasks SET due_at = ?1 WHERE id = ?2').bind(Date.now() - 3_600_000, late.id).run();
    const view = (await w.call(`${A}/${c.id}`, { headers: as(p.sam) })).json;
    assert.deepEqual(view.tasks.map((t) => [t.id, t.overdue]), [[late.id, true], [fresh.id, false]]);
    const overdue = await w.call(`${K}?overdue=true`, { headers: as(p.lee) });
    assert.deepEqual(overdue.json.tasks.map((q) => q.task.id), [late.id]);
    const queue = await w.call(`${K}?status=open`, { headers: as(p.lee) });
    assert.equal(queue.json.tasks[0].task.id, late.id, 'overdue first');
    assert.ok(!(await w.call(`${K}?overdue=true`, { headers: as(p.gil) })).json.tasks.length, "another department's lead is not told");
  });
});

describe('bad input writes nothing', () => {
  test('each refusal is a clear JSON error with its field, and no task or audit row is left behind', async () => {
    const c = await securityCase();
    const count = async () => [(await rows('SELECT COUNT(*) AS n FROM case_tasks'))[0].n, (await rows("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'task_opened'"))[0].n];
    const before = await count();
    const cases = [
      [{ department: 'security', question: '问自己' }, 422, 'department'],
      [{ department: 'lottery', question: '?' }, 422, 'department'],
      [{ department: 'billing', question: '   ' }, 422, 'question'],
      [{ department: 'billing', question: 'x'.repeat(10_001) }, 422, 'question'],
      [{ department: 'billing', question: '?', assignee: p.gil.id }, 422, 'assignee'],
      [{ department: 'billing' }, 422, 'question'],
    ];
    for (const [body, status, field] of cases) {
      const r = await post(`${A}/${c.id}/tasks`, p.sam, body);
      assert.equal(r.status, status, `${JSON.stringify(body).slice(0, 80)}: ${r.text}`);
      assert.equal(r.json.error.field, field, r.text);
    }
    const notJson = await w.call(`${A}/${c.id}/tasks`, { method: 'POST', headers: { ...as(p.sam), 'content-type': 'application/json' }, raw: '{"department":' });
    assert.equal(notJson.status, 400);
    assert.equal((await w.call(`${K}?status=bogus`, { headers: as(p.bo) })).status, 422);
    assert.equal((await w.call(`${K}?overdue=maybe`, { headers: as(p.bo) })).status, 422);
    assert.equal((await patch(`${A}/${c.id}`, p.sam, { status: 'solved', open_tasks: 'later' })).status, 422);
    assert.deepEqual(await count(), before);
    const task = await openTask(c.id, { department: 'billing', question: '?', assignee: p.bo.id });
    assert.equal(task.assignee, p.bo.id);
  });
});

describe('concurrent writes', () => {
  test('two agents answering one task: one answer is stored and acknowledged, the other refused', async () => {
    for (let round = 0; round < 3; round++) {
      const c = await securityCase();
      const task = await openTask(c.id);
      const [a, b] = await Promise.all([post(`${K}/${task.id}/answer`, p.bo, { text: 'Bo 的答复' }), post(`${K}/${task.id}/answer`, p.bea, { text: 'Bea 的答复' })]);
      assert.deepEqual([a.status, b.status].sort(), [200, 422], `${a.text} ${b.text}`);
      const winner = a.status === 200 ? 'Bo 的答复' : 'Bea 的答复';
      const stored = await rows('SELECT text FROM case_task_messages WHERE task_id = ? AND answer = 1', task.id);
      assert.deepEqual(stored.map((m) => m.text), [winner]);
      assert.equal((await audit('task_answered')).filter((e) => e.target === task.id).length, 1);
    }
  });

  test('messages sent at once are all stored', async () => {
    const c = await securityCase();
    const task = await openTask(c.id);
    const sent = await Promise.all([1, 2, 3, 4, 5].map((i) => post(`${K}/${task.id}/messages`, i % 2 ? p.bo : p.sam, { text: `消息 ${i}` })));
    assert.ok(sent.every((r) => r.status === 200), sent.map((r) => r.text).join('\n'));
    const stored = await rows('SELECT text FROM case_task_messages WHERE task_id = ? ORDER BY seq', task.id);
    assert.deepEqual(stored.map((m) => m.text).sort(), ['消息 1', '消息 2', '消息 3', '消息 4', '消息 5']);
  });

  test('a solve racing a task open never leaves a case solved with a task nobody was asked about', async () => {
    for (let round = 0; round < 4; round++) {
      const c = await securityCase();
      const [opened, solved] = await Promise.all([
        post(`${A}/${c.id}/tasks`, p.sam, { department: 'billing', question: `竞态 ${round}` }),
        patch(`${A}/${c.id}`, p.sam, { status: 'solved' }),
      ]);
      assert.ok(!(opened.status === 201 && solved.status === 200), `both acknowledged: ${opened.text} ${solved.text}`);
      assert.ok([201, 422].includes(opened.status) && [200, 409].includes(solved.status), `${opened.status} ${opened.text} / ${solved.status} ${solved.text}`);
      const [ticket] = await rows('SELECT status FROM tickets WHERE id = ?', c.id);
      const open = await rows("SELECT id FROM case_tasks WHERE ticket_id = ? AND status = 'open'", c.id);
      assert.equal(ticket.status === 'solved', solved.status === 200);
      assert.equal(open.length, opened.status === 201 ? 1 : 0);
    }
  });
});

describe('collaborators', () => {
  test('a person of another department added to a case reads and lists it and writes notes, not replies; audited', async () => {
    const c = await securityCase();
    const collaborate = (by, agentId) => post(`${A}/${c.id}/collaborators`, by, { agent_id: agentId });
    assert.equal((await post(`${A}/${c.id}/notes`, p.gil, { text: '路过' })).status, 404);
    assert.equal((await collaborate(p.gil, p.gil.id)).status, 404, 'only the case department adds');
    const own = await collaborate(p.sam, p.sam.id);
    assert.equal(own.status, 422, own.text);
    assert.equal(own.json.error.field, 'agent_id');
    assert.equal((await collaborate(p.sam, 'nobody')).status, 422);
    const added = await collaborate(p.sam, p.gil.id);
    assert.equal(added.status, 200, added.text);
    assert.deepEqual(added.json.collaborators, [p.gil.id]);
    assert.equal((await collaborate(p.sam, p.gil.id)).status, 200, 'adding twice changes nothing');
    assert.equal((await audit('collaborator_added')).filter((e) => e.target === c.id).length, 1);

    const read = await w.call(`${A}/${c.id}`, { headers: as(p.gil) });
    assert.equal(read.status, 200, read.text);
    assert.deepEqual([read.json.collaborator, read.json.through_task], [true, false]);
    assert.ok((await audit('restricted_case_read')).some((e) => e.target === c.id && e.actor_name === 'Gil General'));
    assert.ok((await w.call(A, { headers: as(p.gil) })).json.tickets.some((t) => t.id === c.id), 'listed with their own cases');
    assert.ok(!(await w.call(A, { headers: as(p.bo) })).json.tickets.some((t) => t.id === c.id));
    const noted = await post(`${A}/${c.id}/notes`, p.gil, { text: '这个用户上周也来过' });
    assert.equal(noted.status, 200, noted.text);
    assert.deepEqual([noted.json.ticket.events.at(-1).type, noted.json.ticket.events.at(-1).text], ['note', '这个用户上周也来过']);
    assert.equal((await post(`${A}/${c.id}/replies`, p.gil, { text: '你好' })).status, 404);
    assert.equal((await patch(`${A}/${c.id}`, p.gil, { priority: 'low' })).status, 404);
    assert.equal((await post(`${A}/${c.id}/tasks`, p.gil, { department: 'billing', question: '?' })).status, 404);
    const theirs = await w.call(`/api/v1/tickets/${c.id}?site=demo`, { headers: c.user });
    assert.ok(!theirs.text.includes('这个用户上周也来过'), 'the note stays internal');

    const removed = await w.call(`${A}/${c.id}/collaborators/${p.gil.id}`, { method: 'DELETE', headers: as(p.sam) });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.json.collaborators, []);
    assert.equal((await w.call(`${A}/${c.id}`, { headers: as(p.gil) })).status, 404);
    assert.equal((await audit('collaborator_removed')).filter((e) => e.target === c.id).length, 1);
  });
});

describe('a task past its due time', () => {
  test("is told once, by the sweep, to the leads of the department asked, live on their desk sockets", async () => {
    const desk = (person) => Peer.open(`${w.base.replace(/^http/, 'ws')}/api/v1/agent/desk/socket?agent_token=${person.token}`);
    const [lee, bo, admin] = await Promise.all([desk(p.lee), desk(p.bo), desk(p.admin)]);
    for (const peer of [lee, bo, admin]) {
      peer.send({ type: 'hello', last_seq: 0 });
      await peer.next('desk');
    }
    const c = await securityCase();
    const task = await openTask(c.id, { department: 'billing', question: '这笔扣费是否已退款？' });
    const isIt = (f) => f.task_id === task.id;

    await w.sweep(task.due_at - 60_000);
    await lee.quietFor('task_overdue', 300);
    assert.ok(!lee.all('task_overdue').some(isIt), 'not yet due: nobody is told');

    await w.sweep(task.due_at + 60_000);
    const told = await lee.next('task_overdue', isIt);
    assert.deepEqual(told, { v: 1, type: 'task_overdue', task_id: task.id, ticket_id: c.id, case_number: c.number, department: 'billing', question: '这笔扣费是否已退款？', due_at: task.due_at });
    assert.ok(!bo.all('task_overdue').some(isIt) && !admin.all('task_overdue').some(isIt), 'an agent of the department and an admin are not its leads');
    const [marked] = await rows('SELECT overdue_told_at FROM case_tasks WHERE id = ?1', task.id);
    assert.equal(marked.overdue_told_at, task.due_at + 60_000);

    await w.sweep(task.due_at + 120_000);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(lee.all('task_overdue').filter(isIt).length, 1, 'told once');
    for (const peer of [lee, bo, admin]) await peer.close();
  });
});
