// Response serialization: each route's zod response schema is compiled once (on first use)
// to JSON Schema and then to a projection that JSON.stringify writes (json-projection.ts),
// instead of running zod over every response object. The conversion is the one the OpenAPI
// documents use (output side), so the wire contract is the documented one: unknown keys are
// dropped, as zod's strip does. A schema the projection does not express (references,
// unions of several objects) gets a fast-json-stringify function; one JSON Schema cannot
// express (dates, custom types) keeps the zod serializer.
import fastJson from 'fast-json-stringify';
import { compileProjection } from './json-projection.js';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Serialize = (data: unknown) => string;
const zodSerializer = createSerializerCompiler({});
const bySchema = new WeakMap<object, Serialize>();

function zodOf(schema: unknown): z.ZodType | null {
  if (schema instanceof z.ZodType) return schema;
  const inner = (schema as { properties?: unknown } | null)?.properties;
  return inner instanceof z.ZodType ? inner : null;
}

const SUBSCHEMA_MAPS = ['properties', 'definitions', 'patternProperties'];
const SUBSCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SUBSCHEMAS = ['items', 'additionalProperties', 'not'];

/**
 * fast-json-stringify writes required properties before optional ones; clients (and the
 * vendors' docs) see keys in schema order, so `required` is dropped (the handlers' types
 * already guarantee the properties; an absent one is left out rather than failing).
 */
function keepKeyOrder(schema: unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = { ...(schema as Record<string, unknown>) };
  delete out.required;
  for (const k of SUBSCHEMA_MAPS) {
    const m = out[k] as Record<string, unknown> | undefined;
    if (m && typeof m === 'object') out[k] = Object.fromEntries(Object.entries(m).map(([name, s]) => [name, keepKeyOrder(s)]));
  }
  for (const k of SUBSCHEMA_LISTS) if (Array.isArray(out[k])) out[k] = (out[k] as unknown[]).map(keepKeyOrder);
  for (const k of SUBSCHEMAS) if (out[k] !== undefined) out[k] = Array.isArray(out[k]) ? (out[k] as unknown[]).map(keepKeyOrder) : keepKeyOrder(out[k]);
  return out;
}

export function compileSerializer(schema: z.ZodType): Serialize | null {
  const cached = bySchema.get(schema);
  if (cached) return cached;
  let fn: Serialize;
  try {
    const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7' }) as Record<string, unknown>;
    delete json.$schema;
    const project = compileProjection(json);
    fn = project ? (data) => JSON.stringify(project(data)) ?? '' : fastJson(keepKeyOrder(json) as unknown as Parameters<typeof fastJson>[0]);
  } catch {
    return null;
  }
  bySchema.set(schema, fn);
  return fn;
}

export const serializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  let fn: Serialize | undefined;
  return (data) => {
    if (!fn) {
      const schema = zodOf(route.schema);
      fn = (schema && compileSerializer(schema)) || zodSerializer(route as Parameters<typeof zodSerializer>[0]);
    }
    return fn(data);
  };
};
