#!/usr/bin/env node
// Live chat under load against the real `wrangler dev` (workerd, local D1) on 127.0.0.1.
//
// USERS users each open a chat (POST /api/v1/chats), which the desk hands to one of AGENTS
// agents at once; every user and every agent then holds a real WebSocket in that chat (2 × USERS
// conversation sockets, plus one desk socket per agent). For SECONDS, every user sends one
// message a second (spread evenly over the second). Measured:
//
// - fan-out latency: the user's `send` → the agent's socket has the `message` frame
//   (the message crossed the worker, was stored with its seq and was broadcast);
// - ack latency: the user's `send` → the `ack` frame (stored);
// - workerd's memory: the summed RSS of the workerd processes wrangler started, just after every
//   socket connected, after IDLE_SECONDS of silence (conversations hibernated), at its peak
//   under load, and at the end;
// - CPU: workerd's per delivered message, and how busy the whole machine was (the load
//   generator and anything else running share its cores).
//
// Every request and socket comes from its own client address (`CF-Connecting-IP`), so the
// per-client rate limits stay on, as for many people chatting at once. Loopback only; bounded in
// time by a hard stop. Local D1 and the objects' SQLite files go under the temporary directory
// (TMPDIR): on a disk every commit is synced, under /dev/shm (tmpfs) it is not.
//
//   [TMPDIR=/dev/shm] node edge/bench/chat-load.mjs [--users 1000] [--seconds 30] [--agents 20] [--idle-seconds 30]
import { availableParallelism, tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { startEdge } from '../../tests/e2e/support/edge.mjs';
import { cpuPressure, filesystemOf, machineBusyMs, processesUnder } from './machine.mjs';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    agents: { type: 'string', default: '20' },
    'idle-seconds': { type: 'string', default: '30' },
  },
});
const USERS = Number(values.users);
const SECONDS = Number(values.seconds);
const AGENTS = Number(values.agents);
const CAPACITY = Math.ceil(USERS / AGENTS);
/** How long every socket stays connected and silent before the load: long enough for workerd
 * to hibernate the conversations (about ten seconds without events). */
const IDLE_SECONDS = Number(values['idle-seconds']);
/** How many chats are being opened (or sockets connected) at once while setting up. */
const SETUP_CONCURRENCY = 16;

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (message) => console.error(`[${elapsed()}] ${message}`);

log(`starting wrangler dev with ${AGENTS} agents`);
const edge = await startEdge({ agents: Array.from({ length: AGENTS }, (_, i) => [`Load Agent ${i + 1}`, 'general']) });
if (new URL(edge.url).hostname !== '127.0.0.1') throw new Error('loopback only');
const hardStop = setTimeout(() => {
  console.error('hard stop');
  edge.stop().then(() => process.exit(1));
}, (SECONDS + 600) * 1000);
const wsBase = edge.url.replace(/^http/, 'ws');

/** A distinct client address per participant: 10.x.y.z. */
const address = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** wrangler's node and its workerd processes. */
const group = () => processesUnder(edge.pid);
const workerd = () => group().filter((p) => p.comm.startsWith('workerd'));
const workerdRssMiB = () => Math.round(workerd().reduce((kib, p) => kib + p.rssKiB, 0) / 1024);
const workerdCpuMs = () => workerd().reduce((ms, p) => ms + p.cpuMs, 0);

/** Opens a socket; resolves once open, with every frame passed to `onFrame`. */
function connect(path, client, onFrame) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${wsBase}${path}`, { headers: { 'cf-connecting-ip': client }, perMessageDeflate: false });
    ws.on('message', (data) => onFrame(JSON.parse(data.toString()), ws));
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`${path}: upgrade refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** Runs `task(i)` for i in 0..count with at most `limit` at once. */
async function pool(count, limit, task) {
  let next = 0;
  const results = new Array(count);
  await Promise.all(Array.from({ length: Math.min(limit, count) }, async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  }));
  return results;
}

