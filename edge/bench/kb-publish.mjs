// What a publish at the edge costs: the demo content (faq-data/content, loaded into D1 by
// kb-import as the knowledge base's records) is published locale by locale through the real
// route (`POST /api/v1/kb/publications/{locale}`: read from D1, faq-data's builder in wasm, R2,
// the manifest switch), under workerd via Miniflare. Per locale: the request's wall time and the
// CPU time workerd used for it (from /proc, 10 ms ticks), median of `runs`; and the same build
// natively (`faq build`) for comparison.
// `node edge/bench/kb-publish.mjs [runs=5]` after `scripts/build.sh` (the worker, target/release/faq)
// and `cargo build --release -p kb --bin kb-import`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { processesUnder } from './machine.mjs';
import { edgeDir, startWorker } from '../tests/support/worker.mjs';

const runs = Number(process.argv[2] ?? 5);
const root = resolve(edgeDir, '..');
const sql = execFileSync(resolve(root, 'target/release/kb-import'), [resolve(root, 'faq-data/content'), 'demo'], { maxBuffer: 64 << 20 }).toString();

const w = await startWorker({ agents: [['Bench Editor', 'general', ['editor']]], rateLimitScale: 1000 });
const [editor] = w.agents;
const db = await w.mf.getD1Database('DB');
const statements = sql.trim().split('\n');
await db.batch(statements.map((s) => db.prepare(s)));
const workerdCpu = () => processesUnder(process.pid).filter((p) => p.comm.startsWith('workerd')).reduce((sum, p) => sum + p.cpuMs, 0);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const results = {};
for (const locale of ['zh-cn', 'en-us']) {
  const wall = [];
  const cpu = [];
  let articles = 0;
  for (let i = 0; i < runs; i++) {
    const cpuBefore = workerdCpu();
    const started = performance.now();
    const r = await w.call(`/api/v1/kb/publications/${locale}`, { method: 'POST', headers: { authorization: `Bearer ${editor.token}` } });
    wall.push(performance.now() - started);
    cpu.push(workerdCpu() - cpuBefore);
    if (r.status !== 200) throw new Error(`publish ${locale}: ${r.status} ${r.text}`);
    articles = r.json.articles;
  }
  results[locale] = { articles, wall_ms_median: Math.round(median(wall)), wall_ms_all: wall.map(Math.round), workerd_cpu_ms_median: median(cpu), workerd_cpu_ms_all: cpu };
}
await w.dispose();

const out = mkdtempSync(join(tmpdir(), 'kb-bench-'));
const started = performance.now();
execFileSync(resolve(root, 'target/release/faq'), ['build', resolve(root, 'faq-data/content'), '--out', out], { stdio: 'ignore' });
const nativeMs = Math.round(performance.now() - started);
rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify({ runs, statements: statements.length, publish: results, native_faq_build_both_locales_ms: nativeMs }, null, 2));
