#!/usr/bin/env node
// Creates a help-desk agent and prints their bearer token once (only its SHA-256 is stored).
//
//   node edge/tools/agents.mjs create --name "Li Wei" --department billing [--site demo]
//        [--token <known token, for local demos only>] [--local | --remote] [--persist-to <dir>]
//
// Departments are the site's, declared in edge/sites.json; an unknown one is refused here.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const edgeDir = resolve(import.meta.dirname, '..');

function fail(message) {
  console.error(`agents: ${message}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    department: { type: 'string' },
    site: { type: 'string', default: 'demo' },
    token: { type: 'string' },
    local: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});
if (positionals[0] !== 'create') fail('usage: agents.mjs create --name NAME --department DEPT [--site ID] [--local|--remote]');
if (!values.name?.trim()) fail('--name is required');
if (values.local && values.remote) fail('choose --local or --remote');

const sites = JSON.parse(readFileSync(resolve(edgeDir, 'sites.json'), 'utf8'));
const site = sites.find((s) => s.id === values.site);
if (!site) fail(`unknown site ${values.site} (see edge/sites.json)`);
if (!site.departments.includes(values.department)) {
  fail(`--department must be one of: ${site.departments.join(', ')}`);
}

const token = values.token ?? randomBytes(24).toString('hex');
const digest = createHash('sha256').update(token).digest('hex');
const id = `agent-${randomUUID()}`;
const quote = (s) => `'${String(s).replaceAll("'", "''")}'`;
const sql = `INSERT INTO agents (id, site, name, department, token_digest, created_at) VALUES (${[
  id, site.id, values.name.trim(), values.department, digest,
].map(quote).join(', ')}, ${Date.now()})`;

const args = ['d1', 'execute', 'DB', values.remote ? '--remote' : '--local', '--command', sql];
if (values['persist-to']) args.push('--persist-to', values['persist-to']);
execFileSync('wrangler', args, { cwd: edgeDir, stdio: ['ignore', 'ignore', 'inherit'], env: process.env });

console.log(JSON.stringify({ id, name: values.name.trim(), department: values.department, site: site.id, token }));
