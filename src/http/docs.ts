// OpenAPI: route schemas feed @fastify/swagger; one document per dialect and one for the
// admin API are cut from it by path prefix and checked in under openapi/.
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { idempotencyHeaderDoc } from './idempotency.js';

export async function registerDocs(app: FastifyInstance, ui: boolean): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'polydesk', version: '0.1.0', description: 'One ticket domain, five vendor dialects.' },
    },
    transform: withIdempotencyHeader,
  });
  if (ui) await app.register(swaggerUi, { routePrefix: '/docs' });
}

/** Routes that honour Idempotency-Key document the header. */
const withIdempotencyHeader: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  if (!(input.route.config as { idempotent?: boolean } | undefined)?.idempotent) return out;
  const schema = out.schema as { headers?: { type?: string; properties?: Record<string, unknown> } };
  const headers = schema.headers ?? { type: 'object', properties: {} };
  return { ...out, schema: { ...schema, headers: { ...headers, type: 'object', properties: { ...headers.properties, 'Idempotency-Key': idempotencyHeaderDoc } } } };
};

type Spec = { paths?: Record<string, unknown>; components?: Record<string, unknown>; [k: string]: unknown };

/** The part of the full document under `prefix`, with paths relative to a server at the prefix. */
export function documentFor(
  full: Spec,
  name: string,
  prefix: string,
  title: string,
  security?: { schemes: Record<string, object>; use: string[] },
): Spec {
  const paths: Record<string, unknown> = {};
  for (const [p, item] of Object.entries(full.paths ?? {})) {
    if (p === prefix || p.startsWith(prefix + '/')) paths[p.slice(prefix.length) || '/'] = item;
  }
  return {
    openapi: full.openapi,
    info: { title, version: (full.info as { version: string }).version, description: `polydesk ${name} dialect` },
    servers: [{ url: prefix || '/' }],
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    ...(security ? { security: security.use.map((s) => ({ [s]: [] })) } : {}),
    components: { ...(full.components ?? {}), ...(security ? { securitySchemes: security.schemes } : {}) },
  };
}
