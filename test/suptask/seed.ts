// The seed's own OpenAPI fragments (test/suptask/fixtures/seed-openapi.json, merged verbatim
// from seed 000) as Ajv validators: every 2xx body is checked against the vendor's schemas.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { expect } from 'vitest';

type Json = Record<string, any>;
const seed: Json = JSON.parse(readFileSync(new URL('./fixtures/seed-openapi.json', import.meta.url), 'utf8'));
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = addFormats(new Ajv({ allErrors: true, strict: false }));

/** Inlines `#/components/...` references. */
function resolve(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(resolve);
  if (node && typeof node === 'object') {
    const o = node as Json;
    if (typeof o.$ref === 'string') return resolve(o.$ref.slice(2).split('/').reduce((acc: Json, k: string) => acc[k], seed));
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolve(v)]));
  }
  return node;
}

export const seedTicketSchema = resolve(seed.components.schemas.Ticket) as Json;

const cache = new Map<string, ValidateFunction>();
/** The validator for one documented response of one seed operation. */
export function seedValidator(path: string, method: string, status: number): ValidateFunction {
  const id = `${method} ${path} ${status}`;
  let v = cache.get(id);
  if (!v) {
    const schema = seed.paths[path]?.[method]?.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`the seed documents no JSON body for ${id}`);
    v = ajv.compile(resolve(schema) as Json);
    cache.set(id, v);
  }
  return v;
}

/** Asserts `body` matches the seed's schema for that response. */
export function expectSeed(path: string, method: string, status: number, body: unknown): void {
  const v = seedValidator(path, method, status);
  expect(v(body), `${method.toUpperCase()} ${path} ${status}: ${ajv.errorsText(v.errors)}`).toBe(true);
}

/** A Ticket: the seed schema, and no property the seed does not define. */
export function expectSeedTicket(body: Json): void {
  expectSeed('/ticket/{ticketNumber}', 'get', 200, body);
  expect(Object.keys(body).filter((k) => !(k in seedTicketSchema.properties))).toEqual([]);
}

/** PATCH and DELETE document no body: the same {success, message} as the other actions. */
export const expectSuccess = (body: unknown) => expectSeed('/ticket/reply/{ticketId}', 'post', 200, body);
