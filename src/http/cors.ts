// CORS for browser clients on other origins (web forms posting to the anonymous SupportBee
// route, dashboards). Off unless CORS_ORIGINS lists origins. The hook runs at the root, before
// any dialect's auth hook, so a preflight is answered without credentials.
import type { FastifyInstance } from 'fastify';
import cors from '@fastify/cors';

export async function registerCors(app: FastifyInstance, origins: string[]): Promise<void> {
  if (!origins.length) return;
  const any = origins.includes('*');
  const allowed = new Set(origins);
  await app.register(cors, {
    // Only listed origins get CORS headers; the browser blocks the rest.
    origin: any ? '*' : (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // Credentials travel in headers, never cookies.
    credentials: false,
    exposedHeaders: ['x-request-id', 'retry-after', 'x-total-count', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'etag'],
    maxAge: 600,
    logLevel: 'debug',
  });
}
