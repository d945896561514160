// Starts the real worker under `wrangler dev` (workerd, local D1) on a free loopback port, with
// its own fresh database (and agents, if asked for), and stops the whole process group afterwards.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAgent } from '../../../edge/tests/support/worker.mjs';

const edgeDir = resolve(import.meta.dirname, '../../../edge');

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

async function waitUntilHealthy(url, child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`wrangler dev did not become healthy within ${timeoutMs} ms`);
}

/**
 * A copy of wrangler.toml beside it (so its relative paths hold) with every rate limit budget
 * multiplied by `scale`; returns its file name. Runs that send many requests from one client
 * use it, as the worker tests scale Miniflare's limits.
 */
function scaledConfig(scale) {
  const name = `wrangler.scaled-${process.pid}.toml`;
  const toml = readFileSync(join(edgeDir, 'wrangler.toml'), 'utf8')
    .replace(/simple = \{ limit = (\d+), period = (\d+) \}/g, (_, limit, period) => `simple = { limit = ${Math.max(1, Math.round(limit * scale))}, period = ${period} }`);
  writeFileSync(join(edgeDir, name), toml);
  return name;
}

/** Imports faq-data/content into the knowledge base's tables, as the run command's seed does. */
function importKnowledgeBase(persistTo, env) {
  const root = resolve(edgeDir, '..');
  const file = join(persistTo, 'kb.sql');
  writeFileSync(file, execFileSync(resolve(root, 'target/release/kb-import'), [resolve(root, 'faq-data/content'), 'demo'], { maxBuffer: 64 << 20 }));
  execFileSync('wrangler', ['d1', 'execute', 'DB', '--local', '--persist-to', persistTo, '--file', file], { cwd: edgeDir, env, stdio: 'ignore' });
}

/**
 * @param {{agents?: [string, string][], rateLimitScale?: number, knowledgeBase?: boolean}} options
 * agents to create (name, department) before start; `rateLimitScale` multiplies every rate limit
 * budget; `knowledgeBase` imports the demo content into D1 first (target/release/kb-import)
 * @returns {Promise<{url: string, pid: number, agents: object[], stop: () => Promise<void>}>}
 * `pid` leads the process group of wrangler and its workerd.
 */
export async function startEdge({ agents = [], rateLimitScale = 1, knowledgeBase = false } = {}) {
  const persistTo = mkdtempSync(join(tmpdir(), 'help-edge-'));
  const wranglerEnv = { ...process.env, CI: 'true' };
  execFileSync('wrangler', ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistTo], {
    cwd: edgeDir,
    env: wranglerEnv,
    stdio: 'ignore',
  });
  const created = agents.map(([name, department, roles]) => createAgent(persistTo, name, department, roles));
  if (knowledgeBase) importKnowledgeBase(persistTo, wranglerEnv);
  const [port, inspectorPort] = [await freePort(), await freePort()];
  const config = rateLimitScale === 1 ? null : scaledConfig(rateLimitScale);
  const removeConfig = () => config && rmSync(join(edgeDir, config), { force: true });
  const log = [];
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    'wrangler',
    ['dev', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort),
      '--local', '--persist-to', persistTo, '--show-interactive-dev-session=false',
      // Chat socket URLs are built on the deployment's public origin: here, this port.
      '--var', `PUBLIC_ORIGIN:${url}`, ...(config ? ['--config', config] : [])],
    { cwd: edgeDir, env: wranglerEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.on('data', (chunk) => log.push(chunk.toString()));
  child.stderr.on('data', (chunk) => log.push(chunk.toString()));
  try {
    await waitUntilHealthy(url, child);
  } catch (error) {
    process.kill(-child.pid, 'SIGTERM');
    removeConfig();
    throw new Error(`${error.message}\n${log.join('')}`);
  }
  return {
    url,
    pid: child.pid,
    inspectorPort,
    agents: created,
    log,
    /** Where D1 lives: `wrangler d1 execute DB --local --persist-to` seeds it while it runs. */
    persistTo,
    /** Creates a person of the team in this worker's database (edge/tools/agents.mjs). */
    createAgent(name, department, roles = [], extra = []) {
      return createAgent(persistTo, name, department, roles, extra);
    },
    async stop() {
      // wrangler leaves workerd behind if only its own pid is killed: end the whole group.
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      await new Promise((r) => child.once('exit', r).once('error', r) && setTimeout(r, 3000));
      rmSync(persistTo, { recursive: true, force: true });
      removeConfig();
    },
  };
}

/** A knowledge-base API call as `token`'s holder (`/api/v1/kb{path}`); its JSON, asserted ok. */
export async function kbCall(edgeUrl, token, path, method = 'GET', body) {
  const r = await fetch(`${edgeUrl}/api/v1/kb${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await r.json();
  assert.ok(r.ok, `${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}
