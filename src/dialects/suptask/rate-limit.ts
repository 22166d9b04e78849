// GET /ticket/{ticketNumber} is limited per person (user), whatever token or JWT they use (default 100 per 15 minutes). The limiter
// runs right after authentication, before validation, so every answer of the route counts
// and carries the X-RateLimit-* headers; X-RateLimit-Reset is an ISO 8601 timestamp.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { limit } from '../../http/rate-limit.js';
import { principalOf } from '../../http/auth.js';

// Per person, whatever API token or JWT they use. The workspace slug keeps keys apart when
// several databases share one Redis (tests, staging). Refused callers (401) count by address.
const personKey = (req: FastifyRequest) => {
  if (!req.principal) return `ip:${req.ip}`;
  const p = principalOf(req);
  return `${p.workspaceSlug}:u${p.userId}`;
};

export function ticketReadLimit(app: FastifyInstance): RateLimitOptions {
  const { max, windowMs } = app.config.limits.suptask;
  return limit({
    group: 'suptask-ticket',
    max,
    timeWindow: windowMs,
    key: personKey,
    hook: 'onRequest',
    errorResponseBuilder: (_req, ctx) =>
      Object.assign(new Error(`Too many requests: rate limit of ${ctx.max} requests exceeded, retry in ${Math.ceil(ctx.ttl / 1000)} seconds`), { statusCode: 429 }),
  });
}

/**
 * The same limit for answers the auth hook gives before the route's limiter runs (401, 403):
 * Suptask sends the X-RateLimit-* headers on every answer of the limited route.
 */
export function refusedReadLimit(app: FastifyInstance) {
  const guard = app.rateLimit(ticketReadLimit(app));
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (req.routeOptions.config?.rateLimit) await guard.call(app, req, reply);
  };
}

/** Rewrites @fastify/rate-limit's reset (seconds from now) as the ISO 8601 instant. */
export function isoRateLimitReset(app: FastifyInstance): void {
  app.addHook('onSend', async (_req, reply, payload) => {
    const reset = reply.getHeader('x-ratelimit-reset');
    if (reset !== undefined && /^\d+$/.test(String(reset))) {
      const at = Math.ceil((Date.now() + Number(reset) * 1000) / 1000) * 1000;
      reply.header('x-ratelimit-reset', new Date(at).toISOString());
    }
    return payload;
  });
}
