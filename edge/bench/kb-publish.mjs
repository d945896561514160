// What a publish at the edge costs: the demo content (faq-data/content, loaded into D1 by
// kb-import as the knowledge base's records) is published locale by locale through the real
// route (`POST /api/v1/kb/publications/{locale}`: read from D1, faq-data's builder in wasm, R2,
// the manifest switch), under workerd via Miniflare. Per locale: the request's wall time and the
// CPU time workerd used for it (from /proc, 10 ms ticks), median of `runs`, and workerd's resident
// memory after them (the whole process: runtime, D1 and R2 included); and the same build
// natively (`faq build`) for comparison.
// With a second argument N, zh-cn is first grown to about N articles the way faq-data's
// query_latency bench grows it (the real articles copied with new ids and a copy number in the
// title), so term statistics stay those of a real help center.
// Every publish runs the locale's regression queries (the content's labelled queries, imported
// with it) against the index served and the new one; `--no-regression-queries` removes them
// after the import, so the two runs' difference is what that guard costs.
// `node edge/bench/kb-publish.mjs [runs=5] [articles] [--no-regression-queries]` after
// `scripts/build.sh` (the worker, target/release/faq) and `cargo build --release -p kb --bin kb-import`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { processesUnder } from './machine.mjs';
import { edgeDir, startWorker } from '../tests/support/worker.mjs';

const flags = process.argv.slice(2).filter((a) => a.startsWith('--'));
const [runsArg, grownArg] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const runs = Number(runsArg ?? 5);
const grownTo = grownArg ? Number(grownArg) : null;
const guarded = !flags.includes('--no-regression-queries');
const root = resolve(edgeDir, '..');
const sql = execFileSync(resolve(root, 'target/release/kb-import'), [resolve(root, 'faq-data/content'), 'demo'], { maxBuffer: 64 << 20 }).toString();

const w = await startWorker({ agents: [['Bench Editor', 'general', ['editor']]], rateLimitScale: 1000 });
const [editor] = w.agents;
const db = await w.mf.getD1Database('DB');
const statements = sql.trim().split('\n');
await db.batch(statements.map((s) => db.prepare(s)));
if (!guarded) await db.prepare('DELETE FROM kb_regression_queries').run();
const regressionQueries = (await db.prepare('SELECT locale, COUNT(*) AS n FROM kb_regression_queries GROUP BY locale').all()).results;
if (grownTo) {
  const real = (await db.prepare("SELECT COUNT(*) AS n FROM kb_articles WHERE locale = 'zh-cn'").first()).n;
  const copies = Math.ceil(grownTo / real) - 1;
  const copy = (table, columns, select) => db.prepare(`WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < ${copies})
    INSERT INTO ${table} (${columns}) ${select}`).run();
  await copy('kb_articles', 'site, id, locale, draft, section_id, translation_of, status, revision, live_version, votes, updated_at, updated_by',
    `SELECT site, id || '-' || k, locale, json_set(draft, '$.title', json_extract(draft, '$.title') || ' ' || k), section_id, NULL, status, 1, 1, votes, 0, updated_by
     FROM kb_articles, n WHERE locale = 'zh-cn' AND instr(id, '-') = 0`);
  await copy('kb_versions', 'site, article_id, number, at, author_id, author_name, article',
    `SELECT v.site, v.article_id || '-' || k, 1, 0, NULL, v.author_name, json_set(v.article, '$.title', json_extract(v.article, '$.title') || ' ' || k)
     FROM kb_versions v JOIN kb_articles a ON a.site = v.site AND a.id = v.article_id, n WHERE a.locale = 'zh-cn' AND instr(v.article_id, '-') = 0`);
}
const workerd = () => processesUnder(process.pid).filter((p) => p.comm.startsWith('workerd'));
const workerdCpu = () => workerd().reduce((sum, p) => sum + p.cpuMs, 0);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

const results = {};
for (const locale of grownTo ? ['zh-cn'] : ['zh-cn', 'en-us']) {
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
  results[locale] = { articles, regression_queries: regressionQueries.find((q) => q.locale === locale)?.n ?? 0, workerd_rss_mib_after: Math.round(workerd().reduce((sum, p) => sum + p.rssKiB, 0) / 1024), wall_ms_median: Math.round(median(wall)), wall_ms_all: wall.map(Math.round), workerd_cpu_ms_median: median(cpu), workerd_cpu_ms_all: cpu };
}
await w.dispose();

const native = {};
if (!grownTo) {
  const out = mkdtempSync(join(tmpdir(), 'kb-bench-'));
  const started = performance.now();
  execFileSync(resolve(root, 'target/release/faq'), ['build', resolve(root, 'faq-data/content'), '--out', out], { stdio: 'ignore' });
  native.faq_build_both_locales_ms = Math.round(performance.now() - started);
  rmSync(out, { recursive: true, force: true });
}
console.log(JSON.stringify({ runs, statements: statements.length, publish: results, native }, null, 2));
