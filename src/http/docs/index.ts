// API docs: @fastify/swagger collects the route schemas; GET /docs lists one Swagger UI page
// per dialect (and the admin API), each reading its own document with its vendor's
// security schemes. Documents are cut on first request, page and asset code is imported on
// first request: a server nobody reads docs on carries neither.
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { pkg } from '../../version.js';
import { docTargets, documentFor, type Spec } from './documents.js';
import { idempotencyHeaderDoc } from '../idempotency.js';

export async function registerDocs(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'polydesk', version: pkg.version, description: 'One ticket domain, five vendor dialects.' },
    },
    transform: withIdempotencyHeader,
  });
  const targets = docTargets(config.prefixes);
  const cut = new Map<string, Spec>();
  const documentOf = (name: string): Spec | undefined => {
    const target = targets.find((t) => t.name === name);
    if (!target) return undefined;
    let doc = cut.get(name);
    if (!doc) cut.set(name, (doc = documentFor(app.swagger() as Spec, target)));
    return doc;
  };
  const ui = () => import('./ui.js');
  const route = { schema: { hide: true }, config: { securityHeaders: 'docs' } } as const;
  const notFound = { message: 'No such API document' };

  app.get('/docs', route, async (_req, reply) => reply.type('text/html; charset=utf-8').send((await ui()).indexPage(targets)));
  app.get<{ Params: { name: string } }>('/docs/:name', route, async (req, reply) => {
    const target = targets.find((t) => t.name === req.params.name);
    if (!target) return reply.status(404).send(notFound);
    return reply.type('text/html; charset=utf-8').send((await ui()).documentPage(target, targets));
  });
  app.get<{ Params: { name: string } }>('/docs/:name/openapi.json', route, async (req, reply) => {
    const doc = documentOf(req.params.name);
    return doc ? reply.type('application/json; charset=utf-8').send(doc) : reply.status(404).send(notFound);
  });
  app.get<{ Params: { file: string } }>('/docs/assets/:file', route, async (req, reply) => {
    const asset = await (await ui()).openAsset(req.params.file);
    if (!asset) return reply.status(404).send({ message: 'No such asset' });
    return reply.type(asset.type).header('cache-control', 'public, max-age=86400').send(asset.body);
  });
}

/** Routes that honour Idempotency-Key document the header. */
const withIdempotencyHeader: typeof jsonSchemaTransform = (input) => {
  const out = jsonSchemaTransform(input);
  if (!(input.route.config as { idempotent?: boolean } | undefined)?.idempotent) return out;
  const schema = out.schema as { headers?: { type?: string; properties?: Record<string, unknown> } };
  const headers = schema.headers ?? { type: 'object', properties: {} };
  return { ...out, schema: { ...schema, headers: { ...headers, type: 'object', properties: { ...headers.properties, 'Idempotency-Key': idempotencyHeaderDoc } } } };
};
