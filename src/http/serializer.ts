// Response serialization: each route's zod response schema is compiled once (on first use)
// to JSON Schema and then to a fast-json-stringify function, instead of running zod over
// every response object. The conversion is the one the OpenAPI documents use (output side),
// so the wire contract is the documented one: unknown keys are dropped, as zod's strip does.
// A schema JSON Schema cannot express (dates, custom types) keeps the zod serializer.
import fastJson from 'fast-json-stringify';
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

export function compileSerializer(schema: z.ZodType): Serialize | null {
  const cached = bySchema.get(schema);
  if (cached) return cached;
  let fn: Serialize;
  try {
    const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-7' }) as Record<string, unknown>;
    delete json.$schema;
    fn = fastJson(json as unknown as Parameters<typeof fastJson>[0]);
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
