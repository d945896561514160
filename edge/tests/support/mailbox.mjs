// The mail the worker sent under local workerd, as Miniflare's own `send_email` simulation keeps
// it: each message is written to an .eml file whose path Miniflare logs ("send_email binding
// called with the following message: <path>"). `Mailbox` is that log; `readMail` reads one
// message back (headers, the text and HTML parts, decoded), and `deliverMail` hands an inbound
// message to the worker's email handler through the local endpoint `wrangler dev` also has.
import { readFileSync } from 'node:fs';
import { Log, LogLevel } from 'miniflare';

/** A Miniflare log that remembers every sent message (read at once: the files are temporary). */
export class Mailbox extends Log {
  constructor() {
    super(LogLevel.INFO);
    this.sent = [];
  }

  logWithLevel(level, message) {
    const file = /send_email binding called with the following message:\s*(\S+\.eml)/.exec(String(message))?.[1];
    if (file) this.sent.push(readMail(readFileSync(file, 'utf8')));
    else if (level <= LogLevel.WARN) super.logWithLevel(level, message);
  }

  /** The sent messages to `address`. */
  to(address) {
    return this.sent.filter((m) => m.header('to').includes(address));
  }
}

/** Reads the paths of sent messages out of `wrangler dev`'s output (the e2e tests). */
export function sentFiles(output) {
  return [...String(output).matchAll(/send_email binding called with the following message:\s*(\S+\.eml)/g)].map((m) => m[1]);
}

function unfoldHeaders(block) {
  const headers = [];
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length) headers[headers.length - 1][1] += ` ${line.trim()}`;
    else if (line.includes(':')) headers.push([line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]);
  }
  return headers;
}

/** RFC 2047 encoded words in a header, decoded. */
function decodeWords(value) {
  return value.replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=\s*/g, (_, charset, encoding, text) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

function decodeBody(body, encoding) {
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** One message: `header(name)` (decoded), `text` and `html` (the parts, decoded), `raw`. */
export function readMail(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = unfoldHeaders(raw.slice(0, split));
  const header = (name) => decodeWords(headers.find(([k]) => k === name.toLowerCase())?.[1] ?? '');
  const parts = {};
  const walk = (block) => {
    const at = block.search(/\r?\n\r?\n/);
    const own = unfoldHeaders(block.slice(0, at));
    const get = (name) => own.find(([k]) => k === name)?.[1] ?? '';
    const body = block.slice(at).replace(/^\r?\n\r?\n/, '');
    const type = get('content-type');
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (boundary) {
      body.split(`--${boundary}`).slice(1).filter((p) => !p.startsWith('--')).forEach((p) => walk(p.replace(/^\r?\n/, '')));
    } else if (/text\/plain/i.test(type) || !type) parts.text = decodeBody(body, get('content-transfer-encoding'));
    else if (/text\/html/i.test(type)) parts.html = decodeBody(body, get('content-transfer-encoding'));
  };
  walk(raw);
  return { raw, header, text: parts.text ?? '', html: parts.html ?? '' };
}

/** The links in a message's text part. */
export function linksIn(mail) {
  return [...mail.text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
}

/** Delivers `raw` to the worker's email handler as Email Routing would (envelope `from`, `to`). */
export async function deliverMail(base, { from, to, raw, dispatch = fetch }) {
  const url = `${base}/cdn-cgi/handler/email?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  const response = await dispatch(url, { method: 'POST', body: raw });
  return { status: response.status, text: await response.text() };
}
