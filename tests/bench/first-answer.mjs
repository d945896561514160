#!/usr/bin/env node
// Bytes to first answer: what a reader holding nothing fetches before it can show the results
// of its first query: the locale's index core plus the chunks the query plans (`faq plan`),
// each as brotli -q 11 (what a CDN sends). Widget code is counted apart (tests/budget/sizes.mjs).
//
//   node tests/bench/first-answer.mjs                 the demo zh-cn and a synthetic 10,000
//   node tests/bench/first-answer.mjs --100k          … and 100,000 articles
//   node tests/bench/first-answer.mjs --sweep         chunk sizes tried at 10,000 articles
//
// The synthetic help center is the issue's: the demo's zh-cn articles with new ids, each with a
// second article's body appended, repeated in their sections until there are N of them.
// Queries are the dev set's zh-cn queries. Needs target/release/faq (scripts/build.sh).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const repo = resolve(import.meta.dirname, '../..');
export const faq = process.env.FAQ ?? join(repo, 'target/release/faq');
const demo = join(repo, 'faq-data/content');

export const queries = readFileSync(join(repo, 'faq-data/content/queries-dev.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((q) => q.locale === 'zh-cn').map((q) => q.q);

/** The demo content with its zh-cn articles grown to `count` (other locales left out). */
export function synthetic(count, dir) {
  const from = join(demo, 'zh-cn');
  const to = join(dir, 'zh-cn');
  cpSync(join(from, '_data'), join(to, '_data'), { recursive: true });
  const sections = [];
  for (const category of readdirSync(from).filter((n) => !n.startsWith('_')).sort()) {
    mkdirSync(join(to, category), { recursive: true });
    cpSync(join(from, category, '_category.toml'), join(to, category, '_category.toml'));
    for (const section of readdirSync(join(from, category)).filter((n) => !n.startsWith('_')).sort()) {
      mkdirSync(join(to, category, section), { recursive: true });
      cpSync(join(from, category, section, '_section.toml'), join(to, category, section, '_section.toml'));
      const articles = readdirSync(join(from, category, section)).filter((n) => n.endsWith('.md')).sort()
        .map((n) => readFileSync(join(from, category, section, n), 'utf8'));
      sections.push({ path: join(to, category, section), articles });
    }
  }
  const all = sections.flatMap((s) => s.articles);
  const body = (text) => text.slice(text.indexOf('+++', 3) + 3).trim();
  let made = 0;
  for (let round = 0; made < count; round++) {
    for (const section of sections) {
      for (const article of section.articles) {
        if (made === count) break;
        const id = `9${String(made).padStart(7, '0')}`;
        const second = body(all[(made * 7 + 1) % all.length]);
        const text = article.replace(/^id = ".*"$/m, `id = "${id}"`) + '\n' + second + '\n';
        writeFileSync(join(section.path, `${id}.md`), text);
        made++;
      }
    }
  }
  return dir;
}

/** Builds `content` into `out` with the given chunk sizes (the defaults if not given). */
export function build(content, out, layout = {}) {
  const args = ['build', content, '--out', out];
  if (layout.postings) args.push('--postings-chunk', String(layout.postings));
  if (layout.docs) args.push('--docs-chunk', String(layout.docs));
  execFileSync(faq, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

const brotli = (path) => brotliCompressSync(readFileSync(path), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** Per query: brotli bytes and requests to the first answer, from an index folder `faq build` wrote. */
export function firstAnswers(index, locale = 'zh-cn', qs = queries) {
  const core = join(index, `${locale}.core`);
  const sizes = new Map();
  const size = (name) => {
    if (!sizes.has(name)) sizes.set(name, brotli(join(index, name)));
    return sizes.get(name);
  };
  const plans = execFileSync(faq, ['plan', '--index', core], { input: qs.join('\n') + '\n', maxBuffer: 1 << 26 })
    .toString().split('\n').filter(Boolean).map((l) => JSON.parse(l));
  return plans.map(({ query, rounds }) => {
    const parts = rounds.flat();
    return { query, requests: 1 + parts.length, rounds: rounds.length, bytes: size(`${locale}.core`) + parts.reduce((sum, p) => sum + size(p), 0) };
  });
}

/** The whole index, brotli: core, chunks, bodies. */
export function wholeIndex(index, locale = 'zh-cn') {
  const files = readdirSync(index).filter((n) => n.startsWith(`${locale}.`));
  const of = (test) => files.filter(test).reduce((sum, n) => sum + brotli(join(index, n)), 0);
  return {
    core: of((n) => n.endsWith('.core')),
    postings: of((n) => /\.p\d+$/.test(n)),
    docs: of((n) => /\.d\d+$/.test(n)),
    bodies: of((n) => n.endsWith('.bodies')),
    raw: files.reduce((sum, n) => sum + statSync(join(index, n)).size, 0),
    chunks: files.filter((n) => /\.[pd]\d+$/.test(n)).length,
  };
}

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

export function summary(answers) {
  const bytes = answers.map((a) => a.bytes);
  const requests = answers.map((a) => a.requests);
  return {
    p50: pct(bytes, 0.5), p90: pct(bytes, 0.9), max: Math.max(...bytes),
    mean: Math.round(bytes.reduce((a, b) => a + b, 0) / bytes.length),
    requestsP50: pct(requests, 0.5), requestsMax: Math.max(...requests),
  };
}

function report(name, index) {
  const s = summary(firstAnswers(index));
  const w = wholeIndex(index);
  const kb = (b) => `${(b / 1000).toFixed(1)} KB`;
  console.log(`| ${name} | ${kb(w.core)} | ${kb(s.p50)} | ${kb(s.p90)} | ${kb(s.max)} | ${s.requestsP50} / ${s.requestsMax} | ${kb(w.core + w.postings + w.docs)} (${w.chunks} chunks) | ${kb(w.bodies)} |`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const work = mkdtempSync(join(tmpdir(), 'first-answer-'));
  try {
    if (process.argv.includes('--sweep')) {
      const content = synthetic(10_000, join(work, 'content'));
      console.log('| help center | postings chunk | article chunk | first answer p50 | p90 | max | mean | requests p50 / max | chunks | all chunks |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
      for (const [name, from] of [['demo', demo], ['10,000', content]]) {
        for (const postings of [8192, 16384, 32768, 65536]) {
          for (const docs of [2048, 4096, 8192, 16384]) {
            const out = build(from, join(work, `out-${postings}-${docs}`), { postings, docs });
            const s = summary(firstAnswers(out));
            const w = wholeIndex(out);
            console.log(`| ${name} | ${postings} | ${docs} | ${s.p50} | ${s.p90} | ${s.max} | ${s.mean} | ${s.requestsP50} / ${s.requestsMax} | ${w.chunks} | ${w.postings + w.docs} |`);
            rmSync(out, { recursive: true });
          }
        }
      }
    } else {
      console.log(`${queries.length} dev-set zh-cn queries, brotli -q 11\n`);
      console.log('| help center | core | first answer p50 | p90 | max | requests p50 / max | core + all chunks | bodies |\n|---|---:|---:|---:|---:|---:|---:|---:|');
      report('demo zh-cn (180 articles)', build(demo, join(work, 'demo')));
      const sizes = process.argv.includes('--100k') ? [10_000, 100_000] : [10_000];
      for (const n of sizes) {
        report(`synthetic ${n.toLocaleString('en')} articles`, build(synthetic(n, join(work, `content-${n}`)), join(work, `out-${n}`)));
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
