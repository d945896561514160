// The built worker (edge/build) under Miniflare: workerd with a fresh local D1 that wrangler's
// own migration runner has prepared, the vars and secrets from wrangler.toml / dev.vars.example,
// and helpers to call the API as the widget, an agent or the cron trigger would.
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Miniflare } from 'miniflare';
import { unstable_getMiniflareWorkerOptions } from 'wrangler';
import { conforms } from './openapi.mjs';

export const edgeDir = resolve(import.meta.dirname, '../..');
export const SECRET = 'demo-site-secret-change-me';

/** What a host page computes for its logged-in user. */
export function userHash(userId, secret = SECRET) {
  return createHmac('sha256', secret).update(userId).digest('hex');
}

/** A valid ticket request; override any field. */
export function newTicket(overrides = {}) {
  return {
    subject: '视频一直缓冲', description: '昨晚开始所有视频都卡在 99%', category: '视频播放', channel: 'web',
    context: { searches: ['视频卡顿'], articles_read: ['2001'], page_url: 'https://example.com/help', locale: 'zh-cn' },
    ...overrides,
  };
}
const quiet = { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', WRANGLER_HIDE_BANNER: 'true' };

/** Creates a person of the team with the documented tool (an agent unless `roles` says
 * otherwise; `department` may be a list); returns what it printed, the token included. */
export function createAgent(persistTo, name, department, roles = [], extra = []) {
  const departments = [department].flat().flatMap((d) => ['--department', d]);
  const out = execFileSync('node', ['tools/agents.mjs', 'create', '--name', name, ...departments,
    ...roles.flatMap((r) => ['--role', r]), ...extra, '--local', '--persist-to', persistTo], { cwd: edgeDir, env: quiet });
  return JSON.parse(out.toString().trim().split('\n').pop());
}

/** @param {{vars?: Record<string,string>, agents?: [string, string | string[], string[]?][]}} options */
/** The wrangler.toml rate limits with every budget multiplied by `scale` (at least 1 a minute). */
function scaledRateLimits(ratelimits, scale) {
  return Object.fromEntries(Object.entries(ratelimits ?? {}).map(([name, config]) =>
    [name, { ...config, simple: { ...config.simple, limit: Math.max(1, Math.round(config.simple.limit * scale)) } }]));
}

/** `rateLimitScale` multiplies every rate limit, for tests that send many requests from one client. */

/** The kb-import binary the run command seeds D1 with (`scripts/build.sh` builds it). */
export const KB_IMPORT = resolve(edgeDir, '../target/release/kb-import');

/** Imports the demo content (`faq-data/content`) into a started worker's D1, as the run command does. */
export async function importDemoContent(w) {
  const sql = execFileSync(KB_IMPORT, [resolve(edgeDir, '../faq-data/content'), 'demo'], { maxBuffer: 64 << 20 }).toString();
  const db = await w.mf.getD1Database('DB');
  await db.batch(sql.trim().split('\n').map((s) => db.prepare(s)));
}
/** `log`: a Miniflare log (support/mailbox.mjs keeps the sent mail); `miniflare`: more
 * Miniflare options over wrangler.toml's (e.g. a restricted `email.send_email` binding). */
export async function startWorker({ vars = {}, agents = [], rateLimitScale = 1, log, miniflare = {} } = {}) {
  const persistTo = mkdtempSync(join(tmpdir(), 'help-edge-test-'));
  execFileSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo],
    { cwd: edgeDir, env: quiet, stdio: 'ignore' });
  const created = agents.map(([name, department, roles, extra]) => createAgent(persistTo, name, department, roles, extra));
  const { workerOptions } = unstable_getMiniflareWorkerOptions(join(edgeDir, 'wrangler.toml'));
  const mf = new Miniflare({
    ...workerOptions,
    modules: true,
    scriptPath: join(edgeDir, 'build/index.js'),
    modulesRules: [{ type: 'CompiledWasm', include: ['**/*.wasm'] }],
    bindings: { ...workerOptions.bindings, SITE_SECRET_DEMO: SECRET, ...vars },
    ratelimits: scaledRateLimits(workerOptions.ratelimits, rateLimitScale),
    // Nobody reads them, and each one is a call from workerd back into this process.
    logRequests: false,
    d1Persist: join(persistTo, 'v3', 'd1'),
    durableObjectsPersist: join(persistTo, 'v3', 'do'),
    r2Persist: join(persistTo, 'v3', 'r2'),
    // The local endpoint for inbound mail (/cdn-cgi/handler/email), as under `wrangler dev`.
    unsafeTriggerHandlers: true,
    log,
    ...miniflare,
  });
  const base = (await mf.ready).toString().replace(/\/$/, '');
  return {
    mf,
    base,
    persistTo,
    agents: created,
    /** fetch with JSON helpers: body objects are sent as JSON. Every API answer is checked
     * against openapi.yaml unless `contract: false` (preflights, deliberately odd requests). */
    async call(path, { method = 'GET', body, headers = {}, raw, contract = true } = {}) {
      const init = { method, headers: { ...headers } };
      if (raw !== undefined) init.body = raw;
      else if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers['content-type'] ??= 'application/json';
      }
      const response = await mf.dispatchFetch(`${base}${path}`, init);
      const text = await response.text();
      let json;
      try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
      if (contract) conforms(method, path, response.status, json);
      return { status: response.status, headers: response.headers, json, text };
    },
    /** Runs the cron sweep as if it fired at `time` (ms since epoch). */
    async sweep(time) {
      const worker = await mf.getWorker();
      return worker.scheduled({ scheduledTime: new Date(time), cron: '*/10 * * * *' });
    },
    async dispose() {
      await mf.dispose();
      rmSync(persistTo, { recursive: true, force: true });
    },
  };
}
