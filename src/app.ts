// buildApp(config, db) -> a ready Fastify instance: shared plugins, health, admin API, dialects.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import jwt from '@fastify/jwt';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { defaultErrorHandler } from './http/errors.js';
import { serializerCompiler } from './http/serializer.js';
import { logProbesAtDebug, loggerOptions, skipProbeLogging } from './http/logging.js';
import { registerRateLimit } from './http/rate-limit.js';
import { healthRoutes } from './http/health.js';
import { rootRoute } from './http/root.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { registerCors } from './http/cors.js';
import { registerCompression } from './http/compression.js';
import { registerEtag } from './http/etag.js';
import { registerMetrics } from './http/metrics.js';
import type { PoolStats } from './db/adapter.js';
import { rejectUnstorableInput } from './http/storable-input.js';
import { recordRoutes } from './http/route-list.js';
import { adminApi } from './admin/index.js';
import { registerIdempotency } from './http/idempotency.js';
import { requestScopedDb } from './http/request-transaction.js';
import { startWebhookWorker } from './webhooks/worker.js';
import { dialects } from './dialects/registry.js';
import { jwtSecret } from './auth/jwt-secret.js';
import { enforceRequestDeadlines, serverTimeoutOptions } from './http/timeouts.js';
import { registerLoadShedding } from './http/load-shedding.js';
import { Readiness } from './http/readiness.js';
import { registerResponseHeaders } from './http/response-headers.js';
import { openBlobStore } from './storage/index.js';
import { startSweeper } from './storage/sweeper.js';
import { PrincipalCache } from './auth/principal-cache.js';
import './http/types.js';

export interface BuildOptions {
  /** Logger override (tests pass a stream or false). */
  logger?: Config['logLevel'] | false | object;
  /** The database pool's connection counts, for metrics. */
  poolStats?: () => PoolStats;
}

export async function buildApp(config: Config, db: Db, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : typeof opts.logger === 'object' ? opts.logger : loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimit,
    logController: new LogController({ disableRequestLogging: skipProbeLogging }),
    trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,128}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { coerceTypes: 'array' } },
    routerOptions: {
      // Path segments carry label names, refs and searches longer than Fastify's default 100.
      maxParamLength: 1000,
      // Clients that build URLs by joining segments send `/tickets/`: the same resource.
      ignoreTrailingSlash: true,
    },
    ...serverTimeoutOptions(config.server),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Requests holding an Idempotency-Key run their database calls in one transaction (see http/idempotency.ts).
  app.decorate('db', requestScopedDb(db));
  app.decorate('config', config);
  app.decorate('principalCache', new PrincipalCache(config.tokenCacheTtlMs));
  app.decorate('attachmentStore', { blobs: await openBlobStore(config.storage, db), maxBytes: config.attachments.maxBytes });
  app.decorate('readiness', new Readiness(db));
  registerResponseHeaders(app, config.pressure);
  enforceRequestDeadlines(app, config.server);
  await registerLoadShedding(app, config.pressure);
  app.decorateRequest('principal', null);
  recordRoutes(app);
  app.setErrorHandler(defaultErrorHandler);
  registerIdempotency(app, db, config.idempotency);
  // Root hooks run for every route, so each dialect answers with its own 400/422.
  rejectUnstorableInput(app);
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ message: `Route ${req.method} ${req.url.split('?')[0]} not found` }));

  // Many clients send `Content-Type: application/json` on bodyless POST/DELETE actions:
  // an empty body is no body, not malformed JSON (prototype-poisoning checks kept).
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => (body.length === 0 ? done(null, undefined) : json(req, body.toString(), done)));
  // No dialect takes plain text: such a body is 415 in the dialect's envelope, not a string
  // that fails validation as if fields were missing.
  app.removeContentTypeParser('text/plain');
  await app.register(formbody);
  await app.register(multipart, {
    limits: { fileSize: config.attachments.maxBytes, files: config.attachments.maxFiles, fields: 50, fieldSize: 64 * 1024 },
  });
  await app.register(jwt, { secret: await jwtSecret(db, config.jwtSecret, { production: config.production }) });
  // Operations plugins first: their hooks and onRoute taggers must see every route.
  registerSecurityHeaders(app);
  await registerCors(app, config.corsOrigins);
  if (config.etag) registerEtag(app);
  await registerCompression(app);
  await registerMetrics(app, config, opts.poolStats);
  app.readiness.redis = await registerRateLimit(app, config.redisUrl, config.redisCommandTimeoutMs);
  // Loaded only when served: the docs carry Swagger's route collector and the UI.
  if (config.docs) await (await import('./http/docs/index.js')).registerDocs(app, config);

  logProbesAtDebug(app);
  await app.register(rootRoute);
  await app.register(healthRoutes);
  await app.register(adminApi, { prefix: '/admin/v1' });
  for (const d of dialects) await app.register(d.plugin, { prefix: config.prefixes[d.name] });

  const stopSweeper = startSweeper(db, app.attachmentStore, config.sweeper, app.log);
  app.addHook('onClose', async () => stopSweeper());
  if (config.webhooks.worker) startWebhookWorker(app, db, config.webhooks);

  await app.ready();
  return app;
}
