// Checks answers against edge/openapi.yaml: the status must be documented for the route, and
// the body must match the documented schema (JSON Schema 2020-12, compiled by ajv).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';

const spec = parse(readFileSync(resolve(import.meta.dirname, '../../openapi.yaml'), 'utf8'));
const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { date: /^\d{4}-\d{2}-\d{2}$/ } });
ajv.addSchema(spec, 'openapi');

const routes = Object.entries(spec.paths).map(([template, operations]) => ({
  template,
  operations,
  pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
}));

function deref(node) {
  while (node?.$ref) {
    node = node.$ref.slice(2).split('/').reduce((at, key) => at[key], spec);
  }
  return node;
}

/** Throws unless `status` and `body` are what the contract says `method path` answers. */
export function conforms(method, url, status, body) {
  const path = new URL(url, 'http://x').pathname;
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) throw new Error(`${path} is not in openapi.yaml`);
  const operation = route.operations[method.toLowerCase()];
  if (!operation) throw new Error(`${method} ${route.template} is not in openapi.yaml`);
  const response = deref(operation.responses[String(status)]);
  if (!response) throw new Error(`${method} ${route.template} does not document status ${status}`);
  const media = response.content?.['application/json'];
  if (!media) {
    if (body !== undefined) throw new Error(`${method} ${route.template} ${status} documents no body`);
    return;
  }
  const ref = media.schema.$ref;
  const validate = ajv.getSchema(`openapi${ref}`);
  if (!validate(body)) {
    throw new Error(`${method} ${route.template} ${status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
  }
}

/** Every documented method and path, to check that the tests call them all. */
export function documentedRoutes() {
  return routes.flatMap((r) => Object.keys(r.operations).map((m) => `${m.toUpperCase()} ${r.template}`));
}
