// Debian's Chromium driven by playwright-core (no browser download), headless and offline.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export const screenshotDir = resolve(import.meta.dirname, '../screenshots');

/** A fresh browser profile; `options` go to the context (locale, viewport, offline …). */
export async function launchBrowser(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'help-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
    ...options,
  });
}

export async function saveScreenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
}
