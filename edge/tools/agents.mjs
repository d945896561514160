#!/usr/bin/env node
// Creates a person of the help desk's team and prints their bearer token once (only its SHA-256 is
// stored): the first admin of a new deployment, or a demo agent. Everyone after the first admin
// is better invited from the console (Team), which sends a one-time link.
//
//   node edge/tools/agents.mjs create --name "Li Wei" --department billing [--department security]
//        [--role agent|lead|admin|editor ...] [--email li@example.com --password '…']
//        [--site demo] [--token <known token, for local demos only>] [--local | --remote]
//        [--persist-to <dir>]
//
// Departments are the site's, declared in edge/sites.json; an unknown one is refused here. The
// password is stored as PBKDF2-HMAC-SHA256 in the format desk::password reads.
import { execFileSync } from 'node:child_process';
import { createHash, pbkdf2Sync, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

const edgeDir = resolve(import.meta.dirname, '..');
const ROLES = ['admin', 'lead', 'agent', 'editor'];
const SCOPES = ['cases', 'reports', 'people', 'knowledge_base'];
// desk::password::ITERATIONS
const ITERATIONS = 100000;

function fail(message) {
  console.error(`agents: ${message}`);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    department: { type: 'string', multiple: true, default: [] },
    role: { type: 'string', multiple: true, default: [] },
    email: { type: 'string' },
    password: { type: 'string' },
    site: { type: 'string', default: 'demo' },
    token: { type: 'string' },
    local: { type: 'boolean', default: false },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
});
if (positionals[0] !== 'create') fail('usage: agents.mjs create --name NAME --department DEPT [--role ROLE] [--email E --password P] [--site ID] [--local|--remote]');
if (!values.name?.trim()) fail('--name is required');
if (values.local && values.remote) fail('choose --local or --remote');
if (Boolean(values.email) !== Boolean(values.password)) fail('--email and --password go together');
if (values.password && [...values.password].length < 10) fail('--password must have at least 10 characters');
const roles = values.role.length ? [...new Set(values.role)] : ['agent'];
if (roles.some((r) => !ROLES.includes(r))) fail(`--role must be one of: ${ROLES.join(', ')}`);

const sites = JSON.parse(readFileSync(resolve(edgeDir, 'sites.json'), 'utf8'));
const site = sites.find((s) => s.id === values.site);
if (!site) fail(`unknown site ${values.site} (see edge/sites.json)`);
const departments = [...new Set(values.department)];
if (!departments.length || departments.some((d) => !site.departments.includes(d))) {
  fail(`--department (one or more) must be of: ${site.departments.join(', ')}`);
}

const token = values.token ?? randomBytes(24).toString('hex');
const digest = (t) => createHash('sha256').update(t).digest('hex');
const id = `agent-${randomUUID()}`;
const now = Date.now();
const quote = (s) => (s === null ? 'NULL' : `'${String(s).replaceAll("'", "''")}'`);
let passwordHash = null;
if (values.password) {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(values.password, salt, ITERATIONS, 32, 'sha256');
  passwordHash = `pbkdf2-sha256$${ITERATIONS}$${salt.toString('hex')}$${hash.toString('hex')}`;
}
const email = values.email ? values.email.trim().toLowerCase() : null;
const sql = [
  `INSERT INTO agents (id, site, name, department, token_digest, created_at, email, roles, password_hash, active) VALUES (${[
    id, site.id, values.name.trim(), departments[0], `none:${id}`].map(quote).join(', ')}, ${now}, ${quote(email)}, ${quote(JSON.stringify(roles))}, ${quote(passwordHash)}, 1)`,
  ...departments.map((d) => `INSERT INTO agent_departments (agent_id, department) VALUES (${quote(id)}, ${quote(d)})`),
  `INSERT INTO credentials (token_digest, id, agent_id, kind, label, scopes, created_at) VALUES (${[
    digest(token), `cred-${randomUUID()}`, id, 'api', 'created by agents.mjs', JSON.stringify(SCOPES)].map(quote).join(', ')}, ${now})`,
].join('; ');

const args = ['d1', 'execute', 'DB', values.remote ? '--remote' : '--local', '--command', sql];
if (values['persist-to']) args.push('--persist-to', values['persist-to']);
execFileSync('wrangler', args, { cwd: edgeDir, stdio: ['ignore', 'ignore', 'inherit'], env: process.env });

console.log(JSON.stringify({ id, name: values.name.trim(), department: departments[0], departments, roles, email, site: site.id, token }));
