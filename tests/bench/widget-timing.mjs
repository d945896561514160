#!/usr/bin/env node
// Widget timings in Debian's Chromium against the real worker (run after scripts/build.sh):
//  - first click → interactive (search box focused, categories shown: the index core is in),
//    cold cache and warm;
//  - per-keystroke search time, once every index chunk is cached: every dev-set zh-cn query
//    typed one character at a time, from the input event to the results on screen.
//   node tests/bench/widget-timing.mjs
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startEdge } from '../e2e/support/edge.mjs';
import { launchBrowser } from '../e2e/support/browser.mjs';
import { timeKeystrokes } from './keystrokes.mjs';
import { waitForWholeIndex } from '../e2e/support/widget.mjs';

const queries = readFileSync(resolve(import.meta.dirname, '../../faq-data/content/queries-dev.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((q) => q.locale === 'zh-cn').map((q) => q.q);

const pct = (xs, p) => xs.slice().sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const fmt = (ms) => `${ms.toFixed(2)} ms`;

async function clickToInteractive(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForLoadState('load');
  const ms = await page.evaluate(() => new Promise((done) => {
    const root = document.querySelector('[data-help-widget]').shadowRoot;
    const start = performance.now();
    root.querySelector('.launcher').click();
    const poll = () => (root.querySelector('.categories') && root.activeElement?.type === 'search'
      ? done(performance.now() - start) : requestAnimationFrame(poll));
    poll();
  }));
  await page.close();
  return ms;
}

const edge = await startEdge();
try {
  const cold = [];
  const warm = [];
  for (let i = 0; i < 5; i += 1) {
    const browser = await launchBrowser();
    cold.push(await clickToInteractive(browser, `${edge.url}/`));
    warm.push(await clickToInteractive(browser, `${edge.url}/`));
    await browser.close();
  }
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(`${edge.url}/`);
  await page.getByRole('button', { name: '帮助', exact: true }).click();
  await page.getByRole('heading', { name: '热门问题' }).waitFor();
  // Keystrokes are timed on a cached index: the background fetch has brought every chunk.
  await waitForWholeIndex(page);
  const keystrokes = await timeKeystrokes(page, queries);
  await browser.close();
  console.log('| measure | p50 | p90 | max | n |\n|---|---:|---:|---:|---:|');
  console.log(`| first click → interactive, cold cache | ${fmt(pct(cold, 0.5))} | ${fmt(pct(cold, 0.9))} | ${fmt(Math.max(...cold))} | ${cold.length} |`);
  console.log(`| first click → interactive, warm (HTTP cache + Cache Storage) | ${fmt(pct(warm, 0.5))} | ${fmt(pct(warm, 0.9))} | ${fmt(Math.max(...warm))} | ${warm.length} |`);
  console.log(`| keystroke → results on screen (zh-cn dev queries, typed) | ${fmt(pct(keystrokes, 0.5))} | ${fmt(pct(keystrokes, 0.9))} | ${fmt(Math.max(...keystrokes))} | ${keystrokes.length} |`);
} finally {
  await edge.stop();
}
