#!/usr/bin/env node
// The widget over a large help center, in Debian's Chromium, on loopback: a plain Node server
// serves a host page, the built widget (build/site/widget) and the index of a synthetic help
// center (tests/bench/first-answer.mjs builds it; the API is not needed to search). Run after
// scripts/build.sh:
//   node tests/bench/widget-chunks.mjs [articles=10000 | demo] [cold runs=10] [--latency MS --mbps N] [--settle MS] [--hover MS] [--trace]
// With --latency, the cold runs' requests go through Chromium's network emulation: each waits
// MS ms and shares N Mbit/s (10 unless given), as over a mobile network rather than loopback.
// WIDGET_DIR=<a build's site/widget> times another build of the widget (an A/B). --trace records
// a Chrome trace of each cold click and adds where the main thread's time went (main-thread.mjs);
// tracing slows the page, so its click times are not comparable with a run without it. --hover MS
// moves the pointer onto the launcher MS before the click, as a mouse does (the loader takes the
// hover as intent and the core's request leaves then); without it the click comes unannounced,
// as a keyboard's or a script's does.
// Prints, per cold run (fresh profile, the app module already loaded by the loader's idle fetch,
// the click --settle ms after that module arrived: 500 unless given, about a second after the
// page's navigation, while the browser still finishes loading it): launcher click → first
// results of a dev-set query set into the box at once, with the index bytes fetched (brotli -q 11)
// and requests, and when each of the three index requests left and came back; then, once the
// background fetch has cached every part, keystroke → results on screen over every zh-cn dev
// query typed one character at a time, and the widget's memory (JS heap, and the wasm module's
// linear memory).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';
import { build, queries, synthetic } from './first-answer.mjs';
import { launchBrowser } from '../e2e/support/browser.mjs';
import { partNames, partsBody } from '../e2e/support/index-parts.mjs';
import { timeKeystrokes } from './keystrokes.mjs';
import { traced } from './main-thread.mjs';

const flag = (name) => { const at = process.argv.indexOf(name); return at > 0 ? Number(process.argv[at + 1]) : null; };
const trace = process.argv.includes('--trace');
const takesValue = (arg) => arg?.startsWith('--') && arg !== '--trace';
const [size, count] = process.argv.slice(2).filter((arg, i, all) => !arg.startsWith('--') && !takesValue(all[i - 1]));
const demo = size === 'demo';
const articles = demo ? 0 : Number(size ?? 10_000);
const runs = Number(count ?? 10);
const latency = flag('--latency');
const mbps = flag('--mbps') ?? 10;
const settle = flag('--settle') ?? 500;
const hover = flag('--hover');
const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const work = mkdtempSync(join(tmpdir(), 'widget-chunks-'));
const site = join(work, 'site');
const sizes = new Map();
/** Brotli -q 11 of what a request for index files got: one file, or several in one body. */
const brotli = (names) => {
  const key = names.join(',');
  const body = names.length === 1 ? readFileSync(join(site, 'index', names[0])) : partsBody(join(site, 'index'), names);
  if (!sizes.has(key)) sizes.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
  return sizes.get(key);
};

const widget = resolve(process.env.WIDGET_DIR ?? join(import.meta.dirname, '../../build/site/widget'));
const TYPES = { js: 'text/javascript', wasm: 'application/wasm', css: 'text/css', json: 'application/json' };
let fetched = [];

/** The ETag the edge sends with a locale's current core (edge/src/help_center/serve.rs): the
 * hash in the core's published name. Without one the widget hashes the core itself, which a
 * first answer from the edge never waits for. */
function coreTag(path) {
  const locale = path.match(/^\/index\/([a-z-]+)\.core$/)?.[1];
  if (!locale) return {};
  const manifest = JSON.parse(readFileSync(join(site, 'index/manifest.json'), 'utf8'));
  return { etag: `"${manifest[locale].core.split('.')[1]}"` };
}

