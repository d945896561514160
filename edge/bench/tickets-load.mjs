#!/usr/bin/env node
// Ticket creation under load against the real worker on 127.0.0.1 (local D1): an open loop at RATE requests per second for SECONDS, each a new ticket with its own
// Idempotency-Key, alternating anonymous requesters and HMAC-verified users. Each request
// comes from its own client address (`CF-Connecting-IP`, which Cloudflare sets in production
// and local workerd passes through), as many people filing at once would; the per-client
// rate limit stays on and is part of what is measured. Bounded in count
// (RATE × SECONDS) and time (a hard stop), loopback only. Prints p50/p90/p99/max, errors, the CPU
// each serving process spent per request, and where local D1 lives (TMPDIR: a disk syncs each
// commit, /dev/shm does not).
//
// `--via workerd` (the default) serves the built worker from workerd through Miniflare, as the
// worker tests do; `--via wrangler` goes through `wrangler dev`, the run command, whose dev proxy
// (a second workerd) and per-request log relay (a call into node) cost more CPU than the worker.
//
//   [TMPDIR=/dev/shm] node edge/bench/tickets-load.mjs [--rate 200] [--seconds 30] [--via workerd|wrangler]
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { startEdge } from '../../tests/e2e/support/edge.mjs';
import { newTicket, startWorker, userHash } from '../tests/support/worker.mjs';
import { cpuPressure, filesystemOf, processesUnder } from './machine.mjs';

const { values } = parseArgs({ options: {
  rate: { type: 'string', default: '200' }, seconds: { type: 'string', default: '30' }, via: { type: 'string', default: 'workerd' },
} });
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const total = Math.min(rate * seconds, 20_000);

const edge = values.via === 'wrangler' ? await startEdge() : await servedByWorkerd();
if (new URL(edge.url).hostname !== '127.0.0.1') throw new Error('loopback only');
const hardStop = setTimeout(() => { console.error('hard stop'); edge.stop().then(() => process.exit(1)); }, (seconds + 60) * 1000);

async function one(i) {
  const n = typeof i === 'number' ? i : 60_000 + Number(String(i).replace(/\D/g, ''));
  const client = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const headers = { 'content-type': 'application/json', 'idempotency-key': `load-${i}`, 'cf-connecting-ip': client };
  if (i % 2) Object.assign(headers, { 'x-user-id': `load-user-${i % 500}`, 'x-user-hash': userHash(`load-user-${i % 500}`) });
  const started = performance.now();
  try {
    const r = await fetch(`${edge.url}/api/v1/tickets?site=demo`, { method: 'POST', headers, body: JSON.stringify(newTicket({ channel: i % 2 ? 'app' : 'web' })) });
    await r.arrayBuffer();
    return { ms: performance.now() - started, ok: r.status === 201, status: r.status };
  } catch (error) {
    return { ms: performance.now() - started, ok: false, status: String(error.cause?.code ?? error.message) };
  }
}

/** The built worker under workerd (Miniflare), with the rate limits of wrangler.toml. */
async function servedByWorkerd() {
  const worker = await startWorker();
  return { url: worker.base, pid: process.pid, stop: () => worker.dispose() };
}

// Warm the isolate and the database before measuring.
for (let i = 0; i < 20; i++) await one(`warm-${i}`);

const serving = () => processesUnder(edge.pid);
const cpuBefore = new Map(serving().map((p) => [p.pid, p.cpuMs]));
const results = [];
const start = performance.now();
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / rate;
  const wait = due - performance.now();
  if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  results.push(one(i));
}
const done = await Promise.all(results);
const elapsed = (performance.now() - start) / 1000;
const pressure = cpuPressure();
const cpuPerRequest = Object.fromEntries(serving().filter((p) => cpuBefore.has(p.pid) && p.cpuMs > cpuBefore.get(p.pid))
  .map((p) => [`${p.comm} ${p.pid}`, Number(((p.cpuMs - cpuBefore.get(p.pid)) / done.length).toFixed(2))]));
clearTimeout(hardStop);
await edge.stop();

const ms = done.map((d) => d.ms).sort((a, b) => a - b);
const at = (q) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(1);
const errors = done.filter((d) => !d.ok);
const statuses = {};
for (const e of errors) statuses[e.status] = (statuses[e.status] ?? 0) + 1;
console.log(JSON.stringify({
  via: values.via, requests: done.length, seconds: Number(elapsed.toFixed(1)), achieved_rps: Number((done.length / elapsed).toFixed(1)),
  p50_ms: Number(at(0.5)), p90_ms: Number(at(0.9)), p99_ms: Number(at(0.99)), max_ms: Number(ms.at(-1).toFixed(1)),
  errors: errors.length, error_statuses: statuses,
  cpu_ms_per_request: cpuPerRequest, cpu_pressure_pct: pressure, persist: { dir: tmpdir(), fs: filesystemOf(tmpdir()) },
}));
