// Embedding as customers do: a host page on another origin with hostile CSS, under its own
// strict CSP naming the widget's origin; and the full-page version in an app's webview.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startSuite } from './support/suite.mjs';
import { startHost } from './support/host.mjs';
import { saveScreenshot } from './support/browser.mjs';
import { openWidget, waitForIndex } from './support/widget.mjs';

const SECRET = 'demo-site-secret-change-me'; // edge/dev.vars.example
const HOSTILE_CSS = `
  * { font-size: 40px !important; color: red !important; letter-spacing: 9px !important; }
  button { background: lime !important; border: 9px dashed purple !important; }
  div, section, ol, ul { padding: 50px !important; }
  .launcher, .panel, .articles { display: none !important; }
`;

let suite;
let edge;
let host;
let browser;
before(async () => {
  suite = await startSuite();
  ({ edge, browser } = suite);
  const csp = `default-src 'self'; script-src 'self' ${edge.url} 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline' ${edge.url}; connect-src ${edge.url}; img-src data:`;
  host = await startHost(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner site</title>
    <link rel="icon" href="data:,"><style>${HOSTILE_CSS}</style>
    <script async src="${edge.url}/widget/embed.js" data-site="demo" data-locale="en-US" data-edge="${edge.url}"
      data-position="left" data-theme="dark" data-color="#ffb020"></script></head>
    <body><h1>A partner's page</h1><button class="launcher">Host's own button</button></body></html>`,
  { 'content-security-policy': csp });
});
after(async () => {
  await host?.stop();
  await suite?.stop();
});

test('on another origin with hostile CSS and a strict CSP, the widget looks and works as designed', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  await page.goto(host.url);
  const dialog = await openWidget(page, 'Help', 'Help center');
  await waitForIndex(dialog, 'Popular questions');
  const launcher = await page.evaluate(() => {
    const host = document.querySelector('[data-help-widget]');
    const style = getComputedStyle(host.shadowRoot.querySelector('.launcher'));
    return { fontSize: style.fontSize, display: style.display, left: host.getBoundingClientRect().left };
  });
  assert.equal(launcher.fontSize, '15px', 'host styles do not reach inside');
  assert.notEqual(launcher.display, 'none');
  assert.ok(launcher.left < 100, 'data-position="left" puts it on the left');
  const hostButton = await page.evaluate(() => getComputedStyle(document.querySelector('body > button.launcher')).borderStyle);
  assert.equal(hostButton, 'dashed', 'our .launcher rule does not reach the host page');
  await dialog.getByRole('searchbox', { name: 'Search help articles' }).fill('download offline');
  await dialog.getByRole('status').filter({ hasText: /articles found/ }).waitFor();
  await saveScreenshot(page, 'widget-hostile-host-dark-en');
  // A cross-origin ticket: CORS preflight with identity headers, from an allowed origin.
  await dialog.getByRole('button', { name: 'Ask' }).click();
  await dialog.getByRole('button', { name: 'Contact a person' }).click();
  await dialog.getByRole('textbox', { name: 'Description' }).fill('The app crashes when I open downloads.');
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await dialog.getByRole('status').filter({ hasText: /Request submitted: #\d+/ }).waitFor();
  assert.deepEqual(problems, []);
});

test('the webview page: full page, identity from the URL, events to the native bridge', async () => {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.nativeMessages = [];
    window.webkit = { messageHandlers: { helpWidget: { postMessage: (m) => window.nativeMessages.push(m) } } };
  });
  const userId = `app-user-${Date.now()}`;
  const userHash = createHmac('sha256', SECRET).update(userId).digest('hex');
  await page.goto(`${edge.url}/app?locale=en-US&userId=${userId}&userHash=${userHash}&name=Lin`);
  const dialog = page.getByRole('dialog', { name: 'Help center' });
  await waitForIndex(dialog, 'Popular questions');
  assert.equal(await page.getByRole('button', { name: 'Help', exact: true }).count(), 0, 'no launcher in the app');
  const box = await dialog.boundingBox();
  const viewport = page.viewportSize();
  // Rounded: the panel's entrance animation may still be a sub-pixel away from its place.
  assert.deepEqual([Math.round(box.width), Math.round(box.height)], [viewport.width, viewport.height], 'the panel fills the webview');
  await dialog.getByRole('button', { name: 'Ask' }).click();
  await dialog.getByRole('button', { name: 'Contact a person' }).click();
  assert.equal(await dialog.getByRole('textbox', { name: 'Name' }).inputValue(), 'Lin');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('Cannot cast to my TV from the app.');
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await dialog.getByRole('status').filter({ hasText: /Request submitted/ }).waitFor();
  await saveScreenshot(page, 'webview-ticket-filed-en');
  await dialog.getByRole('button', { name: 'Close' }).click();
  const events = await page.evaluate(() => window.nativeMessages.map((m) => m.event));
  assert.deepEqual(events, ['open', 'ticketCreated', 'close']);
  // The verified user sees the app ticket from any channel, e.g. the website.
  const mine = await fetch(`${edge.url}/api/v1/tickets?site=demo`, { headers: { 'x-user-id': userId, 'x-user-hash': userHash } });
  const { tickets } = await mine.json();
  assert.equal(tickets.length, 1);
  assert.equal(tickets[0].channel, 'app');
});
