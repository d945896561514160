// Live chat as a widget and an agent console speak it (edge/PROTOCOL.md), over real WebSockets
// (the `ws` package) against the worker under workerd.
import { after, before } from 'node:test';
import WebSocket from 'ws';
import { conforms } from './openapi.mjs';
import { startWorker } from './worker.mjs';

const WAIT_MS = 5000;

/** One socket: every frame it receives is kept in order; `next` takes the first that matches. */
export class Peer {
  constructor(ws) {
    this.ws = ws;
    this.frames = [];
    this.taken = new Set();
    this.waiters = [];
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()));
      this.waiters = this.waiters.filter((check) => !check());
    });
  }

  /** Opens `url`; rejects with `{status, json}` when the server refuses the upgrade. */
  static open(url, headers = {}) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      ws.once('open', () => resolve(new Peer(ws)));
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk) => { body += chunk; });
        res.on('end', () => {
          let json;
          try { json = JSON.parse(body); } catch { json = undefined; }
          reject(Object.assign(new Error(`upgrade refused with ${res.statusCode}: ${body}`), { status: res.statusCode, json }));
        });
      });
      ws.once('error', reject);
    });
  }

  send(frame) {
    this.ws.send(JSON.stringify({ v: 1, ...frame }));
  }

  sendRaw(data) {
    this.ws.send(data);
  }

  /** The first frame not taken yet of this type (and matching `where`), waiting for it. */
  next(type, where = () => true, timeoutMs = WAIT_MS) {
    return this.#await(type, where, timeoutMs, true);
  }

  /** Like `next`, but leaves the frame for a later `next`: for waiting on a state. */
  seen(type, where = () => true, timeoutMs = WAIT_MS) {
    return this.#await(type, where, timeoutMs, false);
  }

  #await(type, where, timeoutMs, take) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const i = this.frames.findIndex((f, at) => !this.taken.has(at) && f.type === type && where(f));
        if (i < 0) return false;
        if (take) this.taken.add(i);
        clearTimeout(timer);
        resolve(this.frames[i]);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        const seen = this.frames.map((f) => f.type).join(', ');
        reject(new Error(`no ${type} frame within ${timeoutMs} ms (received: ${seen})`));
      }, timeoutMs);
      if (!check()) this.waiters.push(check);
    });
  }

  /** Every frame of a type received so far, taken or not. */
  all(type) {
    return this.frames.filter((f) => f.type === type);
  }

  /** Waits `ms` and says whether a frame of `type` came (for "nothing else arrives"). */
  async quietFor(type, ms = 500) {
    const before = this.all(type).length;
    await new Promise((r) => setTimeout(r, ms));
    return this.all(type).length === before;
  }

  close() {
    this.ws.close(1000);
    return this.closed;
  }
}

async function hello(peer, lastSeq) {
  peer.send({ type: 'hello', last_seq: lastSeq });
  const welcome = await peer.next('welcome');
  if (welcome.last_seq > lastSeq) await peer.next('message', (m) => m.seq === welcome.last_seq);
  return { peer, welcome };
}

/** Chat helpers bound to one worker from `startWorker`. */
export function chatClient(w) {
  const ws = w.base.replace(/^http/, 'ws');
  return {
    /** `POST /api/v1/chats?site=demo`, checked against the contract. */
    async ask(body, headers = {}) {
      return w.call('/api/v1/chats?site=demo', { method: 'POST', body: { category: '账号管理', ...body }, headers });
    },
      /** The user's socket, said hello with `lastSeq`; resolves with the peer and its welcome
     * once the replay (everything after `lastSeq`) has arrived. */
    async join(chatId, credentials, lastSeq = 0) {
      const peer = await Peer.open(`${ws}/api/v1/chats/${chatId}/socket?site=demo&${new URLSearchParams(credentials)}`);
      return hello(peer, lastSeq);
    },
    /** An agent's desk socket, once the desk has them online with `capacity`. */
    async desk(agent, capacity = 1) {
      const peer = await Peer.open(`${ws}/api/v1/agent/desk/socket?agent_token=${agent.token}`);
      peer.send({ type: 'presence', status: 'online', capacity });
      await peer.seen('desk', (d) => d.status === 'online');
      return peer;
    },
    /** An agent's socket in an assigned chat, said hello, replay received. */
    async enter(agent, chatId, lastSeq = 0) {
      const peer = await Peer.open(`${ws}/api/v1/agent/chats/${chatId}/socket?agent_token=${agent.token}`);
      return hello(peer, lastSeq);
    },
    /** The status and JSON error of a refused upgrade, checked against the contract. */
    async refused(path) {
      try {
        const peer = await Peer.open(`${ws}${path}`);
        await peer.close();
      } catch (error) {
        if (error.status === undefined) throw error;
        conforms('GET', path, error.status, error.json);
        return { status: error.status, json: error.json };
      }
      throw new Error(`${path} accepted the socket`);
    },
  };
}

/**
 * Starts a worker for this test file (before its tests, disposed after) with the agents named
 * here, e.g. `chatWorker({ li: ['Li Wei', 'general'] })`: the tests use `t.w`, `t.chat`, `t.li`.
 * Rate limits are scaled up: these tests open many sockets from one address. `vars` adds or
 * overrides worker vars.
 */
export function chatWorker(agents, vars = {}) {
  const t = {};
  before(async () => {
    t.w = await startWorker({ vars, rateLimitScale: 1000, agents: Object.values(agents) });
    t.chat = chatClient(t.w);
    Object.keys(agents).forEach((key, i) => { t[key] = t.w.agents[i]; });
  });
  after(() => t.w?.dispose());
  return t;
}