/** The host page, the widget's files and the synthetic index, as the edge would serve them. */
function startServer() {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const type = TYPES[path.split('.').pop()] ?? 'application/octet-stream';
    try {
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,"><script async src="/widget/embed.js" data-site="demo" data-locale="zh-CN"></script><h1>Host</h1>');
      } else if (path === '/index/parts') {
        // Several parts in one request, as the edge answers it (edge/src/help_center/serve.rs).
        const names = partNames(`http://x${req.url}`);
        fetched.push(names);
        res.writeHead(200, { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' });
        res.end(partsBody(join(site, 'index'), names));
      } else if (path.startsWith('/index/')) {
        const body = readFileSync(join(site, path));
        fetched.push([path.slice('/index/'.length)]);
        // The manifest and each locale's current core (`zh-cn.core`) are short-lived, as the edge
        // serves them; every other part is named by its content.
        const current = /^\/index\/([a-z-]+\.core|manifest\.json)$/.test(path);
        res.writeHead(200, { 'content-type': type, 'cache-control': current ? 'public, max-age=5' : 'public, max-age=31536000, immutable', ...coreTag(path) });
        res.end(body);
      } else if (path.startsWith('/widget/')) {
        res.writeHead(200, { 'content-type': type });
        res.end(readFileSync(join(widget, path.slice('/widget/'.length))));
      } else {
        res.writeHead(204).end();
      }
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done({ url: `http://127.0.0.1:${server.address().port}`, stop: () => server.close() })));
}

