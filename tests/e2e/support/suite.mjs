// The set-up every end-to-end file shares: a fresh worker under `wrangler dev` with its agents,
// and a Chromium; stopped in the reverse order.
import { launchBrowser } from './browser.mjs';
import { startEdge } from './edge.mjs';

/**
 * Call in `before`; `stop()` in `after`. `agents` are [name, department, roles?], created before
 * the browser starts; `browser` options go to the browser context (locale, viewport …);
 * `knowledgeBase` imports the demo content into D1 as the run command's seed does.
 */
export async function startSuite({ agents = [], browser: browserOptions = {}, knowledgeBase = false } = {}) {
  const edge = await startEdge({ knowledgeBase });
  const created = agents.map(([name, department, roles]) => edge.createAgent(name, department, roles));
  const browser = await launchBrowser(browserOptions);
  return {
    edge,
    browser,
    agents: created,
    async stop() {
      await browser.close();
      await edge.stop();
    },
  };
}
