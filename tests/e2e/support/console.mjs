// The agent console as an agent meets it: /console/ in Chromium, found by role and name.
import { startSuite } from './suite.mjs';
import { openDemo } from './widget.mjs';

/** Opens the console, watching for errors and CSP violations; returns the page and a log. */
export async function openConsole(browser, url) {
  return openDemo(browser, url, '/console/');
}

/** Signs in with an agent token (the form below email and password) and waits for the ticket list. */
export async function signIn(page, token, { title = '客服登录', field = '客服令牌', button = '用令牌登录', list = '工单' } = {}) {
  await page.getByRole('heading', { name: title }).waitFor();
  await page.getByLabel(field).fill(token);
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.getByRole('heading', { name: list, level: 1 }).waitFor();
}

/** Files a ticket through the API as a verified-less, anonymous requester; returns the answer. */
export async function fileTicket(url, overrides = {}) {
  const body = {
    subject: '视频一直缓冲', description: '昨晚开始所有视频都卡在 99%', category: '视频播放', channel: 'web',
    context: { searches: ['视频卡顿'], articles_read: [], page_url: 'https://example.com/help', locale: 'zh-cn' },
    ...overrides,
  };
  const response = await fetch(`${url}/api/v1/tickets?site=demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (response.status !== 201) throw new Error(`filing failed: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Signs in with email and password and waits for `heading` (the first screen the roles allow). */
export async function signInWithPassword(page, email, password, { heading = '工单' } = {}) {
  await page.getByRole('heading', { name: '客服登录' }).waitFor();
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** The shared set-up (support/suite.mjs) with a Chromium that prefers Chinese, on a desk-sized screen. */
export function startConsoleSuite({ agents = [], browser = {} } = {}) {
  return startSuite({ agents, browser: { locale: 'zh-CN', viewport: { width: 1280, height: 900 }, ...browser } });
}