/** A fresh page of the host; `fetched` lists its index requests, each as the files it names. */
async function pageOf(browser, url) {
  const page = await browser.newPage();
  fetched = [];
  await page.goto(`${url}/`);
  await page.waitForResponse((r) => r.url().endsWith('/widget/widget_bg.wasm'), { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(settle);
  if (hover !== null) {
    await page.hover('[data-help-widget] .launcher');
    await page.waitForTimeout(hover);
  }
  return page;
}

/** Click → the results of `query` on screen, timed in the page (`ms`), with each index request
 * made meanwhile: when it left and when its last byte came, in ms after the click, and its kind. */
function clickToResults(page, query) {
  return page.evaluate((query) => new Promise((done) => {
    const root = document.querySelector('[data-help-widget]').shadowRoot;
    const start = performance.now();
    root.querySelector('.launcher').click();
    const poll = () => {
      const input = root.querySelector('input[type=search]');
      if (input && input.value !== query) {
        input.value = query;
        input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      }
      if (root.querySelector('.count')) {
        const requests = performance.getEntriesByType('resource').filter((e) => e.startTime >= start && e.name.includes('/index/'));
        const kind = (url) => (url.includes('.core') ? 'core' : /\.p\d+(,|$)/.test(url) ? 'postings' : 'article chunks');
        done({ ms: performance.now() - start, requests: requests.map((e) => [e.startTime - start, e.responseEnd - start, kind(e.name)]) });
      }
      else requestAnimationFrame(poll);
    };
    poll();
  }), query);
}

try {
  const content = demo ? resolve(import.meta.dirname, '../../faq-data/content') : synthetic(articles, join(work, 'content'));
  build(content, join(work, 'index'));
  execFileSync(join(import.meta.dirname, '../../scripts/publish-index.sh'), [join(work, 'index'), join(site, 'index')]);
  const manifest = JSON.parse(readFileSync(join(site, 'index/manifest.json'), 'utf8'))['zh-cn'];
  const parts = ['zh-cn.core', ...manifest.postings, ...manifest.docs, manifest.bodies];
  const server = await startServer();
  try {
    const cold = [];
    for (let i = 0; i < runs; i += 1) {
      const query = queries[(i * 17) % queries.length];
      const browser = await launchBrowser();
      const page = await pageOf(browser, server.url);
      if (latency !== null) {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, latency, downloadThroughput: mbps * 125_000, uploadThroughput: mbps * 125_000 });
      }
      const { ms, requests, mainThread } = trace ? await traced(page, () => clickToResults(page, query)) : await clickToResults(page, query);
      cold.push({ ms, bytes: fetched.reduce((sum, n) => sum + brotli(n), 0), requests: fetched.length, timeline: requests, mainThread });
      await browser.close();
    }
    const browser = await launchBrowser();
    const page = await pageOf(browser, server.url);
    await clickToResults(page, queries[0]);
    const started = Date.now();
    for (;;) {
      const cached = await page.evaluate(async () => (await (await caches.open('help-widget-v1')).keys()).map((r) => new URL(r.url).pathname.slice('/index/'.length)));
      if (parts.every((p) => cached.includes(p))) break;
      if (Date.now() - started > 600_000) throw new Error('the background fetch did not finish in 10 minutes');
      await page.waitForTimeout(250);
    }
    const prefetchMs = Date.now() - started;
    const keystrokes = await timeKeystrokes(page, queries);
    // The glue's init hands back the running instance's exports, its memory among them.
    const linear = await page.evaluate(async () => (await (await import(new URL('/widget/widget.js', location.href).href)).default()).memory.buffer.byteLength);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const memory = { heap: usedSize, linear };
    await browser.close();
    const ms = cold.map((c) => c.ms);
    const bytes = cold.map((c) => c.bytes);
    const name = demo ? 'the demo zh-cn help center (180 articles)' : `a synthetic ${articles.toLocaleString('en')}-article zh-cn help center`;
    console.log(`${name}, ${runs} cold runs, each clicking ${settle} ms after the app module arrived${hover === null ? '' : ` (the pointer on the launcher ${hover} ms before)`}${latency === null ? '' : ` (network emulated: ${latency} ms a request, ${mbps} Mbit/s)`}\n`);
    console.log('| measure | p50 | p90 | max | n |\n|---|---:|---:|---:|---:|');
    console.log(`| click → first results, cold | ${fmt(pct(ms, 0.5))} | ${fmt(pct(ms, 0.9))} | ${fmt(Math.max(...ms))} | ${ms.length} |`);
    console.log(`| index bytes fetched by then (brotli) | ${pct(bytes, 0.5)} | ${pct(bytes, 0.9)} | ${Math.max(...bytes)} | ${bytes.length} |`);
    console.log(`| index requests by then | ${pct(cold.map((c) => c.requests), 0.5)} | ${pct(cold.map((c) => c.requests), 0.9)} | ${Math.max(...cold.map((c) => c.requests))} | ${cold.length} |`);
    // The first answer's requests (core, postings, articles), each leaving and back: of each
    // kind the last, as a start screen shown before the query (with --hover) asks for articles too.
    for (const what of ['core', 'postings', 'article chunks']) {
      const timed = cold.map((c) => c.timeline.findLast((t) => t[2] === what)).filter(Boolean);
      if (timed.length === 0) continue;
      for (const [end, verb] of [[0, 'leaves'], [1, 'is back']]) {
        const at = timed.map((t) => t[end]);
        console.log(`| click → request for the ${what} ${verb} | ${fmt(pct(at, 0.5))} | ${fmt(pct(at, 0.9))} | ${fmt(Math.max(...at))} | ${at.length} |`);
      }
    }
    // With --trace: the main thread's work between the click and the results, by kind.
    const traces = cold.map((c) => c.mainThread).filter(Boolean);
    for (const kind of Object.keys(traces[0] ?? {})) {
      const at = traces.map((t) => t[kind]);
      console.log(`| main thread, click → results: ${kind} | ${fmt(pct(at, 0.5))} | ${fmt(pct(at, 0.9))} | ${fmt(Math.max(...at))} | ${at.length} |`);
    }
    console.log(`| keystroke → results on screen, every part cached | ${fmt(pct(keystrokes, 0.5))} | ${fmt(pct(keystrokes, 0.9))} (p99 ${fmt(pct(keystrokes, 0.99))}) | ${fmt(Math.max(...keystrokes))} | ${keystrokes.length} |`);
    console.log(`\nbackground fetch of the whole index (${parts.length} parts, ${fetched.length} requests in that page): ${prefetchMs} ms after the first results`);
    console.log(`memory after it: JS heap ${(memory.heap / 1e6).toFixed(1)} MB, wasm linear memory ${(memory.linear / 1e6).toFixed(1)} MB`);
  } finally {
    server.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
