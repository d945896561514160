#!/usr/bin/env node
// Side by side: our engine (`faq search --jsonl`) against MiniSearch, FlexSearch and Fuse.js on
// the same articles and the same labelled queries. Prints MRR@5, Recall@1, Recall@5 per locale
// and the time one search takes (p50/p99 over every query, each run `--repeat` times).
//
//   node faq-data/compare/compare.mjs [--corpus DIR|export.json] [--queries FILE.jsonl]
//        [--faq PATH/TO/faq] [--repeat N] [--kinds]
//
// Defaults: the in-repo content tree, faq-data/content/queries-dev.jsonl, and the release `faq`
// binary under $CARGO_TARGET_DIR (or ./target). Build it first:
//   cargo build --release -p faq-data --bin faq
//
// Fairness: every library indexes title, keywords and the body as plain text, with the title
// weighted highest (3, keywords 2, body 0.5, as ours). MiniSearch and FlexSearch cut text into
// Intl.Segmenter words plus single Chinese characters (query and articles alike) and get the
// locale's stop-word list; Fuse.js takes the query as typed, the configuration that served it
// best. Each has its own typo and prefix tolerance switched on. Ours also uses the rest of its
// editor data (synonyms, pinyin), which is part of what it is.

import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import MiniSearch from "minisearch";
import FlexSearch from "flexsearch";
import Fuse from "fuse.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");

function parseArgs(argv) {
  const args = {
    corpus: path.join(repo, "faq-data/content"),
    queries: path.join(repo, "faq-data/content/queries-dev.jsonl"),
    faq: path.join(process.env.CARGO_TARGET_DIR || path.join(repo, "target"), "release/faq"),
    repeat: 5,
    kinds: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === "--corpus") args.corpus = path.resolve(value());
    else if (flag === "--queries") args.queries = path.resolve(value());
    else if (flag === "--faq") args.faq = path.resolve(value());
    else if (flag === "--repeat") args.repeat = Math.max(1, Number.parseInt(value(), 10));
    else if (flag === "--kinds") args.kinds = true;
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// Corpus: the content tree (Markdown files with TOML front matter) or a Zendesk export.

/** The TOML the front matter uses: one `key = value` per line, where a value is a basic
 * ("…") or literal ('…') string, an array of strings, a number or a boolean. */
function parseFrontMatter(text) {
  const out = {};
  for (const line of text.split("\n")) {
    const m = line.match(/^\s*([A-Za-z_]+)\s*=\s*(.+?)\s*$/);
    if (m) out[m[1]] = parseTomlValue(m[2]);
  }
  return out;
}

function parseTomlValue(text) {
  let at = 0;
  const space = () => {
    while (at < text.length && /[\s,]/.test(text[at])) at++;
  };
  const value = () => {
    space();
    const c = text[at];
    if (c === '"') {
      const m = text.slice(at).match(/^"((?:[^"\\]|\\.)*)"/);
      at += m[0].length;
      return JSON.parse(m[0]);
    }
    if (c === "'") {
      const end = text.indexOf("'", at + 1);
      const s = text.slice(at + 1, end);
      at = end + 1;
      return s;
    }
    if (c === "[") {
      at++;
      const list = [];
      for (space(); text[at] !== "]"; space()) list.push(value());
      at++;
      return list;
    }
    const m = text.slice(at).match(/^[^\s,\]]+/);
    at += m[0].length;
    return m[0] === "true" ? true : m[0] === "false" ? false : Number(m[0]);
  };
  return value();
}

function htmlToText(html) {
  return html
    .replace(/<img[^>]*alt="([^"]*)"[^>]*>/g, " $1 ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

