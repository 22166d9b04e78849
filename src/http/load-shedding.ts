// Load shedding: @fastify/under-pressure refuses new requests while the event loop lags or
// memory is above its limits, instead of queueing them forever. Refusals go through the
// route's error handler (each dialect's envelope), and every 503 carries Retry-After.
import type { FastifyInstance } from 'fastify';
import underPressure from '@fastify/under-pressure';
import type { Config } from '../config.js';

class OverloadedError extends Error {
  readonly statusCode = 503;
  constructor(readonly pressure: string) {
    super(`Service temporarily unavailable (${pressure}), retry later`);
  }
}

export async function registerLoadShedding(app: FastifyInstance, p: Config['pressure']): Promise<void> {
  await app.register(underPressure, {
    maxEventLoopDelay: p.maxEventLoopDelayMs,
    maxHeapUsedBytes: p.maxHeapBytes,
    maxRssBytes: p.maxRssBytes,
    retryAfter: p.retryAfterSeconds,
    // Liveness stays green under load: an overloaded process is not a dead one.
    pressureHandler: async (req, _reply, type) => {
      if (req.url === '/healthz') return;
      throw new OverloadedError(type);
    },
  });
  // Whatever answers 503 (shedding, database down, draining readiness) says when to retry: response-headers.ts.
}
