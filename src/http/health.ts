// Liveness and readiness.
import type { FastifyPluginAsync } from 'fastify';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  // Probes arrive every few seconds: logged at debug, not info.
  app.get('/healthz', { schema: { hide: true }, logLevel: 'debug' }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, logLevel: 'debug' }, async (_req, reply) => {
    try {
      await app.db.$queryRawUnsafe('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable', message: 'database unreachable' });
    }
  });
};