function markdownToText(md) {
  return md.replace(/[#*_`>|\[\]()-]+/g, " ").replace(/\s+/g, " ").trim();
}

function loadContentTree(root) {
  const locales = {};
  for (const locale of fs.readdirSync(root).sort()) {
    const dir = path.join(root, locale);
    if (!fs.statSync(dir).isDirectory()) continue;
    const articles = [];
    const walk = (d) => {
      for (const name of fs.readdirSync(d).sort()) {
        const p = path.join(d, name);
        if (fs.statSync(p).isDirectory()) {
          if (!name.startsWith("_")) walk(p);
        } else if (name.endsWith(".md")) {
          const text = fs.readFileSync(p, "utf8");
          const m = text.match(/^\+\+\+\r?\n([\s\S]*?)\r?\n\+\+\+\r?\n?([\s\S]*)$/);
          if (!m) throw new Error(`${p}: no front matter`);
          const front = parseFrontMatter(m[1]);
          const body = front.format === "html" ? htmlToText(m[2]) : markdownToText(m[2]);
          articles.push({
            id: String(front.id),
            title: front.title,
            keywords: [...(front.keywords || []), ...(front.questions || [])].join(" "),
            body,
          });
        }
      }
    };
    walk(dir);
    locales[locale.toLowerCase()] = { articles, stopWords: readStopWords(path.join(dir, "_data/stopwords.txt")) };
  }
  return locales;
}

function loadExport(file, dataRoot) {
  const data = JSON.parse(fs.readFileSync(file, "utf8"));
  const locales = {};
  for (const a of data.articles) {
    if (a.draft) continue;
    const locale = a.locale.toLowerCase();
    locales[locale] ??= {
      articles: [],
      stopWords: readStopWords(path.join(dataRoot, locale, "_data/stopwords.txt")),
    };
    locales[locale].articles.push({
      id: String(a.id),
      title: a.title,
      keywords: (a.label_names || []).join(" "),
      body: htmlToText(a.body || ""),
    });
  }
  return locales;
}

function readStopWords(file) {
  if (!fs.existsSync(file)) return new Set();
  const words = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.split("#")[0])
    .flatMap((l) => l.split(/\s+/))
    .filter(Boolean)
    .map((w) => w.normalize("NFKC").toLowerCase());
  return new Set(words);
}

// ---------------------------------------------------------------------------------------------
// The libraries, each with the same tokenizer.

/** Intl.Segmenter words without stop words; a Chinese word also yields its characters, so a
 * query word the segmenter cut differently still meets the article (for MiniSearch this scored
 * 0.741 MRR@5 on zh-cn dev against 0.668 with words alone, for FlexSearch 0.629 against 0.567). */
function tokenizerFor(locale, stopWords) {
  const segmenter = new Intl.Segmenter(locale.startsWith("zh") ? "zh" : "en", { granularity: "word" });
  const han = /\p{Script=Han}/u;
  return (text) => {
    const out = [];
    for (const s of segmenter.segment(text.normalize("NFKC").toLowerCase())) {
      if (!s.isWordLike || stopWords.has(s.segment)) continue;
      out.push(s.segment);
      const chars = [...s.segment];
      if (chars.length > 1 && han.test(s.segment)) out.push(...chars);
    }
    return out;
  };
}

function miniSearch(articles, tokenize) {
  const index = new MiniSearch({
    fields: ["title", "keywords", "body"],
    idField: "id",
    tokenize: (text) => tokenize(text),
    processTerm: (term) => term,
    searchOptions: {
      boost: { title: 3, keywords: 2, body: 0.5 },
      prefix: true,
      fuzzy: 0.2,
      combineWith: "OR",
    },
  });
  index.addAll(articles);
  return (q) => index.search(q).slice(0, 10).map((r) => String(r.id));
}

function flexSearch(articles, tokenize, locale) {
  const encoder = locale.startsWith("zh")
    ? new FlexSearch.Encoder(FlexSearch.Charset.Normalize, { prepare: (s) => tokenize(s).join(" ") })
    : new FlexSearch.Encoder(FlexSearch.Charset.LatinBalance, { prepare: (s) => tokenize(s).join(" ") });
  const index = new FlexSearch.Document({
    document: { id: "id", index: ["title", "keywords", "body"] },
    tokenize: "forward",
    encoder,
  });
  for (const a of articles) index.add(a);
  return (q) => index.search(q, { limit: 10, suggest: true, merge: true }).slice(0, 10).map((r) => String(r.id));
}

/** Fuse.js matches whole strings fuzzily rather than words. Its own default threshold without
 * the location penalty served it best (zh-cn dev MRR@5 0.435; Intl.Segmenter words joined
 * as an extended-search OR query scored 0.213), so the query goes in as typed. */
function fuse(articles) {
  const index = new Fuse(articles, {
    keys: [
      { name: "title", weight: 3 },
      { name: "keywords", weight: 2 },
      { name: "body", weight: 0.5 },
    ],
    ignoreLocation: true,
  });
  return (q) => index.search(q.normalize("NFKC").toLowerCase(), { limit: 10 }).map((r) => String(r.item.id));
}

// ---------------------------------------------------------------------------------------------
// Ours: the real CLI, fed the same queries over stdin.

function faqEngine(args, workDir) {
  const out = path.join(workDir, "index");
  const source = args.corpus;
  const build = ["build", source, "--out", out];
  if (source.endsWith(".json")) build.push("--data", path.join(repo, "faq-data/content"));
  execFileSync(args.faq, build, { stdio: ["ignore", "ignore", "inherit"] });
  return async (locale, queries, repeat) => {
    const child = spawn(args.faq, ["search", "--index", path.join(out, `${locale}.core`), "--jsonl", "--timings"], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const lines = [];
    let buffered = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      let nl;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        lines.push(JSON.parse(buffered.slice(0, nl)));
        buffered = buffered.slice(nl + 1);
      }
    });
    const done = new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`faq search exited ${code}`))));
    });
    const input = [];
    for (let r = 0; r < repeat + 1; r++) for (const q of queries) input.push(q.q.replace(/\n/g, " "));
    child.stdin.end(input.join("\n") + "\n");
    await done;
    // The first round warms caches, as for the libraries.
    const rounds = lines.slice(queries.length);
    return {
      ranked: queries.map((_, i) => rounds[i].results.map((r) => r.id)),
      micros: rounds.map((l) => l.micros),
    };
  };
}

