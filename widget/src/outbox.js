// The widget's outbox: requests written while offline wait in IndexedDB and are sent when the
// connection returns. Each record carries its Idempotency-Key, so a request that reached the
// edge before the connection dropped is answered with the first result, never applied twice.
const DB = 'help-widget';
const STORE = 'outbox';

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function run(mode, work) {
  return open().then((db) => new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const result = work(tx.objectStore(STORE));
    tx.oncomplete = () => { db.close(); resolve(result.result); };
    tx.onerror = () => { db.close(); reject(tx.error); };
  }));
}

// A failure the same request may get past later: no connection, the server busy or down, or a
// write that lost its races to others on the same ticket (409 `contended`: nothing was stored).
function transient({ status, body }) {
  return status === 0 || status === 408 || status === 429 || status >= 500 || (status === 409 && contended(body));
}

function contended(body) {
  try { return JSON.parse(body).error.code === 'contended'; } catch { return false; }
}

function attempt(item) {
  return fetch(item.url, { method: 'POST', headers: item.headers, body: item.body })
    .then((res) => res.text().then((text) => ({ status: res.status, body: text })))
    .catch(() => ({ status: 0, body: '' }));
}

// Sends now; keeps the request for later if it could not get through. Resolves to
// { status, body } from the edge, or { status: 0, queued: true }.
export function outboxSend(kind, url, headers, body) {
  const item = { kind, url, headers, body, at: Date.now() };
  const keep = () => run('readwrite', (store) => store.add(item)).then(() => ({ status: 0, body: '', queued: true }));
  if (!navigator.onLine) return keep();
  return attempt(item).then((res) => (transient(res) ? keep() : res));
}

let flushing = null;

// Sends what waits, oldest first, and stops at the first transient failure. `delivered(kind,
// status, body)` hears of each one that got an answer. One flush at a time, so nothing is sent
// twice by overlapping calls.
export function outboxFlush(delivered) {
  flushing = flushing || drain(delivered).finally(() => { flushing = null; });
  return flushing;
}

function drain(delivered) {
  return run('readonly', (store) => store.getAll()).then((items) => items.reduce(
    (chain, item) => chain.then((go) => go && attempt(item).then((res) => {
      if (transient(res)) return false;
      return run('readwrite', (store) => store.delete(item.seq)).then(() => {
        delivered(item.kind, res.status, res.body);
        return true;
      });
    })),
    Promise.resolve(true),
  ));
}

export function outboxSize() {
  return run('readonly', (store) => store.count());
}
