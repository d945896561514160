// How many bytes of D1 one ticket takes, to say how far one database (10 GB) goes: files
// `TICKETS` typical tickets (a form with its journey, two replies, a note, a requester message,
// solved and rated) through the real worker under workerd, then reads the size D1 reports.
//
//   node edge/bench/storage-per-ticket.mjs [TICKETS]   (after scripts/build.sh)
import { newTicket, startWorker, userHash } from '../tests/support/worker.mjs';

const TICKETS = Number(process.argv[2] ?? 500);
const w = await startWorker({ rateLimitScale: 1000, agents: [['Bench Admin', 'general', ['admin']]] });
const agent = { authorization: `Bearer ${w.agents[0].token}` };
const db = await w.mf.getD1Database('DB');
// D1 reports the database's size after each query (meta.size_after).
const pages = async () => (await db.prepare('SELECT 1').run()).meta.size_after;
try {
  const before = await pages();
  const started = Date.now();
  for (let i = 0; i < TICKETS; i++) {
    const user = { 'x-user-id': `bench-${i}`, 'x-user-hash': userHash(`bench-${i}`) };
    const ticket = (await w.call('/api/v1/tickets?site=demo', {
      method: 'POST', headers: user, contract: false,
      body: newTicket({ name: '林小明', email: `u${i}@example.com`, description: '昨晚开始所有视频都卡在 99%，换了网络也一样，重启路由器也不行。'.repeat(2),
        context: { searches: ['视频卡顿', '缓冲', '99% 卡住'], articles_read: ['2001', '2002'], bot_transcript: [{ speaker: 'bot', text: '您可以试试清除缓存' }, { speaker: 'user', text: '试过了，还是不行' }], page_url: 'https://example.com/help/video', locale: 'zh-cn' } }),
    })).json.ticket;
    const at = `/api/v1/agent/tickets/${ticket.id}`;
    await w.call(`${at}/replies`, { method: 'POST', headers: agent, body: { text: '您好，请问是哪一部剧？我们帮您查一下服务器状态。' }, contract: false });
    await w.call(`/api/v1/tickets/${ticket.id}/messages?site=demo`, { method: 'POST', headers: user, body: { text: '《星河》第三集，每次都卡在同一个地方。' }, contract: false });
    await w.call(`${at}/notes`, { method: 'POST', headers: agent, body: { text: 'CDN 节点问题，已报给技术部。' }, contract: false });
    await w.call(`${at}/replies`, { method: 'POST', headers: agent, body: { text: '已修复，请再试一次。' }, contract: false });
    await w.call(at, { method: 'PATCH', headers: agent, body: { status: 'solved' }, contract: false });
    await w.call(`/api/v1/tickets/${ticket.id}/csat?site=demo`, { method: 'POST', headers: user, body: { score: 5, comment: '很快' }, contract: false });
  }
  const bytes = (await pages()) - before;
  const perTicket = bytes / TICKETS;
  console.log(`tickets: ${TICKETS} (each: form with journey, 2 replies, 1 note, 1 requester message, solved, rated) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`D1 growth: ${(bytes / 1e6).toFixed(2)} MB, ${Math.round(perTicket)} B per ticket (rows and indexes, SQLite pages)`);
  console.log(`one 10 GB database holds about ${(10e9 / perTicket / 1e6).toFixed(2)} M such tickets`);
} finally {
  await w.dispose();
}
