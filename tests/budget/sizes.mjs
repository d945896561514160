// Sizes of what the browser downloads, as shipped (brotli at the highest quality, gzip -9), read
// from the build output. `node tests/budget/sizes.mjs` prints the table for BENCHMARKS.md.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

export const site = resolve(import.meta.dirname, '../../build/site');

export function sizes(path) {
  const raw = readFileSync(path);
  const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, brotli };
}

/** Every part, by name: the widget's files and each locale's index parts. */
export function parts() {
  const widget = join(site, 'widget');
  const out = {
    'loader (embed.js)': sizes(join(widget, 'embed.js')),
    'glue (widget.js)': sizes(join(widget, 'widget.js')),
    'app (widget_bg.wasm)': sizes(join(widget, 'widget_bg.wasm')),
    'styles (widget.css)': sizes(join(widget, 'widget.css')),
  };
  for (const snippet of snippetFiles(join(widget, 'snippets'))) out[`snippet ${snippet.name}`] = sizes(snippet.path);
  out['desk glue (desk/widget_desk.js)'] = sizes(join(widget, 'desk', 'widget_desk.js'));
  out['desk module (desk/widget_desk_bg.wasm)'] = sizes(join(widget, 'desk', 'widget_desk_bg.wasm'));
  for (const snippet of snippetFiles(join(widget, 'desk', 'snippets'))) out[`desk snippet ${snippet.name}`] = sizes(snippet.path);
  const manifest = JSON.parse(readFileSync(join(site, 'index', 'manifest.json'), 'utf8'));
  const total = (names) => names.map((n) => sizes(join(site, 'index', n))).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  for (const [locale, files] of Object.entries(manifest)) {
    out[`${locale} core (.core)`] = sizes(join(site, 'index', files.core));
    out[`${locale} ${files.postings.length} postings chunks (.p*)`] = total(files.postings);
    out[`${locale} ${files.docs.length} article chunks (.d*)`] = total(files.docs);
    out[`${locale} bodies (.bodies)`] = sizes(join(site, 'index', files.bodies));
  }
  return out;
}

function snippetFiles(dir) {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => ({ name: e.name, path: join(e.parentPath ?? e.path, e.name) }));
  } catch {
    return [];
  }
}

/** What the first open needs: the search-first module's code and styles (the loader is counted
 * on its own, the desk module loads on first use). */
export function firstOpen(all) {
  return total(all, /^(glue|app|styles|snippet)/);
}

/** What the first use of the ticket form, requests or chat adds: the desk module. */
export function deskModule(all) {
  return total(all, /^desk /);
}

function total(all, names) {
  return Object.entries(all)
    .filter(([name]) => names.test(name))
    .reduce((sum, [, s]) => sum + s.brotli, 0);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const all = parts();
  console.log('| part | raw | gzip | brotli |\n|---|---:|---:|---:|');
  for (const [name, s] of Object.entries(all)) console.log(`| ${name} | ${s.raw} | ${s.gzip} | ${s.brotli} |`);
  console.log(`| **first open (app + glue + css + snippet)** | | | **${firstOpen(all)}** |`);
  console.log(`| **desk module on first use (wasm + glue + snippet)** | | | **${deskModule(all)}** |`);
}
