// The OpenAPI contract against the real worker: starts it under `wrangler dev` (a fresh local D1,
// one agent), then runs schemathesis (pinned in tests/contract/requirements.txt, installed into
// .venv by scripts/setup.sh) over the whole of edge/openapi.yaml. It generates valid and invalid
// requests for every operation and checks that no answer is a server error, that every status,
// content type and body is the one the spec documents, and that invalid requests are refused.
// The run is bounded: a fixed number of examples per operation and a fixed seed (about 4,200
// cases, two to three minutes on two cores; the count varies a little with the worker's answers).
// `node tests/contract/run.mjs [extra schemathesis options, e.g. --seed 7]`.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { newTicket, userHash } from '../../edge/tests/support/worker.mjs';
import { startEdge } from '../e2e/support/edge.mjs';

const root = resolve(import.meta.dirname, '../..');
const CHECKS = 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,negative_data_rejection';
const MAX_EXAMPLES = 100;
const SEED = 20261206;

const started = Date.now();
// Every request comes from one client: budgets scaled up so they are not spent in the first
// seconds (429 is documented on every metered route, and the worker tests check the limits).
// The agent is an admin of every department, so the team's routes answer past their 403. Signing
// out is left out of the run: it would revoke the token every later request uses (the worker
// tests cover it).
const departments = ['general', 'billing', 'security', 'technical', 'privacy'];
const edge = await startEdge({ agents: [['Contract Admin', departments, ['admin']]], rateLimitScale: 1000 });
let code;
try {
  const user = 'contract-user';
  const filed = await fetch(`${edge.url}/api/v1/tickets?site=demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user-id': user, 'x-user-hash': userHash(user) },
    body: JSON.stringify(newTicket()),
  });
  if (filed.status !== 201) throw new Error(`filing the contract run's ticket: ${filed.status} ${await filed.text()}`);
  const ticket = (await filed.json()).ticket;
  const args = [
    '--config-file', resolve(import.meta.dirname, 'schemathesis.toml'),
    'run', resolve(root, 'edge/openapi.yaml'),
    '--url', edge.url,
    '--checks', CHECKS,
    '--max-examples', String(MAX_EXAMPLES),
    '--seed', String(SEED),
    '--workers', '1',
    '--request-timeout', '20',
    // A failing case's request is shown cut short (bodies can be 100 KB).
    '--output-truncate', 'true',
    '--exclude-path', '/api/v1/team/sign-out',
    ...process.argv.slice(2),
  ];
  const st = spawn(resolve(root, '.venv/bin/st'), args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NO_COLOR: '1', AGENT_TOKEN: edge.agents[0].token, USER_ID: user, USER_HASH: userHash(user), TICKET_ID: ticket.id },
  });
  code = await new Promise((done, fail) => st.once('exit', done).once('error', fail));
} finally {
  await edge.stop();
}
console.log(`contract check: exit ${code}, ${((Date.now() - started) / 1000).toFixed(0)} s including the worker's start`);
process.exit(code ?? 1);