const quantile = (sorted, q) => sorted.length ? Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2)) : null;
const summary = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50_ms: quantile(sorted, 0.5), p90_ms: quantile(sorted, 0.9), p99_ms: quantile(sorted, 0.99), max_ms: sorted.length ? Number(sorted.at(-1).toFixed(2)) : null };
};

// 1. Agents sign in to the desk, online with room for every chat.
const mine = new Map();
await Promise.all(edge.agents.map((agent, i) => new Promise((resolve, reject) => {
  connect(`/api/v1/agent/desk/socket?agent_token=${agent.token}`, address(1 + i), (frame) => {
    if (frame.type !== 'desk') return;
    mine.set(agent.id, frame.mine);
    if (frame.status === 'online') resolve();
  }).then((ws) => ws.send(JSON.stringify({ v: 1, type: 'presence', status: 'online', capacity: CAPACITY })), reject);
})));
log(`${AGENTS} agents online, capacity ${CAPACITY} each`);

// 2. Users ask for a human; each chat goes to an agent at once.
const createMs = [];
const chats = await pool(USERS, SETUP_CONCURRENCY, async (i) => {
  const t0 = performance.now();
  const response = await fetch(`${edge.url}/api/v1/chats?site=demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': address(10_000 + i) },
    body: JSON.stringify({ message: `load user ${i}: 视频一直缓冲`, category: '账号管理' }),
  });
  const body = await response.json();
  createMs.push(performance.now() - t0);
  if (response.status !== 201 || body.state !== 'with_agent') throw new Error(`chat ${i}: ${response.status} ${JSON.stringify(body)}`);
  return { i, chatId: body.chat_id, token: body.requester_token };
});
log(`${USERS} chats opened`);

// 3. Who got which chat: the agents' desk snapshots say.
const deadline = Date.now() + 30_000;
while ([...mine.values()].reduce((n, m) => n + m.length, 0) < USERS) {
  if (Date.now() > deadline) throw new Error('the desk snapshots never listed every chat');
  await new Promise((r) => setTimeout(r, 100));
}
const agentOf = new Map();
for (const agent of edge.agents) for (const { chat_id: chatId } of mine.get(agent.id)) agentOf.set(chatId, agent);

// 4. Every user and every agent joins their chat and says hello.
const sentAt = new Map();
const fanOutMs = [];
const ackMs = [];
let unexpected = 0;
const hello = (ws) => ws.send(JSON.stringify({ v: 1, type: 'hello', last_seq: 0 }));
const waitWelcome = (path, client, onFrame) => new Promise((resolve, reject) => {
  connect(path, client, (frame, ws) => {
    if (frame.type === 'welcome') resolve(ws);
    else if (frame.type === 'error') unexpected++;
    else onFrame(frame);
  }).then(hello, reject);
});
const userSockets = await pool(USERS, 4 * SETUP_CONCURRENCY, (n) => {
  const chat = chats[n];
  return waitWelcome(`/api/v1/chats/${chat.chatId}/socket?site=demo&token=${chat.token}`, address(10_000 + n), (frame) => {
    if (frame.type !== 'ack') return;
    const t0 = sentAt.get(frame.client_id)?.sent;
    if (t0 !== undefined) ackMs.push(performance.now() - t0);
  });
});
await pool(USERS, 4 * SETUP_CONCURRENCY, (n) => {
  const chat = chats[n];
  const agent = agentOf.get(chat.chatId);
  return waitWelcome(`/api/v1/agent/chats/${chat.chatId}/socket?agent_token=${agent.token}`, address(1 + edge.agents.indexOf(agent)), (frame) => {
    if (frame.type !== 'message' || frame.role !== 'user') return;
    const pending = sentAt.get(frame.client_id);
    if (!pending || pending.delivered) return;
    pending.delivered = true;
    fanOutMs.push(performance.now() - pending.sent);
  });
});
log(`${2 * USERS} conversation sockets connected`);
await new Promise((r) => setTimeout(r, 3000));
const connectedRss = workerdRssMiB();
await new Promise((r) => setTimeout(r, Math.max(0, IDLE_SECONDS - 3) * 1000));
const idleRss = workerdRssMiB();
log(`idle for ${IDLE_SECONDS} s: workerd RSS ${connectedRss} MiB just after connecting, ${idleRss} MiB now`);

// 5. Load: every user one message a second, spread over the second.
let peakRss = idleRss;
const pressures = [];
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, workerdRssMiB());
  pressures.push(cpuPressure());
}, 1000);
let sent = 0;
const [cpuBefore, busyBefore, clientBefore] = [workerdCpuMs(), machineBusyMs(), process.cpuUsage()];
const perProcessBefore = new Map(group().map((p) => [p.pid, p.cpuMs]));
const loadStart = performance.now();
const timers = userSockets.map((ws, n) => {
  let count = 0;
  const send = () => {
    const clientId = `u${n}-${count++}`;
    sentAt.set(clientId, { sent: performance.now(), delivered: false });
    ws.send(JSON.stringify({ v: 1, type: 'message', client_id: clientId, text: `第 ${count} 条：还在缓冲` }));
    sent++;
  };
  const first = setTimeout(() => {
    send();
    timers[n].interval = setInterval(send, 1000);
  }, (n / USERS) * 1000);
  return { first, interval: null };
});
await new Promise((r) => setTimeout(r, SECONDS * 1000));
for (const t of timers) {
  clearTimeout(t.first);
  clearInterval(t.interval);
}
const loadSeconds = (performance.now() - loadStart) / 1000;
log(`load done: ${sent} messages sent; waiting for the last deliveries`);
await new Promise((r) => setTimeout(r, 5000));
clearInterval(sampler);
const endRss = workerdRssMiB();
const measured = pressures.filter((p) => p !== null);
const pressureDuringLoad = measured.length ? `${Math.round(measured.reduce((a, b) => a + b, 0) / measured.length)}% of the time some task waited for a CPU` : null;
// CPU over the load and the drain: workerd's own, this client's, and the whole machine's (other
// work on the machine competes for the same cores and shows here).
const windowSeconds = (performance.now() - loadStart) / 1000;
const workerdCpu = workerdCpuMs() - cpuBefore;
const client = process.cpuUsage(clientBefore);
const busy = machineBusyMs() - busyBefore;

const delivered = fanOutMs.length;
console.log(JSON.stringify({
  users: USERS,
  agents: AGENTS,
  sockets: 2 * USERS + AGENTS,
  load_seconds: Number(loadSeconds.toFixed(1)),
  messages_sent: sent,
  achieved_msgs_per_s: Number((sent / loadSeconds).toFixed(1)),
  fan_out: summary(fanOutMs),
  ack: summary(ackMs),
  not_delivered: sent - delivered,
  not_acked: sent - ackMs.length,
  error_frames: unexpected,
  chat_create: summary(createMs),
  workerd_rss_mib: { just_connected: connectedRss, idle_connected: idleRss, idle_seconds: IDLE_SECONDS, peak_under_load: peakRss, after: endRss },
  // wrangler dev runs two workerd processes (its proxy in front, and the worker) under node.
  processes: group().map((p) => ({ pid: p.pid, comm: p.comm, rss_mib: Math.round(p.rssKiB / 1024), load_cpu_ms: p.cpuMs - (perProcessBefore.get(p.pid) ?? 0) })),
  // Where local D1 and the objects' SQLite files live: a disk syncs each commit, tmpfs does not.
  persist: { dir: tmpdir(), fs: filesystemOf(tmpdir()) },
  cpu_pressure_during_load: pressureDuringLoad,
  cpu: {
    window_seconds: Number(windowSeconds.toFixed(1)),
    workerd_cores: Number((workerdCpu / 1000 / windowSeconds).toFixed(2)),
    workerd_ms_per_delivered_message: delivered ? Number((workerdCpu / delivered).toFixed(2)) : null,
    bench_client_cores: Number(((client.user + client.system) / 1e6 / windowSeconds).toFixed(2)),
    machine_busy_cores: Number((busy / 1000 / windowSeconds).toFixed(2)),
    cores: availableParallelism(),
  },
}, null, 2));

for (const ws of userSockets) ws.terminate();
clearTimeout(hardStop);
await edge.stop();
process.exit(0);
