// One path through the real `wrangler dev` (workerd, local D1 migrated by wrangler): a page on
// another loopback port files a ticket with an idempotency key and reads it back.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startEdge } from '../../tests/e2e/support/edge.mjs';
import { newTicket } from './support/worker.mjs';
import { conforms } from './support/openapi.mjs';

let edge;
before(async () => { edge = await startEdge(); });
after(() => edge?.stop());

test('a cross-origin widget files a ticket, retries it, and reads it back', async () => {
  const origin = 'http://127.0.0.1:45678';
  const path = '/api/v1/tickets?site=demo';
  const preflight = await fetch(`${edge.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get('access-control-allow-origin'), origin);

  const send = () => fetch(`${edge.url}${path}`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json', 'idempotency-key': 'wrangler-dev-1' },
    body: JSON.stringify(newTicket({ channel: 'app' })),
  });
  const created = await send();
  const body = await created.json();
  assert.equal(created.status, 201, JSON.stringify(body));
  conforms('POST', path, 201, body);
  const retried = await send();
  assert.equal(retried.status, 200);
  assert.equal((await retried.json()).ticket.id, body.ticket.id);

  const read = await fetch(`${edge.url}/api/v1/tickets/${body.ticket.id}?site=demo`, {
    headers: { origin, 'x-requester-token': body.requester_token },
  });
  const ticket = await read.json();
  conforms('GET', `/api/v1/tickets/${body.ticket.id}`, 200, ticket);
  assert.equal(ticket.channel, 'app');
});