function timeLibrary(search, queries, repeat) {
  for (const q of queries) search(q.q); // warm-up round
  const micros = [];
  let ranked = [];
  for (let r = 0; r < repeat; r++) {
    const results = [];
    for (const q of queries) {
      const start = process.hrtime.bigint();
      const ids = search(q.q);
      micros.push(Number(process.hrtime.bigint() - start) / 1000);
      results.push(ids);
    }
    ranked = results;
  }
  return { ranked, micros };
}

// ---------------------------------------------------------------------------------------------
// Scoring, as `faq eval` does it: in-scope queries only; MRR@5 on the first listed article,
// Recall@k over all listed articles (out of at most k).

function score(queries, ranked) {
  let mrr = 0, r1 = 0, r5 = 0;
  queries.forEach((q, i) => {
    const ids = ranked[i];
    const relevant = q.relevant.map(String);
    const rank = ids.indexOf(relevant[0]);
    if (rank >= 0 && rank < 5) mrr += 1 / (rank + 1);
    const recall = (k) => relevant.filter((r) => ids.slice(0, k).includes(r)).length / Math.min(relevant.length, k);
    r1 += recall(1);
    r5 += recall(5);
  });
  const n = queries.length || 1;
  return { queries: queries.length, mrr: mrr / n, r1: r1 / n, r5: r5 / n };
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * p)];
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(args.faq)) {
    throw new Error(`${args.faq} not found: run cargo build --release -p faq-data --bin faq (or pass --faq)`);
  }
  const corpus = args.corpus.endsWith(".json")
    ? loadExport(args.corpus, path.join(repo, "faq-data/content"))
    : loadContentTree(args.corpus);
  const allQueries = fs
    .readFileSync(args.queries, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "faq-compare-"));
  const ours = faqEngine(args, workDir);

  const rows = [];
  for (const locale of Object.keys(corpus).sort()) {
    const { articles, stopWords } = corpus[locale];
    const queries = allQueries.filter((q) => q.locale === locale && q.relevant.length > 0);
    if (queries.length === 0) continue;
    const tokenize = tokenizerFor(locale, stopWords);
    const engines = [
      ["faq-data (ours)", async () => ours(locale, queries, args.repeat)],
      ["MiniSearch 7.2.0", async () => timeLibrary(miniSearch(articles, tokenize), queries, args.repeat)],
      ["FlexSearch 0.8.212", async () => timeLibrary(flexSearch(articles, tokenize, locale), queries, args.repeat)],
      ["Fuse.js 7.5.0", async () => timeLibrary(fuse(articles), queries, args.repeat)],
    ];
    for (const [name, run] of engines) {
      const { ranked, micros } = await run();
      const kinds = {};
      if (args.kinds) {
        for (const kind of [...new Set(queries.map((q) => q.kind))].sort()) {
          const pick = queries.map((q, i) => [q, i]).filter(([q]) => q.kind === kind);
          kinds[kind] = score(pick.map(([q]) => q), pick.map(([, i]) => ranked[i]));
        }
      }
      rows.push({ locale, name, articles: articles.length, ...score(queries, ranked), p50: percentile(micros, 0.5), p99: percentile(micros, 0.99), kinds });
    }
  }
  fs.rmSync(workDir, { recursive: true, force: true });

  const pad = (s, n) => String(s).padEnd(n);
  const num = (x, n = 3) => x.toFixed(n);
  console.log(`| locale | engine | articles | queries | MRR@5 | Recall@1 | Recall@5 | p50 µs | p99 µs |`);
  console.log(`| --- | --- | --- | --- | --- | --- | --- | --- | --- |`);
  for (const r of rows) {
    console.log(`| ${r.locale} | ${r.name} | ${r.articles} | ${r.queries} | ${num(r.mrr)} | ${num(r.r1)} | ${num(r.r5)} | ${num(r.p50, 0)} | ${num(r.p99, 0)} |`);
  }
  if (args.kinds) {
    console.log();
    console.log(`MRR@5 per kind`);
    for (const locale of [...new Set(rows.map((r) => r.locale))]) {
      const mine = rows.filter((r) => r.locale === locale);
      const kinds = Object.keys(mine[0].kinds);
      console.log(`| ${locale} | ${kinds.join(" | ")} |`);
      console.log(`| --- |${kinds.map(() => " --- |").join("")}`);
      for (const r of mine) console.log(`| ${pad(r.name, 0)} | ${kinds.map((k) => num(r.kinds[k].mrr)).join(" | ")} |`);
    }
  }
}

main().catch((e) => {
  console.error(`compare: ${e.message}`);
  process.exit(1);
});
