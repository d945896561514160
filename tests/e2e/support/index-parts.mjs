// Index parts as the widget asks for them: alone (`/index/<name>`) or several in one request
// (`/index/parts?names=a,b`, answered as the edge does, each part after its length).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The part names a request for `url` asks for: the names listed, or the one in the path. */
export function partNames(url) {
  const { pathname, searchParams } = new URL(url);
  if (pathname === '/index/parts') return searchParams.get('names').split(',');
  return [pathname.slice('/index/'.length)];
}

/** The body the edge sends for `/index/parts?names=…` from the files in `folder`. */
export function partsBody(folder, names) {
  return Buffer.concat(names.flatMap((name) => {
    const bytes = readFileSync(join(folder, name));
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    return [length, bytes];
  }));
}
